"""The what-if of ``netreach suggest``: one pass per target against one search per community.

    python bench/whatif.py                      # 50,000 people, 250 communities
    python bench/whatif.py 20000 --sample 250   # the naive way in full, not sampled

Generates a seeded book (bench/generate.py), loads it, builds the search index, then
times the gain of every joinable community I am not in, for my three targets:

* fast: ``suggest.what_if`` -- one layered pass from me for the baselines, then per
  target one backward pass and a scan of the ball's memberships;
* naive: for each community, ``chain_search.ranked`` once per target with every other
  not-yet-joined community banned (the graph is not even rebuilt, which only
  flatters the naive way). When ``--sample`` is below the number of communities,
  only a seeded sample is searched and the total is extrapolated (and says so).

The sampled communities' gains are checked against the fast ones.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import platform
import random
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent / "src"),
                str(Path(__file__).resolve().parent.parent)]

from bench.generate import generate  # noqa: E402
from netreach.analysis.reach import goal_companies, target_sets  # noqa: E402
from netreach.analysis.suggest import score_of_cost, what_if  # noqa: E402
from netreach.book.loading import load  # noqa: E402
from netreach.graph.adjacency import build_index  # noqa: E402
from netreach.graph.chain_search import ranked  # noqa: E402

TODAY = dt.date(2026, 11, 22)
MAX_HOPS = 4


def best_of(runs: int, fn):  # type: ignore[no-untyped-def]
    """The fastest of ``runs`` timings (seconds) and the last result."""
    best, result = math.inf, None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people", type=int, nargs="?", default=50_000)
    parser.add_argument("--communities", type=int, default=250)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=25,
                        help="communities searched the naive way (the rest extrapolated)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    print(f"machine: {platform.machine()} {platform.processor() or ''} "
          f"{platform.system()} {platform.release()}, Python {platform.python_version()}")
    text = generate(args.people, args.seed, communities=args.communities).encode()
    start = time.perf_counter()
    network = load(text, "generated.yaml")
    index = build_index(network, TODAY)
    print(f"book: {len(network.people):,} people, {len(network.communities)} communities, "
          f"{sum(map(len, index.out)):,} edges (load + index {time.perf_counter() - start:.1f} s)")
    goals = goal_companies(network)

    fast_time, result = best_of(args.runs, lambda: what_if(network, index, goals, MAX_HOPS))
    assert result is not None
    candidates = list(result.communities)
    print(f"targets: {', '.join(goals)}; joinable communities I am not in: {len(candidates)}")
    print(f"fast   what_if, all {len(candidates)} communities: {fast_time * 1000:8.1f} ms "
          f"(best of {args.runs})")

    sets = target_sets(network, index)
    banned_all = set(candidates)
    sample = sorted(random.Random(args.seed).sample(candidates, min(args.sample, len(candidates))))

    def naive() -> dict[int, float]:
        gains = {}
        base = {}
        for cid in goals:
            people = set(sets.get(cid, []))
            found = ranked(index, people, people, 1, MAX_HOPS, banned=banned_all)
            base[cid] = score_of_cost(found[0][0] if found else math.inf,
                                      network.companies[cid].outlook)
        for c in sample:
            total = 0.0
            for cid in goals:
                people = set(sets.get(cid, []))
                found = ranked(index, people, people, 1, MAX_HOPS, banned=banned_all - {c})
                new = score_of_cost(found[0][0] if found else math.inf,
                                    network.companies[cid].outlook)
                total += new - base[cid]
            gains[c] = total
        return gains

    naive_time, naive_gains = best_of(1, naive)
    assert naive_gains is not None
    for c, gain in naive_gains.items():
        assert math.isclose(gain, result.gain(c), abs_tol=1e-12), (index.nodes[c], gain)
    per = naive_time / max(1, len(sample))
    total = per * len(candidates)
    label = ("measured" if len(sample) == len(candidates)
             else f"extrapolated from a sample of {len(sample)}")
    print(f"naive  one search per community and target: {per * 1000:8.1f} ms per community, "
          f"{total * 1000:8.1f} ms for all {len(candidates)} ({label})")
    print(f"ratio  naive / fast: {total / fast_time:.0f}x "
          f"(gains of the {len(sample)} searched communities agree)")


if __name__ == "__main__":
    main()
