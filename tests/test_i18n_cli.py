"""Every command's output, help and typical errors, in each interface language (issue 10).

Each command runs as a user would type it with ``FACILKIT_LANG`` set; its standard output
and standard error together may hold no phrase of another language's catalogue (see
``tests/i18n_leaks.py``). argparse's own words ("usage:", "invalid choice") are checked
too, and that every text argparse can show a user is in the catalogues.
"""

from __future__ import annotations

import argparse
import ast
import inspect
import re
from pathlib import Path

import pytest

from facilkit.cli import main
from facilkit.cli_parser import ARGPARSE_PROGRAMMER_ERRORS, ARGPARSE_WORDS, argparse_text
from facilkit.i18n import ui_languages
from tests.conftest import METHOD_YAML, write_method
from tests.i18n_leaks import content_texts, leaks

LANGUAGES = ui_languages()

HELP = [
    [],
    ["methods"],
    ["methods", "list"],
    ["methods", "show"],
    ["methods", "validate"],
    ["methods", "new"],
    ["plan"],
    ["plan", "list"],
    ["plan", "restore"],
    ["plan", "new"],
    ["plan", "templates"],
    ["plan", "check"],
    ["plan", "export"],
    ["plan", "report"],
    ["run"],
    ["open"],
]

COMMANDS: list[tuple[list[str], int]] = [
    # the library
    (["methods", "list"], 0),
    (["methods", "list", "--category", "dialogue", "--process", "open"], 0),
    (["methods", "list", "--search", "zzzz"], 0),
    (["methods", "show", "ugu"], 0),
    (["methods", "show", "ugu", "--variant", "pairs"], 0),
    (["methods", "show", "check"], 2),
    (["methods", "show", "qqqq"], 2),
    (["methods", "show", "ugu", "--variant", "nope"], 2),
    (["methods", "show", "check-in", "--variant", "nope"], 2),
    (["methods", "validate"], 0),
    (["methods", "validate", "{tmp}/bad"], 1),
    (["methods", "validate", "{tmp}/ghost.yaml"], 2),
    (["methods", "validate", "{tmp}/empty"], 1),
    (["methods", "validate", "{tmp}/syntax"], 1),
    (["methods", "new", "my-method", "--dir", "{tmp}/new"], 0),
    (["methods", "new", "my-method", "--dir", "{tmp}/new"], 1),
    (["methods", "new", "Mit Id", "--dir", "{tmp}/new"], 2),
    # plans
    (["plan", "list"], 0),
    (["plan", "list", "--trash"], 0),
    (["plan", "templates"], 0),
    (["plan", "new", "Mødet", "--template", "learning-group"], 0),
    (["plan", "new", "Mødet 2", "--template", "nope"], 1),
    (["plan", "list"], 0),
    (["plan", "check", "moedet"], 0),
    (["plan", "check", "nope"], 1),
    (["plan", "export", "moedet", "-o", "{tmp}/out.md"], 0),
    (["plan", "export", "moedet", "--format", "invitation"], 0),
    (["plan", "export", "moedet", "-o", "{tmp}/out.odt"], 2),
    (["plan", "export", "moedet", "-o", "-", "--format", "pdf"], 2),
    (["plan", "export", "moedet", "-o", "{tmp}/out.md", "--template", "t.docx"], 2),
    (["plan", "export", "moedet", "-o", "{tmp}/out.html", "--report"], 2),
    (["plan", "export", "moedet", "-o", "{tmp}/no/such/out.md"], 1),
    (["plan", "report", "moedet"], 1),
    (["plan", "restore", "nope"], 1),
    # run mode's checks before the screen opens
    (["run", "moedet", "--speed", "0"], 2),
    (["run", "moedet", "--start", "25:00"], 2),
    (["run", "nope"], 1),
    # argparse's own words and the usage errors
    (["methods"], 2),
    (["methods", "frobnicate"], 2),
    (["plan", "new"], 2),
    (["methods", "list", "--bogus"], 2),
    (["methods", "list", "--process", "sideways"], 2),
    (["methods", "list", "--json=yes"], 2),
    (["methods", "list", "--lang", "xx"], 2),
    (["methods", "list", "--lang", "no"], 2),
    (["methods", "list", "--search"], 2),
    (["run", "moedet", "--speed", "fast"], 2),
    (["plan", "report", "moedet", "--run", "last"], 2),
    (["--library", "{tmp}/nowhere", "methods", "list"], 2),
]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A bad method folder, an empty folder: what the error cases name."""
    write_method(
        tmp_path / "bad",
        "bad",
        METHOD_YAML.format(id="bad").replace("process: open", "process: opn"),
    )
    worse = METHOD_YAML.format(id="worse").replace("category: dialogue", "colour: red")
    worse = worse.replace("{min: 5, default: 10, max: 20}", "{min: 5, default: ten, max: 2}")
    write_method(tmp_path / "bad", "worse", worse.replace("en: Step}", "no: Trinn}"))
    (tmp_path / "empty").mkdir()
    for name, text in BROKEN_SYNTAX.items():
        write_method(tmp_path / "syntax", name, text)
    return tmp_path


BROKEN_SYNTAX = {
    "tab": "id: tab\nname:\n\tda: Fane\n",
    "colon": "id: colon\nname: Trin: et\n",
    "comma": "id: comma\nmaterials: [{da: Papir, blyanter, en: Paper}]\n",
    "quote": 'id: quote\nname: "Papir\nsummary: x\n',
    "bracket": "id: bracket\ntags: [a, b\n",
    "twice": "id: twice\nid: twice\n",
    "indent": "id: indent\nsteps:\n  - a\n b: 1\n",
    "tag": "id: tag\nname: !!str x\n",
    "alias": "id: alias\nname: &n x\nsummary: *n\n",
    "special": "id: special\nname: @x\n",
    "escape": 'id: escape\nname: "a\\qb"\n',
    "nul": "id: nul\nname: a\x00b\n",
}
"""A trainer's method files broken in the ways hand-written YAML breaks: each message is a
catalogue text, so in Danish, Norwegian and Swedish no English may show."""


def _run(
    capsys: pytest.CaptureFixture[str], argv: list[str], tmp_path: Path
) -> tuple[int, str, str]:
    code = main([word.replace("{tmp}", str(tmp_path)) for word in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _without_paths(text: str) -> str:
    """Output with its paths left out: file and folder names are the user's, in any language."""
    return re.sub(r"\S*/\S*", "PATH", text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_command_speaks_one_language(
    lang: str,
    workspace: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FACILKIT_LANG", lang)
    allowed = (*content_texts(lang), "Mødet", "moedet")
    found: dict[str, list[str]] = {}
    for argv, expected in COMMANDS:
        code, out, err = _run(capsys, argv, workspace)
        said = leaks(_without_paths(out + err), lang, allowed)
        if code != expected:
            said.append(f"exit {code}, not {expected}: {err.strip()[:200]}")
        if said:
            found[" ".join(argv)] = said
    assert found == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_help_speaks_one_language(
    lang: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    found: dict[str, list[str]] = {}
    for argv in HELP:
        code, out, err = _run(capsys, ["--lang", lang, *argv, "--help"], tmp_path)
        assert code == 0 and err == "", argv
        said = leaks(out, lang, content_texts(lang))
        if said:
            found[" ".join(argv)] = said
    assert found == {}


def test_help_and_usage_errors_in_each_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The words themselves, not only their absence: a reader sees their own language."""
    heads = {"da": "brug: ", "en": "usage: ", "nb": "bruk: ", "sv": "användning: "}
    for lang, head in heads.items():
        _, out, _ = _run(capsys, ["--lang", lang, "plan", "export", "--help"], tmp_path)
        assert out.startswith(head + "facilkit plan export"), out[:60]
    code, _, err = _run(capsys, ["--lang", "nb", "methods", "frobnicate"], tmp_path)
    assert code == 2 and "ugyldig valg: 'frobnicate'" in err and "(se 'facilkit methods" in err
    code, _, err = _run(capsys, ["--lang=sv", "plan", "new"], tmp_path)
    assert code == 2 and "de här argumenten saknas: TITEL" in err
    code, _, err = _run(capsys, ["methods", "show", "qqqq", "--lang", "da"], tmp_path)
    assert code == 2 and err == "facilkit: ingen metode hedder 'qqqq'; se 'facilkit methods list'\n"


def test_argparse_messages_a_user_can_meet_are_all_in_the_catalogues() -> None:
    """A new Python that adds a message to argparse fails here until it has words."""
    tree = ast.parse(inspect.getsource(argparse))
    messages = {
        argument.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "ngettext")
        for argument in node.args
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str)
    }
    assert sorted(messages - set(ARGPARSE_WORDS) - ARGPARSE_PROGRAMMER_ERRORS) == []
    for message in ARGPARSE_WORDS:
        for lang in LANGUAGES:
            said = argparse_text(message, lang)
            assert sorted(_specs(said)) == sorted(_specs(message)), (lang, message)


def _specs(text: str) -> list[str]:
    """argparse's %-placeholders in a text (they must all survive the translation)."""
    return re.findall(r"%(?:\([a-z_]+\))?[sr]", text)


def test_method_file_problems_in_each_language(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trainer reads what is wrong in their language; field names stay as the file has them."""
    said = {
        "da": "process: 'opn' er ikke tilladt; brug en af open, close, both, none",
        "nb": "duration.default: forventet et helt tall, fikk tekst",
        "sv": "okänt fält 'colour'; kända fält här: id, name",
        "en": "process: 'opn' is not allowed; use one of open, close, both, none",
    }
    for lang, words in said.items():
        code, _, err = _run(capsys, ["--lang", lang, "methods", "validate", "{tmp}/bad"], workspace)
        assert code == 1 and words in err, err


def test_a_problem_keeps_its_words_between_processes() -> None:
    """The library's helper process sends problems as data; they arrive still translatable."""
    from facilkit.i18n import Words
    from facilkit.problems import Problem

    inner = Words("problem.expected", want=Words("type.int"), got=Words("type.str"))
    sent = Problem.said("m.yaml", 3, 7, Words("problem.at", where="duration", message=inner))
    came = Problem.from_wire(sent.wire())
    assert (
        came == sent
        and came.text("sv") == "m.yaml:3:7: duration: förväntade ett heltal, fick en text"
    )
    assert str(came) == "m.yaml:3:7: duration: expected a whole number, got text"


SYNTAX_SAID = {
    "tab": (3, 1, "yaml.tab"),
    "colon": (2, 11, "yaml.colon_in_text"),
    "comma": (2, 25, "yaml.comma_in_braces"),
    "quote": (2, 7, "yaml.unclosed_quote"),
    "bracket": (3, 1, "yaml.unclosed_bracket"),
    "twice": (2, 1, "yaml.duplicate_key"),
    "indent": (4, 2, "yaml.indent"),
    "tag": (2, 7, "yaml.tag"),
    "alias": (2, 7, "yaml.anchor"),
    "special": (2, 7, "yaml.special_start"),
    "escape": (2, 9, "yaml.bad_escape"),
    "nul": (2, 8, "yaml.nul"),
}
"""Where each broken file is reported, and the catalogue words that say what to do."""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_yaml_syntax_problems_in_each_language(
    lang: str, workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trainer's broken file: its place (file:line:column), then the words in their language."""
    from facilkit.i18n import t

    code, _, err = _run(capsys, ["--lang", lang, "methods", "validate", "{tmp}/syntax"], workspace)
    assert code == 1
    for name, (line, column, key) in SYNTAX_SAID.items():
        head = re.split(r"\{|'", t(key, lang))[0]  # the words before the first placeholder
        assert f"{name}.yaml:{line}:{column}: {head}" in err, (name, head, err)
