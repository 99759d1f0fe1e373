"""Loading the library: validation rules, the search path, overrides and the cache."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from facilkit.library.cache import MethodCache, cache_file_for
from facilkit.library.loader import Folder, load_library, search_path
from facilkit.library.model import BUILTIN_LANGUAGES, localize
from facilkit.library.validate import load_method
from facilkit.paths import Locations, builtin_methods_dir
from tests.conftest import METHOD_YAML, write_method

REQUIRED_BUILTINS = {
    "i-do-art",
    "gamemaster",
    "open-and-close",
    "structured-dialogue",
    "bridge-building-questions",
    "ugu",
    "question-types",
    "knowing-not-knowing",
    "reflecting-team",
    "station-rotation",
    "check-in",
    "check-out",
    "group-reflection",
    "action-learning",
    "learning-culture-scale",
    "quick-conversations",
    "round-table",
    "milestone-plan",
    "needs-analysis",
    "learning-contract",
    "collegial-observation",
}


def problems_for(tmp_path: Path, text: str, name: str = "m") -> list[str]:
    path = write_method(tmp_path, name, text)
    method, problems = load_method(path)
    assert (method is None) == any(p.severity == "error" for p in problems)
    return [str(p) for p in problems]


def test_builtin_library_is_complete_and_valid_in_both_languages() -> None:
    library = load_library([Folder(builtin_methods_dir(), "builtin")])
    assert [str(p) for p in library.problems] == []
    assert set(library.entries) >= REQUIRED_BUILTINS
    assert len(library) >= 20
    for entry in library:
        for lang in BUILTIN_LANGUAGES:
            assert entry.method.name_in(lang).strip()
        assert isinstance(entry.method.name, dict)
        assert entry.method.name["da"] != "" and entry.method.name["en"] != ""


def test_builtin_sources_are_right() -> None:
    library = load_library([Folder(builtin_methods_dir(), "builtin")])
    source = {entry.id: localize(entry.method.source.text, "en") for entry in library}
    assert "ATTRACTOR" in source["gamemaster"] and "Molly-Søholm" in source["gamemaster"]
    assert "Rosdahl" in source["ugu"] and "motivational interviewing" in source["ugu"]
    assert "Tom Andersen" in source["reflecting-team"] and "1985" in source["reflecting-team"]
    assert "Hyper Island" in source["i-do-art"]
    assert "Karl Tomm" in source["question-types"]


def test_i_do_art_carries_wizard_guidance() -> None:
    method = load_library([Folder(builtin_methods_dir(), "builtin")]).get("i-do-art")
    assert method is not None
    keys = [step.key for step in method.steps]
    # the five planning steps the wizard shows, then going through it with the group
    assert keys == ["intention", "desired-outcome", "agenda", "rules-roles", "time", "present"]
    assert all(step.questions for step in method.steps)


def test_valid_method_has_no_problems(tmp_path: Path) -> None:
    assert problems_for(tmp_path, METHOD_YAML.format(id="m")) == []


def test_id_must_match_file_name(tmp_path: Path) -> None:
    assert problems_for(tmp_path, METHOD_YAML.format(id="other")) == [
        f"{tmp_path}/m.yaml:1:5: id 'other' must match the file name 'm.yaml'"
    ]


def test_missing_required_field(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m").replace("source: {text: Test}\n", "")
    assert problems_for(tmp_path, text) == [
        f"{tmp_path}/m.yaml:1:1: required field 'source' is missing"
    ]


def test_wrong_type_points_at_node(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m").replace("min: 5,", "min: five,")
    (problem,) = problems_for(tmp_path, text)
    assert problem.startswith(f"{tmp_path}/m.yaml:6:17: duration.min: expected a whole number")


def test_unknown_field_names_known_ones(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m") + "sumary: typo\n"
    (problem,) = problems_for(tmp_path, text)
    assert ":13:1: unknown field 'sumary'" in problem and "summary" in problem


def test_duration_order(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m").replace(
        "{min: 5, default: 10, max: 20}", "{min: 15, default: 10, max: 20}"
    )
    (problem,) = problems_for(tmp_path, text)
    assert ":6:11: duration must have min <= default <= max" in problem


def test_step_minutes_within_max(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m").replace("minutes: 5", "minutes: 25")
    (problem,) = problems_for(tmp_path, text)
    assert "steps add up to 25 minutes" in problem


def test_language_no_is_refused_with_hint(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m").replace(
        "{da: Et resumé., en: A summary.}", "{no: Et sammendrag.}"
    )
    (problem,) = problems_for(tmp_path, text)
    assert ":3:11: language 'no'" in problem and "nb" in problem and "nn" in problem


def test_unknown_language(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m").replace("en: A summary.", "xx: A summary.")
    (problem,) = problems_for(tmp_path, text)
    assert "unknown language 'xx'" in problem


def test_builtin_needs_all_four_languages(tmp_path: Path) -> None:
    """A built-in method's every text is in da, en, nb and sv; a trainer's may have one."""
    four = (
        METHOD_YAML.format(id="m")
        .replace(
            "{da: Metode m, en: Method m}",
            "{da: Metode m, en: Method m, nb: Metode m, sv: Metod m}",
        )
        .replace(
            "{da: Et resumé., en: A summary.}",
            "{da: Et resumé., en: A summary., nb: Et sammendrag., sv: En sammanfattning.}",
        )
        .replace("{da: Trin, en: Step}", "{da: Trin, en: Step, nb: Trinn, sv: Steg}")
    )
    assert load_method(write_method(tmp_path, "m", four), BUILTIN_LANGUAGES)[1] == []
    no_swedish = four.replace(", sv: En sammanfattning.}", "}")
    path = write_method(tmp_path, "m", no_swedish)
    assert load_method(path)[1] == []
    (problem,) = load_method(path, BUILTIN_LANGUAGES)[1]
    assert "missing language sv" in str(problem) and problem.line == 3
    two = write_method(tmp_path, "m", METHOD_YAML.format(id="m"))  # da and en only
    problems = load_method(two, BUILTIN_LANGUAGES)[1]
    assert [p.line for p in problems] == [2, 3, 9]  # name, summary, the step title
    assert all("missing language nb, sv" in str(p) for p in problems)


def test_user_method_may_have_one_language_and_falls_back(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m").replace("{da: Metode m, en: Method m}", "{sv: Metod m}")
    path = write_method(tmp_path, "m", text)
    method, problems = load_method(path)
    assert problems == [] and method is not None
    assert method.name_in("da") == "Metod m"


def test_localize_fallback_order() -> None:
    """nb → da → en, sv → da → en, da → nb → en, nn → nb → da → en (issue 10), then any."""
    assert localize({"da": "dansk", "en": "english", "sv": "svenska"}, "sv") == "svenska"
    assert localize({"da": "dansk", "en": "english"}, "nb") == "dansk"
    assert localize({"da": "dansk", "en": "english"}, "sv") == "dansk"
    assert localize({"en": "english", "nb": "bokmål"}, "da") == "bokmål"
    assert localize({"en": "english", "sv": "svenska"}, "da") == "english"
    assert localize({"da": "dansk", "nb": "bokmål", "en": "english"}, "nn") == "bokmål"
    assert localize({"da": "dansk", "en": "english"}, "nn") == "dansk"
    assert localize({"en": "english", "sv": "svenska"}, "nb") == "english"
    assert localize({"da": "dansk", "nn": "nynorsk"}, "sv") == "dansk"
    assert localize({"nn": "nynorsk"}, "en") == "nynorsk"
    assert localize("plain", "da") == "plain"


def test_related_must_exist(tmp_path: Path) -> None:
    text = METHOD_YAML.format(id="m").replace("related: []", "related:\n  - ghost")
    write_method(tmp_path, "m", text)
    library = load_library([Folder(tmp_path, "user")])
    assert [str(p) for p in library.problems] == [
        f"{tmp_path}/m.yaml:13:5: related method 'ghost' does not exist"
    ]
    assert "m" in library


def test_one_broken_file_among_fifty(tmp_path: Path) -> None:
    for number in range(49):
        write_method(tmp_path, f"method-{number:02d}")
    write_method(tmp_path, "broken", "id: broken\nname: [unclosed\n")
    library = load_library([Folder(tmp_path, "user")])
    assert len(library) == 49
    assert len(library.errors) == 1
    assert str(library.errors[0]).startswith(f"{tmp_path}/broken.yaml:")


def test_override_notice_names_both_files(tmp_path: Path) -> None:
    first = write_method(tmp_path / "a", "check-in")
    second = write_method(tmp_path / "b", "check-in")
    library = load_library([Folder(tmp_path / "a", "user"), Folder(tmp_path / "b", "user")])
    entry = library.entries["check-in"]
    assert entry.path == str(second) and entry.overrides == str(first)
    (notice,) = library.problems
    assert notice.severity == "notice"
    assert str(first) in str(notice) and str(second) in str(notice)


def test_search_path_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "FACILKIT_LIBRARY", os.pathsep.join([str(tmp_path / "e1"), str(tmp_path / "e2")])
    )
    locations = Locations.from_env()
    folders = search_path(locations, [tmp_path / "cli"])
    assert [f.path for f in folders] == [
        builtin_methods_dir(),
        locations.user_methods,
        tmp_path / "e1",
        tmp_path / "e2",
        tmp_path / "cli",
    ]


def test_user_folder_overrides_builtin(isolated_home: Path) -> None:
    write_method(isolated_home / "methods", "ugu")
    library = load_library(search_path(Locations.from_env()))
    assert library.entries["ugu"].origin == "user"
    assert library.entries["ugu"].overrides is not None
    assert library.errors == []


def _age(path: Path, seconds: float = 10) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def count_parses(monkeypatch: pytest.MonkeyPatch, folders: list[Folder]) -> list[str]:
    """Record every method file the loader parses from YAML (a cache miss).

    The spy replaces the validator where the loader finds it; a load without a
    cache proves it sees every parse, so the cache tests cannot pass because the
    spy is in the wrong place (they would fail here instead).
    """
    import facilkit.library.loader as loader_module
    import facilkit.library.validate as validate_module

    parsed: list[str] = []
    real = validate_module.load_method

    def spy(path: Path, *args: Any, **kwargs: Any) -> Any:
        parsed.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(validate_module, "load_method", spy)
    if hasattr(loader_module, "load_method"):
        monkeypatch.setattr(loader_module, "load_method", spy)
    uncached = load_library(folders)
    assert sorted(parsed) == sorted(Path(e.path).name for e in uncached), "the spy misses parses"
    parsed.clear()
    return parsed


def test_cache_serves_unchanged_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "lib"
    for number in range(3):
        _age(write_method(folder, f"m{number}"))
    cache_dir = tmp_path / "cache"
    first = load_library([Folder(folder, "user")], cache_dir)
    assert cache_file_for(cache_dir, folder).exists()
    parsed = count_parses(monkeypatch, [Folder(folder, "user")])
    second = load_library([Folder(folder, "user")], cache_dir)
    assert parsed == [], "the cache should have served every unchanged file"
    assert list(second.entries) == list(first.entries)
    assert [e.method for e in second] == [e.method for e in first]


def test_cache_never_serves_a_changed_file(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    path = write_method(folder, "m")
    _age(path)
    cache_dir = tmp_path / "cache"
    load_library([Folder(folder, "user")], cache_dir)
    path.write_text(METHOD_YAML.format(id="m").replace("Method m", "Changed m"), encoding="utf-8")
    _age(path, 5)
    library = load_library([Folder(folder, "user")], cache_dir)
    assert library.get("m").name_in("en") == "Changed m"  # type: ignore[union-attr]
    path.write_text("id: m\nname: [broken\n", encoding="utf-8")
    _age(path, 3)
    library = load_library([Folder(folder, "user")], cache_dir)
    assert "m" not in library and len(library.errors) == 1


def test_cache_checks_the_bytes_of_files_too_new_to_trust(tmp_path: Path) -> None:
    path = write_method(tmp_path / "lib", "m")
    load_library([Folder(tmp_path / "lib", "user")], tmp_path / "cache")
    item = MethodCache(cache_file_for(tmp_path / "cache", tmp_path / "lib")).items[str(path)]
    assert item.content, "a file changed this second is cached with a hash of its bytes"


def test_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    _age(write_method(folder, "m"))
    cache_file = cache_file_for(tmp_path / "cache", folder)
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(b"\x93garbage")
    library = load_library([Folder(folder, "user")], tmp_path / "cache")
    assert "m" in library
    assert MethodCache(cache_file).items  # rewritten and readable again


def test_each_folder_has_its_own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a", "b"):
        _age(write_method(tmp_path / name, f"m-{name}"))
    cache_dir = tmp_path / "cache"
    load_library([Folder(tmp_path / "a", "user")], cache_dir)
    load_library([Folder(tmp_path / "b", "user")], cache_dir)
    both = [Folder(tmp_path / "a", "user"), Folder(tmp_path / "b", "user")]
    parsed = count_parses(monkeypatch, both)
    library = load_library(both, cache_dir)
    assert parsed == [] and set(library.entries) == {"m-a", "m-b"}
