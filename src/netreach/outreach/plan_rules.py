"""Every threshold of the outreach plan, in one place, with the reason for its value.

The chain score has its constants in ``scoring``; these decide what a plan tells
a person to do: how the referral checklist grades each criterion, when to ask
for a referral rather than an introduction, when to follow up, which log
entries count, and how a chain's strength is put into words
(README: "Outreach plans").
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from netreach.book.model import CommunityKind, Outlook

DEFAULT_PLAN_K = 3
"""Three chains: enough to work in parallel when one stalls, few enough to do well."""

# --- The referral checklist (SPEC §1 (a)-(e)) ------------------------------------

MET_AT = 4
"""A criterion on the book's 0-5 / 1-5 scales is *met* at 4 or 5: "yes, firmly"
(a close friend, a former teammate who would vouch without hesitation)."""

PARTLY_AT = 2
"""...and *partly* met at 2 or 3: "somewhat" (a friendly acquaintance, someone who
saw one talk). 0 or 1 is *missing*: nothing to build a referral on yet."""

# A referral needs every one of (b)-(e): a "partly" can be carried by the others,
# a "missing" one cannot. So the last intermediary is asked for a referral only
# when none of (b)-(e) is missing; otherwise for an introduction, and the plan
# lists the upfront exchange that would fill the gap before asking for more.

VOLUNTEER_KINDS = (CommunityKind.VOLUNTEER, CommunityKind.CLUB)
"""Where working side by side lets someone see my work: "volunteer where they
volunteer". Meetups and online groups are for meeting, not for working together."""

# --- Follow-ups ---------------------------------------------------------------

FOLLOW_UP_BUSINESS_DAYS = 5
"""A week of working days after the recorded ask (``netreach ask``): long enough for a
busy person to answer, short enough that the thread is still warm. A step not asked
yet has no date: it cannot be late, only not started."""

WEEK_DAYS = 7
"""``netreach next`` calls a follow-up "due this week" when it falls within the next seven
days (today included); later ones are listed last, and left out with ``--week``."""

# --- Tracking: which log entries count --------------------------------------------

TRACKING_WINDOW_DAYS = 183
"""Only log entries from the last half year count: a job search is counted in
months, and an older "introduced me to someone" belongs to an earlier search."""

# --- Words for numbers ------------------------------------------------------------

STRONG_CHAIN = 0.3
"""A score of 0.3 or more is a *strong* chain: a close friend who has seen my work,
one introduction, a hiring manager at a growing company scores about 0.5."""

FAIR_CHAIN = 0.1
"""0.1-0.3 is *fair*; below 0.1 a *long shot*: worth trying, alongside other chains."""

OUTLOOK_NOTES = {
    Outlook.GROWING: "growing: they are adding people, so a referral often becomes a job",
    Outlook.STABLE: "stable: they hire to replace and to grow slowly; timing matters",
    Outlook.UNKNOWN: "outlook unknown: ask in your first conversation whether they are hiring",
    Outlook.SHRINKING: "shrinking: referrals there rarely become jobs; keep it as a second "
    "choice",
    Outlook.FROZEN: "frozen: a hiring freeze; build the relationships now and apply when it "
    "lifts",
}


def strength(score: float) -> str:
    """A chain's score in words: strong, fair or a long shot."""
    if score >= STRONG_CHAIN:
        return "strong"
    if score >= FAIR_CHAIN:
        return "fair"
    return "a long shot"


def add_business_days(start: dt.date, days: int) -> dt.date:
    """``start`` plus ``days`` working days (Monday to Friday; holidays not known).

    Clamped at the end of the calendar (9999-12-31): a date from the book that
    close to it gives that day, not an overflow.
    """
    current = start
    left = days
    while left > 0:
        if current == dt.date.max:
            return current
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


class Ask(StrEnum):
    """What a step asks of the person it contacts.

    Decided once per step (``referral.decide`` for the referrer, the position for
    the others) and read by the step's text, the checklist, the tips and the draft:
    the referrer into the target's company (the step the score takes the referral
    quality from) for a referral when the checklist is ready (none of (b)-(e)
    missing), else for an introduction; everyone else before the target (earlier
    intermediaries, colleagues who pass me on) for an introduction to the next
    person; the target for twenty minutes of advice (a
    hiring manager meets a curious engineer more readily than an applicant), or for
    a referral when the target is my own direct contact and the checklist is ready.
    """

    INTRODUCTION = "introduction"
    REFERRAL = "referral"
    ADVICE = "advice"
