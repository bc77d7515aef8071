"""The one writer of every file netreach writes besides the book: exports and plans.

Storage owns the disk; this module holds its rules for output files, so that
``export``, ``plan -o`` and whatever comes next cannot differ:

* ``-`` is standard output, and so are ``/dev/stdout``, ``/dev/fd/1`` and
  ``/proc/self/fd/1`` (``/dev/stderr`` and friends: standard error). They are
  written as streams, whatever stdout is (a pipe, a file, a terminal), never
  replaced. A terminal the user names (``/dev/tty``, ``/dev/pts/3``) and
  ``/dev/null`` are streams too.
* Everything else must be a regular file, or not exist yet. A directory, a FIFO,
  a socket, a block device or any other character device is refused (exit 1):
  replacing a device or a FIFO with a file would break it, and opening a FIFO
  could hang.
* A symlink is followed only when it is yours (or root's) and sits in a folder
  that others cannot write. A link another user owns, or any link in a
  world-writable folder such as ``/tmp`` (sticky or not), is refused: that is
  how another user would make netreach write your contacts into a file they can
  read (the kernel's ``protected_symlinks`` rule, applied to every folder). The
  path is never ``realpath``-ed first, so the kernel's own checks still apply to
  the folders on the way.
* A file is replaced atomically (temporary file beside it, fsync, rename), so a
  crash leaves the old file or the new one. A new file is 0600 (it is personal
  data about other people); an existing file keeps its mode only when it is
  yours; anyone else's file is replaced by one of yours, 0600.
* Temporary files that a killed write left behind (older than a minute, yours)
  are removed by the next write into the same folder under the same name.
"""

from __future__ import annotations

import contextlib
import enum
import fcntl
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from netreach.errors import Refused, StorageError, one_line

# New output files hold personal data about other people: readable only by you.
NEW_OUTPUT_MODE = 0o600
# A temporary file older than this belongs to a writer that died: a write of even a
# 200,000-person export takes a few seconds.
STALE_TEMP_SECONDS = 60
# As the kernel's own limit on symlinks in one path (ELOOP).
MAX_LINKS = 40
# The names of the standard streams (file descriptor 1 or 2).
STREAM_NAMES = {
    "-": 1, "/dev/stdout": 1, "/dev/fd/1": 1, "/proc/self/fd/1": 1,
    "/dev/stderr": 2, "/dev/fd/2": 2, "/proc/self/fd/2": 2,
}


class Written(enum.Enum):
    """Where ``write_output`` put the data."""

    FILE = "file"  # a regular file, replaced or created
    STREAM = "stream"  # stdout, stderr, a terminal or /dev/null


def trusted_uids() -> frozenset[int]:
    """Who may own a symlink that netreach follows, or a file it treats as yours:
    you and root (root can write anything anyway)."""
    return frozenset({os.geteuid(), 0})


def owner() -> int:
    """The user files are written for (the effective uid)."""
    return os.geteuid()


def shown(path: object) -> str:
    """A path for a message: on one line, whatever its name holds."""
    return one_line(str(path))


def _refuse(path: Path, why: str) -> StorageError:
    return StorageError(f"{shown(path)}: not written: {why}")


def _check_link(link: Path, status: os.stat_result, original: Path) -> None:
    """Refuse a symlink that someone else could have planted or could swap."""
    if status.st_uid not in trusted_uids():
        raise _refuse(original, f"{shown(link)} is a symlink owned by another user "
                      f"(uid {status.st_uid}); netreach does not follow it. Name the file "
                      "itself, or remove the link")
    parent = os.stat(link.parent)
    if parent.st_mode & stat.S_IWOTH:
        raise _refuse(original, f"{shown(link)} is a symlink in a folder anyone can write "
                      f"({shown(link.parent)}); netreach does not follow it. Name the file "
                      "it points to instead")


def resolve(path: Path) -> tuple[Path, os.stat_result | None]:
    """Follow trusted symlinks from ``path`` to what the write will land on.

    Returns that path and its ``lstat`` (``None``: nothing there yet). Every link
    on the way is checked (a trusted link to an untrusted one is refused too). A
    ``/proc`` fd link that names no path (``pipe:[123]``) stops the walk there, with
    the status of what it leads to.
    """
    current = path
    for _ in range(MAX_LINKS):
        try:
            status = os.lstat(current)
        except FileNotFoundError:
            return current, None
        if not stat.S_ISLNK(status.st_mode):
            return current, status
        _check_link(current, status, path)
        following = Path(os.path.join(current.parent, os.readlink(current)))
        if not os.path.lexists(following):
            with contextlib.suppress(FileNotFoundError):
                return current, os.stat(current)  # a magic link that still leads somewhere
        current = following
    raise _refuse(path, "too many levels of symbolic links")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory; give a file name"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe); netreach writes only regular files (use - for stdout)"
    if stat.S_ISSOCK(mode):
        return "a socket; netreach writes only regular files (use - for stdout)"
    if stat.S_ISBLK(mode):
        return "a block device; netreach writes only regular files"
    return "a device; netreach writes only regular files, a terminal or /dev/null"


