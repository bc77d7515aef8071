"""Files netreach writes besides the book (``export FILE``, ``plan -o FILE``): no
clobbering, no leaks, no hangs (issue 18).

Devices, FIFOs, sockets and directories are refused, never replaced; ``-`` and
``/dev/stdout`` are streams; a symlink that another user could have planted is
never followed; new files are 0600 and someone else's file is never kept as theirs.
Tests that plant a file owned by another user need root (``os.chown``); the same
rules are checked everywhere through a mocked owner check.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.adversarial.conftest import TODAY, cli, copy_example
from tests.adversarial.hostile import EXAMPLE_BYTES
from tests.conftest import cli_env

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
OTHER_UID = 1001  # someone else: the attacker who plants a file
needs_root = pytest.mark.skipif(
    not ROOT, reason="planting a file owned by another user takes root (os.chown); "
    "test_a_mocked_foreign_owner_is_refused checks the same rule without it")

# Every command that writes an output file, with {out} for the file.
WRITERS = {
    "export-csv": ("export", "csv", "{out}"),
    "export-json": ("export", "json", "{out}"),
    "plan-md": ("plan", "nordlicht", "--format", "markdown", "-o", "{out}", "--today", TODAY),
}


def argv(which: str, out: Path | str, book: Path) -> list[str]:
    return [a.format(out=out) for a in WRITERS[which]] + ["--book", str(book)]


def run_child(args: list[str], *, timeout: float = 60, cwd: Path | None = None,
              **env: str) -> subprocess.CompletedProcess[bytes]:
    """``netreach ARGS`` in a child process, with a timeout: a hang fails the test."""
    return subprocess.run([sys.executable, "-m", "netreach", *args], capture_output=True,
                          env=cli_env(**env), cwd=cwd, stdin=subprocess.DEVNULL,
                          timeout=timeout)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    folder = tmp_path / "books"
    folder.mkdir()
    return copy_example(folder)


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path (a socket's path must fit in 108 bytes)."""
    with tempfile.TemporaryDirectory(prefix="nr") as folder:
        yield Path(folder)


# --- what is not a regular file ------------------------------------------------------------

def _kind(path: Path) -> int:
    return stat.S_IFMT(os.lstat(path).st_mode)


@pytest.mark.parametrize("which", list(WRITERS))
@pytest.mark.parametrize("target", ["fifo", "socket", "directory"])
def test_a_fifo_socket_or_directory_is_refused_never_replaced(which: str, target: str,
                                                              book: Path, short_dir: Path):
    path = short_dir / "target"
    held = None
    if target == "fifo":
        os.mkfifo(path)
    elif target == "socket":
        held = socket.socket(socket.AF_UNIX)
        held.bind(str(path))
    else:
        path.mkdir()
    kind = _kind(path)
    try:
        # A child with a timeout: opening a FIFO for writing would wait for a reader.
        res = run_child(argv(which, path, book))
    finally:
        if held is not None:
            held.close()
    assert res.returncode == 1, res.stderr
    assert b"Traceback" not in res.stderr
    assert res.stdout == b""
    assert _kind(path) == kind  # still a FIFO, a socket, a directory
    assert sorted(p.name for p in short_dir.iterdir()) == ["target"]  # no temporary file
    assert book.read_bytes() == EXAMPLE_BYTES


def _device_clone(folder: Path, device: str) -> Path:
    """A node of the same character device as ``device``, in ``folder`` (root only):
    a regression that replaces it replaces this copy, never the machine's own."""
    node = folder / Path(device).name
    os.mknod(node, stat.S_IFCHR | 0o666, os.stat(device).st_rdev)
    return node


@pytest.fixture
def null_device(tmp_path: Path) -> Path:
    """The null device to aim at: as root a copy of its node (root could replace
    /dev/null itself, should netreach regress), else /dev/null (nobody else can)."""
    return _device_clone(tmp_path, "/dev/null") if ROOT else Path("/dev/null")


@pytest.mark.parametrize("which", list(WRITERS))
def test_the_null_device_is_written_as_a_stream(which: str, book: Path, null_device: Path):
    before = os.stat(null_device)
    res = cli(*argv(which, null_device, book))
    assert res.code == 0, res.stderr
    after = os.lstat(null_device)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert stat.S_IMODE(after.st_mode) == stat.S_IMODE(before.st_mode)


