"""Cold connections never swamp the ranking (issue 17).

Importing 200 connections I have never talked to (many at the target, with
senior titles) never pushes a friend-of-friend chain (friend closeness >= 3,
tie strength >= 3, to someone who can hire) out of the top 3 for that company.
"""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netreach.analysis.ranking import best_chains
from tests.io.conftest import TODAY, import_file, network_of

TITLES = ["CTO", "Director of Platform", "Head of Talent", "Engineering Manager", "Founder",
          "VP Engineering", "Recruiter", "Geschäftsführer", "Designer", "Data Engineer"]


def _book(closeness: int, strength: int, seen: int, vouch: int, last: str | None) -> str:
    when = f"    last_contact: {last}\n" if last else ""
    return (
        "netreach: 1\nme:\n  name: Alex Rivera\n  seeking: {companies: [acme]}\n"
        "companies:\n  acme: {name: Acme Robotics, aliases: [Acme], outlook: growing}\n"
        "people:\n"
        f"  fay-friend:\n    name: Fay Friend\n    company: Elsewhere\n"
        f"    closeness: {closeness}\n    seen_my_work: {seen}\n    vouch: {vouch}\n{when}"
        f"    knows: {{tom-target: {strength}}}\n"
        "  tom-target:\n    name: Tom Target\n    company: acme\n    hiring: true\n"
    )


def _cold_connections(n: int, at_target: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                     "Connected On"])
    for i in range(n):
        company = "Acme" if i < at_target else f"Company {i % 37}"
        writer.writerow([f"Cold{i}", "Contact", f"https://www.linkedin.com/in/cold-{i}", "",
                         company, TITLES[i % len(TITLES)], "15 Mar 2026"])
    return out.getvalue()


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(closeness=st.integers(3, 5), strength=st.integers(3, 5), seen=st.integers(0, 5),
       vouch=st.integers(0, 5), last=st.sampled_from([None, "2026-10-01", "2025-11-22"]),
       at_target=st.sampled_from([3, 40, 200]))
def test_cold_imports_never_push_out_a_friends_introduction(
        tmp_path_factory, closeness: int, strength: int, seen: int, vouch: int,
        last: str | None, at_target: int):
    tmp = tmp_path_factory.mktemp("rank")
    book = tmp / "book.yaml"
    book.write_text(_book(closeness, strength, seen, vouch, last), encoding="utf-8")
    source = tmp / "Connections.csv"
    source.write_text(_cold_connections(200, at_target), encoding="utf-8")
    plan = import_file(book, "linkedin", source)
    assert len(plan.added) == 200
    net = network_of(book)
    for diverse in (True, False):
        top = best_chains(net, net.companies["acme"], today=TODAY, k=3, diverse=diverse)
        ids = [[s.id for s in c.steps] for c in top.chains]
        assert ["me", "fay-friend", "tom-target"] in ids, (diverse, ids[:3])
