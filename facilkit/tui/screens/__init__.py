"""Screens: home (plans), library browser and the plan wizard."""
