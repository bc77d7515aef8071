"""A four-week search on the example book, told through the CLI: asks, a referral, an
introduction, a decline, an interview. After every move, `plan`, `next` and `status`
must say exactly what the book shows. Golden files hold the plan before (the example
book's) and after the whole sequence.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests import golden

GOLDEN = Path(__file__).parent / "golden"


class Search:
    """The CLI on one book, with the date moved by --today (as NETREACH_TODAY would)."""

    def __init__(self, invoke: Any, book: Path) -> None:
        self.invoke, self.book = invoke, book
        self.today = "2026-11-23"

    def run(self, *args: str) -> str:
        res = self.invoke(*args, "--today", self.today, "--book", self.book)
        assert res.code == 0, (args, res.stderr)
        return str(res.stdout)

    def record(self, *args: str) -> None:
        self.run(*args, "--date", self.today)

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json"))

    def chain(self, company: str, rank: int) -> list[dict[str, Any]]:
        return list(self.json("plan", company)["chains"][rank - 1]["steps"])

    def next_items(self, *args: str) -> list[tuple[str, str]]:
        return [(i["person"]["id"], i["urgency"]) for i in self.json("next", *args)["items"]]


def test_a_four_week_search(invoke, book):
    s = Search(invoke, book)
    kiezbank_before = s.json("plan", "kiezbank")["chains"]

    # --- Week 1, Monday 2026-11-23 ------------------------------------------------------
    # The example book asked Mira on 11-02 and heard nothing: first on the list, overdue.
    items = s.next_items()
    assert items[0] == ("mira-schulz", "overdue")
    assert all(u in ("start", "rewarm") for _, u in items[1:])
    assert len({p for p, _ in items}) == len(items)  # one item per person
    s.record("outcome", "mira-schulz", "referred", "--for", "nordlicht", "--to", "tobias-lang",
             "Sent my CV to Tobias")
    s.record("ask", "sanne-de-vries", "--for", "nordlicht", "--to", "pieter-jansen")
    s.record("ask", "felix-braun", "--for", "kiezbank", "--to", "greta-vogel")
    mira, tobias = s.chain("nordlicht", 1)
    assert mira["state"] == "done" and mira["done"]["outcome"] == "referred"
    assert tobias["state"] == "open" and tobias["follow_up"] is None
    assert tobias["message"][1].startswith("Mira Schulz referred me to you.")
    # Nordlicht's entries change nothing in the Kiezbank plan but Felix's own step.
    after = s.json("plan", "kiezbank")["chains"]
    assert [c["route"] for c in after] == [c["route"] for c in kiezbank_before]
    felix = after[0]["steps"][0]
    assert felix["state"] == "asked" and felix["follow_up"] == "2026-11-30"

    # --- Week 2 ---------------------------------------------------------------------------
    s.today = "2026-12-01"
    items = s.next_items()
    assert items[:2] == [("sanne-de-vries", "overdue"), ("felix-braun", "overdue")]
    assert ("tobias-lang", "start") in items
    s.record("ask", "tobias-lang", "--for", "nordlicht")
    s.today = "2026-12-02"
    s.record("outcome", "sanne-de-vries", "declined", "--for", "nordlicht", "--to",
             "pieter-jansen", "Not comfortable referring")
    status = s.json("status", "nordlicht")["companies"][0]
    people = {st["person"]["id"] for c in status["chains"] for st in c["steps"]}
    assert "sanne-de-vries" not in people and len(status["chains"]) == 3
    assert [c["dropped"]["person"] for c in status["dropped"]] == ["sanne-de-vries"]
    assert status["chains"][0]["steps"][1]["state"] == "asked"  # Tobias, asked 12-01
    s.today = "2026-12-03"
    s.record("outcome", "felix-braun", "introduced", "--for", "kiezbank", "--to", "greta-vogel")
    felix, greta, niklas = s.chain("kiezbank", 1)
    assert felix["done"]["outcome"] == "introduced"
    assert greta["message"][1].startswith("Felix Braun suggested I write to you.")
    assert "suggested I write" not in niklas["message"][1]  # Greta has not introduced anyone

    # --- Week 3 ---------------------------------------------------------------------------
    s.today = "2026-12-07"
    s.record("ask", "greta-vogel", "--for", "kiezbank", "--to", "niklas-berg")
    s.today = "2026-12-08"
    s.record("outcome", "tobias-lang", "met", "--for", "nordlicht", "Call; apply via Jan")
    s.today = "2026-12-09"
    data = s.json("next")
    assert {"company": "nordlicht", "chain": 1} in data["complete"]
    greta_item = next(i for i in data["items"] if i["person"]["id"] == "greta-vogel")
    assert greta_item["urgency"] == "due" and greta_item["date"] == "2026-12-14"
    assert data["items"][0]["urgency"] == "due"  # nothing overdue any more

    # --- Week 4 ---------------------------------------------------------------------------
    s.today = "2026-12-15"
    s.record("outcome", "tobias-lang", "interview", "--for", "nordlicht")
    s.today = "2026-12-16"
    items = s.next_items()
    assert items[0] == ("greta-vogel", "overdue")  # asked 12-07, no answer by 12-14
    week = s.next_items("--week")
    assert all(u != "later" for _, u in week)
    text = s.run("status")
    flat = " ".join(text.split())  # the terminal wraps long lines
    assert "Done 2026-12-08 (Tue): met (tobias-lang): Call; apply via Jan; then interview " \
        "2026-12-15 (Tue)" in flat
    assert "Dropped: Sanne de Vries: declined 2026-12-02 (Wed)" in flat
    golden.check_golden(GOLDEN / "search_status.txt", text)
    golden.check_golden(GOLDEN / "search_next.txt", s.run("next"))
    golden.check_golden(GOLDEN / "search_plan_nordlicht.md",
                        s.run("plan", "nordlicht", "--format", "markdown"))
