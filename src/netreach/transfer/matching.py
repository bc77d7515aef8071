"""Who is who: indexes that find the person an imported record is, or resembles.

A record is surely someone when they share an email, else a profile URL, else
the same normalised name (``network.fold``) at the same company, as long as no
identifier conflicts: two people with different emails, or different profile
URLs, are different people whatever their names (SPEC §2). It *resembles*
someone when it has their name at another company, or a similar name
(rapidfuzz) at the same company, again without a conflicting identifier.
Companies are compared by key, through the book's own ``CompanyIndex`` (the one
normaliser): a declared company's id, an implicit one's id, or ``?`` and the
text first seen for a company the book lacks.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from netreach.book.model import Company
from netreach.book.names import NEAR
from netreach.book.resolved import CompanyIndex, CompanyView, fold

# rapidfuzz token_sort_ratio (0-100) from which two names at one company look
# like the same person written differently: the book's one threshold (see
# ``names.NEAR``; "Dana Kim" / "Dan Kim" is 93, "Dana Kim" / "Dina Kay" is 62).
NEAR_NAME = NEAR

# Names and company texts repeat across records and are folded at every step.
folded = lru_cache(maxsize=1 << 16)(fold)


def normal_url(url: str) -> str:
    """A profile URL for matching: no scheme, ``www.``, query, trailing slash or case."""
    text = url.strip().casefold()
    for prefix in ("https://", "http://"):
        text = text.removeprefix(prefix)
    text = text.removeprefix("www.")
    return text.split("?", 1)[0].split("#", 1)[0].rstrip("/")


class CompanyKeys:
    """Company texts to matching keys, as the book would resolve them."""

    def __init__(self, views: Mapping[str, CompanyView]) -> None:
        self.declared = CompanyIndex({
            cid: Company.model_construct(name=view.name, aliases=list(view.aliases))
            for cid, view in views.items() if not view.implicit})
        self.implicit = CompanyIndex({})
        for cid, view in views.items():
            if view.implicit:
                self.implicit.add(cid, view.name)
        self.unknown = CompanyIndex({})  # companies only the import names, by their key
        self._keys: dict[str, str] = {}

    def key(self, text: str | None) -> str | None:
        """The company ``text`` names, as a key (``?text`` for one the book lacks)."""
        if not text:
            return None
        key = self._keys.get(text)
        if key is None:
            key = self.declared.match(text) or self.implicit.match(text) or \
                self.unknown.match(text)
            if key is None:
                key = "?" + folded(text)
                self.unknown.add(key, text)
            self._keys[text] = key
        return key

    def declare(self, cid: str, name: str) -> None:
        """A company entry the import creates."""
        self.declared.add(cid, name)
        self._keys.clear()


class PeopleIndex:
    """Everyone known so far (the book's people and the ones an import adds)."""

    def __init__(self) -> None:
        self._by_email: dict[str, str] = {}
        self._by_url: dict[str, str] = {}
        self._by_name: dict[str, list[str]] = {}
        self._by_name_company: dict[tuple[str, str | None], list[str]] = {}
        self._at_company: dict[str | None, tuple[list[str], list[str]]] = {}
        self._key_of: dict[str, str | None] = {}
        self._emails: dict[str, set[str]] = {}
        self._urls: dict[str, set[str]] = {}

    def add(self, pid: str, name: str, key: str | None,
            email: str | None = None, url: str | None = None) -> None:
        """Index a person by name at company ``key``, and by email and URL."""
        self.add_folded(pid, folded(name), key, folded(email) if email else "", url)

    def add_folded(self, pid: str, fold_name: str, key: str | None, fold_email: str,
                   url: str | None) -> None:
        """``add`` with the name and email folded already ("" for no email), as the
        book's match keys hold them."""
        self._key_of[pid] = key
        self._by_name.setdefault(fold_name, []).append(pid)
        self._by_name_company.setdefault((fold_name, key), []).append(pid)
        pids, names = self._at_company.setdefault(key, ([], []))
        pids.append(pid)
        names.append(fold_name)
        self._contact_points(pid, fold_email, url)

    def add_contact_points(self, pid: str, email: str | None, url: str | None) -> None:
        """Make a person findable by a newly known email or URL."""
        self._contact_points(pid, folded(email) if email else "", url)

    def _contact_points(self, pid: str, fold_email: str, url: str | None) -> None:
        if fold_email:
            self._by_email.setdefault(fold_email, pid)
            self._emails.setdefault(pid, set()).add(fold_email)
        if url:
            self._by_url.setdefault(normal_url(url), pid)
            self._urls.setdefault(pid, set()).add(normal_url(url))

    def move(self, pid: str, name: str, key: str | None) -> None:
        """A person's company became known: index them under ``key`` instead."""
        old = self._key_of.get(pid)
        fold_name = folded(name)
        same = self._by_name_company.get((fold_name, old), [])
        if pid in same:
            same.remove(pid)
        pids, names = self._at_company[old]
        i = pids.index(pid)
        del pids[i], names[i]
        self._by_name[fold_name].remove(pid)
        self.add(pid, name, key)

    def email_owner(self, email: str) -> str | None:
        """Who has this email address (case ignored)."""
        return self._by_email.get(folded(email))

    def url_owner(self, url: str) -> str | None:
        """Whose profile URL this is."""
        return self._by_url.get(normal_url(url))

    def conflicts(self, pid: str, emails: tuple[str, ...], urls: tuple[str, ...]) -> bool:
        """True when the record and ``pid`` both have emails (or both profile URLs) and
        share none: then they are different people, whatever their names."""
        theirs = self._emails.get(pid)
        if emails and theirs and not theirs.intersection(folded(e) for e in emails):
            return True
        theirs = self._urls.get(pid)
        return bool(urls and theirs and not theirs.intersection(normal_url(u) for u in urls))

    def by_identifier(self, emails: tuple[str, ...], urls: tuple[str, ...]) -> str | None:
        """The person who has one of these emails, else one of these profile URLs."""
        for email in emails:
            if pid := self.email_owner(email):
                return pid
        for url in urls:
            if pid := self.url_owner(url):
                return pid
        return None

    def namesakes(self, name: str, key: str | None, emails: tuple[str, ...],
                  urls: tuple[str, ...]) -> list[str]:
        """Everyone of this name at company ``key`` with no conflicting identifier."""
        return [pid for pid in self._by_name_company.get((folded(name), key), ())
                if not self.conflicts(pid, emails, urls)]

    def named(self, name: str, emails: tuple[str, ...] = (),
              urls: tuple[str, ...] = ()) -> list[str]:
        """Everyone with this (normalised) name, at any company, who may be the record."""
        return [pid for pid in self._by_name.get(folded(name), ())
                if not self.conflicts(pid, emails, urls)]

    def similar(self, name: str, key: str | None) -> tuple[str, float] | None:
        """The most similar name at company ``key`` (score >= ``NEAR_NAME``), if any."""
        if key is None or key not in self._at_company:
            return None
        from rapidfuzz import fuzz, process

        pids, names = self._at_company[key]
        best = process.extractOne(folded(name), names, scorer=fuzz.token_sort_ratio,
                                  processor=None, score_cutoff=NEAR_NAME)
        return (pids[best[2]], float(best[1])) if best is not None else None
