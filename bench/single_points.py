"""The "single point of failure" gap findings: one pass per company against one
banned search per step of its best chain, in-process.

    python bench/single_points.py                       # 4,000 people
    python bench/single_points.py --sizes 4000,50000 --repeat 5

Books: ``bench/realgraph.py``'s real-shaped books (heavy-tailed, clustered, dense),
with and without communities, for my three targets and for every company in
reach; and *two towns and a bridge*, the hard case: two dense clusters joined by
one bridge (contact -> bridge -> colleague of the targets, three cut nodes in a
row) and a detour one hop too long, so every banned search must explore both towns
before it fails.

Floor: one plain two-ended ``hop_distance`` to the same targets per company (what
telling "reachable" from "not" costs). Figures are medians of ``--repeat`` runs,
wall and CPU (user + sys) time, each with its ratio to the floor; the two ways
must find the same cuts (checked on every run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python bench/single_points.py`
    sys.path.insert(0, str(ROOT))
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

TODAY = dt.date(2026, 11, 22)
Case = tuple[object, list[tuple[list[int], list[int]]], int]  # index, (targets, chain), hops


def by_ban(index: object, jobs: list[tuple[list[int], list[int]]], hops: int) -> list[set[int]]:
    """The first implementation: one banned search per step."""
    from netreach.graph.hop_distance import hop_distance

    return [{v for v in chain if hop_distance(index, targets, hops, {v}) is None}  # type: ignore[arg-type]
            for targets, chain in jobs]


def one_pass(index: object, jobs: list[tuple[list[int], list[int]]], hops: int) -> list[set[int]]:
    from netreach.graph.cut_nodes import hop_bounded_cuts

    return [hop_bounded_cuts(index, targets, hops, chain)  # type: ignore[arg-type]
            for targets, chain in jobs]


def floor(index: object, jobs: list[tuple[list[int], list[int]]], hops: int) -> list[set[int]]:
    from netreach.graph.hop_distance import hop_distance

    for targets, _ in jobs:
        hop_distance(index, targets, hops)  # type: ignore[arg-type]
    return []


def book_cases(people: int, communities: bool, workdir: Path) -> dict[str, Case]:
    """My targets and every company in reach, at 3 and 4 hops, on a real-shaped book."""
    from bench.realgraph import book_path
    from netreach.analysis.reach import best_chains_by_company, goal_companies
    from netreach.cached.bookfile import open_book
    from netreach.graph.hops import NodeKind, community_node, person_node

    opened = open_book(book_path(workdir, people, communities, seed=1))
    network, index = opened.network, opened.index(TODAY)
    cases: dict[str, Case] = {}
    for hops in (3, 4):
        best = best_chains_by_company(network, index, hops, TODAY)
        for label, goals in (("targets", goal_companies(network)), ("every company", sorted(best))):
            jobs = []
            for cid in goals:
                if cid not in best:
                    continue
                chain = [index.position[(person_node if s.kind is NodeKind.PERSON
                                         else community_node)(s.id)]
                         for s in best[cid].steps[1:-1]]
                jobs.append((list(index.employees.get(cid, ())), chain))
            cases[f"{label} ({len(jobs)}), {hops} hops"] = (index, jobs, hops)
    return cases


def bridge_case(people: int) -> Case:
    """Two towns of people/2 each, one bridge, a detour one hop too long; 4 hops."""
    import networkx as nx

    from bench.realgraph import TIES_PER_NEW_PERSON, TRIANGLE_CHANCE
    from netreach.graph.adjacency import Edge, SearchIndex

    half = people // 2
    town_a = nx.powerlaw_cluster_graph(half, TIES_PER_NEW_PERSON, TRIANGLE_CHANCE, seed=1)
    town_b = nx.powerlaw_cluster_graph(half, TIES_PER_NEW_PERSON, TRIANGLE_CHANCE, seed=2)
    n = 1 + 2 * half + 3  # me, town A, town B, the bridge and the two detour steps
    a = list(range(1, 1 + half))
    b = list(range(1 + half, 1 + 2 * half))
    bridge, x1, x2 = n - 3, n - 2, n - 1
    ties = [(a[u], a[v]) for u, v in town_a.edges] + [(b[u], b[v]) for u, v in town_b.edges]
    ties += [(a[0], bridge), (bridge, b[0]), (a[1], x1), (x1, x2), (x2, b[1])]
    out: list[list[Edge]] = [[] for _ in range(n)]
    into: list[list[Edge]] = [[] for _ in range(n)]
    for u, v in ties:
        for s, t in ((u, v), (v, u)):
            out[s].append((t, 1.0, 0))
            into[t].append((s, 1.0, 0))
    for contact in a[:25]:  # me -> my direct contacts, a[0] (the bridge's end) among them
        out[0].append((contact, 1.0, 0))
        into[contact].append((0, 1.0, 0))
    # Targets: 300 people of town B and one colleague of the bridge's end b[0]; b[1],
    # where the detour lands, is none of them, so the detour takes 5 hops.
    targets = [t for t in b[2:] if b[0] not in (u for u, _, _ in out[t])][:300]
    targets += [u for u, _, _ in out[b[0]] if u in set(b) - {b[1]}][:1]
    nodes = ["me", *(f"person:p{i}" for i in range(1, n))]
    index = SearchIndex(nodes, out, into, [0.0] * n, [0.0] * n, [0.0] * n, {},
                        {name: i for i, name in enumerate(nodes)})
    return index, [(targets, [a[0], bridge, b[0]])], 4


def measure(run: Callable[[object, list[tuple[list[int], list[int]]], int], list[set[int]]],
            case: Case, repeat: int) -> tuple[float, float, list[set[int]]]:
    index, jobs, hops = case
    run(index, jobs, hops)  # the edge rows a search reads are decoded once, before timing
    walls, cpus, found = [], [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        found = run(index, jobs, hops)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), found


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="4000", help="people per book, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args(argv)
    os.environ.setdefault("NETREACH_CACHE_DIR", tempfile.mkdtemp(prefix="cache-"))
    print(f"# {os.cpu_count()} CPUs; load {os.getloadavg()[0]:.2f}; medians of {args.repeat}")
    print("| book | case | floor ms (cpu) | one ban per step ms (cpu) | one pass ms (cpu) "
          "| ratio to floor, ban → pass (cpu) |")
    print("|---|---|---|---|---|---|")
    for people in (int(s) for s in args.sizes.split(",")):
        cases = {f"real {people} {'groups' if groups else 'plain'}": book_cases(
            people, groups, args.workdir) for groups in (True, False)}
        cases[f"two towns {people}"] = {"bridge of 3, detour of 5, 4 hops": bridge_case(people)}
        for book, named in cases.items():
            for name, case in named.items():
                f_wall, f_cpu, _ = measure(floor, case, args.repeat)
                b_wall, b_cpu, old = measure(by_ban, case, args.repeat)
                p_wall, p_cpu, new = measure(one_pass, case, args.repeat)
                assert old == new, f"{book}, {name}: the two ways disagree"
                cuts = sum(len(c) for c in new)
                print(f"| {book} | {name}, {cuts} cuts | {f_wall * 1e3:.1f} ({f_cpu * 1e3:.1f}) "
                      f"| {b_wall * 1e3:.1f} ({b_cpu * 1e3:.1f}) "
                      f"| {p_wall * 1e3:.1f} ({p_cpu * 1e3:.1f}) "
                      f"| {b_cpu / f_cpu:.1f} → {p_cpu / f_cpu:.1f} |", flush=True)


if __name__ == "__main__":
    main()
