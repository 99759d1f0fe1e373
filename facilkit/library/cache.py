"""A warm-start cache of parsed methods, keyed on each file's path, size and mtime.

Parsing YAML is the slow part of a start; a msgpack file of already
validated structs loads a thousand methods in milliseconds. Only valid methods
are cached, a file changed within the last second is never cached (its mtime
could repeat), and a cache that fails to decode is thrown away, so the cache
can make a start faster but never make it wrong.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from pathlib import Path

import msgspec

from facilkit import __version__
from facilkit.library.model import Entry, Method, MethodHead, Origin

FORMAT = f"facilkit-cache-1/{__version__}"
RACY_NS = 1_000_000_000


class _Item(msgspec.Struct, array_like=True):
    size: int
    mtime_ns: int
    required: tuple[str, ...]
    method: msgspec.Raw
    """The encoded Method; only its head is decoded at start."""


class _File(msgspec.Struct):
    format: str
    items: dict[str, _Item]


_decoder = msgspec.msgpack.Decoder(_File)
_head_decoder = msgspec.msgpack.Decoder(MethodHead)
_encoder = msgspec.msgpack.Encoder()


def cache_file_for(cache_dir: Path, folder: Path) -> Path:
    """One cache file per library folder, so folders never evict each other."""
    digest = hashlib.sha1(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"methods-{digest}.msgpack"


class MethodCache:
    """One folder's cache: read once at start, consulted per file, written back if anything changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: dict[str, _Item] = {}
        self.used: dict[str, _Item] = {}
        self.dirty = False
        try:
            loaded = _decoder.decode(path.read_bytes())
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return
        if loaded.format == FORMAT:
            self.items = loaded.items

    def get(
        self, path: str, stat: os.stat_result, required: tuple[str, ...], origin: Origin
    ) -> Entry | None:
        """The cached entry if the file is unchanged (same size and mtime), else None."""
        key = path
        item = self.items.get(key)
        if item is None:
            return None
        if (
            item.size != stat.st_size
            or item.mtime_ns != stat.st_mtime_ns
            or item.required != required
        ):
            return None
        try:
            head = _head_decoder.decode(item.method)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None
        self.used[key] = item
        return Entry(head, key, origin, encoded=item.method)

    def put(
        self, path: str, stat: os.stat_result, required: tuple[str, ...], method: Method
    ) -> None:
        """Remember a freshly validated method, unless its file is too new to trust."""
        if stat.st_mtime_ns > time.time_ns() - RACY_NS:
            return
        raw = msgspec.Raw(_encoder.encode(method))
        self.used[path] = _Item(stat.st_size, stat.st_mtime_ns, required, raw)
        self.dirty = True

    def save(self) -> None:
        """Write back if anything new was parsed, atomically; failures only cost speed.

        Entries this load did not use (another ``--library`` folder) are kept while
        their files exist, so switching between folders stays fast.
        """
        if not self.dirty:
            return
        kept = {
            key: item
            for key, item in self.items.items()
            if key not in self.used and os.path.exists(key)
        }
        data = _encoder.encode(_File(FORMAT, {**kept, **self.used}))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".library-", dir=self.path.parent)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, self.path)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temp)
