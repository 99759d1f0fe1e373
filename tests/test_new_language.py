"""A fifth language is one catalogue file (issue 10): a translator's ``fi.yaml`` lets methods,
templates and plans carry ``fi`` too, with no code changed.

The codes a text may carry are listed once, when the model is imported, from the
catalogue files present; so each case runs in its own process, with the catalogue
folder pointed at a copy of the shipped one (plus ``fi.yaml``, a copy of ``en.yaml``,
as a translator starts) before anything imports the model.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from facilkit import i18n
from tests.conftest import METHOD_YAML

FINNISH_METHOD = METHOD_YAML.format(id="kokeilu").replace(
    "title: {da: Trin, en: Step}", "title: {en: Step, fi: Vaihe}"
)
"""A Finnish step title: outside the head a list shows, so a warm cache would serve it."""

SCRIPT = """\
import json, sys
from pathlib import Path

from facilkit import i18n
i18n.CATALOGUE_DIR = Path(sys.argv[1])  # before the model lists the languages

from facilkit.cli import main
from facilkit.errors import FacilkitError
from facilkit.library.loader import Folder, load_library
from facilkit.library.model import localize
from facilkit.plans.model import new_plan
from facilkit.plans.storage import load_plan, save_plan
from facilkit.plans.template import in_language

methods, plan_file, cache = Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
try:
    save_plan(new_plan("Kokous", "fi"), plan_file)
    plan = load_plan(plan_file).language
except FacilkitError as error:
    plan = str(error)
library = load_library([Folder(methods, "user")], cache)
method = library.get("kokeilu")
said = {
    "validate": main(["methods", "validate", str(methods)]),
    "plan": plan,
    "step": None if method is None else localize(method.steps[0].title, "fi"),
    "library_problems": [str(problem) for problem in library.problems],
    "template": in_language({"en": "Break", "fi": "Tauko"}, "fi"),
}
print(json.dumps(said))
"""


def catalogues(tmp_path: Path, *, finnish: bool) -> Path:
    """A copy of the shipped catalogue folder, with ``fi.yaml`` as a translator starts it."""
    folder = tmp_path / "locale"
    shutil.copytree(i18n.CATALOGUE_DIR, folder, dirs_exist_ok=True)
    (folder / "fi.yaml").unlink(missing_ok=True)
    if finnish:
        shutil.copyfile(folder / "en.yaml", folder / "fi.yaml")
    return folder


def run_with(tmp_path: Path, locale: Path) -> tuple[dict[str, object], str]:
    """What facilkit makes of the Finnish method and plan with ``locale``'s catalogues."""
    methods = tmp_path / "methods"
    methods.mkdir(exist_ok=True)
    method = methods / "kokeilu.yaml"
    if not method.exists():  # unchanged between runs, so a warm cache may serve it
        method.write_text(FINNISH_METHOD, encoding="utf-8")
    argv = [locale, methods, tmp_path / "kokous.yaml", tmp_path / "cache"]
    done = run_script(SCRIPT, *argv)
    assert done.returncode == 0, done.stderr
    *printed, last = done.stdout.splitlines()
    return json.loads(last), "\n".join([*printed, done.stderr])


def run_script(script: str, *args: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", script, *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def codes_said(locale: Path) -> str:
    """How a message lists the codes: one per catalogue file, and nn (through nb)."""
    return ", ".join(sorted({path.stem for path in locale.glob("*.yaml")} | {"nn"}))


def test_a_catalogue_file_adds_its_language_to_methods_templates_and_plans(
    tmp_path: Path,
) -> None:
    said, printed = run_with(tmp_path, catalogues(tmp_path, finnish=True))
    assert said["validate"] == 0, printed
    assert said["library_problems"] == []
    assert said["step"] == "Vaihe"
    assert said["plan"] == "fi"
    assert said["template"] == "Tauko"


def test_without_the_catalogue_the_language_is_refused_with_the_codes_there_are(
    tmp_path: Path,
) -> None:
    """The same files without ``fi.yaml``: refused, and the message lists the files' codes."""
    locale = catalogues(tmp_path, finnish=False)
    said, printed = run_with(tmp_path, locale)
    refused = f"unknown language 'fi'; use one of {codes_said(locale)}"
    assert "fi" not in codes_said(locale).split(", ")
    assert said["validate"] == 1
    assert f"kokeilu.yaml:9:23: {refused}" in printed
    assert said["library_problems"] == [f"{tmp_path / 'methods' / 'kokeilu.yaml'}:9:23: {refused}"]
    assert said["step"] is None
    assert said["plan"] == f"{tmp_path / 'kokous.yaml'}:7:11: {refused}"
    assert said["template"] != "Tauko"  # {en:, fi:} is not a translation: left as it is


def test_a_removed_catalogue_s_methods_are_not_served_from_the_warm_cache(
    tmp_path: Path,
) -> None:
    """The cache of a start that knew ``fi`` is not trusted by one that does not."""
    said, _ = run_with(tmp_path, catalogues(tmp_path, finnish=True))
    assert said["step"] == "Vaihe"
    assert any((tmp_path / "cache").iterdir())
    said, _ = run_with(tmp_path, catalogues(tmp_path, finnish=False))
    assert said["step"] is None
    assert len(said["library_problems"]) == 1  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["no", "xx"])
def test_a_catalogue_does_not_make_other_codes_valid(tmp_path: Path, code: str) -> None:
    locale = catalogues(tmp_path, finnish=True)
    methods = tmp_path / "methods"
    methods.mkdir()
    text = FINNISH_METHOD.replace("fi: Vaihe", f"{code}: Vaihe")
    (methods / "kokeilu.yaml").write_text(text, encoding="utf-8")
    validate = (
        SCRIPT.split("methods, plan_file")[0]
        + "sys.exit(main(['methods', 'validate', sys.argv[2]]))"
    )
    done = run_script(validate, locale, methods)
    assert done.returncode == 1, done.stdout + done.stderr
    if code == "no":
        assert (
            "kokeilu.yaml:9:23: language 'no' is not a code here; use 'nb' (bokmål) or 'nn' (nynorsk)"
            in done.stderr
        )
    else:
        assert (
            f"kokeilu.yaml:9:23: unknown language 'xx'; use one of {codes_said(locale)}"
            in done.stderr
        )
        assert "fi, nb" in codes_said(locale)
