"""Every constant of the chain score, in one place, with the reason for its value.

A chain's score is a product of factors, each in (0, 1]:

    score = hop_1 x hop_2 x ... x attrition^(hops-1)
            x credibility x seen_my_work x closeness x vouch   (referral quality)
            x hiring x outlook

Every factor rises (or stays) when any strength, closeness, credibility,
seen_my_work or vouch on the chain rises, so the score is monotone in each.
These are the implementers' estimates, grounded where research gives a number
and kept deliberately simple where it does not (README: "How chains are ranked").
"""

from __future__ import annotations

import datetime as dt
import math

from netreach.book.model import CommunityKind, Outlook

# --- The hops ---------------------------------------------------------------

# Each hand-off after the first loses people: in Travers & Milgram (1969) only 64 of
# 217 started chains arrived, and analyses of the failed chains put the drop-out
# near a quarter per step. So every hop after the first keeps 3/4 of the chance.
ATTRITION = 0.75


# An imported direct contact has no closeness until I set one: an export says we
# are connected, not that we have ever talked. Scored as the weakest acquaintance
# (closeness 1), so a thousand cold connections never outrank the friends I rated.
IMPORTED_CLOSENESS = 1


def known_closeness(closeness: int | None) -> int:
    """A direct contact's closeness for scoring: ``IMPORTED_CLOSENESS`` when unset."""
    return IMPORTED_CLOSENESS if closeness is None else closeness


def contact_probability(closeness: int) -> float:
    """me -> a direct contact: I ask someone I know. closeness 1 -> 0.55 ... 5 -> 0.95.

    Even a distant acquaintance usually answers a polite, specific request; a close
    friend almost always does.
    """
    return 0.45 + 0.10 * closeness


# A tie I have kept warm is worth more than one I have let go cold (the re-warming
# advice of every networking guide): full value within half a year, then down a
# straight line to a floor at three years; an unknown date counts as a bit stale.
FRESH_DAYS = 183
STALE_DAYS = 3 * 365
STALE_FLOOR = 0.5
UNKNOWN_FRESHNESS = 0.8


def freshness(last_contact: dt.date | None, today: dt.date) -> float:
    """How warm a direct tie still is, from the date we last spoke."""
    if last_contact is None:
        return UNKNOWN_FRESHNESS
    days = (today - last_contact).days
    if days <= FRESH_DAYS:
        return 1.0
    if days >= STALE_DAYS:
        return STALE_FLOOR
    span = (days - FRESH_DAYS) / (STALE_DAYS - FRESH_DAYS)
    return 1.0 - (1.0 - STALE_FLOOR) * span


# An imported contact I have never talked to (no closeness, no last contact): the
# export proves a click on "connect", not a conversation, so the tie is as cold as
# the coldest one I once had. Together with IMPORTED_CLOSENESS this keeps a cold
# connection at a target below a friend's introduction (closeness 3, strength 3).
NEVER_SPOKEN_FRESHNESS = STALE_FLOOR


def contact_warmth(closeness: int | None, last_contact: dt.date | None,
                   today: dt.date) -> float:
    """``freshness`` of a direct contact; ``NEVER_SPOKEN_FRESHNESS`` for an imported one
    I have neither rated nor talked to."""
    if closeness is None and last_contact is None:
        return NEVER_SPOKEN_FRESHNESS
    return freshness(last_contact, today)


def intro_probability(strength: int) -> float:
    """person -> person: A introduces me to B. strength 1 -> 0.47 ... 5 -> 0.95.

    People pass a lead to a specific person mostly through strong ties (Marin 2012),
    so the chance rises with strength; the weak ties that reach far (Dodds, Muhamad
    & Watts 2003; Rajkumar et al. 2022) still carry about half.
    """
    return 0.35 + 0.12 * strength


# me -> community: turning up where I already belong costs nothing; joining a new
# group and becoming a familiar face there takes months, about an even chance.
JOIN_MEMBER = 1.0
JOIN_NEW = 0.5

