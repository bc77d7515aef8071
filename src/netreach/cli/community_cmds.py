"""``netreach community add|rm``, ``join`` and ``leave``: communities from the command
line, and my own memberships (``me.communities``)."""

from typing import Annotated, Any

import typer

from netreach.cli.app import app
from netreach.cli.book_options import KIND_HELP
from netreach.cli.common import BookOption, complete_ids, load, say

community_app = typer.Typer(
    name="community", help="Add or remove communities (edit one with 'netreach edit ID').",
    no_args_is_help=True, rich_markup_mode=None,
    epilog="\b\nExamples: netreach community add 'Berlin Climbers' --kind club\n"
    "          netreach community rm berlin-climbers",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(community_app, name="community")

CommunityArg = Annotated[str, typer.Argument(help="A community's id or name.",
                         autocompletion=complete_ids("communities"))]


@community_app.command(
    "add",
    epilog="\b\nExamples: netreach community add 'Berlin Climbers' --kind club\n"
    "          netreach community add 'TU Berlin Alumni' --id tu-alumni --kind alumni "
    "--not-joinable",
)
def community_add(
    name: Annotated[str, typer.Argument(help="The community's name.")],
    kind: Annotated[str, typer.Option("--kind", help=KIND_HELP)],
    id: Annotated[str | None, typer.Option("--id", help="Id to use (default: from the "
                  "name).")] = None,
    joinable: Annotated[bool, typer.Option("--joinable/--not-joinable", help="Could I join "
                        "it?")] = True,
    book: BookOption = None,
) -> None:
    """Add a community (a club, meetup, volunteer group...) under 'communities:'."""
    from netreach.book import sections
    from netreach.book.lookup import find
    from netreach.cached import bookfile
    from netreach.cli.book_options import check_kind
    from netreach.errors import Refused, UsageError

    if not name.strip():
        raise UsageError("the name must not be empty")
    check_kind(kind)
    opened = load(book, write=True)
    network = opened.network
    same = find(network, "community", name)
    if same.found is not None and same.score >= 100 and (id is None or id == same.found):
        raise Refused(f"{name!r} is in the book already: {same.found} "
                      f"({network.communities[same.found].name})")
    cid = sections.new_id(network, "communities", name, id)
    fields = {"name": name.strip(), "kind": kind, "joinable": None if joinable else False}
    bookfile.edit_book(opened, lambda doc, _net: sections.add_community(doc.root, cid, fields))
    say(f"added community {cid} ({name.strip()}); join it with 'netreach join {cid}'")


@community_app.command(
    "rm",
    epilog="\b\nExample: netreach community rm berlin-climbers --force",
)
def community_rm(
    id: CommunityArg,
    force: Annotated[bool, typer.Option("--force", help="Remove it even while people "
                     "(or you) belong to it: their memberships go too.")] = False,
    book: BookOption = None,
) -> None:
    """Remove a community (refused while it has members, unless --force)."""
    from netreach.book import sections
    from netreach.book.lookup import resolve_community
    from netreach.book.names import plural
    from netreach.cached import bookfile

    opened = load(book, write=True)
    network = opened.network
    cid = resolve_community(network, id)
    left: list[str] = []

    def change(doc: Any, _net: Any) -> bool:
        left[:] = sections.remove_community(doc.root, network, cid, force=force)
        return True

    bookfile.edit_book(opened, change)
    say(f"removed community {cid}"
        + (f" and the memberships of {plural(len(left), 'person', 'people')}" if left else ""))


@app.command(epilog="\b\nExample: netreach join berlin-climbers")
def join(community: CommunityArg, book: BookOption = None) -> None:
    """Join a community yourself (adds it to me.communities).

    An unknown community is offered for creation on a terminal; elsewhere the
    'netreach community add' command to run is printed and nothing is written.
    """
    from netreach.book import sections
    from netreach.cached import bookfile
    from netreach.cli.book_options import communities_for

    opened = load(book, write=True)
    network = opened.network
    ids, new = communities_for(network, [community], book)
    cid = ids[0]

    def change(doc: Any, _net: Any) -> bool:
        for new_id, fields in new.items():
            sections.add_community(doc.root, new_id, fields)
        return sections.set_membership(doc.root, cid, member=True) or bool(new)

    written = bookfile.edit_book(opened, change)
    say(f"joined {cid}" if written else f"{cid}: you are a member already, nothing changed")


@app.command(epilog="\b\nExample: netreach leave berlin-climbers")
def leave(community: CommunityArg, book: BookOption = None) -> None:
    """Leave a community (removes it from me.communities; the community stays)."""
    from netreach.book import sections
    from netreach.book.lookup import resolve_community
    from netreach.cached import bookfile

    opened = load(book, write=True)
    network = opened.network
    cid = resolve_community(network, community)
    written = bookfile.edit_book(
        opened, lambda doc, _net: sections.set_membership(doc.root, cid, member=False))
    say(f"left {cid}" if written else f"{cid}: you are not a member, nothing changed")
