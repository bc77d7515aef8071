"""The contact book, format 1 (SPEC §2), as pydantic models.

The loader hands these models plain text for every scalar (YAML's implicit
typing is switched off), so the field types here decide what is a number, a
date or a flag, and text always stays text.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$"
_ID_RE = re.compile(ID_PATTERN)

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    """Only ``2026-09-14``: pydantic alone would also take ``0`` (as 1970-01-01, a
    Unix time) and ``2026-09-14T00:00``, and a book's dates are ISO dates (SPEC §2)."""
    if isinstance(value, str) and not _ISO_DATE_RE.match(value):
        raise ValueError(f"not an ISO date like 2026-09-14: {value[:40]!r}")
    if isinstance(value, int | float):
        raise ValueError("not an ISO date like 2026-09-14")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Strength = Annotated[int, Field(ge=1, le=5)]
Score05 = Annotated[int, Field(ge=0, le=5)]


def is_id(text: str) -> bool:
    """True when ``text`` has the shape of an id (a short lowercase slug)."""
    return bool(_ID_RE.match(text))


class Outlook(StrEnum):
    """A company's hiring outlook."""

    GROWING = "growing"
    STABLE = "stable"
    UNKNOWN = "unknown"
    SHRINKING = "shrinking"
    FROZEN = "frozen"


class CommunityKind(StrEnum):
    """What sort of group a community is."""

    CLUB = "club"
    MEETUP = "meetup"
    VOLUNTEER = "volunteer"
    ALUMNI = "alumni"
    ASSOCIATION = "association"
    ONLINE = "online"
    OTHER = "other"


class _Entry(BaseModel):
    # defer_build: a schema is built when a model first validates, not at import. A
    # warm command reads validated entries from the cache (``model_construct``) and
    # never validates, so it never pays the ~100 ms of building them.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False,
                              defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_unset(cls, data: Any) -> Any:
        """``title:`` with nothing after it (or ``~``) means the field is not set."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None}
        return data


Extra = dict[str, Any] | None


class Seeking(_Entry):
    roles: list[str] = []
    companies: list[str] = []


class Me(_Entry):
    name: str
    headline: str | None = None
    seeking: Seeking | None = None
    skills: list[str] = []
    communities: list[Id] = []
    extra: Extra = None


class Company(_Entry):
    name: str
    aliases: list[str] = []
    outlook: Outlook = Outlook.UNKNOWN
    industry: str | None = None
    extra: Extra = None


class Community(_Entry):
    name: str
    kind: CommunityKind = CommunityKind.OTHER
    joinable: bool = True
    extra: Extra = None


class ImportSource(StrEnum):
    """Where an imported person came from (SPEC §2: imported people are marked).

    ``linkedin``, ``vcard``, ``google``: my own export, so my direct contact, with
    no closeness until I set one. ``via-...``: a friend's export (``--via``), so a
    friend's tie and not my direct contact.
    """

    LINKEDIN = "linkedin"
    VCARD = "vcard"
    GOOGLE = "google"
    VIA_LINKEDIN = "via-linkedin"
    VIA_VCARD = "via-vcard"
    VIA_GOOGLE = "via-google"

    @property
    def direct(self) -> bool:
        """True for my own export: the person is my direct contact."""
        return not self.value.startswith("via-")


# ``hiring: likely`` is a guess (from a title, by an import): between yes and no.
HIRING_LIKELY = "likely"
# The words pydantic reads as a bool, so ``hiring`` takes what it always took.
_TRUE = frozenset({"true", "yes", "on", "1", "t", "y"})
_FALSE = frozenset({"false", "no", "off", "0", "f", "n"})


def _hiring(value: Any) -> Any:
    """``true``/``false`` (and pydantic's other spellings of a bool) or ``likely``: one
    clear message for anything else, not one per type the union tried."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text == HIRING_LIKELY:
        return HIRING_LIKELY
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise ValueError("expected true, false or likely (a guess from a title)")


Hiring = Annotated[bool | Literal["likely"], BeforeValidator(_hiring)]


def _tie_shorthand(value: Any) -> Any:
    """``eli-park: 3`` is shorthand for ``eli-park: {strength: 3}``."""
    if isinstance(value, str | int):
        return {"strength": value}
    return value


class Tie(_Entry):
    strength: Strength
    credibility: Strength | None = None


class Outcome(StrEnum):
    """What came of an ask (SPEC §2): recorded by ``netreach ask`` and ``netreach outcome``."""

    ASKED = "asked"  # I asked; the step has started and its follow-up runs from here
    INTRODUCED = "introduced"  # they introduced me to ``to``
    REFERRED = "referred"  # they referred me (to ``to``, or for the role)
    MET = "met"  # we talked (the advice call, a coffee)
    APPLIED = "applied"
    INTERVIEW = "interview"
    OFFER = "offer"
    DECLINED = "declined"  # they said no: the plan moves to a chain without them
    NO_REPLY = "no-reply"  # no answer after following up: the same


class LogEntry(_Entry):
    """One interaction: free text (``note``), structured outreach (``outcome``, ``for``,
    ``to``), or both. ``for`` is a Python keyword, so the field is ``for_`` (the book,
    and ``model_validate``, spell it ``for``)."""

    date: IsoDate
    note: str | None = None
    outcome: Outcome | None = None
    for_: Id | None = Field(default=None, alias="for")
    to: Id | None = None
    extra: Extra = None

    @model_validator(mode="after")
    def _says_something(self) -> LogEntry:
        """An entry records something: a note or an outcome; an outcome names its company."""
        if self.note is None and self.outcome is None:
            raise ValueError("a log entry needs a note or an outcome")
        if self.outcome is not None and self.for_ is None:
            raise ValueError("an outcome needs 'for': the id of the company it is about")
        return self


class Person(_Entry):
    name: str
    company: str | None = None
    title: str | None = None
    hiring: Hiring = False
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    communities: list[Id] = []
    closeness: Strength | None = None
    seen_my_work: Score05 = 0
    vouch: Score05 = 0
    last_contact: IsoDate | None = None
    connected_on: IsoDate | None = None  # when we connected (an export's date), not a talk
    imported: ImportSource | None = None
    may_be: Id | None = None  # an import's namesake: perhaps this person (netreach triage)
    knows: dict[Id, Annotated[Tie, BeforeValidator(_tie_shorthand)]] = {}
    notes: str | None = None
    log: list[LogEntry] = []
    extra: Extra = None

    @property
    def is_direct(self) -> bool:
        """My direct contact (SPEC §2): a closeness, or imported from my own export."""
        return self.closeness is not None or (
            self.imported is not None and ImportSource(self.imported).direct)

    @property
    def can_hire(self) -> bool:
        """Has the authority to hire, as the person set it (``hiring: true``)."""
        return self.hiring is True

    @property
    def may_hire(self) -> bool:
        """Hiring authority guessed from a title (``hiring: likely``), not confirmed."""
        return self.hiring == HIRING_LIKELY

    @property
    def closeness_unknown(self) -> bool:
        """A direct contact from an import whose closeness I have not set yet."""
        return self.closeness is None and self.is_direct


class Book(_Entry):
    netreach: int
    me: Me
    companies: dict[Id, Company] = {}
    communities: dict[Id, Community] = {}
    people: dict[Id, Person] = {}


# Fields of a person that hold free text: never echoed in error messages.
PERSON_TEXT_FIELDS = ("name", "company", "title", "email", "phone", "url", "notes")
