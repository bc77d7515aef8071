"""A book shaped like a real Facebook ego network: the union of a few people's friend lists.

The public Facebook ego network many papers measure (about 4,000 people and 88,000
ties) is ten people's friend lists put together. Its shape is not a preferential
attachment graph: each of the ten "egos" knows everyone in their circle (hubs of
60 to 1,000+ ties), a circle is made of friend groups in which nearly everyone
knows everyone (school, team, family: clustering about 0.6), circles touch through
a few people who are in two of them, and the egos know each other. A book made
from it has ``me`` as one ego (347 direct contacts), 16 companies, no communities
and nearly every tie of the same strength: thousands of chains of exactly equal
score, the worst case for a best-first search.

This module makes books of that shape (not the data set itself, which this
repository does not ship): the circle sizes are the ten egos' degrees, scaled to
``people``; friend groups have Zipf sizes and are dense inside, sparse between;
about 3% of people belong to two circles. ``egonet_book(4039)`` has about 4,000
people, 85,000-95,000 ties, hubs of 1,000+ and clustering about 0.5.
"""

from __future__ import annotations

import datetime as dt
import random
from itertools import combinations

# The ten egos' degrees in the public data set; me is the one with 347.
CIRCLES = (1045, 792, 755, 547, 347, 229, 170, 159, 66, 59)
ME_CIRCLE = 4
GROUP_TIE_CHANCE = 0.65  # two people in one friend group know each other
CIRCLE_TIE_CHANCE = 0.004  # two people in one circle, different groups
SHARED = 0.03  # share of people in a second circle
COMPANIES = 16
TODAY = dt.date(2026, 11, 22)


def _groups(size: int, rng: random.Random) -> list[int]:
    """Friend-group sizes (heavy-tailed, 20 to 150) adding up to ``size``."""
    sizes: list[int] = []
    while sum(sizes) < size:
        sizes.append(min(150, int(20 / rng.random() ** 0.6)))
    sizes[-1] -= sum(sizes) - size
    return [s for s in sizes if s > 0]


def egonet_graph(people: int = 4039, seed: int = 1, bridges: int | None = None
                 ) -> tuple[dict[int, set[int]], int, list[list[int]]]:
    """Adjacency sets of an ego-network-shaped graph, the node that is me, and the
    circles (the first one's biggest ego's first).

    A bigger book has more egos, not bigger circles: ``people / 4039`` (rounded)
    sets of the ten circles, each scaled a little to add up, so degrees, hubs and
    clustering stay those of the data set at any size (me keeps about 350 direct
    contacts)."""
    rng = random.Random(seed)
    sets = max(1, round(people / 4039))
    scale = people / (4039 * sets)
    sizes = [max(10, round(c * scale)) for _ in range(sets) for c in CIRCLES]
    adj: dict[int, set[int]] = {}

    def tie(a: int, b: int) -> None:
        if a != b:
            adj.setdefault(a, set()).add(b)
            adj.setdefault(b, set()).add(a)

    egos = list(range(len(sizes)))
    next_node = len(egos)
    circles: list[list[int]] = []
    for size in sizes:
        circles.append(list(range(next_node, next_node + size)))
        next_node += size
    # A few people are in two circles: they replace a member of the second one.
    # With ``bridges``, my circle touches the others only through that many of its
    # people (and the big ego), as a friend list from another city would.
    mine = set(circles[ME_CIRCLE]) if bridges is not None else set()
    movers = set(rng.sample(sorted(mine), min(bridges or 0, len(mine))))
    everyone = [n for c in circles for n in c if n not in mine or n in movers]
    for ci, members in enumerate(circles):
        if mine and ci == ME_CIRCLE:
            continue
        for slot in rng.sample(range(len(members)), int(len(members) * SHARED)):
            other = rng.choice(everyone)
            if other not in members:
                members[slot] = other
    # The egos know each other: in each set of ten, the biggest is in every other
    # circle (the data set's bridge between its friend lists), each other ego in
    # the next circle; the biggest egos of two sets in a row know each other.
    ten = len(CIRCLES)
    for ci, ego in enumerate(egos):
        first = ci - ci % ten
        if ci == first:
            joins = [first + o for o in range(1, ten)] + ([ci + ten] if ci + ten < len(egos)
                                                          else [])
        else:
            joins = [first + ((ci - first + 1) % ten or 1)]
        for other in joins:
            if other != ci:
                circles[other].append(ego)
    for ego, members in zip(egos, circles, strict=True):
        for m in members:
            tie(ego, m)
        rng.shuffle(members)
        start = 0
        for g in _groups(len(members), rng):
            group = members[start:start + g]
            start += g
            for a, b in combinations(group, 2):
                if rng.random() < GROUP_TIE_CHANCE:
                    tie(a, b)
        # Sparse ties across the circle's groups.
        n = len(members)
        for _ in range(round(n * (n - 1) / 2 * CIRCLE_TIE_CHANCE)):
            tie(members[rng.randrange(n)], members[rng.randrange(n)])
    return adj, egos[ME_CIRCLE], circles


