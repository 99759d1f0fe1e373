"""What a real start imports: the core never Textual, a start none of the heavy modules.

The static layering (which layer may import which) is in pyproject.toml's
``[tool.importlinter]`` contracts; ``test_layer_contracts_hold`` runs them.
These tests import the code and look at ``sys.modules``, which also sees
imports made by name (``importlib``) and by third-party packages.
"""

from __future__ import annotations

import ast
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import facilkit

ROOT = Path(__file__).resolve().parent.parent

DEFERRED: dict[str, str] = {
    "facilkit.yamlio": "the YAML reader (20 ms with PyYAML) is needed only for files the cache cannot serve",
    "facilkit.library.parsing": "the parser (reader and validator) runs only on a cache miss",
    "facilkit.library.loader": "the TUI loads the library in a worker after its first frame",
    "facilkit.plans.storage": "plans are read when the home screen lists them, after the first frame",
    "facilkit.plans.drafts": "drafts are looked for after the first frame",
    "facilkit.plans.editor": "the plan editor is built only when a plan is opened",
    "facilkit.plans.trash": "the trash is read only when the user deletes, lists or restores a plan",
    "facilkit.plans.template": "templates are read only when a new plan is made from one",
    "facilkit.export.formats": "each format's renderer (Typst, python-docx) loads only when asked for",
    "facilkit.export.markdown": "a card's Markdown is written only when asked for (methods show, "
    "MethodCard.shown_text); the TUI draws the card from its blocks",
    "facilkit.tui.app": "the command line imports Textual only to open the TUI",
    "facilkit.tui.screens.library": "a screen the user may never open",
    "facilkit.tui.screens.plan": "a screen the user may never open (and it imports the app back)",
    "facilkit.tui.dialogs.basic": "dialogs open on demand",
    "facilkit.tui.dialogs.help": "the help screen opens on F1 or ?",
    "facilkit.crash": "the crash report is written only after a crash",
    "facilkit.errors": "the error family's words are needed only when something fails",
    "datetime": "the run report formats dates only when it is written",
    "facilkit": "i18n reads the version (the catalogue cache's key) only when it caches",
    "facilkit.paths": "i18n finds the cache folder only when it first loads a catalogue (upward)",
    "facilkit.atomic": "an export file is written only after it rendered",
    "typst": "the PDF compiler (tens of MB) loads only for a PDF export",
    "docx": "python-docx loads only for a Word export",
    "icalendar": "the calendar library loads only for an .ics export",
    "facilkit.tui.dialogs.export": "the export dialog opens on demand (and it imports the export formats)",
    "facilkit.cli_run": "plan export --report needs the run report, other exports do not",
    "facilkit.run.log": "run logs are read only for a run or its report",
    "facilkit.run.report": "the planned-against-actual report is built only when asked for",
    "facilkit.run.clock": "run mode's clock is needed only once a run starts",
    "facilkit.tui.screens.run_start": "run mode is opened on demand (and it imports the app back)",
    "facilkit.tui.screens.run": "run mode is opened on demand",
    "facilkit.tui.screens.run_room": "the room view opens on demand",
    "facilkit.tui.screens.run_follow": "the room view in a second terminal is opened only by run --room",
    "facilkit.tui.screens.run_closing": "the closing screen opens at the end of a run",
    "facilkit.plans.schedule": "a plan's methods are looked up only when it is exported or run",
    "textual": "text_entry builds its TextArea on first use: Textual's costs 10 ms, and the "
    "library screen a start opens first has no multi-line field",
}
"""Every import made inside a function, with the reason it is not at the top of its module.

A new deferred import must be added here with its reason (a test checks); the
tests below check that a start really leaves the slow ones unimported.
"""


