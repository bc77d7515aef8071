"""Storage owns the disk: finding, reading, locking and atomically saving the book.

Nothing else in netreach opens the book file.

* Saves are atomic: a temporary file in the book's directory is written,
  flushed and fsynced, given the book's mode, then ``os.replace``d over the
  book, and the directory is fsynced. A crash leaves the old book or the new.
* A symlinked book is written through its link (the link stays a link).
* Writers take ``BOOK.lock`` (filelock); a second writer waits
  ``$NETREACH_LOCK_TIMEOUT`` seconds (default 5), then fails with exit 75.
* A book that changed on disk since this command read it is never overwritten:
  checked when the lock is taken, and again once the new file is written and
  fsynced, right before the rename (exit 75, nothing lost).
* The new file keeps the book's mode, owner and group (root editing another
  user's book leaves it theirs; when the owner cannot be kept, nothing is
  written). A book with several hard links: its name gets the new file, the
  other names keep the old one (as with every editor that saves atomically).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from netreach.errors import (
    BookChanged,
    BookExists,
    BookInvalid,
    BookLocked,
    BookNotFound,
    Problem,
    StorageError,
    one_line,
)

ENV_BOOK = "NETREACH_BOOK"
ENV_LOCK_TIMEOUT = "NETREACH_LOCK_TIMEOUT"
DEFAULT_NAME = "contacts.yaml"
NEW_BOOK_MODE = 0o600


def user_book_path() -> Path:
    """The book in the user data directory (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path("netreach", appauthor=False) / DEFAULT_NAME


def find_book(explicit: Path | None = None, *, must_exist: bool = True) -> Path:
    """``--book``, then ``$NETREACH_BOOK``, then ``./contacts.yaml``, then the data dir."""
    if explicit is not None:
        return explicit
    env = os.environ.get(ENV_BOOK)
    if env:
        return Path(env)
    local = Path(DEFAULT_NAME)
    if local.exists():
        return local
    default = user_book_path()
    if must_exist and not default.exists():
        raise BookNotFound(
            f"no contact book found; looked, in this order, at: 1. --book (not given), "
            f"2. ${ENV_BOOK} (not set), 3. {local.absolute()}, 4. {default}. Create one "
            "with 'netreach init' (it goes to 4.), or pass --book PATH."
        )
    return default


@dataclass(frozen=True)
class Snapshot:
    """The bytes of a book as this command read them."""

    path: Path  # as given (may be a symlink)
    data: bytes

    @property
    def digest(self) -> str:
        """SHA-256 of the bytes (hardware-accelerated on most CPUs): the cache key."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def name(self) -> str:
        return str(self.path)


def _shown(path: object) -> str:
    """A path for a message: on one line, whatever its name holds (a newline, ESC)."""
    return one_line(str(path))


def _os_message(err: OSError) -> str:
    return err.strerror or str(err)


# The largest book netreach reads. A generated 200,000-person book is about 60 MB,
# so 256 MiB leaves room. The parser enforces it (as ``yamlread.MAX_BOOK_BYTES``).
MAX_BOOK_BYTES = 256 * 1024 * 1024


def _read_limit() -> int:
    # The parser's limit, read without importing the parser: a warm command answered
    # from the cache never loads PyYAML (~25 ms). Tests change the parser's value.
    parser = sys.modules.get("netreach.book.yamlread")
    return int(parser.MAX_BOOK_BYTES) if parser is not None else MAX_BOOK_BYTES


def read(path: Path) -> Snapshot:
    """Read a book's bytes. A directory or unreadable file is an invalid book (65).

    Never reads more than a book may hold: a huge file is refused from its size,
    and ``--book /dev/zero`` is cut one byte over the limit (the parser refuses it).
    """
    try:
        with open(path, "rb") as fh:
            limit = _read_limit()
            if os.fstat(fh.fileno()).st_size > limit:
                # The same words as the parser's, without reading 256 MiB first.
                raise BookInvalid(str(path), [Problem(
                    f"the file is larger than a book may be ({limit:,} bytes)", 1, 1)])
            # A pipe or device has no size: one byte over the limit is enough to refuse,
            # so /dev/zero cannot fill memory.
            return Snapshot(path, fh.read(limit + 1))
    except FileNotFoundError:
        raise BookNotFound(
            f"{_shown(path)}: no such book. Create one with 'netreach init --book {_shown(path)}'."
        ) from None
    except IsADirectoryError:
        raise BookInvalid(str(path), [Problem("is a directory, not a book", 1, 1)]) from None
    except OSError as err:
        raise BookInvalid(str(path), [Problem(f"cannot read: {_os_message(err)}", 1, 1)]) from None


def _real(path: Path) -> Path:
    """Where the bytes live: a symlinked book is written through its link."""
    return Path(os.path.realpath(path))


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # some filesystems refuse fsync on directories
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _temp_name(name: str) -> re.Pattern[str]:
    # mkstemp(prefix=".NAME.", suffix=".tmp") adds eight characters of [a-z0-9_].
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


def _sweep_temps(real: Path) -> None:
    """Remove temporary files a killed writer of this book left (call under the lock).

    A ``kill -9`` mid-save leaves its temporary file; the book itself is whole.
    """
    pattern = _temp_name(real.name)
    with contextlib.suppress(OSError):
        for entry in os.scandir(real.parent):
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _write_temp(directory: Path, name: str, data: bytes, mode: int) -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def refuse_read_only(path: Path) -> None:
    """A book nobody may write (no ``w`` bit) is the person's choice: respect it.

    Replacing it would work (the directory allows it), and root may write anything,
    so the mode bits decide, not only ``os.access``. A missing book passes (the
    read that follows says so).
    """
    real = _real(path)
    try:
        mode = os.stat(real).st_mode
    except OSError:
        return
    if not mode & 0o222 or not os.access(real, os.W_OK):
        raise StorageError(
            f"{_shown(path)} is read-only, so nothing was written; make it writable "
            f"(chmod u+w) to edit it with netreach"
        )


def _keep_owner(tmp: Path, status: os.stat_result, path: Path) -> None:
    """Give the new file the book's owner and group: root editing another user's book
    must not leave it owned by root. When that is not allowed, refuse."""
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) == (status.st_uid, status.st_gid):
        return
    try:
        os.chown(tmp, status.st_uid, status.st_gid)
    except OSError:
        raise StorageError(
            f"{_shown(path)}: not saved, the book is unchanged: saving would change its owner "
            f"or group (uid {status.st_uid}, gid {status.st_gid}); edit it as its owner"
        ) from None


def _replace(real: Path, data: bytes, mode: int,
             before: Callable[[Path], None] | None = None) -> None:
    """Temporary file beside ``real``, fsynced, given ``mode``, renamed over it.

    ``before(tmp)`` runs once the temporary file is written and fsynced, just
    before the rename: it may refuse (raise), and the temporary file is removed.
    """
    tmp = _write_temp(real.parent, real.name, data, mode)
    try:
        if before is not None:
            before(tmp)
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(real.parent)


def atomic_replace(path: Path, data: bytes,
                   unchanged: Callable[[], None] | None = None) -> None:
    """Replace the file at ``path`` (through any symlink) atomically, keeping its mode,
    owner and group.

    A read-only book is refused (``StorageError``), never replaced. ``unchanged()``
    runs after the new bytes are written and fsynced, right before the rename, to
    refuse when the book changed meanwhile. A hard link to the book is not
    followed: the book's name gets the new file, other names keep the old one.
    """
    real = _real(path)
    try:
        status = os.stat(real)
        if not stat.S_ISREG(status.st_mode):
            raise StorageError(f"{_shown(path)}: not saved: netreach only writes regular files")
        refuse_read_only(path)

        def before(tmp: Path) -> None:
            _keep_owner(tmp, status, path)
            if unchanged is not None:
                unchanged()

        _replace(real, data, status.st_mode & 0o7777, before)
    except OSError as err:
        raise StorageError(
            f"{_shown(path)}: not saved, the book is unchanged: {_os_message(err)}"
        ) from None


def create(path: Path, data: bytes) -> None:
    """Create a new book (mode 0600); never overwrites an existing file."""
    real = _real(path)
    if os.path.lexists(path):
        raise BookExists(f"{_shown(path)} already exists; netreach init never overwrites a book.")
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        tmp = _write_temp(real.parent, real.name, data, NEW_BOOK_MODE)
        try:
            os.link(tmp, real)  # fails if the book appeared meanwhile: no overwrite
        finally:
            os.unlink(tmp)
        _fsync_dir(real.parent)
    except FileExistsError:
        raise BookExists(
            f"{_shown(path)} already exists; netreach init never overwrites a book."
        ) from None
    except OSError as err:
        raise StorageError(f"{_shown(path)}: cannot create the book: {_os_message(err)}") from None


def _lock_timeout() -> float:
    try:
        return max(0.0, float(os.environ.get(ENV_LOCK_TIMEOUT, "5")))
    except ValueError:
        return 5.0


# Lock files this process holds, with how many ``locked`` blocks are inside each:
# a command holds the lock from its read to its write, and the save within
# takes it again (a second flock of the same file would wait for ourselves).
_held: dict[str, int] = {}


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the book's writer lock (re-entrant); exit 75 when another writer keeps it
    longer than ``$NETREACH_LOCK_TIMEOUT`` seconds."""
    from filelock import FileLock, Timeout

    lock_path = str(_real(path)) + ".lock"
    if lock_path in _held:
        _held[lock_path] += 1
        try:
            yield
        finally:
            _held[lock_path] -= 1
        return
    lock = FileLock(lock_path, timeout=_lock_timeout())
    try:
        lock.acquire()
    except Timeout:
        raise BookLocked(
            f"{_shown(path)} is being changed by another netreach command; try again in a moment "
            f"(lock file: {lock_path})."
        ) from None
    except OSError as err:
        raise StorageError(
            f"{_shown(path)}: cannot take the writer lock {lock_path}: {_os_message(err)}; "
            "the book is unchanged"
        ) from None
    _held[lock_path] = 1
    try:
        yield
    finally:
        del _held[lock_path]
        lock.release()


def save(
    before: Snapshot,
    edit: Callable[[bytes], bytes | None],
) -> bytes | None:
    """Under the lock, check the book is still ``before``, apply ``edit``, save atomically.

    ``edit`` maps the current bytes to new bytes (``None``: nothing to change) and
    must validate what it returns. Returns the bytes written, or ``None``.
    """
    with locked(before.path):
        _sweep_temps(_real(before.path))
        current = read(before.path)
        if current.data != before.data:
            raise BookChanged(
                f"{_shown(before.path)} changed on disk since this command read it; nothing was "
                "written. Run the command again."
            )
        new = edit(current.data)
        if new is None or new == current.data:
            return None

        def unchanged() -> None:
            # A hand edit between our read and the rename must not be lost: checked
            # again once the new file is on disk, right before it replaces the book.
            if read(before.path).data != current.data:
                raise BookChanged(
                    f"{_shown(before.path)} changed on disk while saving; nothing was "
                    "written. Run the command again."
                )

        atomic_replace(before.path, new, unchanged)
        return new


# Import files larger than this are refused: a 10,000-connection LinkedIn export is
# about 1 MB and a Google Contacts export of 25,000 contacts (Google's own limit)
# with notes about 30 MB, so 128 MiB is generous and still bounds memory.
MAX_INPUT_BYTES = 128 * 1024 * 1024


def read_input(path: Path) -> bytes:
    """Read a file to import (not the book): clear errors, bounded size."""
    from netreach.errors import ImportInvalid, NotFound

    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise NotFound(f"{_shown(path)}: no such file") from None
    except IsADirectoryError:
        raise ImportInvalid(str(path), [Problem("is a directory, not a file to import")]) from None
    except OSError as err:
        raise StorageError(f"{_shown(path)}: cannot read: {_os_message(err)}") from None
    if len(data) > MAX_INPUT_BYTES:
        raise ImportInvalid(
            str(path), [Problem(f"larger than {MAX_INPUT_BYTES // 2**20} MiB; split it first")]
        )
    return data
