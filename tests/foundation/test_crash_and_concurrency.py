"""Faults: SIGKILL at random moments while saving leaves the old book or the new one;
concurrent writers lose nothing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netreach.book import loading
from tests.tiers import sized

from .conftest import MINIMAL, ROOT, book_text, cli_env, netreach_cmd

# A parent that imports netreach once, then for each line on stdin forks a child that
# saves the book over and over (each time with the next title) until it is killed.
# Forking keeps many kills fast: no interpreter start-up per kill.
SAVER = """
import os, sys
from pathlib import Path
from netreach.book import editing
from netreach.cached import bookfile

path = Path(sys.argv[1])
# Warm up every lazy import and cache, so a child starts saving at once.
import filelock, rapidfuzz
from netreach.book.splice import TextEdit
TextEdit.read(bookfile.open_book(path).snapshot.data.decode()).dump()

def save_forever():
    while True:
        book = bookfile.open_book(path)
        title = book.network.people["dana-kim"].title or "t0"
        n = int(title.split()[0][1:]) + 1
        new = f"t{n} " + "padding " * 2000  # a bigger file makes a torn write likelier
        bookfile.edit_book(book, lambda doc, _net: editing.set_fields(
            doc.root, "people", "dana-kim", {"title": new}))

for _ in sys.stdin:
    pid = os.fork()
    if pid == 0:
        save_forever()
    print(pid, flush=True)
"""


KILLS = sized(10, 60)  # deep tier (tests/tiers.py): 60 kills


@pytest.mark.slow
def test_kill_9_while_saving_leaves_old_or_new(tmp_path):
    book = tmp_path / "contacts.yaml"
    book.write_text(MINIMAL)
    rng = random.Random(20261122)
    titles = []
    parent = subprocess.Popen([sys.executable, "-c", SAVER, str(book)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=cli_env(), cwd=ROOT)
    assert parent.stdin is not None and parent.stdout is not None
    try:
        for _ in range(KILLS):
            inode = os.stat(book).st_ino
            parent.stdin.write("go\n")
            parent.stdin.flush()
            child = int(parent.stdout.readline())
            # Once the child has saved (a save puts a new file in place), kill it at a
            # random moment of the saves that follow: while reading, while writing the
            # temporary file, while renaming it.
            deadline = time.monotonic() + 30
            while os.stat(book).st_ino == inode and time.monotonic() < deadline:
                time.sleep(0.002)
            time.sleep(rng.uniform(0.0, 0.25))
            os.kill(child, signal.SIGKILL)
            while True:  # the child is the parent's to reap; wait until it is gone
                try:
                    os.kill(child, 0)
                except ProcessLookupError:
                    break
                if Path(f"/proc/{child}/stat").read_text().split()[2] == "Z":
                    break
                time.sleep(0.001)
            net = loading.load(book.read_bytes(), str(book))  # parses: old or new, never torn
            assert net.people["dana-kim"].name == "Dana Kim"
            title = net.people["dana-kim"].title
            titles.append(int(title.split()[0][1:]) if title else 0)
    finally:
        parent.kill()
        parent.wait()
    assert titles == sorted(titles)  # every save built on the one before: nothing lost
    assert len(set(titles)) == KILLS, titles  # every child saved at least once before its kill
    leftovers = [p.name for p in tmp_path.iterdir()
                 if p.name not in ("contacts.yaml", "contacts.yaml.lock")]
    assert all(name.startswith(".contacts.yaml.") and name.endswith(".tmp")
               for name in leftovers)


WRITERS = sized(4, 8)  # tests/adversarial/test_faults.py races 8 in every tier


@pytest.mark.slow
def test_concurrent_adds_lose_nothing(tmp_path):
    book = tmp_path / "contacts.yaml"
    book.write_text(book_text("""\
        dana-kim: {name: Dana Kim}
        """))
    names = [f"Person {chr(ord('A') + i)}{chr(ord('A') + i)}" for i in range(WRITERS)]
    env = cli_env(NETREACH_LOCK_TIMEOUT="30")
    procs = [subprocess.Popen(netreach_cmd("add", name, "--new", "--book", book),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for name in names]
    results = [(name, proc.wait(timeout=120), *proc.communicate()) for name, proc in
               zip(names, procs, strict=True)]
    for name, code, out, err in results:
        assert code in (0, 75), f"{name}: exit {code}: {err}"
        assert out == "" and "Traceback" not in err
    landed = {name for name, code, _, _ in results if code == 0}
    net = loading.load(book.read_bytes(), str(book))
    assert {p.name for p in net.people.values()} == landed | {"Dana Kim"}
    assert landed, "at least one writer must get through"
    print(f"{len(landed)} of {WRITERS} landed")  # shown with -s: how often writers had to give up


def test_lock_is_released_when_a_writer_is_killed(tmp_path, run):
    book = tmp_path / "contacts.yaml"
    book.write_text(MINIMAL)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from netreach.book import storage; from pathlib import Path\n"
         "with storage.locked(Path(sys.argv[1])):\n"
         "    print('locked', flush=True); time.sleep(600)\n", str(book)],
        stdout=subprocess.PIPE, env=cli_env())
    assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
    assert run("add", "Zed", "--book", book, env={"NETREACH_LOCK_TIMEOUT": "0.3"}).code == 75
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    assert run("add", "Zed", "--book", book, env={"NETREACH_LOCK_TIMEOUT": "5"}).code == 0
    assert "Zed" in Path(book).read_text()


def test_concurrent_adds_of_one_name_make_one_person(tmp_path):
    """Writers take turns from read to write, so the second sees the first's person."""
    book = tmp_path / "contacts.yaml"
    book.write_text(MINIMAL)
    env = cli_env(NETREACH_LOCK_TIMEOUT="30")
    procs = [subprocess.Popen(netreach_cmd("add", "Zoe Zhang", "--book", book),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(2)]
    codes = sorted(proc.wait(timeout=120) for proc in procs)
    for proc in procs:
        proc.communicate()
    assert codes == [0, 1]
    net = loading.load(book.read_bytes(), str(book))
    assert [p.name for p in net.people.values()].count("Zoe Zhang") == 1
