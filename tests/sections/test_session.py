"""A new user's first session: from ``init`` to a ranked ``paths`` answer and a
``plan``, with CLI commands alone (no hand editing of the YAML)."""

from __future__ import annotations

import json

SESSION = [
    ["init", "--name", "Alex Rivera", "--headline", "Data engineer"],
    ["me", "--role", "platform engineer", "--skill", "python", "--skill", "sql"],
    ["company", "add", "Orbital Labs", "--outlook", "growing", "--alias", "Orbital"],
    ["company", "add", "Helix Bio", "--outlook", "stable", "--industry", "biotech"],
    ["community", "add", "Berlin Climbers", "--kind", "club"],
    ["join", "berlin climbers"],
    ["target", "add", "orbital", "Helix Bio GmbH"],
    ["add", "Mira Schulz", "--closeness", "5", "--seen-my-work", "4", "--vouch", "5",
     "--last-contact", "2026-11-01"],
    ["add", "Jonas Beck", "--closeness", "3", "--community", "Berlin Climbers"],
    ["add", "Tobias Lang", "--company", "Orbital Labs GmbH", "--title", "Engineering Manager",
     "--hiring", "--knows", "mira=4"],
    ["add", "Ines Roth", "--company", "orbital", "--community", "berlin-climbers"],
    ["link", "jonas", "ines", "--strength", "3"],
    ["add", "Sara Kim", "--company", "Helix Bio", "--hiring", "--knows", "Jonas Beck=2"],
    ["log", "jonas", "Climbing; he offered to ask Ines", "--date", "2026-11-20"],
    ["edit", "Orbital Labs", "--industry", "space"],
]


def test_a_book_built_with_commands_alone_answers_paths_and_plan(invoke, tmp_path,
                                                                monkeypatch):
    monkeypatch.setenv("NETREACH_TODAY", "2026-11-30")
    book = tmp_path / "contacts.yaml"
    for args in SESSION:
        res = invoke(*args, "--book", book)
        assert res.code == 0, (args, res.stderr)
    assert invoke("validate", "--book", book).stderr.endswith(
        "ok: 5 people, 2 companies, 1 community\n")

    res = invoke("paths", "orbital", "--book", book, "--json")
    assert res.code == 0, res.stderr
    chains = json.loads(res.stdout)["chains"]
    ranked = [[step["id"] for step in chain["hops"]] for chain in chains]
    assert ranked[0] == ["me", "mira-schulz", "tobias-lang"]
    assert ["me", "jonas-beck", "ines-roth"] in ranked
    scores = [chain["score"] for chain in chains]
    assert scores == sorted(scores, reverse=True)

    plan = invoke("plan", "Orbital Labs", "--book", book, "--format", "markdown")
    assert plan.code == 0, plan.stderr
    assert "Mira Schulz" in plan.stdout and "Tobias Lang" in plan.stdout

    targets = json.loads(invoke("target", "list", "--json", "--book", book).stdout)
    assert [(t["id"], t["people"]) for t in targets["targets"]] == [("orbital-labs", 2),
                                                                    ("helix-bio", 1)]
