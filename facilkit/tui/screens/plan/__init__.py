"""The plan wizard, a view of the plan editor.

screen (PlanScreen: fields ⇄ editor, steps, undo, files), steps (the layout of each
step), agenda (the agenda table and its panes), agenda_actions (what the agenda's
keys do), fields (which widget holds which plan field), saving (conflicts, leaving).
"""

from facilkit.tui.screens.plan.screen import PlanScreen
from facilkit.tui.screens.plan.steps import STEPS

__all__ = ["STEPS", "PlanScreen"]
