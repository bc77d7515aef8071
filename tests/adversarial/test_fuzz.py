"""Fuzzing the loader and the editing path.

* Structure-aware: random books shaped like format 1, with random types and
  values in every field, dumped in random YAML styles.
* Mutations: byte flips, deletions and insertions of YAML metacharacters into
  the example book.

Either way ``netreach.book.loading.load`` returns a network or raises ``BookInvalid``
with located lines: nothing else, ever. And an edit through ``bookfile.edit_book``
never writes a book that does not load.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from netreach.book import editing
from netreach.book.loading import load
from netreach.book.network import Network
from netreach.cached import bookfile
from netreach.errors import BookInvalid, NetreachError
from tests.adversarial.hostile import EXAMPLE_BYTES, HOSTILE_TEXT, SMALL_BOOK
from tests.tiers import examples

FUZZ = settings(max_examples=examples(100), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FILENAME = "fuzz.yaml"
LOCATED = re.compile(r"^fuzz\.yaml(:\d+:\d+)?: .")

# Text that YAML 1.1 and 1.2 read as something else, or that breaks naive writers.
TRICKY = ["NO", "on", "yes", "~", "null", "", " ", "0123", "1:20", "1e3", ".inf", "0x1F",
          "2026-11-22", "- x", "? x", ": x", "#x", "x #y", "&a", "*a", "!x", "!!str", "%x",
          "@x", "`x", "|", ">", "'", '"', "[x", "{x", "x: y", "---", "...", "<<", "\\",
          "a\nb", "\t", "\u2028", "\u0085", "\ufeff", "\ufffe", "\x00", *HOSTILE_TEXT]

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30) | st.sampled_from(
    TRICKY)
scalars = (st.none() | st.booleans() | st.integers(-10, 10) | st.integers()
           | st.floats(allow_nan=True) | texts | st.dates().map(dt.date.isoformat))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(texts, inner, max_size=3), max_leaves=8)
ids = st.sampled_from(["a", "b", "c", "dana-kim", "acme", "club"]) | texts


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly the well-typed value, sometimes anything at all."""
    return st.one_of(strategy, strategy, strategy, values)


person_fields = {
    "name": maybe(texts), "company": maybe(ids), "title": maybe(texts),
    "hiring": maybe(st.booleans()), "email": maybe(texts),
    "communities": maybe(st.lists(ids, max_size=3)),
    "closeness": maybe(st.integers(0, 6)), "seen_my_work": maybe(st.integers(-1, 6)),
    "vouch": maybe(st.integers(-1, 6)), "last_contact": maybe(st.dates().map(str)),
    "knows": maybe(st.dictionaries(ids, st.integers(0, 6) | st.fixed_dictionaries(
        {"strength": maybe(st.integers(0, 6))},
        optional={"credibility": maybe(st.integers(0, 6))}), max_size=3)),
    "notes": maybe(texts),
    "log": maybe(st.lists(st.fixed_dictionaries({"date": maybe(st.dates().map(str)),
                                                 "note": maybe(texts)}), max_size=2)),
    "extra": values,
}


@st.composite
def books(draw: st.DrawFn) -> Any:
    """A book shaped like format 1, with random types and values in its fields."""
    people = draw(st.dictionaries(ids, st.fixed_dictionaries(
        {}, optional=person_fields) | values, max_size=4))
    book: dict[Any, Any] = {
        "netreach": draw(maybe(st.just(1))),
        "me": draw(maybe(st.fixed_dictionaries({"name": maybe(texts)}, optional={
            "communities": maybe(st.lists(ids, max_size=2)),
            "seeking": maybe(st.fixed_dictionaries({}, optional={
                "companies": maybe(st.lists(ids, max_size=2))})),
            "skills": maybe(st.lists(texts, max_size=2))}))),
        "companies": draw(maybe(st.dictionaries(ids, st.fixed_dictionaries(
            {"name": maybe(texts)}, optional={"outlook": maybe(st.sampled_from(
                ["growing", "stable", "frozen", "booming"])), "aliases": maybe(
                st.lists(texts, max_size=2))}), max_size=3))),
        "communities": draw(maybe(st.dictionaries(ids, st.fixed_dictionaries(
            {"name": maybe(texts)}, optional={"kind": maybe(st.sampled_from(
                ["club", "meetup", "party"])), "joinable": maybe(st.booleans())}),
            max_size=2))),
        "people": people,
    }
    drop = draw(st.sets(st.sampled_from(sorted(book)), max_size=2))
    extra = draw(st.dictionaries(texts, values, max_size=1))
    return {k: v for k, v in book.items() if k not in drop} | extra if draw(
        st.integers(0, 9)) else draw(values)


