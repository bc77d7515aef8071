"""``netreach edit``: change fields of a person, a company (implicit ones too) or a
community; ``edit me`` forwards to ``netreach me`` and ``join``/``leave``."""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from netreach.cli.app import app
from netreach.cli.book_options import NewCompany, Score05, Score15, Text, parse_date
from netreach.cli.common import BookOption, complete_ids, load, say

if TYPE_CHECKING:
    from netreach.book.network import Network

_PERSON_OPTIONS = ("name", "company", "title", "hiring", "email", "phone", "url", "closeness",
                   "seen_my_work", "vouch", "last_contact", "notes")


@app.command(
    epilog="\b\nExamples: netreach edit dana-kim --title 'Director' --closeness 5\n"
    "          netreach edit acme --outlook growing\n"
    "          netreach edit 'Orbital Labs' --outlook growing --alias Orbital\n"
    "          netreach edit dana-kim --unset phone"
)
def edit(
    id: Annotated[str, typer.Argument(help="A person, company or community: id or name "
                  "(or 'me').", autocompletion=complete_ids("people"))],
    name: Text = None,
    company: Text = None,
    title: Text = None,
    hiring: Annotated[bool | None, typer.Option("--hiring/--no-hiring")] = None,
    email: Text = None,
    phone: Text = None,
    url: Text = None,
    closeness: Score15 = None,
    seen_my_work: Score05 = None,
    vouch: Score05 = None,
    last_contact: Annotated[str | None, typer.Option(help="ISO date.")] = None,
    notes: Text = None,
    add_community: Annotated[list[str] | None, typer.Option(help="Join a community.")] = None,
    remove_community: Annotated[list[str] | None, typer.Option(help="Leave one.")] = None,
    outlook: Annotated[str | None, typer.Option(help="Company: growing, stable, unknown, "
                       "shrinking or frozen.")] = None,
    industry: Text = None,
    alias: Annotated[list[str] | None, typer.Option(help="Company: add an alias.")] = None,
    kind: Annotated[str | None, typer.Option(help="Community: club, meetup, volunteer, "
                    "alumni, association, online or other.")] = None,
    joinable: Annotated[bool | None, typer.Option("--joinable/--not-joinable")] = None,
    unset: Annotated[list[str] | None, typer.Option(help="Remove a field (repeatable).")] = None,
    new_company: NewCompany = False,
    book: BookOption = None,
) -> None:
    """Change fields of a person, company or community.

    ID is an id or a name, matched like every id argument. A company named only on
    people (an implicit one) gets its own entry under 'companies:' on its first
    edit. 'edit me' changes your name and communities; the rest of you is
    'netreach me'.
    """
    from netreach.book import editing, sections
    from netreach.book.names import company_key
    from netreach.cached import bookfile
    from netreach.cli.book_options import check_values, communities_for
    from netreach.errors import UsageError

    values: dict[str, Any] = {
        "name": name, "company": company, "title": title, "hiring": hiring, "email": email,
        "phone": phone, "url": url, "closeness": closeness, "seen_my_work": seen_my_work,
        "vouch": vouch, "last_contact": parse_date(last_contact, "--last-contact"),
        "notes": notes, "outlook": outlook, "industry": industry, "kind": kind,
        "joinable": joinable,
    }
    given: dict[str, Any] = {k: v for k, v in values.items() if v is not None}
    check_values(given)
    if id.strip() == "me":
        _edit_me(given, add_community or [], remove_community or [], alias, unset, book)
        return
    opened = load(book, write=True)
    network = opened.network
    section, id = _which(network, id, set(given) | {u.replace("-", "_") for u in unset or []}
                         | ({"aliases"} if alias else set())
                         | ({"communities"} if add_community or remove_community else set()))
    allowed = editing.SECTION_FIELDS[section]
    new_communities: dict[str, dict[str, Any]] = {}
    if section == "people":
        if given.get("company"):
            given["company"] = sections.company_value(network, given["company"],
                                                      new_company=new_company)
        added, new_communities = communities_for(network, add_community or [], book)
        person = network.people[id]
        removed = [_community_to_leave(network, c) for c in remove_community or []]
        communities = [c for c in person.communities if c not in removed]
        communities += [c for c in added if c not in communities]
        if communities != person.communities:
            given["communities"] = communities or None
    elif section == "companies":
        view = network.companies[id]
        extra = list(alias or [])
        if "name" in given and company_key(given["name"]) != company_key(view.name):
            # People may have written the old name: it stays an alias, so they stay here.
            extra.append(view.name)
        known = list(view.aliases)
        if any(a not in known for a in extra):
            given["aliases"] = [*known, *dict.fromkeys(a for a in extra if a not in known)]
    for field in [*given, *(unset or [])]:
        if field.replace("-", "_") not in allowed:
            raise UsageError(f"{field.replace('_', '-')} does not apply to {section} ({id})")
    if field_name := next((f for f in unset or [] if f.replace("-", "_") == "name"), None):
        raise UsageError(f"{field_name} is required and cannot be unset")
    if (add_community or remove_community) and section != "people":
        raise UsageError(f"--add-community/--remove-community apply to people, not {id}")
    if alias and section != "companies":
        raise UsageError(f"--alias applies to companies, not {id}")
    changes = {**given, **{f.replace("-", "_"): None for f in unset or []}}
    if not changes and not (add_community or remove_community or alias):
        raise UsageError("nothing to change: give at least one --FIELD VALUE (see --help)")
    implicit = section == "companies" and network.companies[id].implicit

    def change(doc: Any, _net: "Network") -> bool:
        for cid, fields in new_communities.items():
            sections.add_community(doc.root, cid, fields)
        if implicit:
            sections.declare_company(doc.root, network, id)
        return editing.set_fields(doc.root, section, id, changes) or implicit or bool(
            new_communities)

    written = bool(changes) and bookfile.edit_book(opened, change)
    if implicit and written:
        say(f"{id}: wrote its entry under 'companies:' (it was named only on people)")
    say(f"updated {id}" if written else f"{id}: already so, nothing changed")


