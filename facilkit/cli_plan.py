"""Plan commands and the TUI entry (filled in by the plans and TUI work)."""

from __future__ import annotations

import argparse


def add_plan_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """Register ``facilkit plan ...`` and ``facilkit open``."""


def run_tui(args: argparse.Namespace) -> int:
    """Open the terminal UI."""
    raise SystemExit("facilkit: the TUI is not built yet; try 'facilkit methods list'")