def dump(data: Any, style: int) -> bytes:
    """YAML in one of several styles a person or a tool might write."""
    if style == 0:
        return json.dumps(data, ensure_ascii=False, allow_nan=True).encode()
    text = yaml.safe_dump(data, allow_unicode=style != 1, default_flow_style=style == 2,
                          sort_keys=False, width=60 if style == 3 else 10**6)
    return text.encode("utf-8")


def check_loads_or_refuses(data: bytes) -> Network | None:
    """The fuzzing property: a network, or BookInvalid with located lines."""
    try:
        return load(data, FILENAME)
    except BookInvalid as err:
        lines = str(err).splitlines()
        assert lines and err.problems
        for line in lines:
            assert LOCATED.match(line), line
        return None


def exercise(network: Network) -> None:
    """What the commands do with a loaded book must not fail either."""
    from netreach.analysis.ranking import best_chains, companies_in_reach
    from netreach.render.people import person_json

    today = dt.date(2026, 11, 22)
    for pid in network.people:
        json.dumps(person_json(network, pid), default=str)
    reach = companies_in_reach(network, today=today, max_hops=4)
    best = {r.company.id: r.best for r in reach}
    scores = [r.best.score for r in reach if r.best is not None]
    assert len(scores) == len(reach) and scores == sorted(scores, reverse=True)
    for company in list(network.companies.values())[:2]:
        chains = best_chains(network, company, today=today, k=3, max_hops=4,
                             diverse=True).chains
        assert len(chains) <= 3
        for chain in chains:
            assert 0 < chain.score <= 1 and 1 <= chain.hops <= 4
            assert network.person_company.get(chain.target) == company.id
        # The answer of `companies` for a company is the best chain `paths` ranks first.
        if chains:
            assert best[company.id] is not None
            assert math.isclose(best[company.id].score, chains[0].score)  # type: ignore[union-attr]
        else:
            assert company.id not in best


@FUZZ
@given(books(), st.integers(0, 3))
def test_structured_books_load_or_are_refused(data: Any, style: int):
    try:
        raw = dump(data, style)
    except (ValueError, yaml.YAMLError):  # not representable in that style
        assume(False)
        return
    network = check_loads_or_refuses(raw)
    if network is not None:
        exercise(network)


MUTATION_BYTES = [b":", b": ", b"-", b"- ", b"[", b"]", b"{", b"}", b",", b"&", b"*", b"!",
                  b"!!python/object/apply:os.system [true]", b"|", b">", b"'", b'"', b"#",
                  b"%", b"@", b"`", b"?", b"\t", b"\n", b"\r", b"\x00", b"\xff", b"\xc3",
                  b"\xef\xbb\xbf", b"---\n", b"...\n", b"<<: *a\n", b"&a ", b"*a", b"\\",
                  b"  ", b"\n  ", b"\x1b[31m", b"\xe2\x80\xae", b"~", b"9" * 30]


@st.composite
def mutations(draw: st.DrawFn, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["flip", "delete", "insert", "insert", "duplicate"]))
        if kind == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(MUTATION_BYTES))
        elif kind == "duplicate":
            data[at:at] = data[at:at + draw(st.integers(1, 200))]
    return bytes(data)


