"""The materials check list, editable: the plan's own materials beside the methods' ones.

The plan's own materials (``materials:`` in the plan file) are added, changed
and removed here, each change one step in the plan editor, so ctrl+z takes it
back here and on the plan screen alike. The methods' materials are on the list
too, marked with the methods that need them; they follow the agenda and are
not edited here.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from facilkit.i18n import t
from facilkit.plans.editor import PlanEditor
from facilkit.plans.materials import Material, same_text
from facilkit.tui.widgets.text_entry import Input

OWN_MARK = "✎"
"""A material the plan itself lists (it can be changed here); ☐ marks the methods' ones."""
METHOD_MARK = "☐"


def material_label(entry: Material) -> Text:
    """One line of the list: the mark, the text and the methods that need it."""
    text = Text(f"{OWN_MARK if entry.own is not None else METHOD_MARK} {entry.text}")
    if entry.methods:
        text.append(f" · {', '.join(entry.methods)}", style="dim")
    return text


class MaterialsDialog(ModalScreen[None]):
    """Add, change and remove the plan's own materials; see the methods' beside them."""

    HELP_TOPIC = "materials"

    BINDINGS = [
        Binding("escape", "close", "Close", id="materials.close"),
        Binding("a,n", "new", "New material", id="materials.new_material"),
        Binding("e,enter", "edit", "Change material", id="materials.edit_material"),
        Binding("delete,x", "remove", "Remove material", id="materials.remove_material"),
        Binding("ctrl+z", "undo", "Undo", priority=True, id="materials.undo"),
        Binding("ctrl+y", "redo", "Redo", priority=True, id="materials.redo"),
    ]
    KEEP_ON_KEY_BAR = frozenset({"close", "new", "edit", "remove", "undo", "redo"})
    """All of them: the key bar below (two lines at 80 columns) is where the dialog's keys are."""

    def __init__(
        self, editor: PlanEditor, entries: Callable[[], list[Material]], lang: str
    ) -> None:
        super().__init__()
        self.editor = editor
        self.entries_of = entries
        """The check list as the plan has it now (the screen knows the library)."""
        self.entries: list[Material] = []
        self.lang = lang
        self.editing: int | None = None
        """Index in the plan's own materials being changed in the input (None: a new one)."""

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="dialog dialog-wide", id="materials-dialog"):
            yield Label(t("materials.title", lang), classes="dialog-question")
            yield Static(
                t("materials.legend", lang, own=OWN_MARK, method=METHOD_MARK),
                markup=False,
                classes="dialog-hint",
            )
            yield OptionList(id="materials-list")
            yield Input(
                placeholder=t("materials.placeholder", lang),
                id="material-input",
                select_on_focus=False,  # a change starts at the end of the text, not over it
            )

    def on_mount(self) -> None:
        self.redraw()
        if self.entries:
            self.query_one(OptionList).focus()
        else:
            self.query_one(Input).focus()

    def redraw(self, highlight: int | None = None) -> None:
        """Show the check list as the plan has it now, keeping the highlighted line."""
        options = self.query_one(OptionList)
        current = options.highlighted if highlight is None else highlight
        self.entries = self.entries_of()
        options.clear_options()
        options.add_options([Option(material_label(entry)) for entry in self.entries])
        if self.entries:
            options.highlighted = max(0, min(current or 0, len(self.entries) - 1))

    @property
    def highlighted(self) -> Material | None:
        index = self.query_one(OptionList).highlighted
        return self.entries[index] if index is not None and index < len(self.entries) else None

    def own_entry(self) -> Material | None:
        """The highlighted material if the plan lists it; else say why it cannot change."""
        entry = self.highlighted
        if entry is None:
            return None
        if entry.own is None:
            names = ", ".join(entry.methods)
            self.notify(t("materials.from_method", self.lang, name=entry.text, methods=names))
            return None
        return entry

    def set_materials(self, materials: list[str], highlight: str | None) -> None:
        """One undoable edit of the plan's own materials; highlight ``highlight`` after."""
        self.editor.set_field("materials", materials)
        self.redraw()
        if highlight is not None:
            found = [i for i, e in enumerate(self.entries) if e.text == same_text(highlight)]
            if found:
                self.query_one(OptionList).highlighted = found[0]

    def action_new(self) -> None:
        self.editing = None
        field = self.query_one(Input)
        field.value = ""
        field.placeholder = t("materials.placeholder", self.lang)
        field.focus()

    def action_edit(self) -> None:
        entry = self.own_entry()
        if entry is None or entry.own is None:
            return
        self.editing = entry.own
        field = self.query_one(Input)
        field.value = self.editor.plan.materials[entry.own]
        field.cursor_position = len(field.value)
        field.focus()

    def action_remove(self) -> None:
        entry = self.own_entry()
        if entry is None or entry.own is None:
            return
        materials = list(self.editor.plan.materials)
        # every spelling of it goes, or the line would stay on the list
        kept = [m for m in materials if same_text(m) != entry.text]
        self.set_materials(kept, None)
        undo = self.app.get_key_display(Binding("ctrl+z", "undo"))
        self.notify(t("wiz.removed", self.lang, name=entry.text, key=undo), markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter adds the typed material (and the field waits for the next one),
        or saves the change to the one being changed (and goes back to the list)."""
        event.stop()
        text = same_text(event.value)
        materials = list(self.editor.plan.materials)
        editing, self.editing = self.editing, None
        event.input.value = ""
        if editing is not None and editing < len(materials):
            if text:
                materials[editing] = text
            else:
                del materials[editing]
            self.set_materials(materials, text or None)
            self.query_one(OptionList).focus()
        elif not text:
            self.query_one(OptionList).focus()
        elif text in {same_text(m) for m in materials}:
            self.notify(t("materials.already", self.lang, name=text), markup=False)
        else:
            materials.append(text)
            self.set_materials(materials, text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_undo(self) -> None:
        if self.editor.undo() is not None:
            self.redraw()

    def action_redo(self) -> None:
        if self.editor.redo() is not None:
            self.redraw()

    def action_close(self) -> None:
        if self.focused is self.query_one(Input) and self.entries:
            self.editing = None  # escape in the field leaves the edit, not the list
            self.query_one(Input).value = ""
            self.query_one(OptionList).focus()
            return
        self.dismiss(None)