def deferred_imports() -> dict[str, set[str]]:
    """Modules imported inside a function body anywhere in the package, with where."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "facilkit").rglob("*.py")):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    if not name.startswith("facilkit"):
                        name = name.split(".")[0]  # a library is deferred as a whole
                    found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_deferred_import_is_listed_with_its_reason() -> None:
    found = deferred_imports()
    unlisted = {name: sorted(where) for name, where in found.items() if name not in DEFERRED}
    assert unlisted == {}, "add these to DEFERRED with the reason they wait"
    stale = sorted(set(DEFERRED) - set(found))
    assert stale == [], "no longer deferred: remove from DEFERRED"


def test_layer_contracts_hold() -> None:
    """pyproject.toml's import-linter contracts (also run by .ci/run)."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint is not None, "pip install -e '.[test]' installs import-linter"
    result = subprocess.run(
        [lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]


def loaded_after(code: str, modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a fresh interpreter has imported after running ``code``."""
    check = f"\nimport sys\nprint(','.join(m for m in {modules!r} if m in sys.modules))\n"
    result = subprocess.run(
        [sys.executable, "-c", code + check], capture_output=True, text=True, check=True
    )
    return [name for name in result.stdout.strip().split(",") if name]


def core_modules() -> list[str]:
    return [
        module.name
        for module in pkgutil.walk_packages(facilkit.__path__, "facilkit.")
        if not module.name.startswith("facilkit.tui") and module.name != "facilkit.__main__"
    ]


def test_core_does_not_import_textual() -> None:
    modules = core_modules()
    assert "facilkit.yamlio" in modules and "facilkit.library.loader" in modules
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + (
            "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
            "print(','.join(bad))\n"
        )
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_warm_start_reads_the_cache_without_the_yaml_parser(tmp_path: Path) -> None:
    """The YAML reader (20 ms to import) is needed only for files the cache cannot serve."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from facilkit.library.loader import Folder, load_library\n"
        "from facilkit.paths import builtin_methods_dir\n"
        f"library = load_library([Folder(builtin_methods_dir(), 'builtin')], Path({str(tmp_path)!r}))\n"
        "print(len(library.entries), 'yaml' in sys.modules)\n"
    )
    run = [sys.executable, "-c", code]
    cold = subprocess.run(run, capture_output=True, text=True, check=True).stdout.split()
    warm = subprocess.run(run, capture_output=True, text=True, check=True).stdout.split()
    assert cold[1] == "True" and int(cold[0]) >= 20  # parsing the files needs it
    assert warm == [cold[0], "False"]


def test_opening_the_tui_imports_no_yaml_validation_or_export() -> None:
    """Bare ``facilkit`` builds its parser and the app without the heavy core modules."""
    code = "from facilkit import cli\ncli.build_parser().parse_args([])\nimport facilkit.tui.app\n"
    heavy = (
        "yaml", "facilkit.library.validate", "facilkit.export.plan", "facilkit.plans.storage",
        "rich.markdown", "facilkit.export.build", "typst", "docx", "icalendar", "lxml",
    )  # fmt: skip
    loaded_after(code, heavy)  # the first start ever compiles the catalogue in use (with PyYAML)
    assert loaded_after(code, heavy) == []  # every later one reads the compiled copy


def test_the_library_screen_builds_no_multi_line_field() -> None:
    """Textual's TextArea (10 ms) waits for the first screen that has one."""
    code = "import facilkit.tui.app\nimport facilkit.tui.screens.library\n"
    assert loaded_after(code, ("textual.widgets._text_area",)) == []
    code += (
        "from facilkit.tui.widgets.text_entry import TextArea\n"
        "from facilkit.tui.widgets import text_entry\n"
        "import textual.widgets\n"
        "assert text_entry.TextArea is TextArea and issubclass(TextArea, textual.widgets.TextArea)\n"
    )
    assert loaded_after(code, ("textual.widgets._text_area",)) == ["textual.widgets._text_area"]


def test_the_library_card_is_drawn_without_a_markdown_parser() -> None:
    """The card is drawn from the export's blocks: markdown-it's 27 ms stay off the first card."""
    code = (
        "import facilkit.tui.app, facilkit.tui.screens.library\n"
        "from facilkit.export.card import card_blocks\n"
        "from facilkit.library.loader import Folder, load_library\n"
        "from facilkit.paths import builtin_methods_dir\n"
        "from facilkit.tui.widgets.card_render import CardStyles, render_blocks\n"
        "from rich.console import Console\n"
        "library = load_library([Folder(builtin_methods_dir(), 'builtin')])\n"
        "ugu = library.get('ugu')\n"
        "Console().render_lines(render_blocks(card_blocks(ugu, 'en'), CardStyles()))\n"
    )
    assert loaded_after(code, ("markdown_it", "facilkit.export.markdown")) == []


def test_each_export_imports_only_its_own_library() -> None:
    """Markdown and HTML exports do not load Typst, python-docx or icalendar."""
    code = (
        "from facilkit.export.formats import render\n"
        "from facilkit.library.loader import Folder, load_library\n"
        "from facilkit.paths import builtin_methods_dir\n"
        "from facilkit.plans.storage import load_plan\n"
        "from tests.export_helpers import EXAMPLES\n"
        "library = load_library([Folder(builtin_methods_dir(), 'builtin')])\n"
        "plan = load_plan(EXAMPLES['learning-group-meeting'])\n"
        "for fmt in ('md', 'html', 'invitation'):\n"
        "    render(fmt, plan, library, 'da')\n"
    )
    assert loaded_after(code, ("typst", "docx", "icalendar", "lxml")) == []
