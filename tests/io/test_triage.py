"""`netreach triage`: rate new contacts best-first, settle namesakes (issue 17)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netreach.cached import bookfile
from netreach.errors import UsageError
from netreach.transfer import triage
from netreach.transfer.triage import Action, Decision
from tests.io.conftest import TODAY, import_file, network_of


@pytest.fixture
def imported(book: Path) -> Path:
    """The example book after my own export and one with namesakes."""
    import_file(book, "linkedin", "linkedin_connections.csv")
    import_file(book, "linkedin", "friend_export.csv")
    return book


def _apply(book: Path, *decisions: Decision) -> None:
    opened = bookfile.open_book(book)
    bookfile.edit_book(opened, lambda doc, net: triage.apply(doc, net, decisions))


def test_queue_lists_new_contacts_best_first_for_my_targets(imported: Path):
    queue = triage.queue(network_of(imported), TODAY)
    ids = [c.id for c in queue.contacts]
    assert set(ids) == {p for p, person in network_of(imported).people.items()
                        if person.closeness_unknown}
    # people who open chains to my targets come first, best chain first
    assert queue.contacts[0].targets and queue.contacts[0].matters > 0
    matters = [c.matters for c in queue.contacts]
    assert matters == sorted(matters, reverse=True)
    nobody = [c for c in queue.contacts if not c.targets]
    assert nobody and all(c.matters == 0 for c in nobody)
    assert {n.id for n in queue.namesakes} == {"amara-ezeh", "ravi-iyer-globex"}


def test_closeness_hiring_and_drop(imported: Path):
    _apply(imported, Decision("zoe-angstrom", Action.CLOSENESS, 4),
           Decision("greta-nilsson", Action.HIRING, True),
           Decision("wei-zhang", Action.DROP))
    net = network_of(imported)
    assert net.people["zoe-angstrom"].closeness == 4
    assert not net.people["zoe-angstrom"].closeness_unknown
    assert net.people["greta-nilsson"].hiring is True
    assert "wei-zhang" not in net.people
    assert "zoe-angstrom" not in {c.id for c in triage.queue(net, TODAY).contacts}


def test_merge_a_namesake_into_the_person_it_is(imported: Path):
    before = network_of(imported).people["ravi-iyer"]
    _apply(imported, Decision("ravi-iyer-globex", Action.MERGE))
    net = network_of(imported)
    assert "ravi-iyer-globex" not in net.people
    ravi = net.people["ravi-iyer"]
    # what the book had stays; what it lacked is filled
    for field in before.model_fields_set:
        assert getattr(ravi, field) == getattr(before, field), field
    assert ravi.url == "https://www.linkedin.com/in/ravi-iyer-globex"


def test_keep_a_namesake_apart(imported: Path):
    _apply(imported, Decision("amara-ezeh", Action.KEEP))
    net = network_of(imported)
    assert net.people["amara-ezeh"].may_be is None
    assert "amara-eze" in net.people
    assert triage.queue(net, TODAY).namesakes[0].id == "ravi-iyer-globex"


def test_bad_decisions_are_refused(imported: Path):
    net = network_of(imported)
    with pytest.raises(UsageError):
        triage.decisions_for(["zoe-angstrom"], Action.MERGE, net)  # not a namesake
    with pytest.raises(UsageError):
        _apply(imported, Decision("zoe-angstrom", Action.CLOSENESS, 9))


def test_off_a_terminal_it_prints_the_exact_commands(invoke, imported: Path):
    res = invoke("triage", "--book", imported)
    assert res.code == 0, res.stderr
    assert "netreach edit zoe-angstrom --closeness N" in res.stdout
    assert "netreach edit zoe-angstrom --hiring" in res.stdout  # a guess to confirm
    assert "netreach rm zoe-angstrom --yes" in res.stdout
    assert "netreach triage --merge ravi-iyer-globex" in res.stdout
    assert "(may hire — guessed from title)" in res.stdout


def test_json_for_scripts(invoke, imported: Path):
    res = invoke("triage", "--json", "--limit", "2", "--book", imported)
    data = json.loads(res.stdout)
    assert len(data["contacts"]) == 2 and data["contacts_total"] > 2
    assert {n["id"] for n in data["namesakes"]} == {"amara-ezeh", "ravi-iyer-globex"}


def test_merge_and_keep_from_the_command_line(invoke, imported: Path):
    res = invoke("triage", "--merge", "ravi-iyer-globex", "--keep", "amara-ezeh",
                 "--book", imported)
    assert res.code == 0, res.stderr
    net = network_of(imported)
    assert "ravi-iyer-globex" not in net.people and net.people["amara-ezeh"].may_be is None
    res = invoke("triage", "--merge", "zoe-angstrom", "--book", imported)
    assert res.code == 2


def test_on_a_terminal_one_key_per_person(invoke, imported: Path, monkeypatch):
    from netreach.cli import triage_cmds

    first = triage.queue(network_of(imported), TODAY).contacts
    keys = iter(["4", "h", "2", "d", "q"])
    monkeypatch.setattr(triage_cmds, "interactive", lambda: True)
    monkeypatch.setattr(triage_cmds, "_key", lambda prompt: next(keys))
    res = invoke("triage", "--book", imported)
    assert res.code == 0, res.stderr
    net = network_of(imported)
    assert net.people[first[0].id].closeness == 4
    second = net.people[first[1].id]
    assert second.closeness == 2 and second.hiring is (first[1].hiring is not True)
    assert first[2].id not in net.people
    assert first[3].id in net.people and net.people[first[3].id].closeness is None
