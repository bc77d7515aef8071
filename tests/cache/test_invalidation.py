"""The cache is keyed by the book's bytes: it can never answer for other bytes, and
a truncated, corrupt or foreign cache file is ignored and rebuilt, never decoded."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
from pathlib import Path

from netreach.cached import cache
from netreach.cached.bookfile import OpenBook, edit_book, open_book
from netreach.cached.packed_network import PackedNetwork


def _warm(opened: OpenBook) -> bool:
    """Whether this open was answered from the cache."""
    return isinstance(opened.network, PackedNetwork)


def _entry(cache_dir: Path, book: Path) -> Path:
    return cache.entry_path(cache_dir, book)


def test_first_open_writes_the_cache_and_the_second_reads_it(book, cache_dir):
    first = open_book(book)
    assert not _warm(first) and first.cached
    assert _entry(cache_dir, book).is_file()
    second = open_book(book)
    assert _warm(second)
    assert second.network.people["mira-schulz"] == first.network.people["mira-schulz"]


def test_cache_files_are_private(book, cache_dir):
    open_book(book)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    for path in cache_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_edit_by_hand_is_seen_at_once(book, cache_dir):
    open_book(book)
    text = book.read_text(encoding="utf-8")
    book.write_text(text.replace("name: Mira Schulz", "name: Mira Schulz-Ortega"), encoding="utf-8")
    opened = open_book(book)
    assert not _warm(opened)
    assert opened.network.people["mira-schulz"].name == "Mira Schulz-Ortega"
    again = open_book(book)
    assert _warm(again) and again.network.people["mira-schulz"].name == "Mira Schulz-Ortega"


def test_a_comment_changes_the_bytes_and_so_the_key(book, cache_dir):
    open_book(book)
    with open(book, "a", encoding="utf-8") as fh:
        fh.write("# a note\n")
    assert not _warm(open_book(book))


def test_edit_by_command_refreshes_the_cache(book, cache_dir, invoke):
    open_book(book)
    res = invoke("edit", "mira-schulz", "--title", "Director of Platform", "--book", book)
    assert res.code == 0, res.stderr
    opened = open_book(book)
    assert _warm(opened), "the edit should have cached the new bytes"
    assert opened.network.people["mira-schulz"].title == "Director of Platform"


def test_edit_book_caches_the_new_bytes(book, cache_dir):
    from netreach.book import editing

    opened = open_book(book)
    assert opened.network.people["mira-schulz"].title != "CTO"
    # set_fields says whether it changed anything; edit_book writes only if it did.
    assert edit_book(opened, lambda doc, _net: editing.set_fields(
        doc.root, "people", "mira-schulz", {"title": "CTO"}))
    reopened = open_book(book)
    assert _warm(reopened) and reopened.network.people["mira-schulz"].title == "CTO"


def test_touch_without_change_still_uses_the_cache(book, cache_dir):
    open_book(book)
    later = book.stat().st_mtime + 3600
    os.utime(book, (later, later))
    assert _warm(open_book(book))


def test_a_truncated_cache_file_is_ignored_and_rebuilt(book, cache_dir):
    open_book(book)
    entry = _entry(cache_dir, book)
    size = entry.stat().st_size
    for keep in (size - 1, size // 2, 40, 8, 0):
        with open(entry, "r+b") as fh:
            fh.truncate(keep)
        opened = open_book(book)
        assert not _warm(opened)
        assert opened.network.people["mira-schulz"].name == "Mira Schulz"
        assert _warm(open_book(book))  # rebuilt


def test_a_flipped_byte_is_caught_before_decoding(book, cache_dir):
    open_book(book)
    entry = _entry(cache_dir, book)
    data = bytearray(entry.read_bytes())
    data[-100] ^= 0x01
    entry.write_bytes(bytes(data))
    assert not _warm(open_book(book))


def test_a_foreign_file_in_its_place_is_never_decoded(book, cache_dir, tmp_path):
    open_book(book)
    entry = _entry(cache_dir, book)
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (marker.touch, ())

    for foreign in (b"not a cache file", pickle.dumps(Payload()),
                    cache.MAGIC + os.urandom(32) + pickle.dumps(Payload())):
        entry.write_bytes(foreign)
        opened = open_book(book)
        assert not _warm(opened)
        assert not marker.exists()
        assert opened.network.people["mira-schulz"].name == "Mira Schulz"


def test_a_cache_file_from_another_cache_directory_is_refused(book, cache_dir, tmp_path,
                                                              monkeypatch):
    other = tmp_path / "other-cache"
    monkeypatch.setenv("NETREACH_CACHE_DIR", str(other))
    open_book(book)  # written and tagged with the other directory's key
    monkeypatch.setenv("NETREACH_CACHE_DIR", str(cache_dir))
    open_book(book)
    shutil.copyfile(_entry(other, book), _entry(cache_dir, book))
    assert not _warm(open_book(book))


def test_a_key_others_can_read_is_not_trusted(book, cache_dir):
    open_book(book)
    os.chmod(cache_dir / cache.KEY_NAME, 0o644)
    assert not _warm(open_book(book))


def test_another_netreach_version_does_not_read_the_cache(book, cache_dir, monkeypatch):
    open_book(book)
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert not _warm(open_book(book))


def test_no_cache_turns_it_off(book, cache_dir, monkeypatch):
    monkeypatch.setenv("NETREACH_NO_CACHE", "1")
    opened = open_book(book)
    assert not opened.cached
    assert not cache_dir.exists()
    assert not _warm(open_book(book))


def test_an_unwritable_cache_directory_is_no_error(book, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("NETREACH_CACHE_DIR", str(blocker / "cache"))
    opened = open_book(book)
    assert opened.network.people["mira-schulz"].name == "Mira Schulz"
    assert not _warm(open_book(book))


def test_an_invalid_book_is_never_cached(book, cache_dir, invoke):
    book.write_text("netreach: 1\nme: {name: Me}\npeople:\n  x: {name: X, knows: {y: 3}}\n",
                    encoding="utf-8")
    res = invoke("validate", "--book", book)
    assert res.code == 65
    assert not any(p.suffix == cache.SUFFIX for p in cache_dir.glob("*"))
