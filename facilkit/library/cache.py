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
- **The file is written in pieces.** A cold start appends the methods it has
  parsed every few hundred milliseconds, at most ``PIECE_ITEMS`` to a piece (a
  piece is built in memory before it is written: never megabytes at once), each
  framed by its length and a CRC-32: nobody waits for one big write at the end,
  and a crash in the middle of a write loses that piece only (a torn or damaged
  piece ends the reading; everything before it is served). Later pieces
  override earlier ones; once superseded entries make up half the file, or a
  piece was damaged, the cache is written again, atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import struct
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import msgspec

from facilkit import __version__
from facilkit.library.model import LANGUAGES, Entry, Method, MethodHead, Origin

FORMAT = f"facilkit-cache-3/{__version__}/{','.join(LANGUAGES)}"
"""A cache written by another version, or with other languages (a catalogue added or
removed changes which codes a method may carry), is not ours to trust."""
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


class _Piece(msgspec.Struct):
    """One write's worth of entries; the file is a sequence of framed pieces."""

    format: str
    items: dict[str, _Item]


_FRAME = struct.Struct("<II")
"""Before each piece: its length and the CRC-32 of its bytes."""
PIECE_ITEMS = 64
"""Entries in one piece at most (about 240 KB): a piece is built in memory before it is
written, and a cold start's piece of 550 methods held 2 MiB at the top of its peak."""

_decoder = msgspec.msgpack.Decoder(_Piece)
_head_decoder = msgspec.msgpack.Decoder(MethodHead)
_encoder = msgspec.msgpack.Encoder()


def encode_method(method: Method) -> bytes:
    """A validated method as the cache (and an entry) keeps it."""
    return _encoder.encode(method)


def cache_file_for(cache_dir: Path, folder: Path) -> Path:
    """One cache file per library folder, so folders never evict each other."""
    digest = hashlib.sha1(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"methods-{digest}.msgpack"


def _frame(items: dict[str, _Item]) -> bytearray:
    """One piece behind its frame, encoded straight into one buffer: no second copy of it."""
    buffer = bytearray(_FRAME.size)
    _encoder.encode_into(_Piece(FORMAT, items), buffer, _FRAME.size)
    with memoryview(buffer) as view:
        checksum = _checksum(view[_FRAME.size :])
    _FRAME.pack_into(buffer, 0, len(buffer) - _FRAME.size, checksum)
    return buffer


def _in_pieces(items: dict[str, _Item]) -> Iterator[dict[str, _Item]]:
    """``items`` in runs of at most ``PIECE_ITEMS``, in their order."""
    keys = list(items)
    for start in range(0, len(keys), PIECE_ITEMS):
        yield {key: items[key] for key in keys[start : start + PIECE_ITEMS]}


def read_pieces(data: bytes) -> tuple[list[dict[str, _Item]], bool]:
    """The whole pieces of a cache file in order, and whether everything in it was whole.

    A piece cut short (a crash while appending) or damaged ends the reading:
    its length can no longer be trusted to find the next one.
    """
    pieces: list[dict[str, _Item]] = []
    view, offset = memoryview(data), 0
    while offset < len(data):
        if offset + _FRAME.size > len(data):
            return pieces, False
        length, checksum = _FRAME.unpack_from(data, offset)
        body = view[offset + _FRAME.size : offset + _FRAME.size + length]
        if len(body) != length or _checksum(body) != checksum:
            return pieces, False
        try:
            piece = _decoder.decode(body)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return pieces, False
        if piece.format != FORMAT:  # written by another version: not ours to trust
            return pieces, False
        pieces.append(piece.items)
        offset += _FRAME.size + length
    return pieces, True


class MethodCache:
    """One folder's cache: read once at start, consulted per file, new entries appended in pieces."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: dict[str, _Item] = {}
        self.used: dict[str, _Item] = {}
        self.fresh: dict[str, _Item] = {}
        """Entries parsed (or renewed) since the last piece was written."""
        self.stored = 0
        """Entries in the file, counting the ones a later piece superseded."""
        self.whole = True
        """False when the file held a damaged piece or another version's: rewrite it."""
        try:
            data = path.read_bytes()
        except OSError:
            return
        pieces, self.whole = read_pieces(data)
        for items in pieces:
            self.items.update(items)
            self.stored += len(items)

    @property
    def dirty(self) -> bool:
        return bool(self.fresh)

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
            self.fresh[key] = item
        self.used[key] = item
        return Entry(head, key, origin, encoded=item.method)

    def put(
        self, path: str, stat: os.stat_result, required: tuple[str, ...], encoded: bytes
    ) -> None:
        """Remember a freshly validated method (``encode_method``'s bytes).

        One too new to trust by its times keeps a hash of the file's bytes; one
        that cannot be read again to hash is not cached.
        """
        content = b""
        if not CHANGE_TIME_TRUSTED or _racy(stat):
            try:
                content = _content_hash(path)
            except OSError:
                return
        item = _Item(
            stat.st_size,
            stat.st_mtime_ns,
            stat.st_ctime_ns,
            stat.st_ino,
            required,
            msgspec.Raw(encoded),
            _checksum(encoded),
            content,
        )
        self.used[path] = self.fresh[path] = item

    @staticmethod
    def entry_for(encoded: bytes, path: str, origin: Origin) -> Entry:
        """An entry as the warm start holds it: the head and the encoded method."""
        return Entry(_head_decoder.decode(encoded), path, origin, encoded=encoded)

    def append(self) -> None:
        """Write what was parsed since the last piece as one more piece; failures only cost speed.

        Not synced to disk: a piece lost to a power cut is parsed again next time.
        """
        if not self.fresh or not self.whole:
            return  # a damaged file is rewritten whole by save()
        for piece in _in_pieces(self.fresh):
            if not self._append_piece(piece):
                return
            self.stored += len(piece)
            for key in piece:
                del self.fresh[key]

    def _append_piece(self, items: dict[str, _Item]) -> bool:
        """Append one piece; False if it could not be written whole."""
        data = _frame(items)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # O_BINARY: on Windows a file opened without it turns every \n byte into \r\n,
            # and no appended piece would pass its checksum again
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
            handle = os.open(self.path, flags, 0o644)
            try:
                written = os.write(handle, data)  # one write: never interleaved with another's
            finally:
                os.close(handle)
        except OSError:
            return False
        if written != len(data):
            self.whole = False  # a short write (a full disk): save() writes the file again
            return False
        return True

    def save(self) -> None:
        """At the end of a load: append the last piece, or write the file again when it needs it.

        Entries this load did not use are kept while their files exist (a
        folder's files come and go); the file is written whole when it was
        damaged, or when superseded and vanished entries make up half of it.
        """
        live = {**self.items, **self.used}
        gone = [key for key in live if key not in self.used and not os.path.exists(key)]
        for key in gone:
            del live[key]
        if self.whole and not gone and self.stored + len(self.fresh) <= 2 * len(live):
            self.append()
            return
        self.items, self.fresh = live, {}
        self.compact()

    def compact(self) -> None:
        """Write every entry again, in pieces, atomically (replacing a damaged or bloated file)."""
        from facilkit.atomic import write_atomic  # only when the file must be written again
        from facilkit.errors import StorageError

        with contextlib.suppress(OSError, StorageError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, b"".join(map(_frame, _in_pieces(self.items))))
            self.stored, self.whole = len(self.items), True
