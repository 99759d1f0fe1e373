"""The export dialog: format, audience and file, as the command line offers them.

It remembers the last folder, format and audience (in ``export.json`` in the
data folder) and returns a :class:`ExportChoice`; the app asks before it
overwrites a file and does the writing.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select

from facilkit.export.document import AUDIENCES, Audience
from facilkit.export.formats import FORMATS, SUFFIXES, Format, default_name, format_for
from facilkit.i18n import t
from facilkit.tui.widgets.text_entry import Input


@dataclass(frozen=True)
class ExportChoice:
    """What to export, for whom, and where."""

    fmt: Format
    audience: Audience
    path: Path


@dataclass
class Remembered:
    """The last export's folder, format and audience."""

    folder: str = ""
    fmt: str = "pdf"
    audience: str = "facilitator"

    @classmethod
    def load(cls, path: Path) -> Remembered:
        """The saved choice; a missing or damaged file gives the defaults."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            found = cls(
                **{k: str(v) for k, v in data.items() if k in ("folder", "fmt", "audience")}
            )
        except (OSError, ValueError, TypeError):
            return cls()
        if found.fmt not in FORMATS:
            found.fmt = "pdf"
        if found.audience not in AUDIENCES:
            found.audience = "facilitator"
        return found

    def save(self, path: Path) -> None:
        """Best effort: a choice that cannot be remembered is no reason to fail an export."""
        from facilkit.atomic import write_atomic
        from facilkit.errors import FacilkitError

        with contextlib.suppress(FacilkitError, OSError):
            write_atomic(path, json.dumps(asdict(self)).encode("utf-8"))


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Choose a format, an audience and a file; enter or the button exports."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(
        self, slug: str, lang: str, plan_lang: str, remembered: Remembered, folder: Path
    ) -> None:
        super().__init__()
        self.slug = slug
        self.lang = lang
        self.plan_lang = plan_lang
        self.remembered = remembered
        self.folder = Path(remembered.folder) if remembered.folder else folder
        self._default = ""

    def compose(self) -> ComposeResult:
        lang = self.lang
        formats = [
            (t(f"export.format.{fmt}", lang) + f" ({SUFFIXES[fmt]})", fmt) for fmt in FORMATS
        ]
        audiences = [(t(f"export.audience.{a}", lang), a) for a in AUDIENCES]
        with Vertical(classes="dialog dialog-wide", id="export-dialog"):
            yield Label(t("export.title", lang), classes="dialog-question")
            yield Label(t("export.format_label", lang))
            yield Select(formats, value=self.remembered.fmt, allow_blank=False, id="export-format")
            yield Label(t("export.audience_label", lang))
            yield Select(
                audiences, value=self.remembered.audience, allow_blank=False, id="export-audience"
            )
            yield Label(t("export.file_name", lang))
            yield Input(
                self._path_for(self.remembered.fmt, self.remembered.audience), id="export-path"
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("export.cancel", lang), id="export-cancel")
                yield Button(t("export.go", lang), variant="primary", id="export-go")

    def on_mount(self) -> None:
        self.query_one("#export-format", Select).focus()

    def _path_for(self, fmt: str, audience: str) -> str:
        name = default_name(self.slug, fmt, audience, self.plan_lang)  # type: ignore[arg-type]
        self._default = str(self.folder / name)
        return self._default

    def _choice(self) -> tuple[Format, Audience]:
        fmt = self.query_one("#export-format", Select).value
        audience = self.query_one("#export-audience", Select).value
        return fmt, audience  # type: ignore[return-value]

    def on_select_changed(self, event: Select.Changed) -> None:
        """A new format or audience renames the file, unless the user typed a name."""
        event.stop()
        field = self.query_one("#export-path", Input)
        if field.value == self._default:
            field.value = self._path_for(*self._choice())

    def _submit(self) -> None:
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            return
        path = Path(typed).expanduser()
        fmt, audience = self._choice()
        by_name = format_for(path)
        if by_name is not None and path.suffix.lower() != SUFFIXES[fmt]:
            fmt = by_name  # a typed extension picks the format, as on the command line
        self.dismiss(ExportChoice(fmt, audience, path))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-go":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