def _community_to_leave(network: "Network", typed: str) -> str:
    """A community to leave: resolved like any id, or kept as typed when it is gone."""
    from netreach.book.lookup import find

    found = find(network, "community", typed)
    return found.found or typed


_OPTION_SECTIONS = {
    "people": {*_PERSON_OPTIONS, "communities"},
    "companies": {"outlook", "industry", "aliases"},
    "communities": {"kind", "joinable"},
}


def _which(network: "Network", typed: str, fields: set[str]) -> tuple[str, str]:
    """The section and id ``typed`` names: an exact id first (people, companies,
    communities), then the one resolver, among the sections the options fit."""
    from netreach.book.lookup import describe, find, require
    from netreach.errors import Ambiguous, NotFound

    kinds = {"people": "person", "companies": "company", "communities": "community"}
    for section in kinds:
        if typed in getattr(network, section):
            return section, typed
    fitting = [s for s in kinds if not fields - _OPTION_SECTIONS[s] - {"name", "extra"}]
    found = {s: find(network, kinds[s], typed) for s in fitting or kinds}
    hits = [(s, r.found) for s, r in found.items() if r.found is not None]
    if len(hits) == 1:
        return hits[0][0], str(hits[0][1])
    if len(hits) > 1:
        listed = ", ".join(f"{kinds[s]} {describe(network, kinds[s], str(i))}" for s, i in hits)
        raise Ambiguous(f"{typed!r} could be: {listed}; give the id")
    for resolution in found.values():
        if resolution.ambiguous:
            require(network, resolution)
    near = [f"{describe(network, r.kind, c)}" for r in sorted(found.values(),
            key=lambda r: -r.score) for c in r.candidates][:3]
    raise NotFound(f"no person, company or community {typed!r}"
                   + (f"; did you mean {', '.join(near)}?" if near else ""))


def _edit_me(given: dict[str, Any], join: list[str], leave: list[str], alias: list[str] | None,
             unset: list[str] | None, book: Any) -> None:
    """``edit me``: the name and my communities, in one write; the rest is ``me``."""
    from netreach.book import sections
    from netreach.book.lookup import resolve_community
    from netreach.cached import bookfile
    from netreach.cli.book_options import communities_for
    from netreach.errors import UsageError

    if set(given) - {"name"} or alias or unset:
        raise UsageError("'edit me' changes only --name and --add/--remove-community; for the "
                         "rest use 'netreach me' (--headline, --role, --skill) and "
                         "'netreach target add COMPANY'")
    if not given and not join and not leave:
        raise UsageError("nothing to change: give --name or --add/--remove-community")
    opened = load(book, write=True)
    network = opened.network
    joined, new = communities_for(network, join, book)
    left = [resolve_community(network, c) for c in leave]

    def change(doc: Any, _net: "Network") -> bool:
        for cid, fields in new.items():
            sections.add_community(doc.root, cid, fields)
        changed = bool(given) and sections.set_me(doc.root, given)
        return sections.extend_me_list(doc.root, "communities", joined, left) or changed

    written = bookfile.edit_book(opened, change)
    say("updated me" if written else "me: already so, nothing changed")
