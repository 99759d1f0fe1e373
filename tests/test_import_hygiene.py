"""The core never imports Textual: only facilkit.tui may."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import facilkit


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


def test_warm_start_reads_the_cache_without_the_yaml_parser(tmp_path) -> None:  # type: ignore[no-untyped-def]
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
    code = (
        "import sys\n"
        "from facilkit import cli\n"
        "cli.build_parser().parse_args([])\n"
        "import facilkit.tui.app\n"
        "heavy = ('yaml', 'facilkit.library.validate', 'facilkit.export.plan', "
        "'facilkit.plans.storage', 'rich.markdown', 'facilkit.export.build', "
        "'typst', 'docx', 'icalendar', 'lxml')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_each_export_imports_only_its_own_library() -> None:
    """Markdown and HTML exports do not load Typst, python-docx or icalendar."""
    code = (
        "import sys\n"
        "from facilkit.export.formats import render\n"
        "from facilkit.library.loader import Folder, load_library\n"
        "from facilkit.paths import builtin_methods_dir\n"
        "from facilkit.plans.storage import load_plan\n"
        "from tests.export_helpers import EXAMPLES\n"
        "library = load_library([Folder(builtin_methods_dir(), 'builtin')])\n"
        "plan = load_plan(EXAMPLES['learning-group-meeting'])\n"
        "for fmt in ('md', 'html', 'invitation'):\n"
        "    render(fmt, plan, library, 'da')\n"
        "heavy = ('typst', 'docx', 'icalendar', 'lxml')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
