"""Two tiers of one suite: a fast default for the edit-test loop, and a deep run.

The default (``pytest -n auto -q``, the README's command) runs every test, with
property tests at a fifth of their examples and the fault loops (kill -9 at
random moments, concurrent writers) at a smaller size. The deep tier runs the
same tests at full size: ``--hypothesis-profile=deep`` (or ``NETREACH_DEEP=1``);
``.ci/run`` runs it after the default, over the tests it changes
(``-m "hypothesis or slow"``). The profiles are registered in tests/conftest.py.
"""

from __future__ import annotations

from hypothesis import settings

FAST, DEEP = "fast", "deep"
# The default tier runs 1/SHRINK of a property test's examples, at least MIN_EXAMPLES.
SHRINK = 5
MIN_EXAMPLES = 10


def deep() -> bool:
    """Whether this run is the deep tier (read when a test module is imported)."""
    return settings.get_current_profile_name() == DEEP


def examples(full: int) -> int:
    """A property test's ``max_examples``: ``full`` in the deep tier, fewer by default."""
    return full if deep() else max(MIN_EXAMPLES, full // SHRINK)


def sized(default: int, full: int) -> int:
    """The size of a fault loop: ``full`` in the deep tier, ``default`` otherwise."""
    return full if deep() else default