def _is_devnull(status: os.stat_result) -> bool:
    """The null device, by its device number (any node of it, not only /dev/null)."""
    try:
        null = os.stat(os.devnull)
    except OSError:
        return False
    return stat.S_ISCHR(status.st_mode) and status.st_rdev == null.st_rdev


def _write_device(path: Path, status: os.stat_result, data: bytes,
                  terminal: Callable[[bytes], bytes]) -> None:
    """Write to a terminal or /dev/null the user named; refuse any other device."""
    if not stat.S_ISCHR(status.st_mode):
        raise _refuse(path, f"it is {_kind(status.st_mode)}")
    # O_NONBLOCK: should a FIFO have been swapped in since the check, opening cannot hang.
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    try:
        opened = os.fstat(fd)
        tty = os.isatty(fd)
        if not os.path.samestat(opened, status) or not (tty or _is_devnull(opened)):
            raise _refuse(path, f"it is {_kind(status.st_mode)}")
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        view = memoryview(terminal(data) if tty else data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def write_stream(stream: BinaryIO, data: bytes, terminal: Callable[[bytes], bytes]) -> None:
    """Write ``data`` to a standard stream; on a terminal, through ``terminal``."""
    stream.write(terminal(data) if stream.isatty() else data)
    stream.flush()


def _temp_pattern(name: str) -> re.Pattern[str]:
    # mkstemp(prefix=".NAME.", suffix=".tmp") adds eight characters of [a-z0-9_].
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


def sweep_stale_temps(folder: Path, name: str) -> int:
    """Remove the temporary files that killed writes of ``folder/name`` left behind:
    yours, regular, older than ``STALE_TEMP_SECONDS``. Returns how many."""
    pattern = _temp_pattern(name)
    oldest = time.time() - STALE_TEMP_SECONDS
    removed = 0
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not pattern.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                status = entry.stat(follow_symlinks=False)
                if (stat.S_ISREG(status.st_mode) and status.st_uid == owner()
                        and status.st_mtime < oldest):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def _replace(target: Path, data: bytes, mode: int) -> None:
    """Temporary file beside ``target``, fsynced, given ``mode``, renamed over it."""
    folder = target.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
            os.fsync(fh.fileno())
        os.replace(tmp, target)  # rename never follows a link that appeared meanwhile
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # some filesystems refuse fsync on directories
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _is_book(target: Path, status: os.stat_result | None, book: Path) -> bool:
    """Whether ``target`` is the book or its lock file (compared as files, not names)."""
    try:
        book_status = os.stat(book)
    except OSError:
        book_status = None
    if status is not None and book_status is not None and os.path.samestat(status, book_status):
        return True
    lock = os.path.realpath(book) + ".lock"
    return os.path.realpath(target) == lock


def write_output(
    path: Path,
    data: bytes,
    *,
    book: Path | None,
    stdout: BinaryIO,
    stderr: BinaryIO,
    terminal: Callable[[bytes], bytes],
) -> Written:
    """Write ``data`` to the output the person named (see the module's rules).

    ``terminal`` makes the data inert when it goes to a terminal. Refuses the book
    itself and its lock file (``Refused``), and every other kind of file that is not
    a regular file, a standard stream, a terminal or /dev/null (``StorageError``).
    """
    fd = STREAM_NAMES.get(str(path))
    if fd is not None:
        write_stream(stdout if fd == 1 else stderr, data, terminal)
        return Written.STREAM
    try:
        target, status = resolve(path)
        if book is not None and _is_book(target, status, book):
            raise Refused(f"{shown(path)} is the contact book itself; write to another file")
        if status is not None and not stat.S_ISREG(status.st_mode):
            _write_device(target, status, data, terminal)
            return Written.STREAM
        sweep_stale_temps(target.parent, target.name)
        mode = NEW_OUTPUT_MODE
        if status is not None and status.st_uid == owner():
            mode = status.st_mode & 0o777  # yours: keep its mode (not setuid bits)
        _replace(target, data, mode)
    except OSError as err:
        raise _refuse(path, err.strerror or str(err)) from None
    return Written.FILE
