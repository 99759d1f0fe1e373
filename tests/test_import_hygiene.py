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
