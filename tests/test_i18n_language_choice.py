"""Choosing the language: --lang, then FACILKIT_LANG, then the locale, then English."""

from __future__ import annotations

import pytest

from facilkit.cli import build_parser, main
from facilkit.i18n import detect_language, fallback_chain, language_from_locale


@pytest.mark.parametrize(
    ("value", "lang"),
    [
        ("nb_NO.UTF-8", "nb"),
        ("nn_NO.UTF-8", "nn"),
        ("no_NO.UTF-8", "nb"),
        ("no_NO", "nb"),
        ("sv_SE.UTF-8", "sv"),
        ("sv_FI.UTF-8", "sv"),
        ("da_DK.UTF-8", "da"),
        ("da_DK", "da"),
        ("en_GB.UTF-8", "en"),
        ("en_US.UTF-8", "en"),
        ("en_DK.UTF-8", "en"),
        ("fr_FR.UTF-8", "en"),
        ("C.UTF-8", "en"),
        ("POSIX", "en"),
        ("sv_SE.UTF-8@euro", "sv"),
    ],
)
def test_locale_names(value: str, lang: str) -> None:
    assert detect_language({"LANG": value}) == lang


def test_facilkit_lang_comes_before_the_locale() -> None:
    assert detect_language({"FACILKIT_LANG": "sv", "LANG": "da_DK.UTF-8"}) == "sv"
    assert detect_language({"FACILKIT_LANG": "nb_NO.UTF-8", "LC_ALL": "en_US"}) == "nb"
    assert detect_language({"FACILKIT_LANG": "xx", "LANG": "da_DK.UTF-8"}) == "da"


def test_lc_all_before_lc_messages_before_lang() -> None:
    env = {"LC_ALL": "sv_SE.UTF-8", "LC_MESSAGES": "da_DK.UTF-8", "LANG": "nb_NO.UTF-8"}
    assert detect_language(env) == "sv"
    del env["LC_ALL"]
    assert detect_language(env) == "da"
    del env["LC_MESSAGES"]
    assert detect_language(env) == "nb"


def test_language_list_and_nothing_at_all() -> None:
    assert detect_language({"LANGUAGE": "fr:nb:en"}) == "nb"
    assert detect_language({}) == "en"
    assert language_from_locale("") is None


def test_fallback_chains() -> None:
    assert fallback_chain("nb") == ("nb", "da", "en")
    assert fallback_chain("sv") == ("sv", "da", "en")
    assert fallback_chain("da") == ("da", "nb", "en")
    assert fallback_chain("nn") == ("nn", "nb", "da", "en")
    assert fallback_chain("en") == ("en",)
    assert fallback_chain("zz") == ("zz", "en")  # a code no catalogue will ever have


@pytest.mark.parametrize("code", ["da", "en", "nb", "nn", "sv", "SV"])
def test_lang_option_takes_every_language(code: str) -> None:
    args = build_parser().parse_args(["--lang", code, "methods", "list"])
    assert args.lang == code.lower()


def test_lang_option_refuses_no_with_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(["--lang", "no", "methods", "list"])
    except SystemExit as exited:
        code = exited.code  # type: ignore[assignment]
    assert code == 2
    assert "use nb (bokmål) or nn (nynorsk)" in capsys.readouterr().err


def test_lang_option_beats_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACILKIT_LANG", "da")
    main(["--lang", "sv", "methods", "show", "check-in"])
    out = capsys.readouterr().out
    assert "Tidsåtgång" in out and "Varighed" not in out
