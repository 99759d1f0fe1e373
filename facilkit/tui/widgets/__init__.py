"""Widgets: small, message-driven building blocks for the screens."""
