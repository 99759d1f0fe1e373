"""The top line: the app's name and what is open, drawn by a single widget.

Textual's ``Header`` is four widgets that lay the screen out again whenever a
screen opens; on the library screen that was 18 ms of the 60 ms from loaded to
shown. This bar repaints one line when the screen's title or sub-title changes.
Clicking the icon opens the command palette, as in Textual's header.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.widget import Widget

from facilkit.i18n import t

ICON = "⭘"


class TitleBar(Widget):
    """``⭘  title — sub-title``, centred; follows the screen's ``title`` and ``sub_title``."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "title", self._title_changed, init=False)
        self.watch(self.screen, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def render(self) -> RenderResult:
        title = self.screen.title or self.app.title
        sub_title = self.screen.sub_title or self.app.sub_title
        line = Text(title, no_wrap=True, overflow="ellipsis", end="")
        if sub_title:
            line.append(" — ", "dim")
            line.append(sub_title, "dim")
        hint = f"{self._help_hint()} "
        side = max(len(ICON) + 2, len(hint))  # the same on both sides keeps the title centred
        room = self.size.width - 2 * side
        line.truncate(max(room, 1), overflow="ellipsis")
        free = max(room - line.cell_len, 0)
        left = f" {ICON} ".ljust(side)
        middle = Text.assemble(" " * (free // 2), line, " " * (free - free // 2))
        return Text.assemble(left, middle, (hint.rjust(side), "dim"), no_wrap=True, end="")

    def _help_hint(self) -> str:
        """ "F1 Help" on the right of every screen, so a newcomer finds the help."""
        return t("app.help_hint", getattr(self.app, "lang", "en"))

    def on_click(self, event: events.Click) -> None:
        if event.x < len(ICON) + 2:
            event.stop()
            self.app.action_command_palette()
        elif event.x >= self.size.width - len(self._help_hint()) - 1:
            event.stop()
            self.app.call_later(self.app.run_action, "help")
