"""A warm-start cache of parsed methods, keyed on each file's identity and change time.

Parsing YAML is the slow part of a start; a msgpack file of already validated
structs loads a thousand methods in milliseconds. The cache can make a start
faster but must never make it wrong:

- **The key is path, size, mtime, ctime and inode.** mtime alone can be put
  back (``touch -d``, ``cp -p``, ``git`` and sync tools do it), so a same-size
  edit could be served stale. ctime cannot be set by any program: every write,
  rename into place, ``chmod`` and even the ``utime`` call that puts mtime back
  sets it to now, and a file replaced by a rename also gets a new inode. So an
  unchanged stat tuple means unchanged bytes, without reading the file (reading
  and hashing 1,000 files would spend the warm-start budget). Where ctime is
  the creation time (Windows) it proves nothing, so there each entry also keeps
  a BLAKE2 hash of the file's bytes and a warm start compares it.
- **A file changed within the last second is cached with a hash of its bytes**:
  a second change in the same clock tick could leave its times as they were,
  so until its change time is old enough the entry is checked against the
  file's content (and then stored again without the hash).
- **Every entry carries a CRC-32 of its encoded method**: a damaged entry (a
  flipped byte, a truncated write) is ignored and that file parsed again, and a
  cache that fails to decode at all is thrown away and rebuilt. CRC-32 catches
  every burst error up to 32 bits and costs 1 ms per 1,000 methods where BLAKE2
  costs 5 (of a 30 ms budget); a cryptographic hash would add nothing, since
  whoever can write the cache file can write a matching checksum too.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
import zlib
from pathlib import Path

import msgspec

from facilkit import __version__
from facilkit.library.model import Entry, Method, MethodHead, Origin

FORMAT = f"facilkit-cache-2/{__version__}"
RACY_NS = 1_000_000_000
CHANGE_TIME_TRUSTED = os.name != "nt"
"""POSIX ctime is the last change of the file; on Windows it is the creation time."""


class _Item(msgspec.Struct, array_like=True):
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    required: tuple[str, ...]
    method: msgspec.Raw
    """The encoded Method; only its head is decoded at start."""
    checksum: int
    """CRC-32 of ``method``: a damaged entry is never served."""
    content: bytes = b""
    """BLAKE2 of the file's bytes, where the times prove nothing (too new, or Windows)."""


def _checksum(data: bytes | msgspec.Raw) -> int:
    return zlib.crc32(data)


def _racy(stat: os.stat_result) -> bool:
    """Changed so recently that another change in the same clock tick would not show."""
    return max(stat.st_mtime_ns, stat.st_ctime_ns) > time.time_ns() - RACY_NS


def _content_hash(path: str) -> bytes:
    with open(path, "rb") as handle:
        return hashlib.blake2b(handle.read(), digest_size=16).digest()


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
        """The cached entry if the file is unchanged and the entry whole, else None."""
        key = path
        item = self.items.get(key)
        if item is None:
            return None
        if (
            item.size != stat.st_size
            or item.mtime_ns != stat.st_mtime_ns
            or item.ctime_ns != stat.st_ctime_ns
            or item.inode != stat.st_ino
            or item.required != required
            or item.checksum != _checksum(item.method)
        ):
            return None
        if item.content:
            try:
                if item.content != _content_hash(path):
                    return None
            except OSError:
                return None
        elif not CHANGE_TIME_TRUSTED:
            return None
        try:
            head = _head_decoder.decode(item.method)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None
        if item.content and CHANGE_TIME_TRUSTED and not _racy(stat):
            item = msgspec.structs.replace(item, content=b"")  # old enough now: times suffice
            self.dirty = True
        self.used[key] = item
        return Entry(head, key, origin, encoded=item.method)

    def put(
        self, path: str, stat: os.stat_result, required: tuple[str, ...], method: Method
    ) -> bytes | None:
        """Remember a freshly validated method; one too new to trust by its times keeps a hash.

        Returns the encoded method (None if the file could not be read again), so
        the caller can keep what a warm start keeps instead of the whole Method.
        """
        content = b""
        if not CHANGE_TIME_TRUSTED or _racy(stat):
            try:
                content = _content_hash(path)
            except OSError:
                return None
        encoded = _encoder.encode(method)
        self.used[path] = _Item(
            stat.st_size,
            stat.st_mtime_ns,
            stat.st_ctime_ns,
            stat.st_ino,
            required,
            msgspec.Raw(encoded),
            _checksum(encoded),
            content,
        )
        self.dirty = True
        return encoded

    @staticmethod
    def entry_for(encoded: bytes, path: str, origin: Origin) -> Entry:
        """An entry as the warm start holds it: the head and the encoded method."""
        return Entry(_head_decoder.decode(encoded), path, origin, encoded=encoded)

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
        from facilkit.atomic import write_atomic  # only when something was parsed
        from facilkit.errors import StorageError

        with contextlib.suppress(StorageError):
            write_atomic(self.path, data)
