"""vCard 3.0 (the version every address book imports), one card per person.

The cards round-trip through ``netreach import vcard``: FN and N, ORG (the
company's name), TITLE, EMAIL, TEL, URL, NOTE, CATEGORIES (community names,
matched back to the same communities), a stable UID per person, RELATED for
every tie (pointing at the other card's UID: vCard 4.0's property, which 3.0
readers ignore), and X-NETREACH-ID so a re-import keeps the ids. How well I
know someone (closeness, vouch) is the book's own judgement and stays there.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from netreach.book.network import Network

# Fixed, so a person's UID is the same in every export of every book.
UID_NAMESPACE = uuid.UUID("6f1d3c2a-8e1b-5b7e-9c4d-2f6a1b0e9d41")
# Control characters are not text; vobject escapes newlines in values itself.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def person_uid(pid: str) -> str:
    """The UID a person's card carries: a name-based UUID of their id."""
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, pid)}"


def _text(value: str, *, one_line: bool = True) -> str:
    text = _CONTROL.sub(" ", value)
    return " ".join(text.split()) if one_line else text.replace("\r", "")


def _split_name(name: str) -> tuple[str, str]:
    """(given, family): the last word is the family name, a guess vCard needs for N."""
    parts = name.rsplit(" ", 1)
    return (parts[0], parts[1]) if len(parts) == 2 else ("", name)


def _card(network: Network, pid: str) -> Any:
    import vobject

    person = network.people[pid]
    card = vobject.vCard()
    name = _text(person.name) or pid
    card.add("fn").value = name
    given, family = _split_name(name)
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    card.add("uid").value = person_uid(pid)
    card.add("x-netreach-id").value = pid
    company = network.company_of(pid)
    if company is not None:
        card.add("org").value = [_text(company.name)]
    if person.title:
        card.add("title").value = _text(person.title)
    if person.email:
        email = card.add("email")
        email.value = _text(person.email)
        email.type_param = "INTERNET"
    if person.phone:
        card.add("tel").value = _text(person.phone)
    if person.url:
        card.add("url").value = _text(person.url)
    if person.notes:
        card.add("note").value = _text(person.notes, one_line=False)
    names = [_text(network.communities[c].name) for c in person.communities]
    if names:
        card.add("categories").value = names
    for other in sorted(network.ties.get(pid, {})):
        card.add("related").value = person_uid(other)
    return card


def export(network: Network, today: dt.date) -> bytes:
    """Every person as a vCard 3.0, in book order (``today`` is unused)."""
    del today
    return "".join(_card(network, pid).serialize() for pid in network.people).encode("utf-8")
