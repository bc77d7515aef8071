"""Storage owns the disk: discovery, atomic saves that keep mode and links, new books
0600, init never overwrites, the writer lock, and refusing a book changed on disk."""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

import pytest

from netreach.book import editing, loading, storage
from netreach.cached import bookfile
from netreach.errors import BookChanged, BookExists, BookNotFound, StorageError

from .conftest import MINIMAL


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def set_title(title: str):
    return lambda doc, _net: editing.set_fields(doc.root, "people", "dana-kim", {"title": title})


@pytest.fixture
def small(write_book) -> Path:
    return write_book(MINIMAL)


# --- atomic saves ------------------------------------------------------------------

@pytest.mark.parametrize("file_mode", [0o600, 0o640, 0o644, 0o664])
def test_save_replaces_the_file_and_keeps_its_mode(invoke, small, file_mode):
    os.chmod(small, file_mode)
    inode = os.stat(small).st_ino
    assert invoke("edit", "dana-kim", "--title", "CTO", "--book", small).code == 0
    assert "title: CTO" in small.read_text()
    assert mode(small) == file_mode
    assert os.stat(small).st_ino != inode  # renamed over, never rewritten in place
    assert sorted(p.name for p in small.parent.iterdir()) == ["contacts.yaml",
                                                              "contacts.yaml.lock"]


