"""What ``triage`` shows: one line per new contact or namesake, the commands, JSON."""

from __future__ import annotations

from typing import Any

from netreach.render.safe import clean
from netreach.transfer.triage import Namesake, NewContact, Queue, edit_commands

KEYS_CONTACT = "1-5 closeness, h hiring, d drop, s skip, q quit"
KEYS_NAMESAKE = "m merge, k keep apart, s skip, q quit"


def hiring_note(hiring: bool | str) -> str:
    """`` (hires)``, `` (may hire — guessed from title)`` or nothing."""
    if hiring is True:
        return " (hires)"
    return " (may hire — guessed from title)" if hiring == "likely" else ""


def contact_line(item: NewContact) -> str:
    """``Zoë Ångström — Head of Fun, Acme (may hire — guessed from title); opens ...``."""
    extra = ", ".join(x for x in (item.title, item.company) if x)
    text = item.name + (f" — {extra}" if extra else "") + hiring_note(item.hiring)
    if item.targets:
        text += f"; opens chains to {', '.join(item.targets)} (score {item.matters:.2f})"
    return clean(text)


def namesake_line(item: Namesake) -> str:
    """``Ravi Iyer (Globex) may be ravi-iyer: Ravi Iyer (Acme)``."""
    def at(company: str | None) -> str:
        return f" ({company})" if company else ""

    return clean(f"{item.name}{at(item.company)} may be {item.candidate}: "
                 f"{item.candidate_name}{at(item.candidate_company)}")


def queue_text(queue: Queue, limit: int) -> list[str]:
    """The queue with the exact commands that settle each item (off a terminal)."""
    lines: list[str] = []
    if queue.contacts:
        shown = queue.contacts[:limit]
        lines.append(f"New contacts to rate, best first ({len(shown)} of "
                     f"{len(queue.contacts)}; closeness 1 = barely know, 5 = close friend):")
        for item in shown:
            lines.append(f"  {clean(item.id)}  {contact_line(item)}")
            lines.extend(f"    {clean(c)}" for c in edit_commands(item))
    if queue.namesakes:
        lines.append("Namesakes to settle (the same person, or two people?):")
        for namesake in queue.namesakes:
            lines.append(f"  {clean(namesake.id)}  {namesake_line(namesake)}")
            lines.extend(f"    {clean(c)}" for c in edit_commands(namesake))
    return lines


def queue_json(queue: Queue, limit: int) -> dict[str, Any]:
    """The queue as stable JSON for scripts."""
    return {
        "contacts": [{"id": c.id, "name": c.name, "title": c.title, "company": c.company,
                      "hiring": c.hiring, "matters": round(c.matters, 6),
                      "targets": list(c.targets), "commands": list(edit_commands(c))}
                     for c in queue.contacts[:limit]],
        "contacts_total": len(queue.contacts),
        "namesakes": [{"id": n.id, "name": n.name, "company": n.company,
                       "may_be": n.candidate, "may_be_name": n.candidate_name,
                       "commands": list(edit_commands(n))} for n in queue.namesakes],
    }
