"""Run mode's words in Danish and English, registered with :mod:`facilkit.i18n`.

Kept in one place so they move to the language catalogues together.
"""

from __future__ import annotations

from facilkit.i18n import register

register(
    {
        "run.report": ("Rapport: planlagt og faktisk", "Report: planned and actual"),
        "run.run_n": ("Kørsel {n}", "Run {n}"),
        "run.started": ("Startede", "Started"),
        "run.ended": ("Sluttede", "Ended"),
        "run.not_ended": ("ikke afsluttet", "not ended"),
        "run.planned": ("Planlagt", "Planned"),
        "run.actual": ("Faktisk", "Actual"),
        "run.difference": ("Forskel", "Difference"),
        "run.what_happened": ("Hvad skete der", "What happened"),
        "run.skipped": ("sprunget over", "skipped"),
        "run.not_reached": ("nåede vi ikke", "not reached"),
        "run.added": ("{minutes:+d} min", "{minutes:+d} min"),
        "run.paused_for": ("pause {minutes} min", "paused {minutes} min"),
        "run.timeouts": ("Timeouts", "Timeouts"),
        "run.timeout_at": (
            "Timeout {clock} ({minutes} min) under {title}",
            "Timeout at {clock} ({minutes} min) during {title}",
        ),
        "run.no_note": ("ingen note", "no note"),
        "run.outcomes": ("Ønskede resultater", "Desired outcomes"),
        "run.reached": ("nået", "reached"),
        "run.not_reached_outcome": ("ikke nået", "not reached"),
        "run.agreements": ("Aftaler og opfølgning", "Agreements and follow-up"),
        "run.meeting_total": ("Mødet i alt", "The whole meeting"),
        "run.no_runs": (
            "{plan} er ikke kørt endnu. Start med: facilkit run {plan}",
            "{plan} has not been run yet. Start one with: facilkit run {plan}",
        ),
        "run.no_such_run": (
            "{plan} har ingen kørsel {n} (kørsler: {known})",
            "{plan} has no run {n} (runs: {known})",
        ),
    }
)
