"""The plan wizard, a view of the plan editor: the screen, its agenda step, fields and saving."""

from facilkit.tui.screens.plan.screen import STEPS, PlanScreen

__all__ = ["STEPS", "PlanScreen"]