def egonet_book(people: int = 4039, seed: int = 1, *, edge_list: bool = True,
                hiring: float = 0.0, bridges: int | None = 3) -> str:
    """The YAML text of an ego-network-shaped book.

    Me is one ego; 16 companies of Zipf sizes, each grown from friend groups (a
    person and some of their friends). company-00, the biggest, is in the biggest
    ego's circle and none of my direct contacts works there; with ``bridges`` my
    circle touches the others only through that many people and the big ego, so
    banning the big ego leaves only long chains (the case that took the old
    diverse search 18 s). ``edge_list``: the book says no more than an edge list
    does (every tie strength 3, every direct contact closeness 3, no dates), so
    chains of one length all score the same; otherwise strengths 2-4 (mostly 3),
    random closeness and last contact. ``hiring``: the share of company people who
    can hire (an edge list knows of none).
    """
    rng = random.Random(seed)
    adj, me, circles = egonet_graph(people, seed, bridges)
    nodes = sorted(n for n in adj if n != me)
    ids = {node: f"p{i}" for i, node in enumerate(nodes)}
    direct = adj[me]
    weights = [1.0 / (c + 1) for c in range(COMPANIES)]
    sizes = [int(w / sum(weights) * len(nodes) * 0.6) for w in weights]
    company: dict[int, int] = {}
    far = set(circles[0]) - direct
    for cid, size in enumerate(sizes):
        pool = far if cid == 0 else set(nodes)
        free = [n for n in nodes if n not in company and n in pool]
        while size > 0 and free:
            seedling = rng.choice(free)
            for n in [seedling, *sorted(adj[seedling])[: rng.randint(0, 16)]]:
                if n not in company and n in pool and size > 0:
                    company[n] = cid
                    size -= 1
            if rng.random() < 0.05:
                free = [n for n in free if n not in company]
    out = [
        "# Generated by bench/egonet.py: a book shaped like a real Facebook ego network.",
        "netreach: 1",
        "me:",
        "  name: Bench Seeker",
        "  seeking:",
        "    companies: [company-00, company-01, company-02]",
        "companies:",
    ]
    for cid in range(COMPANIES):
        out += [f"  company-{cid:02d}:", f"    name: Company {cid:02d}"]
    out.append("people:")
    for node in nodes:
        out += [f"  {ids[node]}:", f"    name: Person {ids[node]}"]
        if node in company:
            out.append(f"    company: company-{company[node]:02d}")
            if hiring and rng.random() < hiring:
                out.append("    hiring: true")
        if node in direct and edge_list:
            out.append("    closeness: 3")
        elif node in direct:
            out.append(f"    closeness: {rng.choices((1, 2, 3, 4, 5), (2, 4, 4, 2, 1))[0]}")
            days = rng.randint(0, 1500)
            out.append(f"    last_contact: {(TODAY - dt.timedelta(days=days)).isoformat()}")
        knows = sorted((ids[o], 3 if edge_list else rng.choices((2, 3, 4), (1, 18, 1))[0])
                       for o in adj[node] if o != me and o > node)
        if knows:
            out.append("    knows:")
            out += [f"      {o}: {s}" for o, s in knows]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(egonet_book(int(sys.argv[1]) if len(sys.argv) > 1 else 4039))
