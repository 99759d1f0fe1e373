"""``facilkit methods new``: the file a trainer fills in speaks the trainer's language (issue 10).

Its comments and example texts come from the catalogues (``scaffold.*``); the file is
valid as it stands, in every interface language, and holds no other language's words.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from facilkit.cli import main
from facilkit.i18n import t, ui_languages
from facilkit.library.model import LANGUAGES as LANGUAGE_CODES
from facilkit.library.scaffold import method_text, new_method_file
from facilkit.library.validate import review_method
from facilkit.yamlio import load_text
from tests.i18n_leaks import leaks

LANGUAGES = ui_languages()


def _comments(text: str) -> list[str]:
    """The comment of every line, as the trainer reads it."""
    return [line.partition("# ")[2] for line in text.splitlines() if "# " in line]


def _said(line: str) -> str:
    """A line without its field names (``materials:``, ``da:``): the words a trainer reads."""
    words, _, comment = line.partition("# ")
    return re.sub(r"(^|\s|-)[a-z_]+:", " ", words) + " " + comment


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_new_file_is_in_the_trainers_language_and_valid(lang: str, tmp_path: Path) -> None:
    path = new_method_file("walk-and-talk", tmp_path, lang)
    text = path.read_text(encoding="utf-8")
    comments = _comments(text)
    assert comments[0] == t("scaffold.intro", lang)
    codes = ", ".join(LANGUAGE_CODES)
    assert t("scaffold.languages", lang, lang=lang, codes=codes) in comments
    assert t("scaffold.process", lang) in comments
    data = load_text(text, str(path)).data
    assert data["name"] == {lang: "Walk and talk"}
    assert data["summary"] == {lang: t("scaffold.summary", lang)}
    assert data["materials"] == [{lang: t("scaffold.material", lang)}]
    method, problems = review_method(path)
    assert problems == [] and method is not None and method.id == "walk-and-talk"
    said = "\n".join(_said(line) for line in text.splitlines())
    assert leaks(said, lang, ("walk-and-talk", "Walk and talk")) == []


def test_each_language_gets_its_own_comments() -> None:
    """Not one language's file with another's labels: the comments differ between them."""
    files = {lang: "\n".join(_comments(method_text("x", lang))) for lang in LANGUAGES}
    assert len(set(files.values())) == len(LANGUAGES)
    assert "flipover" in method_text("x", "da") and "flippover" in method_text("x", "nb")
    assert "blädderblock" in method_text("x", "sv") and "flip chart" in method_text("x", "en")


def test_nynorsk_writes_nn_texts_with_bokmal_words(tmp_path: Path) -> None:
    text = method_text("x", "nn")
    assert "  nn: " in text and "  nb: " not in text
    assert _comments(text)[0] == t("scaffold.intro", "nb")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_methods_new_on_the_command_line_uses_the_language(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACILKIT_LANG", lang)
    assert main(["methods", "new", "my-method", "--dir", str(tmp_path)]) == 0
    capsys.readouterr()
    text = (tmp_path / "my-method.yaml").read_text(encoding="utf-8")
    assert _comments(text)[0] == t("scaffold.intro", lang) and f"  {lang}: " in text
    assert main(["methods", "validate", str(tmp_path)]) == 0