SMALL = SMALL_BOOK


@FUZZ
@given(mutations(SMALL))
@example(SMALL.replace(b"knows:", b"knows: &k").replace(b"log:", b"log: *k\n    x:"))
def test_mutated_small_book_loads_or_is_refused(data: bytes):
    network = check_loads_or_refuses(data)
    if network is not None:
        exercise(network)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations(EXAMPLE_BYTES))
def test_mutated_example_book_loads_or_is_refused(data: bytes):
    check_loads_or_refuses(data)


# --- The editing path: random field edits never write a book that does not load. ---

EDITABLE = {
    "name": texts, "title": texts, "company": texts | ids, "email": texts, "notes": texts,
    "closeness": st.integers(-1, 7) | texts, "vouch": st.integers(-1, 7),
    "hiring": st.booleans() | texts, "last_contact": st.dates() | texts,
    "communities": st.lists(ids, max_size=2), "extra": values,
}
PEOPLE = ["a", "b", "c"]
TEXT_FIELDS = {"name", "title", "email", "notes"}


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PEOPLE), st.dictionaries(st.sampled_from(sorted(EDITABLE)),
                                                st.none(), min_size=1, max_size=3),
       st.data())
def test_random_edits_never_write_a_book_that_does_not_load(pid, fields, data):
    changes = {f: data.draw(EDITABLE[f], label=f) for f in fields}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contacts.yaml"
        path.write_bytes(SMALL_BOOK)
        opened = bookfile.open_book(path)
        try:
            written = bookfile.edit_book(opened, lambda doc, _n: editing.set_fields(
                doc.root, "people", pid, changes))
        except NetreachError:  # refused (an invalid value): nothing written
            assert path.read_bytes() == SMALL_BOOK
            return
        after = path.read_bytes()
        network = load(after, str(path))  # never a book that does not load
        assert written == (after != SMALL_BOOK)
        person = network.people[pid]
        for field in TEXT_FIELDS & set(changes):
            # Text stays text: what was set is what reads back.
            assert getattr(person, field) == changes[field], field
        leftovers = [p.name for p in Path(folder).iterdir()
                     if p.name not in ("contacts.yaml", "contacts.yaml.lock")]
        assert leftovers == []


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts.filter(lambda t: t.strip() != ""), texts)
def test_log_and_add_keep_any_text_exactly(name, note):
    """``add NAME --notes`` and ``log ID NOTE`` through the CLI, with any text."""
    from tests.adversarial.conftest import cli

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contacts.yaml"
        path.write_bytes(SMALL_BOOK)
        res = cli("add", "--new", "--id", "fuzz-person", f"--notes={note or '-'}",
                  "--book", path, "--", name)
        assert res.code in (0, 1, 2), res.stderr
        assert "Traceback" not in res.stderr
        if res.code:
            assert path.read_bytes() == SMALL_BOOK
            return
        res = cli("log", "--date", "2026-11-01", "--book", path, "--", "fuzz-person",
                  note or "-")
        assert res.code in (0, 1, 2), res.stderr
        network = load(path.read_bytes(), str(path))
        person = network.people["fuzz-person"]
        assert person.name == name.strip()
        assert person.notes == (note or "-")
        if res.code == 0:
            assert person.log[-1].note == (note or "-")


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_survives_an_edit(text: str, tmp_path: Path):
    """Every tricky string, set as a title, reads back exactly (text stays text)."""
    path = tmp_path / "contacts.yaml"
    path.write_bytes(SMALL_BOOK)
    opened = bookfile.open_book(path)
    try:
        bookfile.edit_book(opened, lambda doc, _n: editing.set_fields(
            doc.root, "people", "a", {"title": text}))
    except NetreachError as err:
        pytest.fail(f"could not save title {text!r}: {err}")
    assert load(path.read_bytes(), "x").people["a"].title == text
