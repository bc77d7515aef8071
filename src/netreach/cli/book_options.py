"""Options and small helpers the book-editing commands share (add, edit, company,
community, me, target): value types, dates, and communities created on the way."""

import datetime as dt
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from netreach.cli.common import confirm, interactive, today_from

if TYPE_CHECKING:
    from netreach.book.network import Network

Score15 = Annotated[int | None, typer.Option(min=1, max=5, show_default=False)]
Score05 = Annotated[int | None, typer.Option(min=0, max=5, show_default=False)]
Text = Annotated[str | None, typer.Option(show_default=False)]
NewCompany = Annotated[bool, typer.Option(
    "--new-company", help="Create the company as typed even if it looks like one in the "
    "book.")]
KIND_HELP = "club, meetup, volunteer, alumni, association, online or other."


def parse_date(value: str | None, option: str, *, not_after_today: bool = False) -> dt.date | None:
    """An ISO date option; ``not_after_today`` refuses a date in the future (a log of
    something that has not happened would make the tie look warm for years)."""
    from netreach.errors import UsageError

    if value is None:
        return None
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} takes an ISO date like 2026-09-14, not {value!r}") from None
    if not_after_today and date > (today := today_from(None)):
        raise UsageError(f"{option} {value} is in the future (today is {today.isoformat()})")
    return date


def check_values(given: dict[str, Any]) -> None:
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


def check_kind(kind: str) -> str:
    """A community kind, or a usage error naming the choices."""
    from netreach.book.model import CommunityKind
    from netreach.errors import UsageError

    choices = [k.value for k in CommunityKind]
    if kind not in choices:
        raise UsageError(f"--kind takes one of {', '.join(choices)}; not {kind!r}")
    return kind


def community_name(typed: str) -> str:
    """A name for a community typed as an id: ``berlin-climbers`` -> ``Berlin Climbers``."""
    from netreach.book.model import is_id

    name = typed.strip()
    if is_id(name):
        name = " ".join(w.capitalize() for w in name.replace("_", "-").split("-") if w)
    return name


def community_add_command(typed: str, book: Path | None) -> str:
    """The exact ``netreach community add`` command that creates what was typed."""
    from netreach.book.resolved import slugify

    words = ["netreach", "community", "add", community_name(typed), "--id",
             slugify(typed, "community"),
             "--kind", "other"]
    if book is not None:
        words += ["--book", str(book)]
    return " ".join(shlex.quote(w) for w in words)


def communities_for(network: "Network", typed: list[str], book: Path | None,
                    ) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The ids the ``--community`` values name, and the communities to create with the
    same edit (asked on a terminal; elsewhere ``NotFound`` with the command to run, and
    nothing is written)."""
    from netreach.book.lookup import find, require
    from netreach.book.resolved import slugify, unique_id
    from netreach.errors import NotFound

    ids: list[str] = []
    new: dict[str, dict[str, Any]] = {}
    for text in typed:
        found = find(network, "community", text)
        if found.found is not None or found.ambiguous:
            ids.append(require(network, found, "--community"))
            continue
        slug = slugify(text, "community")
        if slug in new:
            ids.append(slug)
            continue
        command = community_add_command(text, book)
        if not interactive():
            hint = (f"did you mean {', '.join(found.candidates)}? Or create it: "
                    if found.candidates else "create it first: ")
            raise NotFound(f"no community {text!r}; {hint}{command}")
        if not confirm(f"No community {text!r} in the book. Create it?", default=True):
            raise NotFound(f"no community {text!r}; nothing was changed")
        name = typer.prompt("Its name", default=community_name(text))
        kind = check_kind(typer.prompt(f"What kind ({KIND_HELP})", default="other"))
        cid = unique_id(slug, network.communities)
        new[cid] = {"name": name, "kind": kind}
        ids.append(cid)
    return list(dict.fromkeys(ids)), new
