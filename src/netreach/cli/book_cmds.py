"""Commands that create the book and change its people: init, add, link, rm, log.

(``edit`` is in edit_cmds, ``list``/``show``/``validate`` in browse_cmds, companies,
communities and ``me`` in their own modules.)"""

from typing import TYPE_CHECKING, Annotated, Any

import typer

from netreach.cli.app import app
from netreach.cli.book_options import NewCompany, Score05, Score15, Text, parse_date
from netreach.cli.common import (
    BookOption,
    PersonArg,
    complete_ids,
    confirm,
    interactive,
    load,
    say,
)

if TYPE_CHECKING:
    from netreach.book.network import Network


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
    say(f"created your book at {path.absolute()} (readable only by you). Next: "
        "netreach target add COMPANY, then netreach add 'Dana Kim' --closeness 4")


def _parse_knows(network: "Network", specs: list[str]) -> dict[str, int]:
    from netreach.book.lookup import resolve_person
    from netreach.errors import UsageError

    knows: dict[str, int] = {}
    for spec in specs:
        typed, _, strength = spec.partition("=")
        pid = resolve_person(network, typed, "--knows")
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

    from netreach.book.names import NEAR, fold

    ids, names, emails = network.match_keys()
    found = [i for _name, _score, i in process.extract(
        fold(name), names, scorer=fuzz.token_sort_ratio, score_cutoff=NEAR, limit=None)]
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
    new_company: NewCompany = False,
    book: BookOption = None,
) -> None:
    """Add a person (a direct contact when --closeness is given).

    --company takes a company's id, name or alias, or new free text; text within
    fuzzy reach of a company in the book is refused with "did you mean" unless
    --new-company. An unknown --community is offered for creation on a terminal;
    elsewhere the command to create it is printed and nothing is written.
    """
    from netreach.book import editing, sections
    from netreach.book.model import is_id
    from netreach.book.resolved import slugify, unique_id
    from netreach.cached import bookfile
    from netreach.cli.book_options import communities_for
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
    community_ids, new_communities = communities_for(network, community or [], book)
    fields: dict[str, Any] = {
        "name": name.strip(),
        "company": (sections.company_value(network, company, new_company=new_company)
                    if company and company.strip() else None),
        "title": title or None,
        "hiring": hiring,
        "email": email,
        "phone": phone,
        "url": url,
        "communities": community_ids or None,
        "closeness": closeness,
        "seen_my_work": seen_my_work,
        "vouch": vouch,
        "last_contact": parse_date(last_contact, "--last-contact"),
        "knows": _parse_knows(network, knows or []) or None,
        "notes": notes,
    }
    def change(doc: Any, _: "Network") -> bool:
        for cid, community_fields in new_communities.items():
            sections.add_community(doc.root, cid, community_fields)
        editing.add_entry(doc.root, "people", pid, fields)
        return True

    bookfile.edit_book(opened, change)
    for cid in new_communities:
        say(f"created community {cid}")
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
    """Record that A knows B (a tie works both ways; strength 1-5).

    A and B are ids or names (matched like every id argument). On a tie that
    exists already, says what changed ("changed strength 4 → 2").
    """
    from netreach.book import editing
    from netreach.book.lookup import resolve_person
    from netreach.cached import bookfile

    opened = load(book, write=True)
    network = opened.network
    a, b = resolve_person(network, a), resolve_person(network, b)
    before = network.ties.get(a, {}).get(b)
    written = bookfile.edit_book(
        opened, lambda doc, net: editing.link(doc.root, net, a, b, strength, credibility)
    )
    if not written:
        say(f"{a} and {b}: already so, nothing changed")
    elif before is None:
        say(f"linked {a} and {b} (strength {strength or 3})")
    else:
        changes = [f"{what} {old} → {new}" for what, old, new in (
            ("strength", before.strength, strength),
            (f"credibility ({b} trusts {a})", before.credibility, credibility),
        ) if new is not None and new != old]
        say(f"{a} and {b}: changed {', '.join(changes) or 'how the tie is written'}")


@app.command(epilog="\b\nExample: netreach rm dana-kim --yes")
def rm(
    id: PersonArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (for scripts).")] = False,
    book: BookOption = None,
) -> None:
    """Remove a person and every tie that points at them."""
    from netreach.book import editing
    from netreach.book.lookup import resolve_person
    from netreach.book.names import plural
    from netreach.cached import bookfile
    from netreach.errors import UsageError

    opened = load(book, write=True)
    id = resolve_person(opened.network, id)
    person = opened.network.people[id]
    ties = plural(len(opened.network.ties[id]), "tie")
    if not yes:
        if not interactive():
            raise UsageError(f"rm {id}: not a terminal, so nothing asked; add --yes to remove")
        if not confirm(f"Remove {person.name} ({id}) and {ties}?"):
            say("nothing removed")
            return
    bookfile.edit_book(opened, lambda doc, net: bool(
        editing.remove_person(doc.root, id, list(net.ties[id]))) or True)
    say(f"removed {id} and {ties}")


@app.command(epilog="\b\nExample: netreach log dana-kim 'Coffee; she will introduce me to Eli'")
def log(
    id: PersonArg,
    note: Annotated[str, typer.Argument(help="What happened.")],
    date: Annotated[str | None, typer.Option(help="ISO date, not in the future (default: "
                    "today).")] = None,
    book: BookOption = None,
) -> None:
    """Record an interaction with a person and update their last_contact."""
    from netreach.book import editing
    from netreach.book.lookup import resolve_person
    from netreach.cached import bookfile
    from netreach.cli.common import today_from
    from netreach.errors import UsageError

    when = parse_date(date, "--date", not_after_today=True) or today_from(None)
    if not note.strip():
        raise UsageError("the note must not be empty")
    opened = load(book, write=True)
    id = resolve_person(opened.network, id)

    written = bookfile.edit_book(
        opened, lambda doc, _net: editing.append_log(doc.root, id, when, note)
    )
    say(f"logged {when.isoformat()} for {id}" if written
        else f"{id}: already logged on {when.isoformat()}, nothing changed")


