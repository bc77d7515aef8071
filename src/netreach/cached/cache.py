"""The cache of validated books: storage-owned, keyed by content, verified before use.

A warm command skips parsing and validation: it reads one cache file and decodes
only what it touches (``packed.py``). The cache can never be stale or trusted
blindly:

* One file per book path (``<hash of the real path>.nrc``) in the user cache
  directory (platformdirs), or ``$NETREACH_CACHE_DIR``; ``NETREACH_NO_CACHE=1``
  turns the cache off. Directory 0700, files 0600: they hold the book's data.
* A file is used only when its header names the book's exact bytes (SHA-256 of
  the content, so a touch without change still hits and any edit misses), this
  netreach version, the packed format, this Python's marshal format, and the
  code that wrote it (a fingerprint of netreach's source files).
* Every file carries an HMAC-SHA256 tag over all of it, checked before anything
  is decoded; the key (32 random bytes, 0600) is made once per cache directory.
  A truncated, corrupt or foreign file fails the check and is rebuilt; nothing is
  unpickled, and the payload is plain ``marshal`` data and number arrays.
* Writes are atomic (temporary file, rename), so readers never see half a file.
  Any error reading or writing the cache is ignored: the book is the truth.

It fails safe, because the files sit at predictable names:

* The directory is used only when it is yours and nobody else may write it
  (no group or world ``w`` bit); otherwise the cache is bypassed and the command
  says so once on stderr (``take_notices``). Every file is then opened through
  that directory's descriptor, so the checked directory is the one used.
* The key and the entries are opened with ``O_NOFOLLOW | O_NONBLOCK`` and read
  only when they are regular files of yours (a symlink, a FIFO or ``/dev/zero``
  in their place is ignored, never read, never waited on), with their size
  checked by ``fstat`` before reading and capped (``MAX_ENTRY_BYTES``).
* A key of the wrong size, mode or owner (a ``kill -9`` while it was first
  written, say) is replaced atomically by the next write.
* Temporary files older than a minute (a killed write's) are swept by the next
  write, under the directory's ``lock`` (``flock``, never waited for).
* Missing directories are made only below a folder that exists: with
  ``HOME=/nonexistent`` the cache is simply off, and nothing is created.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from netreach import __version__
from netreach.book import outfile, storage

ENV_DIR = "NETREACH_CACHE_DIR"
ENV_OFF = "NETREACH_NO_CACHE"
MAGIC = b"NRCACHE\x01"
KEY_NAME = "key"
KEY_BYTES = 32
TAG_BYTES = 32
SUFFIX = ".nrc"
LOCK_NAME = "lock"
# The packed form of a book is 1.5 times its YAML (the example book) to 2.8 times (a
# generated 50,000-person book: short names, many ties); four times the largest book
# netreach reads leaves room, and anything bigger is not ours.
MAX_ENTRY_BYTES = 4 * storage.MAX_BOOK_BYTES


def directory() -> Path | None:
    """Where cache files live, or None when the cache is off."""
    if os.environ.get(ENV_OFF, "") not in ("", "0"):
        return None
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    from platformdirs import user_cache_path

    return user_cache_path("netreach", appauthor=False)


# What the cache has to tell the person (why it is bypassed): shown once per command
# by the CLI, which is the only layer that prints.
_notices: dict[str, None] = {}


def take_notices() -> list[str]:
    """The warnings gathered since the last call (each once), and forget them."""
    found = list(_notices)
    _notices.clear()
    return found


def _make(folder: Path) -> None:
    """Create the cache folder, and its parent (``~/.cache``) when missing, never more:
    a missing home directory means no cache, not a new home directory."""
    if folder.parent.exists() or folder.parent.parent.is_dir():
        with contextlib.suppress(OSError):
            folder.parent.mkdir(exist_ok=True)
            folder.mkdir(exist_ok=True, mode=0o700)


def _open_dir(*, create: bool) -> int | None:
    """A descriptor of the cache directory when it is safe to use, else None."""
    folder = directory()
    if folder is None:
        return None
    if create:
        _make(folder)
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None  # not made yet (or cannot be): parse, quietly
    except OSError as err:
        _notices[f"the cache folder {folder} cannot be opened ({err.strerror}); "
                  "reading the book without it"] = None
        return None
    st = os.fstat(fd)
    if st.st_uid != outfile.owner() or st.st_mode & 0o022:
        os.close(fd)
        whose = "is not yours" if st.st_uid != outfile.owner() else "may be written by others"
        _notices[f"the cache folder {folder} {whose}, so it is not used (anyone who can "
                  f"write there could plant files); fix: chmod 700 it, or set {ENV_DIR} "
                  "to a folder of your own"] = None
        return None
    return fd


def _fingerprint() -> str:
    """The code that writes the cache: netreach's source files, by name, size and mtime."""
    package = Path(__file__).parent.parent
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            st = path.stat()
            h.update(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()


def _identity(digest: str, packed_format: int) -> dict[str, object]:
    return {
        "book": digest,
        "netreach": __version__,
        "format": packed_format,
        "python": list(sys.version_info[:2]),
        "byteorder": sys.byteorder,
        "code": _fingerprint(),
    }


def _write_all(fd: int, data: bytes | bytearray | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _write_parts(fd: int, parts: Sequence[Any]) -> None:
    """Write buffers one after another, small ones gathered first (an edit's payload
    can hold thousands of one-row slices: one system call each was measurable)."""
    small = bytearray()
    for part in parts:
        view = memoryview(part).cast("B")
        if len(view) < 1 << 16:
            small += view
            if len(small) < 1 << 20:
                continue
            view = memoryview(b"")
        if small:
            _write_all(fd, small)
            small = bytearray()
        if view:
            _write_all(fd, view)
    if small:
        _write_all(fd, small)


def _read_regular(name: str, folder: int, limit: int) -> bytearray | None:
    """The bytes of ``name`` in the directory ``folder`` if it is a regular file of
    yours, private (0600), at most ``limit`` bytes; else None. Never follows a link,
    never blocks (a FIFO), never reads a device."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC,
                     dir_fd=folder)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if (not stat.S_ISREG(st.st_mode) or st.st_uid != outfile.owner()
                or st.st_mode & 0o077 or st.st_size > limit):
            return None
        data = bytearray(st.st_size)
        view, got = memoryview(data), 0
        while got < st.st_size:
            n = os.readv(fd, [view[got:]])
            if n == 0:
                return None  # shorter than it said: being rewritten, not ours to trust
            got += n
        return data
    finally:
        os.close(fd)


def _new_temp(folder: int) -> tuple[str, int]:
    """A new private temporary file in ``folder``: its name and a descriptor."""
    while True:
        name = f".{secrets.token_hex(4)}.tmp"
        try:
            return name, os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                                 | os.O_CLOEXEC, 0o600, dir_fd=folder)
        except FileExistsError:
            continue


def _read_key(folder: int) -> bytes | None:
    key = _read_regular(KEY_NAME, folder, KEY_BYTES)
    return bytes(key) if key is not None and len(key) == KEY_BYTES else None


def _key_for_writing(folder: int) -> bytes:
    """The cache key, made when missing and replaced (atomically) when it cannot be
    used: too short, too long, someone else's, readable by others, not a file."""
    key = _read_key(folder)
    if key is not None:
        return key
    key = secrets.token_bytes(KEY_BYTES)
    tmp, fd = _new_temp(folder)
    try:
        try:
            _write_all(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, KEY_NAME, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
        except FileExistsError:
            made = _read_key(folder)  # another process made a good one meanwhile
            if made is not None:
                return made
            os.replace(tmp, KEY_NAME, src_dir_fd=folder, dst_dir_fd=folder)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder)
    return key


_TEMP = re.compile(r"\.[a-z0-9_]{8}\.tmp")


def _sweep(folder: int) -> None:
    """Remove temporary files of killed writes (older than a minute), under the lock;
    when another process holds the lock, it sweeps, and this one does not wait."""
    try:
        lock = os.open(LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK
                       | os.O_CLOEXEC, 0o600, dir_fd=folder)
    except OSError:
        return
    try:
        if not stat.S_ISREG(os.fstat(lock).st_mode):
            return
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        oldest = time.time() - outfile.STALE_TEMP_SECONDS
        for entry in os.scandir(folder):
            if _TEMP.fullmatch(entry.name):
                st = entry.stat(follow_symlinks=False)
                if (stat.S_ISREG(st.st_mode) and st.st_uid == outfile.owner()
                        and st.st_mtime < oldest):
                    os.unlink(entry.name, dir_fd=folder)
    except OSError:
        pass
    finally:
        os.close(lock)  # releases the flock


def entry_path(folder: Path, book: Path) -> Path:
    """The cache file of the book at ``book`` (one per real path)."""
    real = os.path.realpath(book)
    return folder / (hashlib.blake2b(real.encode("utf-8", "surrogateescape"),
                                     digest_size=16).hexdigest() + SUFFIX)


def _tag(key: bytes, body: bytes | memoryview) -> bytes:
    # HMAC-SHA256: with SHA CPU extensions it runs twice as fast as keyed BLAKE2b here
    # (14 ms against 29 ms for a 50,000-person cache file).
    return hmac.digest(key, body, "sha256")


def read(book: Path, digest: str, packed_format: int) -> memoryview | None:
    """The verified payload cached for these exact book bytes, or None."""
    folder: int | None = None
    try:
        folder = _open_dir(create=False)
        if folder is None:
            return None
        key = _read_key(folder)
        if key is None:
            return None
        blob = _read_regular(entry_path(Path(), book).name, folder, MAX_ENTRY_BYTES)
        if blob is None or not blob.startswith(MAGIC):
            return None
        view = memoryview(blob)
        start = len(MAGIC) + TAG_BYTES
        if not hmac.compare_digest(_tag(key, view[start:]), view[len(MAGIC):start]):
            return None
        length = int.from_bytes(view[start:start + 4], "little")
        header = json.loads(bytes(view[start + 4:start + 4 + length]))
        if header != _identity(digest, packed_format):
            return None
        return view[start + 4 + length:]
    except Exception:  # the cache is only ever a shortcut: any trouble means "parse"
        return None
    finally:
        if folder is not None:
            os.close(folder)


def write(book: Path, digest: str, packed_format: int,
          payload: bytes | Sequence[bytes | bytearray | memoryview | Any]) -> None:
    """Cache ``payload`` (bytes, or buffers written one after another) for these book
    bytes (atomically; errors are ignored)."""
    folder: int | None = None
    tmp: str | None = None
    try:
        folder = _open_dir(create=True)
        if folder is None:
            return
        _sweep(folder)
        key = _key_for_writing(folder)
        header = json.dumps(_identity(digest, packed_format), sort_keys=True).encode()
        parts = [len(header).to_bytes(4, "little") + header,
                 *([payload] if isinstance(payload, bytes) else payload)]
        tag = hmac.new(key, digestmod="sha256")
        for part in parts:
            tag.update(part)
        tmp, fd = _new_temp(folder)
        try:
            _write_all(fd, MAGIC + tag.digest())
            _write_parts(fd, parts)
        finally:
            os.close(fd)
        os.replace(tmp, entry_path(Path(), book).name, src_dir_fd=folder, dst_dir_fd=folder)
        tmp = None
    except Exception:  # a cache that cannot be written is no error: the book is saved
        pass
    finally:
        if folder is not None:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp, dir_fd=folder)
            os.close(folder)
