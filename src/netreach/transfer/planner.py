"""The state of one import plan: who is known, what changes, what is created.

``merge.plan_import`` walks the records and asks a ``Planner`` what each one is;
the rules of identity live in ``matching``, the guesses (who may hire, what is
not a company) in ``guesses``. Only empty fields are ever filled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from netreach.book.model import HIRING_LIKELY, ImportSource, is_id
from netreach.book.names import NEAR
from netreach.book.network import Network
from netreach.book.resolved import slugify, unique_id
from netreach.transfer.formats import ImportFormat
from netreach.transfer.guesses import likely_hires
from netreach.transfer.importers.base import Contact
from netreach.transfer.matching import CompanyKeys, PeopleIndex, folded
from netreach.transfer.mergeplan import NewEntry, NewTie

# A friend's connection (``--via``) is a tie of theirs that I cannot judge; 2
# ("acquaintances") is LinkedIn's usual reality: an accepted request, not a
# working relationship. The person raises it with `netreach link`.
VIA_STRENGTH = 2
# A vCard RELATED line is an address book saying two people belong together
# (colleague, friend, spouse): stronger than a bare connection, so the middle.
RELATED_STRENGTH = 3


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def import_source(fmt: ImportFormat, via: str | None) -> ImportSource:
    """The ``imported:`` mark of a person a ``fmt`` import adds (``via-...`` for --via)."""
    return ImportSource(f"via-{fmt.value}" if via is not None else fmt.value)


@dataclass
class Work:
    """A person this import touches (mutable while planning)."""

    line: int
    name: str
    new: bool
    fields: dict[str, Any]  # new person: the entry; existing: the changes
    ties: list[str] = field(default_factory=list)


class Planner:
    """Who is known, what changes, what is created, for one import."""

    def __init__(self, network: Network, via: str | None, fmt: ImportFormat) -> None:
        self.network = network
        self.via = via
        self.source = import_source(fmt, via)
        # From me and the companies' views, not ``network.book``: that decodes every
        # person of a packed book (seconds on 30,000 people).
        self.me = folded(network.me.name)
        self.declared_companies = [cid for cid, view in network.companies.items()
                                   if not view.implicit]
        self.companies = CompanyKeys(network.companies)
        self.people = PeopleIndex()
        # The packed columns (folded names and emails, URLs), not ``network.people``:
        # decoding every person of a 30,000-person book costs seconds.
        ids, names, emails = network.match_keys()
        works = network.person_company
        for pid, name, email, url in zip(ids, names, emails, network.profile_urls(),
                                         strict=True):
            self.people.add_folded(pid, name, works.get(pid), email, url)
        self.taken: set[str] = {*network.people, "me"}
        self.company_ids: set[str] = set(network.companies)
        self.community_of: dict[str, str] = {}
        for cid, community in network.communities.items():
            self.community_of.setdefault(folded(cid), cid)
            self.community_of.setdefault(folded(community.name), cid)
        self.new_communities: list[NewEntry] = []
        self.new_companies: list[NewEntry] = []
        self.work: dict[str, Work] = {}
        self.ties: list[NewTie] = []
        self.tied: set[frozenset[str]] = set()

    def company_value(self, text: str) -> str:
        """What to write in ``company:``: a declared company's id, else the text.

        A text shaped like a mistyped id (``data-werk`` beside ``datawerk``) would
        make the book invalid, so it gets an entry under ``companies:`` instead.
        """
        cid = self.companies.declared.match(text)
        if cid is not None:
            return cid
        if self.companies.implicit.match(text) is not None or not (is_id(text) and "-" in text):
            return text
        from rapidfuzz import process

        if not self.declared_companies or process.extractOne(
            text, self.declared_companies, score_cutoff=NEAR
        ) is None:
            return text
        cid = unique_id(slugify(text, "company"), self.company_ids)
        self.company_ids.add(cid)
        self.new_companies.append(NewEntry(cid, text))
        self.companies.declare(cid, text)
        return cid

    def community(self, name: str) -> str:
        """The id of the community a group name means, created when there is none."""
        key = folded(name)
        cid = self.community_of.get(key) or self.community_of.get(slugify(name, ""))
        if cid is None:
            taken = {*self.network.communities, *(c.id for c in self.new_communities)}
            cid = unique_id(slugify(name, "community"), taken)
            self.new_communities.append(NewEntry(cid, name))
            self.community_of[key] = cid
            self.community_of.setdefault(cid, cid)
        return cid

    def near(self, contact: Contact, key: str | None) -> tuple[str, str] | None:
        """Someone this record may be (to review), with the reason.

        Only people without a conflicting email or profile URL: two different
        identifiers are two people, whatever their names.
        """
        for pid in self.people.named(contact.name, contact.emails, contact.urls):
            theirs = self._company_name(pid)
            if key is None:
                return pid, f"same name; the file gives no company, the book says {theirs}"
            if theirs is None:
                return pid, f"same name; the book gives no company, the file says {contact.company}"
            return pid, f"same name at another company (book: {theirs}; file: {contact.company})"
        similar = self.people.similar(contact.name, key)
        if similar is None or self.people.conflicts(similar[0], contact.emails, contact.urls):
            return None
        return similar[0], f"similar name at the same company ({similar[1]:.0f}% alike)"

    def _company_name(self, pid: str) -> str | None:
        work = self.work.get(pid)
        if work is not None and (work.new or "company" in work.fields):
            value = work.fields.get("company")
            view = self.network.companies.get(value) if value else None
            return view.name if view else value
        view = self.network.company_of(pid)
        return view.name if view else None

    def name_of(self, pid: str) -> str:
        """A person's name, whether in the book or added by this plan."""
        work = self.work.get(pid)
        return work.name if work is not None and work.new else self.network.people[pid].name

    def current(self, pid: str, name: str) -> Any:
        """A field's value as it will be after the changes planned so far (``None``
        for a field the person never set, ``hiring`` included)."""
        work = self.work.get(pid)
        if work is not None and name in work.fields:
            return work.fields[name]
        if work is not None and work.new:
            return None
        person = self.network.people[pid]
        if name not in person.model_fields_set:
            return None
        return getattr(person, name)

    def _marks(self, pid: str | None) -> dict[str, Any]:
        """``imported:`` for a person this import brings in or makes my direct contact."""
        if pid is None:
            return {"imported": self.source.value}
        if not self.source.direct:
            return {}
        work = self.work.get(pid)
        if work is not None and work.new:
            return {}
        person = self.network.people[pid]
        if person.is_direct:
            return {}
        # A friend's connection (or a hand-written friend-of-friend) in my own
        # export: now my direct contact too, closeness still to be set.
        return {"imported": self.source.value}

    def offers(self, pid: str | None, contact: Contact) -> dict[str, Any]:
        """The fields ``contact`` can fill: only those that are empty for ``pid``."""
        values: dict[str, Any] = {
            "company": contact.company,
            "title": contact.title,
            "hiring": HIRING_LIKELY if likely_hires(contact.title) else None,
            "email": next((e for e in contact.emails
                           if self.people.email_owner(e) in (None, pid)), None),
            "phone": contact.phones[0] if contact.phones else None,
            "url": next((u for u in contact.urls
                         if self.people.url_owner(u) in (None, pid)), None),
            "notes": contact.notes,
        }
        if self.via is None:
            values["connected_on"] = contact.connected_on
        changes = {k: v for k, v in values.items()
                   if v is not None and (pid is None or _empty(self.current(pid, k)))}
        changes.update(self._marks(pid))
        if "company" in changes:  # only now: it may create a company entry
            changes["company"] = self.company_value(changes["company"])
        if contact.communities:
            have = list(self.current(pid, "communities") or []) if pid else []
            ids = [self.community(n) for n in contact.communities]
            more = [c for c in dict.fromkeys(ids) if c not in have]
            if more:
                changes["communities"] = have + more
        return changes

    def update(self, pid: str, contact: Contact) -> None:
        """Fill what ``contact`` can of a person already known (in the book or this plan)."""
        name = self.name_of(pid)
        work = self.work.setdefault(pid, Work(contact.line, name, False, {}))
        changes = self.offers(pid, contact)
        work.fields.update(changes)
        # index what the changes make findable: an email, a URL, a company
        self.people.add_contact_points(pid, changes.get("email"), changes.get("url"))
        if company := changes.get("company"):
            self.people.move(pid, name, self.companies.key(company))

    def new_id(self, contact: Contact) -> str:
        """A readable id that is free: the name, else name and company (a namesake's
        ``michael-muller-siemens``), else with a number (``michael-muller-siemens-2``)."""
        hint = contact.id_hint
        if hint and is_id(hint) and hint not in self.taken:
            return hint
        base = slugify(contact.name, "person")
        if base in self.taken and contact.company:
            base = slugify(f"{contact.name} {contact.company}", "person")
        return unique_id(base, self.taken)

    def add(self, contact: Contact, may_be: str | None = None) -> str:
        """Plan a new person for ``contact`` (``may_be``: a namesake to review); their id."""
        pid = self.new_id(contact)
        self.taken.add(pid)
        fields = {"name": contact.name, **self.offers(None, contact)}
        if may_be is not None:
            fields["may_be"] = may_be
        self.work[pid] = Work(contact.line, contact.name, True, fields)
        self.people.add(pid, contact.name, self.companies.key(fields.get("company")),
                        fields.get("email"), fields.get("url"))
        for email in contact.emails[1:]:  # every identifier of theirs tells them apart
            self.people.add_contact_points(pid, email, None)
        for url in contact.urls[1:]:
            self.people.add_contact_points(pid, None, url)
        return pid

    def tie(self, a: str, b: str, strength: int) -> None:
        """Plan the tie a-b unless it exists (in the book or in this plan)."""
        pair = frozenset((a, b))
        if a == b or pair in self.tied or b in self.network.ties.get(a, {}):
            return
        self.tied.add(pair)
        self.ties.append(NewTie(a, b, strength))
        self.work[a].ties.append(b)


def related_ties(planner: Planner, contacts: list[tuple[Contact, str]]) -> None:
    """Ties named by vCard RELATED lines: to another card (UID), an email, or a name."""
    by_uid: dict[str, str] = {}
    for contact, pid in contacts:
        if contact.uid:
            by_uid[contact.uid.casefold()] = pid
            by_uid[contact.uid.casefold().removeprefix("urn:uuid:")] = pid
    for contact, pid in contacts:
        for value in contact.related:
            text = value.casefold()
            other = by_uid.get(text) or by_uid.get(text.removeprefix("urn:uuid:"))
            if other is None and text.startswith("mailto:"):
                other = planner.people.email_owner(value[len("mailto:"):])
            if other is None:
                named = planner.people.named(value)
                other = named[0] if len(named) == 1 else None
            if other is not None:
                planner.tie(pid, other, RELATED_STRENGTH)
