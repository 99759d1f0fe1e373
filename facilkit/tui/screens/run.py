"""The facilitator's view of a running meeting: now, next, the countdown and the schedule.

The screen holds no logic of its own: keys become commands on the core's
:class:`~facilkit.run.machine.Run`, the clock is injected, and after every
change the run log is saved. A tick redraws only the widgets whose text changed.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Digits, Static

from facilkit.errors import FacilkitError
from facilkit.i18n import t
from facilkit.library.model import Method
from facilkit.run.clock import Clock
from facilkit.run.follow import owner_tag
from facilkit.run.log import save_run
from facilkit.run.machine import Run
from facilkit.run.projection import Projection, project, warning_level
from facilkit.run.rotation import rotation_now
from facilkit.tui.compat import key_bindings
from facilkit.tui.screens.base import FacilScreen
from facilkit.tui.widgets import run_text
from facilkit.tui.widgets.key_bar import KeyBar
from facilkit.tui.widgets.run_bar import RunBar

OWNER = owner_tag()
WIDE_COLUMNS = 120
"""From this width the side column is wider (the next items' titles fit on one line)."""
TALL_ROWS = 36
"""From this height the side column also lists the items still to come."""
LEVEL_CLASSES = ("-calm", "-warning", "-alert", "-overtime")


class RunScreen(FacilScreen):
    """Run one meeting from its first item to the closing, with the keyboard only."""

    HELP_TOPIC = "run"
    """The words of its help screen (F1): ``help.run``."""

    BINDINGS = [  # in the order the key bar shows them; the legend lists every key
        Binding("n,right", "next", "Next", id="run.run_next"),
        Binding("space", "pause", "Pause", id="run.run_pause"),
        Binding("t", "timeout", "Timeout", id="run.run_timeout"),
        Binding("plus,+", "add(5)", "+5 min", id="run.run_more"),
        Binding("b", "room", "Room view", id="run.run_room"),
        Binding("e", "end", "End meeting", id="run.run_end"),
        Binding("p,left", "previous", "Previous", id="run.run_previous"),
        Binding("minus,-", "add(-5)", "-5 min", id="run.run_less"),
        Binding("s", "skip", "Skip next", id="run.run_skip"),
        Binding("u", "unskip", "Undo skip", id="run.run_unskip"),
        Binding("escape", "leave", "Leave (kept)", show=False, id="run.run_leave"),
    ]

    def __init__(
        self,
        run: Run,
        log_path: Path,
        clock: Clock,
        *,
        plan_label: str = "",
        tick_seconds: float | None = None,
        reduced_motion: bool = False,
    ) -> None:
        super().__init__()
        self.run = run
        self.log_path = log_path
        self.clock = clock
        self.plan_label = plan_label or log_path.stem
        self.tick_seconds = tick_seconds
        self.reduced_motion = reduced_motion
        self.shown_version = -1
        self.shown: dict[str, object] = {}
        """What each widget shows now, so a tick updates only what changed."""
        self.timer: Timer | None = None
        self.closing_open = False
        self.leaving = False
        self.save_failing = False
        """The last save failed: said once, then tried again quietly at each change."""
        self.agenda_key: tuple[int, int] | None = None

    @property
    def run_lang(self) -> str:
        """Run mode speaks the plan's language, like its exports."""
        return self.run.state.contract.language or self.lang

    def compose_body(self) -> ComposeResult:
        yield Static("", id="run-header", markup=False)
        with Horizontal(id="run-main"):
            with VerticalScroll(id="run-item"):
                yield Static("", id="run-now", markup=False)
                yield Static("", id="run-body", markup=False)
            with Vertical(id="run-side"):
                yield Digits("", id="run-countdown")
                yield Static("", id="run-state", markup=False)
                yield Static("", id="run-rotation", markup=False)
                yield Static("", id="run-next", markup=False)
                yield Static("", id="run-advice", markup=False)
                yield Static("", id="run-agenda", markup=False)
                yield Static("", id="run-keys", markup=False)
        yield RunBar(id="run-bar")
        yield KeyBar()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#run-keys", Static).update(self.key_legend())
        changed = self.run.tick(self.clock.now())
        if self.run.state.owner != OWNER:
            changed = True  # a resumed run: a room view in another terminal follows it again
        self.apply(changed)
        if self.tick_seconds:
            self.timer = self.set_interval(self.tick_seconds, self.tick)

    def key_legend(self) -> str:
        """Every run key with its (translated) description: the key bar has room for a few."""
        keys: dict[str, list[str]] = {}
        descriptions: dict[str, str] = {}
        for found in key_bindings(self).values():
            for binding in found:
                if not (binding.id or "").startswith("run."):
                    continue
                keys.setdefault(binding.action, []).append(self.app.get_key_display(binding))
                descriptions[binding.action] = binding.description
        quit_key = self.app.get_key_display(Binding("ctrl+q", "quit"))
        parts = [f"{'/'.join(dict.fromkeys(k))} {descriptions[a]}" for a, k in keys.items()]
        return " · ".join([*parts, f"{quit_key} {t('key.quit', self.lang)}"])

    def on_resize(self, event: events.Resize) -> None:
        """At larger sizes the view grows: a wider side column, then the agenda in it."""
        self.set_class(event.size.width >= WIDE_COLUMNS, "-wide")
        tall = event.size.height >= TALL_ROWS
        if tall != self.has_class("-tall"):
            self.set_class(tall, "-tall")
            self.shown.pop("run-agenda", None)
            self.agenda_key = None
            self.redraw(self.clock.now())

    # --- the clock ---------------------------------------------------------

    def tick(self) -> None:
        """Let the time pass: auto-advance, the countdown, and the rest only if it changed."""
        self.apply(self.run.tick(self.clock.now()))

    def apply(self, changed: bool) -> None:
        """After a command or a tick: save if the state changed, then redraw what changed."""
        if changed:
            self.save()
        if self.run.state.phase == "closing" and not self.closing_open:
            self.open_closing()
        self.redraw(self.clock.now())

    def save(self) -> None:
        state = self.run.state
        state.speed, state.anchor = self.clock.speed, self.clock.anchor
        if not self.leaving:
            state.owner = OWNER  # a room view in another terminal sees the run is live
        try:
            save_run(state, self.log_path)
        except FacilkitError as error:  # a full disk or a read-only folder: the run goes on
            if not self.save_failing:
                self.save_failing = True
                self.facil.show_error(
                    FacilkitError(
                        str(error),
                        key="run.save_failed",
                        params={"error": error.text(self.lang)},
                    )
                )
        else:
            self.save_failing = False

    # --- drawing -----------------------------------------------------------

    def _set(self, widget_id: str, value: object) -> None:
        if self.shown.get(widget_id) != value:
            self.shown[widget_id] = value
            widget = self.query_one(f"#{widget_id}")
            if isinstance(widget, Digits):
                widget.update(str(value))
            else:
                widget.update(value)  # type: ignore[attr-defined]

    def redraw(self, now: float) -> None:
        run, lang = self.run, self.run_lang
        projection = project(run, now)
        self._set(
            "run-header",
            # the times first: a long title is what the screen's edge cuts, never the status
            run_text.header_line(run, projection, now, lang) + f"  ·  {run.state.contract.title}",
        )
        if self.shown_version != run.version:  # the item's text changes only with a command
            self.shown_version = run.version
            self.draw_item(projection)
        self.draw_countdown(now, projection)
        index = run.state.current
        share = 0.0
        if run.current_item is not None and run.budget(index) > 0:
            share = min(run.used(index, now) / run.budget(index), 1.0)
        self.query_one(RunBar).show(projection, index, share)
        # projected starts show as HH:MM: they change with a command or when a minute passed
        # (in overtime the next item's start moves with the clock)
        key = (run.version, int(now // 60))
        if key != self.agenda_key:
            self.agenda_key = key
            if run.state.phase not in ("closing", "closed"):
                self._set("run-next", run_text.next_line(run, projection, lang))
            if self.has_class("-tall"):
                self._set("run-agenda", run_text.agenda_text(run, projection, lang))

    def draw_item(self, projection: Projection) -> None:
        run, lang = self.run, self.run_lang
        item = run.current_item
        if run.state.pause == "timeout":
            self._set("run-now", "")
            self._set("run-body", run_text.timeout_text(run, self.gamemaster, lang))
        elif run.state.phase in ("closing", "closed"):
            self._set("run-now", t("run.ended_note", lang))
            hint = t("run.closing_saved", lang, plan=self.plan_label)
            self._set("run-body", Text(hint if run.state.phase == "closed" else ""))
            self._set("run-next", "")
            return
        elif item is None:
            first = run.next_index()
            waiting = run.state.items[first].title if first is not None else ""
            self._set("run-now", f"{t('run.next', lang)}: {waiting}")
            self._set("run-body", Text(""))
        else:
            minutes = round(run.budget(run.state.current) / 60)
            method = self.facil.library.get(item.method) if item.method else None
            self._set("run-now", run_text.item_heading(run, lang))
            self._set("run-body", run_text.item_body(item, minutes, method, lang))

    def draw_countdown(self, now: float, projection: Projection) -> None:
        run, lang = self.run, self.run_lang
        state = run.state
        if state.phase == "ready":
            from facilkit.run.clock import clock_of

            left = state.planned_start - now
            self._set("run-countdown", run_text.countdown(max(left, 0)))
            self._set("run-state", t("run.waiting", lang, clock=clock_of(state.planned_start)))
            self._level("calm")
            return
        remaining = run.remaining(now)
        item = run.current_item
        self._set("run-countdown", run_text.countdown(remaining) if item is not None else "--:--")
        level = warning_level(remaining, run.budget(state.current)) if item is not None else "calm"
        self._level(level, remaining)
        if state.pause == "pause":
            self._set("run-state", t("run.paused", lang))
        elif state.pause == "timeout":
            self._set("run-state", t("run.timeout_hint", lang))
        elif level == "overtime":
            self._set("run-state", t("run.overtime", lang))
        else:
            self._set("run-state", "")
        rotation = item.rotation if item is not None else None
        if rotation is not None and state.pause is None:
            at = rotation_now(rotation, run.used(state.current, now))
            self._set("run-rotation", run_text.rotation_text(at, lang) if at else "")
        else:
            self._set("run-rotation", "")
        self._set("run-advice", run_text.advice(run, projection, lang))

    def _level(self, level: str, remaining: float = 0.0) -> None:
        """The countdown's colour: calm, warning at 20% left, alert at 5%, overtime after.

        Overtime blinks once a second, unless reduced motion was asked for.
        """
        countdown = self.query_one("#run-countdown")
        wanted = f"-{level}"
        if not countdown.has_class(wanted):
            countdown.remove_class(*LEVEL_CLASSES)
            countdown.add_class(wanted)
        blink = level == "overtime" and not self.reduced_motion and int(-remaining) % 2 == 1
        countdown.set_class(blink, "-blink")

    @property
    def gamemaster(self) -> Method | None:
        return self.facil.library.get("gamemaster")

    # --- keys --------------------------------------------------------------

    def command(self, changed: bool) -> None:
        self.apply(changed)

    def action_next(self) -> None:
        self.command(self.run.next(self.clock.now()))

    def action_previous(self) -> None:
        self.command(self.run.previous(self.clock.now()))

    def action_pause(self) -> None:
        self.command(self.run.toggle_pause(self.clock.now()))

    def action_add(self, minutes: int) -> None:
        self.command(self.run.add(self.clock.now(), minutes))

    def action_skip(self) -> None:
        self.command(self.run.skip_next(self.clock.now()))

    def action_unskip(self) -> None:
        self.command(self.run.unskip(self.clock.now()))

    def action_timeout(self) -> None:
        if self.run.state.pause == "timeout":
            self.ask_timeout_note()
        else:
            self.command(self.run.timeout(self.clock.now()))

    def ask_timeout_note(self) -> None:
        from facilkit.tui.dialogs.basic import Prompt

        def noted(note: str | None) -> None:
            self.command(self.run.end_timeout(self.clock.now(), note or ""))

        self.app.push_screen(Prompt(t("run.timeout_note", self.run_lang)), noted)

    def run_action_now(self, name: str) -> None:
        """A key pressed on the room's view, run here."""
        actions = {"next": self.action_next, "pause": self.action_pause}
        if name in actions:
            actions[name]()
        elif name == "add(5)":
            self.action_add(5)

    def action_end(self) -> None:
        from facilkit.tui.dialogs.basic import Choose

        if self.run.state.phase in ("closing", "closed"):
            self.open_closing()
            return

        lang = self.run_lang

        def answered(answer: str | None) -> None:
            if answer == "end":
                self.command(self.run.end(self.clock.now()))

        answers = [("keep", t("run.end_no", lang)), ("end", t("run.end_yes", lang))]
        self.app.push_screen(Choose(t("run.confirm_end", lang), answers), answered)

    def action_room(self) -> None:
        from facilkit.tui.screens.run_room import RoomScreen

        self.app.push_screen(RoomScreen(self))

    def action_leave(self) -> None:
        """Back to where the run was started from; the run is kept and can be resumed."""
        if self.run.state.pause == "timeout":
            self.ask_timeout_note()
            return
        if self.timer is not None:
            self.timer.stop()
        self.let_go()
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()

    def let_go(self) -> None:
        """Mark the run as no longer driven from here (a room view in another terminal says so)."""
        if not self.leaving and self.run.state.owner:
            self.leaving = True
            self.run.state.owner = ""
            self.save()

    def on_unmount(self) -> None:
        self.let_go()  # ctrl+q ends the app without escape; the log still says who left

    def open_closing(self) -> None:
        from facilkit.tui.screens.run_closing import ClosingScreen

        self.closing_open = True
        self.app.push_screen(ClosingScreen(self))

    def closed(self, reached: list[bool], notes: str) -> None:
        """The closing screen's answer: saved with the run."""
        self.command(self.run.close(self.clock.now(), reached, notes))
        self.notify(
            t("run.closing_saved", self.run_lang, plan=self.plan_label),
            markup=False,
            timeout=8,
        )
