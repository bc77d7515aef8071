"""What an edit of a few people changes in a packed book, and whether it is valid.

``Repack`` holds the edited book as far as the change reaches: the new rows of
the people (removed ones dropped, added ones appended), their companies (made,
as a full load makes them, for new people naming a company the book does not
have), and the ties of everyone whose ties the change may alter, in the order a
full load gives them. ``check`` records every reference of a changed entry that
does not resolve. ``repack.py`` writes the packed book from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from netreach.book.model import Community, Company, Me, Person, is_id
from netreach.book.names import company_key
from netreach.book.resolved import PathProblem, TieView, slugify, tie_view, unique_id
from netreach.cached.csr import Renumbering
from netreach.cached.packed import Packed


class Unsupported(Exception):
    """The change is not one this module updates in place: load the book in full."""


@dataclass
class PeopleChange:
    """People an edit changed (``changed``: the new, validated entries, added ones
    included), appended (``added``, in order) and removed; and the other entries it
    changed: me, companies and communities appended, companies edited."""

    changed: dict[str, Person] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    removed: set[str] = field(default_factory=set)
    companies: dict[str, Company] = field(default_factory=dict)  # new, declared
    me: Me | None = None
    communities: dict[str, Community] = field(default_factory=dict)  # new
    company_edits: dict[str, Company] = field(default_factory=dict)  # declared before


class Repack:
    """The state of the edited book, as far as the change reaches."""

    def __init__(self, p: Packed, change: PeopleChange) -> None:
        self.p, self.change = p, change
        self.n_old, self.n_comm = p.person_count, len(p.communities)
        # New communities take the last rows (and nodes): nothing else moves.
        self.community_ids = [*p.communities, *change.communities]
        self.new_communities = {cid: self.n_comm + k
                                for k, cid in enumerate(change.communities)}
        self.me = change.me if change.me is not None else p.network.me
        removed_rows = {p.person_row(x) for x in change.removed}
        self.removed_rows: set[int] = {row for row in removed_rows if row is not None}
        self.ids = list(p.people)
        for row in sorted(self.removed_rows, reverse=True):
            del self.ids[row]
        self.ids += change.added
        self.n_new = len(self.ids)
        # Rows move only when someone is removed; added people take the last rows.
        self.added_rows = {pid: self.n_new - len(change.added) + k
                           for k, pid in enumerate(change.added)}
        # Old person rows and old node numbers (0: me, 1 + row: a person, then the
        # communities) to new ones.
        self.pmap = Renumbering(sorted(self.removed_rows))
        self.nmap = Renumbering([row + 1 for row in self.removed_rows],
                                grow_above=self.n_old, grown=len(change.added))
        self.problems: list[PathProblem] = []
        self._people: dict[str, Person] = {}
        self._new_keys: dict[str, int] | None = None
        self.implicit: list[tuple[str, str]] = []  # companies people name, made here
        self._knowers: dict[str, list[str]] | None = None

    def new_row(self, pid: str) -> int | None:
        found = self.added_rows.get(pid)
        if found is not None:
            return found
        old = self.p.person_row(pid)
        if old is None:
            return None
        new = self.pmap[old]
        return new if new >= 0 else None

    def community_row(self, cid: str) -> int | None:
        found = self.p.community_row(cid)
        return found if found is not None else self.new_communities.get(cid)

    def community(self, cid: str) -> Community:
        found = self.change.communities.get(cid)
        return found if found is not None else self.p.network.communities[cid]

    def person(self, pid: str) -> Person:
        found = self.change.changed.get(pid)
        if found is None:
            found = self._people.get(pid)
            if found is None:
                found = self._people[pid] = self.p.network.people[pid]
        return found

    def exists(self, pid: str) -> bool:
        return self.new_row(pid) is not None

    # --- references out of the changed entries ------------------------------------------

    def check(self) -> None:
        """Record a problem for every reference of a changed entry that does not resolve,
        and for every tie left pointing at a removed person."""
        for pid, person in self.change.changed.items():
            if pid == "me":
                self.problems.append(PathProblem(("people", "me"), "'me' is reserved for you",
                                                 key=True))
            for i, cid in enumerate(person.communities):
                if self.community_row(cid) is None:
                    self.problems.append(PathProblem(("people", pid, "communities", i),
                                                     f"unknown community {cid!r}"))
            for other, tie in person.knows.items():
                where = ("people", pid, "knows", other)
                if other == pid:
                    self.problems.append(PathProblem(where, "a person cannot know themselves",
                                                     key=True))
                elif not self.exists(other):
                    self.problems.append(PathProblem(where, f"unknown person {other!r}",
                                                     key=True))
                else:
                    mirror = self.person(other).knows.get(pid)
                    if mirror is not None and mirror.strength != tie.strength:
                        self.problems.append(PathProblem(
                            where, f"strength {tie.strength} here conflicts with strength "
                            f"{mirror.strength} at people.{other}.knows.{pid}", key=True))
        if self.change.me is not None:
            for i, cid in enumerate(self.change.me.communities):
                if self.community_row(cid) is None:
                    self.problems.append(PathProblem(("me", "communities", i),
                                                     f"unknown community {cid!r}"))
        for pid in self.change.removed:
            for other in self.p.network.ties[pid]:
                if self.exists(other) and pid in self.person(other).knows:
                    self.problems.append(PathProblem(("people", other, "knows", pid),
                                                     f"unknown person {pid!r}", key=True))

    def companies(self) -> dict[str, int]:
        """The company row of every changed person (-1: none). People appended at the
        end may name a company the book does not have: it is made, as a full load
        would, after every other (``implicit``)."""
        rows: dict[str, int] = {}
        added = set(self.change.added)
        works = self.p.section("person_company")
        for pid in self.change.removed:
            row = works[self.p.person_row(pid)]  # type: ignore[index]
            if row >= 0 and self.p.network.companies[self.p.companies.at(row)].implicit:
                raise Unsupported("a company named only by people, maybe only by this one")
        for pid in [*(p for p in self.change.changed if p not in added), *self.change.added]:
            before = self.p.person_row(pid) if pid not in added else None
            rows[pid] = self._company(self.change.changed[pid], pid in added,
                                      -1 if before is None else works[before])
        return rows

    def _company(self, person: Person, appended: bool, old: int) -> int:
        text = person.company
        if text is None or not text.strip():
            return -1
        key = company_key(text)
        found = self.p.network.company_keys(key)
        if found:
            cid = found[0][0]
            row = self.p.companies.row(cid)
            assert row is not None
            if self.p.network.companies[cid].implicit and not appended and row != old:
                raise Unsupported("a company named only by people")
            return row
        row = self.new_keys.get(key)
        if row is not None:
            return row
        if not appended or (is_id(text) and "-" in text):  # (a near miss is an error)
            raise Unsupported("a company not in the book")
        net = self.p.network
        if any(net.companies[t].implicit for t in net.targets):
            raise Unsupported("a target named only in me.seeking")
        taken = {*self.p.companies.all, *self.change.companies, *(c for c, _ in self.implicit)}
        cid = unique_id(slugify(company_key(text), "company"), taken)
        row = len(self.p.companies) + len(self.change.companies) + len(self.implicit)
        self.implicit.append((cid, text.strip()))
        for folded in (company_key(cid), key):
            self.new_keys.setdefault(folded, row)
        return row

    @property
    def new_keys(self) -> dict[str, int]:
        """Company keys of the companies the change declares or edits (the keys an edit
        adds) -> their new rows."""
        if self._new_keys is None:
            self._new_keys = {}
            for cid, company in self.change.company_edits.items():
                row = self.p.companies.row(cid)
                assert row is not None
                for key in (company.name, *company.aliases):
                    self._new_keys.setdefault(company_key(key), row)
            for i, (cid, company) in enumerate(self.change.companies.items()):
                for key in (cid, company.name, *company.aliases):
                    self._new_keys.setdefault(company_key(key), len(self.p.companies) + i)
        return self._new_keys

    # --- ties -----------------------------------------------------------------------------

    def tie_rows(self) -> dict[str, dict[str, TieView]]:
        """The new ties of everyone whose ties the change may alter."""
        touched: set[str] = set()
        for pid in (*self.change.changed, *self.change.removed):
            touched.add(pid)
            if self.existed(pid):
                touched.update(self.p.network.ties[pid])
            if pid in self.change.changed:
                touched.update(self.change.changed[pid].knows)
        return {t: self._ties_of(t) for t in touched if self.exists(t)}

    def _known_by(self) -> dict[str, list[str]]:
        """Who among the changed people knows each person (made once: an import
        changes a thousand people, each asked about)."""
        if self._knowers is None:
            self._knowers = {}
            for x, person in self.change.changed.items():
                for other in person.knows:
                    self._knowers.setdefault(other, []).append(x)
        return self._knowers

    def existed(self, pid: str) -> bool:
        """Whether ``pid`` was in the book before the change."""
        return self.p.person_row(pid) is not None

    def _ties_of(self, t: str) -> dict[str, TieView]:
        declared: list[tuple[int, int, str, str, Any]] = []
        own = self.person(t).knows
        row_t = self.new_row(t)
        assert row_t is not None
        for k, (other, tie) in enumerate(own.items()):
            declared.append((row_t, k, t, other, tie))
        others = set(own)
        if self.existed(t):
            others.update(self.p.network.ties[t])
        others.update(self._known_by().get(t, ()))
        for other in others:
            row_o = self.new_row(other)
            if other == t or row_o is None:
                continue
            theirs = self.person(other).knows
            if t in theirs:
                declared.append((row_o, list(theirs).index(t), other, t, theirs[t]))
        declared.sort(key=lambda d: (d[0], d[1]))
        ties: dict[str, TieView] = {}
        for _row, _k, a, b, tie in declared:
            if a == t:
                ties[b] = tie_view(tie.strength, tie.credibility or tie.strength)
            elif a not in own:
                ties[a] = tie_view(tie.strength, tie.strength)
        return ties