# community -> person: meeting a given member and getting to talk. Working side by
# side (volunteering) builds trust fastest; an online group the least.
MEET_BY_KIND = {
    CommunityKind.VOLUNTEER: 0.7,
    CommunityKind.CLUB: 0.6,
    CommunityKind.MEETUP: 0.5,
    CommunityKind.ALUMNI: 0.45,
    CommunityKind.ASSOCIATION: 0.4,
    CommunityKind.OTHER: 0.4,
    CommunityKind.ONLINE: 0.25,
}
# Small groups beat big ones: up to SMALL_GROUP members everyone meets everyone;
# beyond it the chance falls with the size as (SMALL_GROUP / size) ** SIZE_EXPONENT
# (a group ten times bigger gives a bit under half the chance).
SMALL_GROUP = 12
SIZE_EXPONENT = 0.35


def meet_probability(kind: CommunityKind, size: int) -> float:
    """community -> member: the chance to meet and talk to one given member."""
    crowd = 1.0 if size <= SMALL_GROUP else (SMALL_GROUP / size) ** SIZE_EXPONENT
    return MEET_BY_KIND[kind] * crowd


# --- Referral quality of the last intermediary R toward the target T ----------------

# Referred applicants were about three times as likely to get an offer (Fernandez &
# Weinberg 1997). A stranger-of-a-friend who has never seen my work passes on a
# name; a close friend who has seen it and vouches makes a referral. The three
# floors below multiply to 0.6 x 0.75 x 0.7 = 0.315, about 1/3: a full referral
# is worth about three times an introduction without a vouch.
SEEN_FLOOR = 0.6  # (c) has seen my work: 0 -> 0.6 ... 5 -> 1.0
CLOSENESS_FLOOR = 0.75  # (d) knows me well: 0 -> 0.75 ... 5 -> 1.0
VOUCH_FLOOR = 0.7  # (e) would vouch: 0 -> 0.7 ... 5 -> 1.0
# (b) R's credibility with T: a word from someone T does not trust counts half.
CREDIBILITY_FLOOR = 0.5  # credibility 1 -> 0.5 ... 5 -> 1.0; 0 (no person) -> 0.5
# (a) T can hire: an employee without that authority can still refer, but the
# decision is someone else's and a referral through them converts far less often.
HIRING = 1.0
NOT_HIRING = 0.45
# ``hiring: likely`` is guessed from a title (manager, director, head of, founder,
# recruiter...): such people usually decide or sit next to whoever does, but the
# title may be old and the budget someone else's. Between yes and no, nearer no
# (a guess is not a fact): at 0.6 a cold imported connection with a senior title
# stays below a friend's introduction (closeness 3, strength 3) to a confirmed
# hiring manager, however many such connections an import brings.
LIKELY_HIRING = 0.6


def _scale(floor: float, value: int, top: int = 5) -> float:
    return floor + (1.0 - floor) * max(0, min(value, top)) / top


def credibility_factor(credibility: int) -> float:
    """(b) How much T trusts R's word, 1-5 (0 when R is a community, not a person)."""
    return _scale(CREDIBILITY_FLOOR, max(0, credibility - 1), 4)


def seen_factor(seen_my_work: int) -> float:
    """(c) R's first-hand experience of my work, 0-5."""
    return _scale(SEEN_FLOOR, seen_my_work)


def closeness_factor(closeness: int) -> float:
    """(d) How well R knows me, 0-5 (0 when R is not my direct contact)."""
    return _scale(CLOSENESS_FLOOR, closeness)


def vouch_factor(vouch: int) -> float:
    """(e) How sure I am R would vouch for me, 0-5."""
    return _scale(VOUCH_FLOOR, vouch)


def hiring_factor(hiring: bool | str) -> float:
    """(a) Whether T has the authority to hire: ``True``, ``"likely"`` (a guess) or no."""
    if hiring is True:
        return HIRING
    return LIKELY_HIRING if hiring == "likely" else NOT_HIRING


# --- The company ---------------------------------------------------------------

# A referral into a shrinking or frozen company rarely becomes a job.
OUTLOOK = {
    Outlook.GROWING: 1.0,
    Outlook.STABLE: 0.8,
    Outlook.UNKNOWN: 0.65,
    Outlook.SHRINKING: 0.4,
    Outlook.FROZEN: 0.15,
}


def cost(probability: float) -> float:
    """A factor as a search cost (-log), so the best chain is the cheapest path."""
    return -math.log(probability)
