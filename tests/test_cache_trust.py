"""The method cache never serves what the file does not say (issue 9, point 5)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import msgspec
import pytest

import facilkit.library.cache as cache_module
from facilkit.library.cache import MethodCache, cache_file_for
from facilkit.library.loader import Folder, load_library
from tests.conftest import METHOD_YAML, write_method


@pytest.fixture
def old_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as old enough to trust by their times (no hash of their bytes)."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)


def wait_for_clock_tick(path: Path) -> None:
    """Wait until the file system's clock has moved on from ``path``'s change time."""
    seen = path.stat().st_ctime_ns
    probe = path.with_name(".probe")
    while True:
        probe.write_bytes(b"x")
        if probe.stat().st_ctime_ns != seen:
            probe.unlink()
            return


def same_size_edit_with_time_put_back(path: Path, old: str, new: str) -> None:
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert len(old) == len(new) and old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns


def test_same_size_edit_with_mtime_put_back_is_seen(tmp_path: Path, old_enough: None) -> None:
    folder, cache_dir = tmp_path / "lib", tmp_path / "cache"
    path = write_method(folder, "m")
    load_library([Folder(folder, "user")], cache_dir)
    assert not MethodCache(cache_file_for(cache_dir, folder)).items[str(path)].content
    wait_for_clock_tick(path)
    same_size_edit_with_time_put_back(path, "Method m", "Metode m")
    library = load_library([Folder(folder, "user")], cache_dir)
    assert library.get("m").name_in("en") == "Metode m"  # type: ignore[union-attr]


def test_same_size_edit_of_a_new_file_is_seen_by_its_bytes(tmp_path: Path) -> None:
    """Within the same clock tick the times can repeat: the hash of the bytes decides."""
    folder, cache_dir = tmp_path / "lib", tmp_path / "cache"
    path = write_method(folder, "m")
    load_library([Folder(folder, "user")], cache_dir)
    stat = path.stat()
    same_size_edit_with_time_put_back(path, "Method m", "Metode m")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    library = load_library([Folder(folder, "user")], cache_dir)
    assert library.get("m").name_in("en") == "Metode m"  # type: ignore[union-attr]


def test_a_flipped_byte_in_the_cache_is_never_served(tmp_path: Path, old_enough: None) -> None:
    folder, cache_dir = tmp_path / "lib", tmp_path / "cache"
    write_method(folder, "m")
    load_library([Folder(folder, "user")], cache_dir)
    cache_file = cache_file_for(cache_dir, folder)
    raw = cache_file.read_bytes()
    assert raw.count(b"Method m") == 1
    cache_file.write_bytes(raw.replace(b"Method m", b"Method X"))  # still decodes as msgpack
    library = load_library([Folder(folder, "user")], cache_dir)
    assert library.get("m").name_in("en") == "Method m"  # type: ignore[union-attr]
    assert b"Method X" not in cache_file.read_bytes(), "the damaged entry is rebuilt"


def test_a_truncated_cache_is_thrown_away_and_rebuilt(tmp_path: Path, old_enough: None) -> None:
    folder, cache_dir = tmp_path / "lib", tmp_path / "cache"
    for number in range(5):
        write_method(folder, f"m{number}")
    load_library([Folder(folder, "user")], cache_dir)
    cache_file = cache_file_for(cache_dir, folder)
    cache_file.write_bytes(cache_file.read_bytes()[: cache_file.stat().st_size // 2])
    library = load_library([Folder(folder, "user")], cache_dir)
    assert sorted(library.entries) == [f"m{n}" for n in range(5)]
    assert len(MethodCache(cache_file).items) == 5


def test_a_file_replaced_by_another_with_the_same_times_is_seen(
    tmp_path: Path, old_enough: None
) -> None:
    """An editor that writes a new file and renames it over the old one (new inode)."""
    folder, cache_dir = tmp_path / "lib", tmp_path / "cache"
    path = write_method(folder, "m")
    load_library([Folder(folder, "user")], cache_dir)
    stat = path.stat()
    other = tmp_path / "other.yaml"
    other.write_text(METHOD_YAML.format(id="m").replace("Method m", "Metode m"), encoding="utf-8")
    os.utime(other, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(other, path)
    library = load_library([Folder(folder, "user")], cache_dir)
    assert library.get("m").name_in("en") == "Metode m"  # type: ignore[union-attr]


def test_an_entry_checked_by_its_bytes_is_kept_by_its_times_once_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, cache_dir = tmp_path / "lib", tmp_path / "cache"
    path = write_method(folder, "m")
    load_library([Folder(folder, "user")], cache_dir)
    assert MethodCache(cache_file_for(cache_dir, folder)).items[str(path)].content
    later = time.time_ns() + 10 * 10**9
    monkeypatch.setattr(time, "time_ns", lambda: later)
    load_library([Folder(folder, "user")], cache_dir)
    assert not MethodCache(cache_file_for(cache_dir, folder)).items[str(path)].content


def test_where_ctime_proves_nothing_the_bytes_decide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old_enough: None
) -> None:
    """On Windows st_ctime is the creation time: a same-size edit can keep every time.

    The cache entry is made to match the edited file's stat exactly, so only the
    hash of the bytes can tell that the file changed.
    """
    monkeypatch.setattr(cache_module, "CHANGE_TIME_TRUSTED", False)
    folder, cache_dir = tmp_path / "lib", tmp_path / "cache"
    path = write_method(folder, "m")
    load_library([Folder(folder, "user")], cache_dir)
    same_size_edit_with_time_put_back(path, "Method m", "Metode m")
    cache_file = cache_file_for(cache_dir, folder)
    cache = MethodCache(cache_file)
    stat = path.stat()
    cache.items[str(path)] = msgspec.structs.replace(
        cache.items[str(path)], ctime_ns=stat.st_ctime_ns, inode=stat.st_ino
    )
    cache.compact()
    library = load_library([Folder(folder, "user")], cache_dir)
    assert library.get("m").name_in("en") == "Metode m"  # type: ignore[union-attr]
