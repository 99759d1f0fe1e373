"""The catalogues: same keys and placeholders everywhere, every key used, every used key present."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import facilkit
from facilkit import i18n
from facilkit.i18n import CatalogueError, catalogue, parse_catalogue, t, ui_languages

PACKAGE = Path(facilkit.__file__).resolve().parent
KEY_HEAD = re.compile(r"^[a-z_]+(\.[a-z_]+)*\.$")
"""The start of a catalogue key built in code: ``check.``, ``error.os.``."""


def placeholders(entry: i18n.Entry) -> set[str]:
    texts = entry.values() if isinstance(entry, dict) else [entry]
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_four_languages_are_there() -> None:
    assert {"da", "en", "nb", "sv"} <= set(ui_languages())


@pytest.mark.parametrize("lang", [code for code in ui_languages() if code != "en"])
def test_same_keys_and_placeholders_as_english(lang: str) -> None:
    english, other = catalogue("en"), catalogue(lang)
    assert sorted(set(english) - set(other)) == [], f"missing in {lang}.yaml"
    assert sorted(set(other) - set(english)) == [], f"only in {lang}.yaml"
    for key, entry in english.items():
        assert isinstance(other[key], dict) == isinstance(entry, dict), key
        assert placeholders(other[key]) == placeholders(entry), key


@pytest.mark.parametrize("lang", [code for code in ui_languages() if code != "en"])
def test_no_text_left_untranslated(lang: str) -> None:
    """A text equal to the English one must be a word both languages share."""
    same = {
        key
        for key, entry in catalogue(lang).items()
        if entry == catalogue("en")[key] and not _shared_word(entry)
    }
    assert same == set()


SHARED_WORDS = {"facilkit", "I", "DO", "ART", "min", "OK", "Start", "Rotation", "Station"}
SHARED_WORDS |= {"Invitation", "Intention", "Facilitator", "Process", "Tips", "Lunch", "for"}
SHARED_WORDS |= {"Presentation", "Timeout", "Timeouts", "Pause", "sparring"}
SHARED_WORDS |= {"Markdown", "PDF", "Word", "Format", "invitation"}  # format names
SHARED_WORDS |= {"TEXT", "variant"}  # a command-line placeholder: Swedish writes it as English does
"""Words Danish, Norwegian or Swedish write as English does."""


def _shared_word(entry: i18n.Entry) -> bool:
    """Names, abbreviations and words spelled alike ("Rotation for {name}", "+5 min")."""
    text = entry if isinstance(entry, str) else entry["other"]
    words = re.findall(r"[^\W\d_]+", re.sub(r"\{[^}]*\}", "", text))
    return all(word in SHARED_WORDS for word in words)


def _source_literals() -> tuple[set[str], set[str], set[str]]:
    """String literals in facilkit's code, literal keys passed to t(), and the heads of keys
    built in code (``f"check.{code}"``, ``"process." + name``)."""
    literals: set[str] = set()
    direct: set[str] = set()
    prefixes: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            head = None
            if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                head = node.values[0].value
            elif isinstance(node, ast.BinOp) and isinstance(node.left, ast.Constant):
                head = node.left.value
            if isinstance(head, str) and KEY_HEAD.match(head):
                prefixes.add(head)
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                first = node.args[0]
                is_text = isinstance(first, ast.Constant) and isinstance(first.value, str)
                if name in ("t", "words") and is_text:
                    direct.add(str(first.value))  # type: ignore[attr-defined]
    return literals, direct, prefixes


def test_every_key_named_in_code_exists() -> None:
    """Keys built in code (check codes, binding ids) are met by the screen and CLI tests."""
    _, direct, _ = _source_literals()
    assert sorted(direct - set(catalogue("en"))) == []


def test_no_key_is_unused() -> None:
    """Used: named in code, or a family built in code whose last part is a literal there."""
    literals, direct, prefixes = _source_literals()
    literals |= _builtin_categories()  # category.<id> names the built-in methods' categories
    literals |= set(i18n.plan_languages())  # lang.<code> names each language a plan may have
    last_parts = {literal.rpartition(".")[2] for literal in literals}

    def used(key: str) -> bool:
        if key in direct or key in literals:
            return True
        heads = [head for head in prefixes if key.startswith(head)]
        return any(key[len(head) :] in literals | last_parts for head in heads)

    assert sorted(key for key in catalogue("en") if not used(key)) == []


def _builtin_categories() -> set[str]:
    from facilkit.library.loader import Folder, load_library
    from facilkit.paths import builtin_methods_dir

    library = load_library([Folder(builtin_methods_dir(), "builtin")])
    return {entry.head.category for entry in library}


def test_every_builtin_category_has_a_name() -> None:
    assert sorted(c for c in _builtin_categories() if f"category.{c}" not in catalogue("en")) == []
    assert i18n.category_name("dialogue", "sv") == "dialog"
    assert i18n.category_name("my-own", "da") == "my-own"


def test_every_binding_with_an_id_has_words() -> None:
    """The key bar, help and palette show ``key.<name>`` for a binding ``<area>.<name>``.

    The English description in the code stays: Textual hides a binding that has none
    (``show=bool(description and show)``), and every one is replaced at registration."""
    import importlib

    from textual.binding import Binding

    english = catalogue("en")
    missing = []
    for path in (PACKAGE / "tui").rglob("*.py"):
        module = importlib.import_module(
            "facilkit." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        )
        for value in vars(module).values():
            for binding in getattr(value, "BINDINGS", []) if isinstance(value, type) else []:
                if isinstance(binding, Binding) and binding.id:
                    name = binding.id.rpartition(".")[2]
                    if f"key.{name}" not in english:
                        missing.append(binding.id)
    assert missing == []


def test_plural_forms() -> None:
    assert t("home.methods_loaded", "da", count=1) == "1 metode"
    assert t("home.methods_loaded", "da", count=0) == "0 metoder"
    assert t("home.methods_loaded", "sv", count=2) == "2 metoder"
    assert t("home.methods_loaded", "en", count=1) == "1 method"
    with pytest.raises(TypeError, match="count"):
        t("home.methods_loaded", "en")


def test_placeholders_are_filled_and_checked() -> None:
    assert t("wiz.saved", "nb", path="x.yaml") == "Lagret: x.yaml"
    assert t("cmd.key_help", "sv", key="ctrl+s") == "Tangent: ctrl+s"  # 'key' is a placeholder too
    assert t("wiz.saved", "en") == "Saved: {path}"  # as written, for code that formats later
    with pytest.raises(KeyError):
        t("wiz.saved", "en", where="x")  # a wrong placeholder name fails loudly
    with pytest.raises(KeyError, match="no text"):
        t("no.such.key", "en")


def test_nynorsk_falls_back_to_bokmal_then_danish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert t("key.save", "nn") == t("key.save", "nb") == "Lagre"
    assert i18n.ui_language("nn") == "nb"
    monkeypatch.setattr(i18n, "CATALOGUE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_catalogues", {})
    (tmp_path / "da.yaml").write_text('a: "dansk"\nb: "dansk b"\n', encoding="utf-8")
    (tmp_path / "en.yaml").write_text('a: "English"\nb: "English b"\nc: "only English"\n')
    (tmp_path / "nb.yaml").write_text('a: "bokmål"\n', encoding="utf-8")
    assert [t(k, "nn") for k in "abc"] == ["bokmål", "dansk b", "only English"]


def test_a_fifth_language_is_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for lang in ("da", "en"):
        (tmp_path / f"{lang}.yaml").write_bytes((PACKAGE / "locale" / f"{lang}.yaml").read_bytes())
    (tmp_path / "fi.yaml").write_text('key.quit: "Lopeta"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "CATALOGUE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_catalogues", {})
    assert "fi" in ui_languages()
    assert i18n.detect_language({"LANG": "fi_FI.UTF-8"}) == "fi"
    assert t("key.quit", "fi") == "Lopeta"
    assert t("key.save", "fi") == "Save"  # not translated yet: English


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('a: "x"\na: "y"\n', "duplicate"),
        ("a: [1, 2]\n", "'a' must be a text"),
        ("a:\n  one: x\n", "'a' must be a text"),
        ("a:\n  one: x\n  other: 3\n", "plural forms must be texts"),
        ("- a\n", "a catalogue is a list"),
        ('a: "x\n', "fi.yaml:"),
    ],
)
def test_a_broken_catalogue_names_file_line_and_column(text: str, message: str) -> None:
    with pytest.raises(CatalogueError, match=message) as raised:
        parse_catalogue(text.encode(), "fi.yaml")
    assert str(raised.value).startswith("fi.yaml:")


def test_a_broken_catalogue_falls_back_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "en.yaml").write_text('key.quit: "Quit"\n', encoding="utf-8")
    (tmp_path / "da.yaml").write_text('key.quit: "Afslut\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "CATALOGUE_DIR", tmp_path)
    monkeypatch.setattr(i18n, "_catalogues", {})
    monkeypatch.setattr(i18n, "_problems", [])
    assert t("key.quit", "da") == "Quit"
    assert "da.yaml:" in capsys.readouterr().err
    assert i18n.catalogue_problems()


def test_the_compiled_copy_follows_an_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache is keyed on the file's bytes: an edit of the same size with the old mtime shows."""
    import os

    source = tmp_path / "en.yaml"
    source.write_text('a: "one"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "CATALOGUE_DIR", tmp_path)
    assert i18n._load(source) == {"a": "one"}
    assert i18n._cache_file(source).is_file()
    stat = source.stat()
    source.write_text('a: "two"\n', encoding="utf-8")
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert i18n._load(source) == {"a": "two"}


@pytest.mark.parametrize(
    ("lang", "written"),
    [
        ("da", "torsdag 3. december 2026"),
        ("nb", "torsdag 3. desember 2026"),
        ("nn", "torsdag 3. desember 2026"),
        ("sv", "torsdag 3 december 2026"),
        ("en", "Thursday 3 December 2026"),
    ],
)
def test_dates_written_out(lang: str, written: str) -> None:
    assert i18n.long_date("2026-12-03", lang) == written
    assert i18n.long_date(" 2026-12-03 ", lang) == written
    assert i18n.long_date("3/12 kl. 9", lang) == "3/12 kl. 9"  # the user's own words stay


def test_a_plural_count_is_written_with_its_thousands_grouped() -> None:
    """Home said "10025 metoder" once loaded, though "10.025" while it loaded."""
    assert t("home.methods_loaded", "da", count=10_025) == "10.025 metoder"
    assert t("home.methods_loaded", "en", count=10_025) == "10,025 methods"
    assert t("cli.methods_checked", "en", count=1) == "1 method checked"