@pytest.mark.skipif(not ROOT, reason="making a device node takes root (mknod)")
def test_any_other_device_is_refused(book: Path, tmp_path: Path):
    zero = _device_clone(tmp_path, "/dev/zero")  # never written: refused before that
    res = cli(*argv("export-csv", zero, book))
    assert res.code == 1
    assert stat.S_ISCHR(os.lstat(zero).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["books", "zero"]


# --- streams -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/fd/1", "-"])
def test_dev_stdout_into_a_pipe_is_the_stream(name: str, book: Path, tmp_path: Path):
    res = run_child(["export", "csv", name, "--book", str(book)], cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith(b"id,name,")
    assert not (tmp_path / "-").exists()


def test_dev_stderr_is_the_error_stream(book: Path):
    res = run_child(["export", "json", "/dev/stderr", "--book", str(book)])
    assert res.returncode == 0
    assert res.stdout == b""
    assert b'"people"' in res.stderr


def test_plan_dash_o_dash_is_stdout_not_a_file_named_dash(book: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    for fmt in ("text", "markdown", "json"):
        res = cli("plan", "nordlicht", "-o", "-", "--format", fmt, "--today", TODAY,
                  "--book", book)
        assert res.code == 0, res.stderr
        assert "Nordlicht" in res.stdout
        assert not (tmp_path / "-").exists()


# --- symlinks that someone else planted ----------------------------------------------------

def _theirs(path: Path, data: bytes = b"", mode: int = 0o666) -> Path:
    path.write_bytes(data)
    os.chown(path, OTHER_UID, OTHER_UID)
    os.chmod(path, mode)
    return path


@needs_root
@pytest.mark.parametrize("which", list(WRITERS))
@pytest.mark.parametrize("folder", ["private", "sticky"])
def test_a_symlink_planted_by_another_user_is_never_followed(which: str, folder: str,
                                                             book: Path, tmp_path: Path):
    """The attack of issue 18: uid 1001 plants /tmp/net.csv -> a 0666 file they own,
    and waits for the contacts to land there."""
    shared = tmp_path / folder
    shared.mkdir(mode=0o700)
    if folder == "sticky":
        shared.chmod(0o1777)  # like /tmp
    trap = _theirs(tmp_path / "theirs.csv")
    link = shared / "net.csv"
    link.symlink_to(trap)
    os.lchown(link, OTHER_UID, OTHER_UID)
    res = cli(*argv(which, link, book))
    assert res.code == 1, res.stderr
    assert "Traceback" not in res.stderr
    assert trap.read_bytes() == b""  # nothing leaked
    assert link.is_symlink() and os.readlink(link) == str(trap)


def test_a_mocked_foreign_owner_is_refused(book: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch):
    """The owner rule without root: the links are ours, but netreach is told that
    only some other uid counts as "you", so each is another user's link."""
    from netreach.book import outfile

    target = tmp_path / "real.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    monkeypatch.setattr(outfile, "trusted_uids", lambda: frozenset({os.geteuid() + 4242}))
    for which in WRITERS:
        res = cli(*argv(which, link, book))
        assert res.code == 1, res.stderr
        assert not target.exists()
        assert link.is_symlink()


@pytest.mark.parametrize("which", list(WRITERS))
def test_even_my_own_symlink_in_a_world_writable_folder_is_not_followed(
        which: str, book: Path, tmp_path: Path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    target = tmp_path / "real.csv"
    link = shared / "out.csv"
    link.symlink_to(target)
    res = cli(*argv(which, link, book))
    assert res.code == 1
    assert not target.exists() and link.is_symlink()


def test_every_link_of_a_chain_is_checked(book: Path, tmp_path: Path):
    """My own link, in my own folder, leading to a link in a world-writable folder
    (which another user could swap for one to their file or their terminal)."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    target = tmp_path / "real.csv"
    (shared / "hop").symlink_to(target)
    first = tmp_path / "out.csv"
    first.symlink_to(shared / "hop")
    res = cli(*argv("export-csv", first, book))
    assert res.code == 1
    assert not target.exists()


def test_my_own_symlink_in_my_own_folder_is_written_through(book: Path, tmp_path: Path):
    target = tmp_path / "real.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    res = cli(*argv("export-csv", link, book))
    assert res.code == 0, res.stderr
    assert link.is_symlink()
    assert target.read_bytes().startswith(b"id,name,")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


# --- modes and owners ----------------------------------------------------------------------

def test_new_files_are_0600_and_my_files_keep_their_mode(book: Path, tmp_path: Path):
    for which in WRITERS:
        new = tmp_path / f"{which}.out"
        assert cli(*argv(which, new, book)).code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o600
        new.chmod(0o640)
        assert cli(*argv(which, new, book)).code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o640


@needs_root
def test_another_users_file_becomes_mine_and_private(book: Path, tmp_path: Path):
    """Writing over a 0666 file uid 1001 owns must not leave the contacts readable
    by them: the new file is root's, 0600."""
    theirs = _theirs(tmp_path / "out.csv", b"old")
    res = cli(*argv("export-csv", theirs, book))
    assert res.code == 0, res.stderr
    st = theirs.stat()
    assert (st.st_uid, stat.S_IMODE(st.st_mode)) == (os.geteuid(), 0o600)


def test_a_mocked_foreign_file_does_not_keep_its_mode(book: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch):
    from netreach.book import outfile

    out = tmp_path / "out.csv"
    out.write_bytes(b"old")
    out.chmod(0o666)
    monkeypatch.setattr(outfile, "owner", lambda: os.geteuid() + 4242)
    assert cli(*argv("export-csv", out, book)).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


# --- temporary files of killed writes ------------------------------------------------------

_KILLED_WRITE = """
import os, runpy, signal, sys
os.replace = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)  # die before the rename
sys.argv = ["netreach", *sys.argv[1:]]
runpy.run_module("netreach", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("which", ["export-csv", "plan-md"])
def test_a_killed_write_leaves_a_temporary_file_that_the_next_write_sweeps(
        which: str, book: Path, tmp_path: Path):
    out = tmp_path / "out" / "result.file"
    out.parent.mkdir()
    proc = subprocess.run([sys.executable, "-c", _KILLED_WRITE, *argv(which, out, book)],
                          env=cli_env(NETREACH_NO_CACHE="1"), capture_output=True,
                          timeout=60)
    assert proc.returncode == -signal.SIGKILL
    left = [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1 and left[0].stat().st_size > 0  # it holds personal data
    fresh = out.parent / ".result.file.abcd1234.tmp"  # another write, still running
    fresh.write_bytes(b"x")
    old = time.time() - 3600
    os.utime(left[0], (old, old))
    assert cli(*argv(which, out, book)).code == 0
    assert sorted(p.name for p in out.parent.iterdir()) == [fresh.name, "result.file"]
