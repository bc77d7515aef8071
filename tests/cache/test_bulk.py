"""The whole-array arithmetic a warm edit uses equals doing it one number at a time:
``bulk`` (big-integer lanes), ``Renumbering`` and the people's hash table patched in
place (``repack_people.patched_table``) against ``packing.hash_table`` built anew."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netreach.book import bulk
from netreach.book.bookmap import shifted
from netreach.cached.csr import Renumbering
from netreach.cached.packing import hash_table
from netreach.cached.repack_people import patched_table

WIDTH = {"i": 31, "q": 63}


@given(typecode=st.sampled_from(["i", "q"]), data=st.data())
def test_add_equals_adding_each(typecode, data):
    top = 2 ** WIDTH[typecode] - 1
    values = data.draw(st.lists(st.integers(0, top), max_size=60))
    low, high = -min(values, default=0), top - max(values, default=0)
    delta = data.draw(st.integers(low, high))
    got = bulk.add(memoryview(array(typecode, values)), delta, typecode)
    assert got.typecode == typecode
    assert got.tolist() == [v + delta for v in values]


@given(typecode=st.sampled_from(["i", "q"]),
       values=st.lists(st.integers(0, 2000), max_size=80),
       removed=st.lists(st.integers(0, 2000), unique=True, max_size=6),
       grown=st.integers(0, 5), grow_above=st.integers(0, 2100))
def test_renumbering_a_column_equals_renumbering_each(typecode, values, removed, grown,
                                                     grow_above):
    # As the search index numbers nodes: every removed number is below grow_above.
    removed = [r for r in removed if r <= grow_above]
    mapping = Renumbering(removed, grow_above, grown)
    kept = [v for v in values if v not in removed]
    got = mapping.column(array(typecode, kept), typecode)
    expected = [v - sum(r < v for r in removed) + (grown if v > grow_above else 0)
                for v in kept]
    assert got.tolist() == expected
    assert [mapping[v] for v in kept] == expected
    assert all(mapping[r] == -1 for r in removed)


def test_a_negative_value_is_mapped_one_by_one():
    assert bulk.renumber(array("i", [3, -1, 7]), [(2, 1)], "i") is None
    assert Renumbering([5], 0, 0).column(array("i", [-1, 3, 7]), "i").tolist() == [-1, 3, 6]


def test_a_value_at_the_top_of_its_width_is_refused():
    with pytest.raises(ValueError):
        bulk.renumber(array("i", [1]), [(2 ** 31 - 1, 1)], "i")


@given(starts=st.lists(st.integers(0, 10_000), unique=True, max_size=40).map(sorted),
       cuts=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 30),
                               st.text(max_size=40)), max_size=4))
def test_keys_shift_as_one_by_one(starts, cuts):
    splices, position = [], 0
    for at, length, text in sorted(cuts):
        if at >= position:
            splices.append((at, at + length, text))
            position = at + length
    expected, shift, k = [], 0, 0
    for begin, end, text in splices:
        while k < len(starts) and starts[k] < end:
            expected.append(starts[k] + shift)
            k += 1
        shift += len(text) - (end - begin)
    expected += [v + shift for v in starts[k:]]
    assert list(shifted(starts, splices)) == expected
    assert list(shifted(memoryview(array("q", starts)), splices)) == expected


@given(keys=st.lists(st.text(min_size=1, max_size=6), unique=True, max_size=40),
       data=st.data())
def test_the_patched_hash_table_equals_one_built_anew(keys, data):
    removed = set(data.draw(st.lists(st.integers(0, max(len(keys) - 1, 0)), unique=True,
                                     max_size=min(len(keys), 5))) if keys else [])
    added = data.draw(st.lists(st.text(min_size=1, max_size=6).filter(
        lambda k: k not in keys), unique=True, max_size=5))
    new = [k for row, k in enumerate(keys) if row not in removed] + added
    got = patched_table(hash_table(keys), keys.__getitem__, removed, new, len(added))
    assert got.tolist() == hash_table(new).tolist()


def test_deleting_moves_the_rest_of_a_cluster_back():
    """Each key removed in turn from a table with clusters: the keys after it move
    back as a fresh build would place them."""
    keys = [f"k{i}" for i in range(300)]
    table = hash_table(keys)
    for row in range(len(keys)):
        new = keys[:row] + keys[row + 1:]
        got = patched_table(table, keys.__getitem__, {row}, new, 0)
        assert got.tolist() == hash_table(new).tolist(), row
