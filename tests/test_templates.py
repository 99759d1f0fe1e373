"""Plan templates in every language: a new plan is written in the plan's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from facilkit.cli import main
from facilkit.plans.storage import load_plan
from facilkit.plans.template import (
    TEMPLATE_LANGUAGES,
    is_translation,
    plan_from_template,
    read_template,
    template_title,
    templates,
)

NAMES = sorted(templates())


def translations(value: Any, where: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    if is_translation(value):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from translations(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from translations(item, f"{where}[{index}]")


def texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


@pytest.mark.parametrize("name", NAMES)
def test_every_text_of_a_template_is_in_every_language(name: str) -> None:
    data = read_template(name).data
    found = list(translations(data))
    assert found, "a template's title at least is translated"
    for where, text in found:
        missing = [code for code in TEMPLATE_LANGUAGES if not text.get(code, "").strip()]
        assert missing == [], f"{name}{where}"
    plain = [
        (key, value)
        for key, value in data.items()
        if isinstance(value, str) and value and key not in ("start", "end", "date")
    ]
    assert plain == [], "a plain text would stay Danish in an English plan"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", [*TEMPLATE_LANGUAGES, "nn"])
def test_a_plan_from_a_template_is_written_in_its_language(name: str, lang: str) -> None:
    plan = plan_from_template(name, None, lang)
    assert plan.language == lang
    assert plan.title == template_title(name, lang)
    source = read_template(name).data
    expected_code = "nb" if lang == "nn" else lang
    own = {text[expected_code] for _, text in translations(source)}
    others = {
        text[code]
        for _, text in translations(source)
        for code in TEMPLATE_LANGUAGES
        if text[code] != text[expected_code]
    }
    written = set(texts([plan.title, plan.intention, plan.desired_outcomes, plan.rules]))
    written |= set(texts([plan.materials, plan.follow_up]))
    written |= {item.title or "" for item in plan.agenda} | {item.notes for item in plan.agenda}
    assert not written & (others - own)


def test_a_title_given_replaces_the_templates() -> None:
    plan = plan_from_template("learning-group", "Mødet i december", "da")
    assert plan.title == "Mødet i december"
    assert plan.agenda[0].title == "Velkommen, formål og kontrakt"


def test_plan_new_with_lang_en_gives_an_english_plan(
    capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    """The issue's own example: ``plan new --lang en --template learning-group``."""
    code = main(["plan", "new", "December", "--lang", "en", "--template", "learning-group"])
    assert code == 0
    plan = load_plan(Path(capsys.readouterr().out.strip()))
    assert plan.language == "en"
    assert plan.agenda[0].title == "Welcome, purpose and contract"
    assert plan.rules[0] == "We talk about practice, not about individual cases."


@pytest.mark.parametrize("lang", ["nb", "sv"])
def test_plan_new_takes_the_language_from_the_environment(
    lang: str,
    capsys: pytest.CaptureFixture[str],
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FACILKIT_LANG", lang)
    assert main(["plan", "new", "Rotasjon", "--template", "station-rotation"]) == 0
    plan = load_plan(Path(capsys.readouterr().out.strip()))
    assert plan.language == lang
    assert plan.materials[0].startswith({"nb": "klokke", "sv": "en klocka"}[lang])


def test_a_template_with_a_broken_line_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import facilkit.plans.template as template
    from facilkit.errors import PlanError

    (tmp_path / "bad.yaml").write_text("facilkit_plan: 1\ntitle: {da: x, da: y}\n")
    monkeypatch.setattr(template, "plan_templates_dir", lambda: tmp_path)
    with pytest.raises(PlanError, match=r"bad.yaml:2:"):
        plan_from_template("bad", None, "en")
    with pytest.raises(PlanError, match="no template 'nope'; choose one of bad"):
        plan_from_template("nope", None, "en")