def test_symlinked_book_stays_a_symlink(invoke, tmp_path):
    real_dir = tmp_path / "sync"
    real_dir.mkdir()
    real = real_dir / "contacts.yaml"
    real.write_text(MINIMAL)
    os.chmod(real, 0o640)
    link = tmp_path / "contacts.yaml"
    link.symlink_to(real)
    assert invoke("edit", "dana-kim", "--title", "CTO", "--book", link).code == 0
    assert link.is_symlink() and link.resolve() == real
    assert "title: CTO" in real.read_text()
    assert mode(real) == 0o640
    # The temporary file and the lock live beside the real file, not the link.
    assert sorted(p.name for p in real_dir.iterdir()) == ["contacts.yaml", "contacts.yaml.lock"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contacts.yaml", "sync"]


def test_relative_symlink_chain(invoke, tmp_path):
    (tmp_path / "a").mkdir()
    real = tmp_path / "a" / "book.yaml"
    real.write_text(MINIMAL)
    (tmp_path / "b.yaml").symlink_to("a/book.yaml")
    (tmp_path / "c.yaml").symlink_to("b.yaml")
    assert invoke("edit", "dana-kim", "--title", "X", "--book", tmp_path / "c.yaml").code == 0
    assert (tmp_path / "b.yaml").is_symlink() and (tmp_path / "c.yaml").is_symlink()
    assert "title: X" in real.read_text()


@pytest.mark.parametrize("failure", ["replace-disk-full", "replace-permission", "write-disk-full",
                                     "fsync-io-error", "mkstemp-permission"])
def test_failed_write_leaves_the_old_book(invoke, small, monkeypatch, failure):
    before = small.read_bytes()
    where, _, what = failure.partition("-")
    code = {"disk-full": errno.ENOSPC, "permission": errno.EACCES, "io-error": errno.EIO}[what]

    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    if where == "replace":
        monkeypatch.setattr(storage.os, "replace", fail)
    elif where == "fsync":
        monkeypatch.setattr(storage.os, "fsync", fail)
    elif where == "mkstemp":
        monkeypatch.setattr(storage.tempfile, "mkstemp", fail)
    else:
        real_fdopen = os.fdopen

        class FullDisk:
            def __init__(self, fd, mode):
                self.fh = real_fdopen(fd, mode)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, data):
                self.fh.write(data[: len(data) // 2])  # half written, then the disk is full
                raise OSError(code, os.strerror(code))

        monkeypatch.setattr(storage.os, "fdopen", FullDisk)
    res = invoke("edit", "dana-kim", "--title", "CTO", "--book", small)
    assert res.code == 1, res.stderr
    assert "not saved, the book is unchanged" in res.stderr
    assert os.strerror(code) in res.stderr
    assert small.read_bytes() == before
    assert [p.name for p in small.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_save_refuses_to_replace_a_non_regular_file(tmp_path):
    fifo = tmp_path / "book.fifo"
    os.mkfifo(fifo)
    with pytest.raises(StorageError, match="only writes regular files"):
        storage.atomic_replace(fifo, b"x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# --- init ------------------------------------------------------------------------

def test_new_book_is_0600_and_valid(invoke, tmp_path):
    path = tmp_path / "sub" / "contacts.yaml"
    old = os.umask(0o022)
    try:
        res = invoke("init", "--name", "Alex Rivera", "--book", path)
    finally:
        os.umask(old)
    assert res.code == 0, res.stderr
    assert mode(path) == 0o600
    net = loading.load(path.read_bytes(), str(path))
    assert net.book.me.name == "Alex Rivera" and dict(net.people) == {}
    assert invoke("add", "Dana Kim", "--book", path).code == 0
    assert mode(path) == 0o600


@pytest.mark.parametrize("existing", ["file", "empty-file", "symlink", "dangling-symlink"])
def test_init_never_overwrites(invoke, tmp_path, existing):
    path = tmp_path / "contacts.yaml"
    target = tmp_path / "elsewhere.yaml"
    if existing == "file":
        path.write_text(MINIMAL)
    elif existing == "empty-file":
        path.write_text("")
    elif existing == "symlink":
        target.write_text(MINIMAL)
        path.symlink_to(target)
    else:
        path.symlink_to(target)
    before = sorted((p.name, p.is_symlink(), p.exists() and p.read_bytes())
                    for p in tmp_path.iterdir())
    res = invoke("init", "--name", "X", "--book", path)
    assert res.code == 1 and "never overwrites" in res.stderr
    assert sorted((p.name, p.is_symlink(), p.exists() and p.read_bytes())
                  for p in tmp_path.iterdir()) == before


def test_init_loses_a_race_without_overwriting(tmp_path, monkeypatch):
    """A book that appears between the check and the write is still not overwritten."""
    path = tmp_path / "contacts.yaml"
    path.write_text(MINIMAL)
    monkeypatch.setattr(storage.os.path, "lexists", lambda _p: False)
    with pytest.raises(BookExists):
        storage.create(path, b"netreach: 1\nme: {name: X}\n")
    assert path.read_text() == MINIMAL
    assert [p.name for p in tmp_path.iterdir()] == ["contacts.yaml"]


# --- changed on disk and the lock -------------------------------------------------

def test_book_changed_between_read_and_write_is_refused(invoke, small, monkeypatch):
    real_load = loading.load

    def load_then_hand_edit(data, filename, where=None):
        network = real_load(data, filename, where)
        with open(small, "a") as fh:  # the person saves their editor meanwhile
            fh.write("    title: typed by hand\n")
        return network

    monkeypatch.setattr(loading, "load", load_then_hand_edit)
    res = invoke("edit", "dana-kim", "--notes", "from netreach", "--book", small)
    assert res.code == 75, res.stderr
    assert "changed on disk" in res.stderr and "nothing was written" in res.stderr
    assert small.read_text() == MINIMAL + "    title: typed by hand\n"


def test_book_changed_while_the_edit_runs_is_refused(small):
    opened = bookfile.open_book(small)

    def edit_and_meanwhile_hand_edit(doc, net):
        small.write_text(MINIMAL.replace("Dana Kim", "Dana K."))
        return editing.set_fields(doc.root, "people", "dana-kim", {"title": "CTO"})

    with pytest.raises(BookChanged):
        bookfile.edit_book(opened, edit_and_meanwhile_hand_edit)
    assert small.read_text() == MINIMAL.replace("Dana Kim", "Dana K.")


def test_held_lock_makes_a_second_writer_exit_75(run, small):
    from filelock import FileLock

    before = small.read_bytes()
    with FileLock(str(small) + ".lock"):
        start = time.monotonic()
        res = run("add", "Zed Zero", "--book", small, env={"NETREACH_LOCK_TIMEOUT": "0.5"})
        elapsed = time.monotonic() - start
        assert res.code == 75, res.stderr
        assert "another netreach command" in res.stderr and res.stdout == ""
        assert small.read_bytes() == before
        # Readers do not take the lock.
        assert run("list", "--book", small).code == 0
    assert elapsed >= 0.5
    assert run("add", "Zed Zero", "--book", small).code == 0  # free again


def test_lock_timeout_from_the_environment(monkeypatch):
    monkeypatch.setenv(storage.ENV_LOCK_TIMEOUT, "0.25")
    assert storage._lock_timeout() == 0.25
    monkeypatch.setenv(storage.ENV_LOCK_TIMEOUT, "soon")
    assert storage._lock_timeout() == 5.0
    monkeypatch.setenv(storage.ENV_LOCK_TIMEOUT, "-3")
    assert storage._lock_timeout() == 0.0


def test_unchanged_edit_writes_nothing(invoke, small):
    inode = os.stat(small).st_ino
    assert invoke("edit", "dana-kim", "--name", "Dana Kim", "--book", small).code == 0
    assert os.stat(small).st_ino == inode


# --- discovery --------------------------------------------------------------------

def test_discovery_order(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(storage.ENV_BOOK, raising=False)
    monkeypatch.chdir(tmp_path)
    user_book = tmp_path / "data" / "netreach" / "contacts.yaml"
    assert storage.user_book_path() == user_book
    with pytest.raises(BookNotFound, match="netreach init"):
        storage.find_book()
    assert storage.find_book(must_exist=False) == user_book
    user_book.parent.mkdir(parents=True)
    user_book.write_text(MINIMAL)
    assert storage.find_book() == user_book
    Path("contacts.yaml").write_text(MINIMAL)
    assert storage.find_book() == Path("contacts.yaml")
    monkeypatch.setenv(storage.ENV_BOOK, str(tmp_path / "env.yaml"))
    assert storage.find_book() == tmp_path / "env.yaml"
    assert storage.find_book(tmp_path / "flag.yaml") == tmp_path / "flag.yaml"


def test_commands_find_the_book_from_the_environment(run, small, tmp_path):
    res = run("list", "--json", env={"NETREACH_BOOK": str(small)}, cwd=tmp_path.parent)
    assert res.code == 0 and '"dana-kim"' in res.stdout


def test_writing_to_a_missing_book_leaves_nothing_behind(invoke, tmp_path):
    """filelock would create the lock file, and even its directories, for a book that
    does not exist."""
    for path in (tmp_path / "book.yaml", tmp_path / "no" / "such" / "dir" / "book.yaml"):
        res = invoke("add", "Zed", "--book", path)
        assert res.code == 1 and "no such book" in res.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_hand_edit_landing_while_the_new_file_is_written_is_kept(invoke, small, monkeypatch):
    """The last check runs after the temporary file is written and fsynced, right
    before the rename: a hand edit in that window is never overwritten (exit 75)."""
    before = small.read_bytes()
    write_temp = storage._write_temp

    def write_then_hand_edit(*args, **kwargs):
        tmp = write_temp(*args, **kwargs)
        with open(small, "ab") as fh:
            fh.write(b"# hand edit\n")
        return tmp

    monkeypatch.setattr(storage, "_write_temp", write_then_hand_edit)
    res = invoke("edit", "dana-kim", "--title", "X", "--book", small)
    assert res.code == 75, res.stderr
    assert small.read_bytes() == before + b"# hand edit\n"
    assert [p.name for p in small.parent.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_root_editing_another_users_book_keeps_its_owner(invoke, small):
    os.chown(small, 4321, 4321)
    assert invoke("edit", "dana-kim", "--title", "X", "--book", small).code == 0
    status = small.stat()
    assert (status.st_uid, status.st_gid) == (4321, 4321)
    assert "title: X" in small.read_text()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_an_owner_that_cannot_be_kept_is_refused(invoke, small, monkeypatch):
    """Where the new file cannot get the book's owner, nothing is written."""
    os.chown(small, 4321, 4321)
    before = small.read_bytes()

    def refuse(*_args, **_kwargs):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refuse)
    res = invoke("edit", "dana-kim", "--title", "X", "--book", small)
    assert res.code == 1, res.stderr
    assert "owner" in res.stderr
    assert small.read_bytes() == before
    assert [p.name for p in small.parent.iterdir() if p.name.endswith(".tmp")] == []
