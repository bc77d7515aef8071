"""``netreach triage``: rate the contacts an import brought in, settle its namesakes."""

from typing import TYPE_CHECKING, Annotated

import typer

from netreach.cli.app import app
from netreach.cli.common import (
    BookOption,
    JsonOption,
    TodayOption,
    interactive,
    load,
    print_json,
    say,
    today_from,
)

if TYPE_CHECKING:  # the core is imported inside the command (start-up time)
    from netreach.transfer.triage import Decision, Queue


@app.command(
    epilog="\b\nExamples:\n  netreach triage                 # on a terminal: one key per person\n"
    "  netreach triage > todo.txt      # the list, with the exact edit commands\n"
    "  netreach triage --merge ravi-iyer-globex --keep ana-ruiz-globex",
)
def triage(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1,
                     help="Walk (or list) at most this many new contacts.")] = 50,
    merge: Annotated[list[str] | None, typer.Option(
        "--merge", help="Merge this namesake into the person it may be (repeatable).")] = None,
    keep: Annotated[list[str] | None, typer.Option(
        "--keep", help="Keep this namesake apart: a different person (repeatable).")] = None,
    json: JsonOption = False,
    today: TodayOption = None,
    book: BookOption = None,
) -> None:
    """Walk newly imported contacts, best first for your targets, and the review queue.

    On a terminal one key sets closeness 1-5 (s skips, h toggles hiring, d drops
    the person) and namesakes are merged (m) or kept apart (k); everything is
    written once at the end. Otherwise the list is printed with the exact
    commands that do the same.
    """
    from netreach.cached import bookfile
    from netreach.transfer import triage as core

    if merge or keep:
        opened = load(book, write=True)
        decisions = (core.decisions_for(merge or [], core.Action.MERGE, opened.network)
                     + core.decisions_for(keep or [], core.Action.KEEP, opened.network))
        bookfile.edit_book(opened, lambda doc, net: core.apply(doc, net, decisions))
        say(f"merged {len(merge or [])}, kept apart {len(keep or [])}")
        return
    walk = interactive() and not json
    opened = load(book, write=walk)
    queue = core.queue(opened.network, today_from(today))
    if not walk:
        _print(queue, limit, json)
        return
    decisions = _walk(queue, limit)
    if decisions and bookfile.edit_book(opened, lambda doc, net: core.apply(doc, net, decisions)):
        counts = ", ".join(f"{n} {a}" for a, n in core.summary(decisions).items())
        say(f"saved: {counts}")
    else:
        say("nothing changed")


def _print(queue: "Queue", limit: int, json: bool) -> None:
    from netreach.render.triage import queue_json, queue_text

    if json:
        print_json(queue_json(queue, limit))
        return
    lines = queue_text(queue, limit)
    for line in lines:
        typer.echo(line)
    if not lines:
        say("nothing to triage: no unrated imported contacts, no namesakes")


def _walk(queue: "Queue", limit: int) -> "list[Decision]":
    """One key per person on a terminal; the decisions, written by the caller at once."""
    from netreach.render.triage import (
        KEYS_CONTACT,
        KEYS_NAMESAKE,
        contact_line,
        hiring_note,
        namesake_line,
    )
    from netreach.transfer.triage import Action, Decision

    decisions: list[Decision] = []
    items = queue.contacts[:limit]
    for n, item in enumerate(items, start=1):
        hiring = item.hiring
        typer.echo(f"[{n}/{len(items)}] {contact_line(item)}", err=True)
        while True:
            key = _key(f"  {KEYS_CONTACT}: ")
            if key in ("1", "2", "3", "4", "5"):
                decisions.append(Decision(item.id, Action.CLOSENESS, int(key)))
                break
            if key == "h":
                hiring = hiring is not True
                decisions.append(Decision(item.id, Action.HIRING, hiring))
                typer.echo(f"  hiring now{hiring_note(hiring) or ': no'}", err=True)
                continue
            if key == "d":
                decisions = [d for d in decisions if d.id != item.id]
                decisions.append(Decision(item.id, Action.DROP))
                break
            if key == "q":
                return decisions
            if key in ("s", "\r", "\n", " "):
                break
    for n, namesake in enumerate(queue.namesakes, start=1):
        typer.echo(f"[{n}/{len(queue.namesakes)}] {namesake_line(namesake)}", err=True)
        while True:
            key = _key(f"  {KEYS_NAMESAKE}: ")
            if key in ("m", "k"):
                decisions.append(Decision(namesake.id, Action.MERGE if key == "m"
                                          else Action.KEEP))
                break
            if key == "q":
                return decisions
            if key in ("s", "\r", "\n", " "):
                break
    return decisions


def _key(prompt: str) -> str:
    """One keypress (no Enter needed); Ctrl-C interrupts as everywhere else."""
    import click

    typer.echo(prompt, nl=False, err=True)
    key = click.getchar()
    typer.echo(key if key.isprintable() else "", err=True)
    if key in ("\x03", "\x04"):
        raise KeyboardInterrupt
    return key.lower()
