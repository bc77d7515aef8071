"""Commands that create, edit and show the book: init, add, link, edit, rm, log,
list, show, validate."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netreach.cli import app
from netreach.cli.common import (
    BookOption,
    JsonOption,
    PersonArg,
    complete_ids,
    interactive,
    load,
    print_json,
    say,
    show,
)

if TYPE_CHECKING:
    from netreach.book.resolved import Network

Score15 = Annotated[int | None, typer.Option(min=1, max=5, show_default=False)]
Score05 = Annotated[int | None, typer.Option(min=0, max=5, show_default=False)]
Text = Annotated[str | None, typer.Option(show_default=False)]


def _date(value: str | None, option: str) -> dt.date | None:
    from netreach.errors import UsageError

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} takes an ISO date like 2026-09-14, not {value!r}") from None


def _company_value(network: "Network", text: str) -> str:
    """A company the book declares is stored by its id; anything else as the text given
    (looked up by its folded keys: a cached network decodes no entry for it)."""
    from netreach.book.resolved import fold

    for cid, _key in network.company_keys(fold(text)):
        if not network.companies[cid].implicit:
            return cid
    return text


def _check_communities(network: "Network", ids: list[str]) -> None:
    from netreach.errors import NotFound

    for cid in ids:
        if cid not in network.communities:
            raise NotFound(f"no community {cid!r}; add it under 'communities:' first")


@app.command(epilog="\b\nExample: netreach init --name 'Alex Rivera' --book ~/contacts.yaml")
def init(
    name: Annotated[str | None, typer.Option(help="Your name.")] = None,
    headline: Text = None,
    book: BookOption = None,
) -> None:
    """Create a new contact book (never overwrites one)."""
    from netreach.book import storage
    from netreach.book.editing import new_book_text
    from netreach.cached.bookfile import create_book

    path = book or storage.find_book(None, must_exist=False)
    if name is None:
        name = typer.prompt("Your name") if interactive() else "Me"
    create_book(path, new_book_text(name, headline))
    say(f"created {path} (readable only by you). Next: netreach add 'Dana Kim' --closeness 4")


def _parse_knows(network: "Network", specs: list[str]) -> dict[str, int]:
    from netreach.errors import NotFound, UsageError

    knows: dict[str, int] = {}
    for spec in specs:
        pid, _, strength = spec.partition("=")
        if pid not in network.people:
            raise NotFound(f"--knows: no person {pid!r}")
        try:
            knows[pid] = int(strength) if strength else 3
        except ValueError:
            raise UsageError(f"--knows takes ID or ID=STRENGTH (1-5), not {spec!r}") from None
        if not 1 <= knows[pid] <= 5:
            raise UsageError(f"--knows strength must be 1-5, not {strength}")
    return knows


def _near_duplicate(network: "Network", name: str, email: str | None) -> str | None:
    """The first person (in book order) with the same email, or a name that reads
    the same (token sort ratio 88 or more, case and accents aside)."""
    from rapidfuzz import fuzz, process

    from netreach.book.resolved import fold

    ids, names, emails = network.match_keys()
    found = [i for _name, _score, i in process.extract(
        fold(name), names, scorer=fuzz.token_sort_ratio, score_cutoff=88, limit=None)]
    folded = fold(email) if email else ""
    if folded:
        found.extend(i for i, other in enumerate(emails) if other == folded)
    return ids[min(found)] if found else None


def _ask_closeness() -> int | None:
    """Ask until the answer is 1-5 or blank (an answer of 9 used to fail only at save)."""
    while True:
        answer = typer.prompt("How well do you know them, 1-5 (blank: not yet)",
                              default="", show_default=False).strip()
        if not answer:
            return None
        if answer in {"1", "2", "3", "4", "5"}:
            return int(answer)
        typer.echo("Please answer 1, 2, 3, 4 or 5, or leave it blank.", err=True)


@app.command(
    epilog="\b\nExample: netreach add 'Dana Kim' --company acme --title 'Engineering Manager' "
    "--hiring --closeness 4 --knows eli-park=3"
)
def add(
    name: Annotated[str, typer.Argument(help="The person's full name.")],
    id: Annotated[str | None, typer.Option("--id",
                  help="Id to use (default: from the name).")] = None,
    company: Annotated[str | None, typer.Option(help="Company id or name.",
                       autocompletion=complete_ids("companies"))] = None,
    title: Text = None,
    hiring: Annotated[bool | None, typer.Option("--hiring/--no-hiring",
                      help="Can fill jobs at their company.")] = None,
    email: Text = None,
    phone: Text = None,
    url: Text = None,
    community: Annotated[list[str] | None, typer.Option(help="Community id (repeatable).",
                         autocompletion=complete_ids("communities"))] = None,
    closeness: Score15 = None,
    seen_my_work: Score05 = None,
    vouch: Score05 = None,
    last_contact: Annotated[str | None, typer.Option(help="ISO date.")] = None,
    knows: Annotated[list[str] | None, typer.Option(help="ID or ID=STRENGTH (repeatable).",
                     autocompletion=complete_ids("people"))] = None,
    notes: Text = None,
    new: Annotated[bool, typer.Option("--new", help="Add even if the name is close to "
                   "an existing person.")] = False,
    book: BookOption = None,
) -> None:
    """Add a person (a direct contact when --closeness is given)."""
    from netreach.book import editing
    from netreach.book.model import is_id
    from netreach.book.resolved import slugify, unique_id
    from netreach.cached import bookfile
    from netreach.errors import Refused, UsageError

    opened = load(book, write=True)
    network = opened.network
    if not name.strip():
        raise UsageError("the name must not be empty")
    if not new and (dup := _near_duplicate(network, name, email)):
        other = network.people[dup]
        raise Refused(
            f"{name!r} looks like {dup} ({other.name}) who is already in the book. "
            f"Update them with 'netreach edit {dup} ...', or add with --new if this is "
            "someone else."
        )
    if interactive():
        company = company or typer.prompt("Company (blank: none)", default="", show_default=False)
        title = title or typer.prompt("Title (blank: none)", default="", show_default=False)
        if closeness is None:
            closeness = _ask_closeness()
    if id is not None and not is_id(id):
        raise UsageError(f"--id {id!r} is not a valid id (lowercase letters, digits, - . _)")
    pid = id or unique_id(slugify(name, "person"), set(network.people) | {"me"})
    if pid == "me":
        raise UsageError("--id me is reserved for you; choose another id")
    if pid in network.people:
        raise UsageError(f"id {pid!r} is taken by {network.people[pid].name}")
    _check_communities(network, community or [])
    fields: dict[str, Any] = {
        "name": name.strip(),
        "company": _company_value(network, company) if company else None,
        "title": title or None,
        "hiring": hiring,
        "email": email,
        "phone": phone,
        "url": url,
        "communities": community or None,
        "closeness": closeness,
        "seen_my_work": seen_my_work,
        "vouch": vouch,
        "last_contact": _date(last_contact, "--last-contact"),
        "knows": _parse_knows(network, knows or []) or None,
        "notes": notes,
    }
    def change(doc: Any, _: "Network") -> bool:
        editing.add_entry(doc.root, "people", pid, fields)
        return True

    bookfile.edit_book(opened, change)
    say(f"added {pid} ({name.strip()})")


@app.command(
    epilog="\b\nExample: netreach link dana-kim eli-park --strength 4 --credibility 5\n"
    "(credibility: how much eli-park trusts dana-kim's word)"
)
def link(
    a: PersonArg,
    b: PersonArg,
    strength: Score15 = None,
    credibility: Annotated[int | None, typer.Option(min=1, max=5, show_default=False,
                           help="How much B trusts A's word (default: the strength).")] = None,
    book: BookOption = None,
) -> None:
    """Record that A knows B (a tie works both ways; strength 1-5)."""
    from netreach.book import editing
    from netreach.cached import bookfile

    opened = load(book, write=True)
    written = bookfile.edit_book(
        opened, lambda doc, net: editing.link(doc.root, net, a, b, strength, credibility)
    )
    say(f"linked {a} and {b}" if written else f"{a} and {b}: already so, nothing changed")


def _check_edit_values(given: dict[str, Any]) -> None:
    """Refuse values the book would reject, as usage errors naming the option."""
    from netreach.book.model import CommunityKind, Outlook
    from netreach.errors import UsageError

    for field, value in given.items():
        if isinstance(value, str) and not value.strip():
            option = field.replace("_", "-")
            if field == "name":
                raise UsageError("--name must not be empty")
            raise UsageError(f"--{option} is empty; to remove the field use --unset {option}")
    for field, enum in (("outlook", Outlook), ("kind", CommunityKind)):
        if field in given and given[field] not in {e.value for e in enum}:
            choices = ", ".join(e.value for e in enum)
            raise UsageError(f"--{field} takes one of {choices}; not {given[field]!r}")


_PERSON_OPTIONS = ("name", "company", "title", "hiring", "email", "phone", "url", "closeness",
                   "seen_my_work", "vouch", "last_contact", "notes")


@app.command(
    epilog="\b\nExamples: netreach edit dana-kim --title 'Director' --closeness 5\n"
    "          netreach edit acme --outlook growing\n"
    "          netreach edit dana-kim --unset phone"
)
def edit(
    id: Annotated[str, typer.Argument(help="A person, company or community id.",
                  autocompletion=complete_ids("people"))],
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
    book: BookOption = None,
) -> None:
    """Change fields of a person, company or community."""
    from netreach.book import editing
    from netreach.cached import bookfile
    from netreach.errors import NotFound, UsageError

    opened = load(book, write=True)
    network = opened.network
    values: dict[str, Any] = {
        "name": name, "company": company, "title": title, "hiring": hiring, "email": email,
        "phone": phone, "url": url, "closeness": closeness, "seen_my_work": seen_my_work,
        "vouch": vouch, "last_contact": _date(last_contact, "--last-contact"), "notes": notes,
        "outlook": outlook, "industry": industry, "kind": kind, "joinable": joinable,
    }
    given: dict[str, Any] = {k: v for k, v in values.items() if v is not None}
    _check_edit_values(given)
    allowed: tuple[str, ...]
    if id in network.people:
        section, allowed = "people", editing.PERSON_FIELDS
        if given.get("company"):
            given["company"] = _company_value(network, given["company"])
        person = network.people[id]
        communities = [c for c in person.communities if c not in (remove_community or [])]
        _check_communities(network, add_community or [])
        communities += [c for c in add_community or [] if c not in communities]
        if communities != person.communities:
            given["communities"] = communities or None
    elif id in network.book.companies:
        section, allowed = "companies", editing.COMPANY_FIELDS
        company_entry = network.book.companies[id]
        if alias:
            given["aliases"] = [*company_entry.aliases,
                                *(a for a in alias if a not in company_entry.aliases)]
    elif id in network.communities:
        section, allowed = "communities", editing.COMMUNITY_FIELDS
    else:
        raise NotFound(f"no person, company or community with id {id!r}")
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
    written = bool(changes) and bookfile.edit_book(
        opened, lambda doc, _net: editing.set_fields(doc.root, section, id, changes)
    )
    say(f"updated {id}" if written else f"{id}: already so, nothing changed")


@app.command(epilog="\b\nExample: netreach rm dana-kim --yes")
def rm(
    id: PersonArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (for scripts).")] = False,
    book: BookOption = None,
) -> None:
    """Remove a person and every tie that points at them."""
    from netreach.book import editing
    from netreach.cached import bookfile
    from netreach.errors import NotFound, UsageError

    opened = load(book, write=True)
    person = opened.network.people.get(id)
    if person is None:
        raise NotFound(f"no person {id!r}")
    ties = len(opened.network.ties[id])
    if not yes:
        if not interactive():
            raise UsageError(f"rm {id}: not a terminal, so nothing asked; add --yes to remove")
        if not typer.confirm(f"Remove {person.name} ({id}) and {ties} tie(s)?", default=False):
            say("nothing removed")
            return
    bookfile.edit_book(opened, lambda doc, net: bool(
        editing.remove_person(doc.root, id, list(net.ties[id]))) or True)
    say(f"removed {id} and {ties} tie(s)")


@app.command(epilog="\b\nExample: netreach log dana-kim 'Coffee; she will introduce me to Eli'")
def log(
    id: PersonArg,
    note: Annotated[str, typer.Argument(help="What happened.")],
    date: Annotated[str | None, typer.Option(help="ISO date (default: today).")] = None,
    book: BookOption = None,
) -> None:
    """Record an interaction with a person and update their last_contact."""
    from netreach.book import editing
    from netreach.cached import bookfile
    from netreach.errors import NotFound, UsageError

    when = _date(date, "--date") or dt.date.today()
    if not note.strip():
        raise UsageError("the note must not be empty")
    opened = load(book, write=True)
    if id not in opened.network.people:
        raise NotFound(f"no person {id!r}")

    written = bookfile.edit_book(
        opened, lambda doc, _net: editing.append_log(doc.root, id, when, note)
    )
    say(f"logged {when.isoformat()} for {id}" if written
        else f"{id}: already logged on {when.isoformat()}, nothing changed")


@app.command("list", epilog="\b\nExamples: netreach list --hiring\n          netreach list "
             "--company acme --json")
def list_(
    company: Annotated[str | None, typer.Option(help="Only people at this company (id, name "
                       "or alias).", autocompletion=complete_ids("companies"))] = None,
    community: Annotated[str | None, typer.Option(help="Only members of this community.",
                         autocompletion=complete_ids("communities"))] = None,
    hiring: Annotated[bool, typer.Option("--hiring", help="Only people who can hire.")] = False,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """List people in the book."""
    from netreach.book.resolved import CompanyIndex
    from netreach.errors import NotFound
    from netreach.render.people import people_table

    network = load(book).network
    ids = sorted(network.people)
    if company is not None:
        index = CompanyIndex(network.book.companies)
        cid = index.match(company) or (company if company in network.companies else None)
        cid = cid or next((c for c, v in network.companies.items()
                           if v.implicit and v.name.casefold() == company.casefold()), None)
        if cid is None:
            raise NotFound(f"no company matches {company!r}")
        ids = [p for p in ids if network.person_company.get(p) == cid]
    if community is not None:
        if community not in network.communities:
            raise NotFound(f"no community {community!r}")
        ids = [p for p in ids if community in network.people[p].communities]
    if hiring:
        ids = [p for p in ids if network.people[p].hiring]
    if json:
        from netreach.render.people import person_json

        print_json({"people": [person_json(network, p) for p in ids]})
    else:
        show(people_table(network, ids))
        say(f"{len(ids)} of {len(network.people)} people")


@app.command(epilog="\b\nExample: netreach show dana-kim")
def show_(
    id: PersonArg,
    json: JsonOption = False,
    book: BookOption = None,
) -> None:
    """Show everything the book holds about one person."""
    from netreach.errors import NotFound
    from netreach.render.people import person_detail, person_json

    network = load(book).network
    if id not in network.people:
        raise NotFound(f"no person {id!r}")
    if json:
        print_json(person_json(network, id))
    else:
        show(person_detail(network, id))


app.registered_commands[-1].name = "show"


@app.command(epilog="\b\nExample: netreach validate --book contacts.yaml")
def validate(book: BookOption = None) -> None:
    """Check the book; report every problem with its line and column (exit 65)."""
    opened = load(book)
    net = opened.network
    say(
        f"{opened.path}: ok: {len(net.people)} people, {len(net.companies)} companies, "
        f"{len(net.communities)} communities"
    )


__all__ = ["Path"]
