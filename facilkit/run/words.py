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
        # run mode in the TUI
        "key.run": ("Kør mødet", "Run meeting"),
        "key.run_next": ("Næste", "Next"),
        "key.run_previous": ("Forrige", "Previous"),
        "key.run_pause": ("Pause", "Pause"),
        "key.run_more": ("+5 min", "+5 min"),
        "key.run_less": ("-5 min", "-5 min"),
        "key.run_skip": ("Spring næste over", "Skip next"),
        "key.run_timeout": ("Timeout", "Timeout"),
        "key.run_room": ("Rummets visning", "Room view"),
        "key.run_end": ("Afslut mødet", "End meeting"),
        "key.run_leave": ("Forlad (gemt)", "Leave (kept)"),
        "key.run_back": ("Tilbage", "Back"),
        "key.run_save_closing": ("Gem afslutningen", "Save the closing"),
        "run.now": ("Nu", "Now"),
        "run.next": ("Næste", "Next"),
        "run.last_item": ("Sidste punkt – derefter afslutning", "Last item – then the closing"),
        "run.clock": ("Klokken", "Time"),
        "run.expected_end": ("Forventet slut", "Expected end"),
        "run.on_time": ("til tiden", "on time"),
        "run.behind": ("{minutes} min bagud", "{minutes} min behind"),
        "run.ahead": ("{minutes} min foran", "{minutes} min ahead"),
        "run.over_frame": (
            "Mødet slutter {minutes} min efter {end}.",
            "The meeting would end {minutes} min after {end}.",
        ),
        "run.still_over": (
            "Selv med forslagene {minutes} min for sent.",
            "Even with these, {minutes} min late.",
        ),
        "run.suggest_shorten": (
            "Forkort «{title}» til {minutes} min (−{saves})",
            "Shorten “{title}” to {minutes} min (−{saves})",
        ),
        "run.suggest_drop": ("Drop «{title}» (−{saves})", "Drop “{title}” (−{saves})"),
        "run.pinned_late": (
            "«{title}» ({clock}) starter {minutes} min for sent",
            "“{title}” ({clock}) starts {minutes} min late",
        ),
        "run.paused": ("PAUSE – tryk mellemrum for at fortsætte", "PAUSED – press space to go on"),
        "run.waiting": (
            "Starter {clock} – tryk n for at starte nu",
            "Starts at {clock} – press n to start now",
        ),
        "run.item_of": ("{n} af {total}", "{n} of {total}"),
        "run.responsible": ("Ansvarlig", "Responsible"),
        "run.overtime": ("overtid", "overtime"),
        "run.round": ("Runde {n} af {total}", "Round {n} of {total}"),
        "run.round_left": ("{time} tilbage af runden", "{time} left in the round"),
        "run.rotation_break": ("Pause i rotationen", "Break in the rotation"),
        "run.finale": ("Rundgang: læs alle stationer", "Walk round: read every station"),
        "run.move_now": ("SKIFT NU →", "MOVE NOW →"),
        "run.group_at": ("Gruppe {group} → station {station}", "Group {group} → station {station}"),
        "run.timeout_title": ("TIMEOUT – procesniveauet", "TIMEOUT – the process level"),
        "run.timeout_hint": (
            "t eller escape: tilbage til indholdet",
            "t or escape: back to the content",
        ),
        "run.intention": ("Intention", "Intention"),
        "run.rules": ("Spilleregler", "Rules"),
        "run.timeout_note": (
            "Hvad blev genforhandlet? (kan stå tomt)",
            "What was renegotiated? (may be left empty)",
        ),
        "run.closing_title": (
            "Afslutning: holdt vi kontrakten?",
            "Closing: did we keep the contract?",
        ),
        "run.closing_questions": ("Spørgsmål til afslutningen", "Questions for the closing"),
        "run.agreements_label": ("Aftaler og opfølgning", "Agreements and follow-up"),
        "run.closing_saved": (
            "Afslutningen er gemt. Rapporten: facilkit plan report {plan}",
            "The closing is saved. The report: facilkit plan report {plan}",
        ),
        "run.confirm_end": (
            "Afslut mødet nu og gå til afslutningen?",
            "End the meeting now and go to the closing?",
        ),
        "run.end_yes": ("Afslut", "End"),
        "run.end_no": ("Fortsæt mødet", "Keep going"),
        "run.resume_question": (
            "En kørsel af «{title}» blev afbrudt {when} under «{item}». Fortsæt den?",
            "A run of “{title}” stopped at {when} during “{item}”. Resume it?",
        ),
        "run.resume": ("Fortsæt kørslen", "Resume the run"),
        "run.fresh": ("Start forfra", "Start a new run"),
        "run.start_question": (
            "Planen starter {plan_start}, og klokken er {now}. Hvornår starter mødet?",
            "The plan starts at {plan_start}, and it is {now}. When does the meeting start?",
        ),
        "run.start_now": ("Nu ({now})", "Now ({now})"),
        "run.start_planned": ("Kl. {plan_start}", "At {plan_start}"),
        "run.ended_note": ("Mødet er slut.", "The meeting has ended."),
        "run.saved_where": ("Kørslen gemmes i {path}", "The run is saved in {path}"),
        "run.save_failed": (
            "Kørslen kunne ikke gemmes: {error}",
            "The run could not be saved: {error}",
        ),
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
