"""Arithmetic on a whole array of numbers at once, in C, without numpy.

An edit of a 50,000-person book moves every later number by one: the row
offsets after a changed row, the node numbers after a removed person. A loop in
Python over 300,000 numbers costs tens of milliseconds, as much as the rest of
the edit. Read as one big integer, an array of non-negative fixed-width numbers
is a row of lanes that Python's integer arithmetic (C, linear time) adds and
compares all at once, as long as no lane carries into the next: every function
here keeps each lane inside ``[0, 2**(width - 1))`` and says what it needs of
its input for that. (This is SWAR, "SIMD within a register".)
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence

_ORDER = sys.byteorder
Buffer = array | memoryview  # type: ignore[type-arg]


def _lanes(values: Buffer) -> tuple[int, int, int]:
    """The numbers as one integer, how many there are and the bits of each."""
    view = memoryview(values)
    return int.from_bytes(view.cast("B"), _ORDER), len(view), view.itemsize * 8


def _ones(count: int, width: int) -> int:
    """An integer whose ``count`` lanes of ``width`` bits each hold 1."""
    return int.from_bytes((1).to_bytes(width // 8, _ORDER) * count, _ORDER)


def _array(number: int, count: int, width: int, typecode: str) -> array:  # type: ignore[type-arg]
    out = array(typecode)
    out.frombytes(number.to_bytes(count * width // 8, _ORDER))
    return out


def add(values: Buffer, delta: int, typecode: str) -> array:  # type: ignore[type-arg]
    """``values`` (non-negative) plus ``delta`` each; every result must be non-negative
    and below ``2**(width - 1)``."""
    if not delta:
        out = array(typecode)
        out.frombytes(memoryview(values).cast("B"))
        return out
    number, count, width = _lanes(values)
    step = _ones(count, width) * abs(delta)
    return _array(number + step if delta > 0 else number - step, count, width, typecode)


def renumber(values: Buffer, steps: Sequence[tuple[int, int]],
             typecode: str) -> array | None:  # type: ignore[type-arg]
    """``values`` with, for each ``(threshold, delta)`` of ``steps`` in turn, ``delta``
    added to every value above ``threshold`` (>= 0); None when a value is negative
    (the caller then maps them one by one). Every value must stay non-negative and
    below ``2**(width - 1)``, and each threshold below that."""
    number, count, width = _lanes(values)
    if not count:
        return _array(number, count, width, typecode)
    ones = _ones(count, width)
    top = ones << (width - 1)
    if number & top:
        return None
    limit = (1 << (width - 1)) - 1
    for threshold, delta in steps:
        if not 0 <= threshold < limit:
            raise ValueError(f"threshold {threshold} out of range")
        # Each lane plus (limit - threshold) reaches the top bit exactly when it is
        # above the threshold; no lane overflows, as each is below 2**(width - 1).
        above = ((number + ones * (limit - threshold)) & top) >> (width - 1)
        number = number + above * delta if delta >= 0 else number - above * -delta
    return _array(number, count, width, typecode)
