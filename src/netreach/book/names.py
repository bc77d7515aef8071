"""How names are compared: folding (case, accents), company keys (legal suffixes,
punctuation, ``&``), and the one fuzzy threshold every lookup shares.

Everything that decides whether two spellings mean the same person, company or
community goes through this module, so a command, an import and ``validate``
never disagree about it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# rapidfuzz score (0-100, WRatio for ids and names typed on the command line,
# token_sort_ratio for imported person names) from which two spellings are taken
# as one name written differently. A typo or a missing word scores 90-95
# ("datawerk"/"data-werk" 94, "helix"/"helix bio" 90, "Lukas Meier"/"Lukas Meyer"
# 91, "Dana Kim"/"Dana Kimm" 94), while different names that share a word stay at
# or below 80 ("nordwind logistics"/"nordwind robotics" 80, "Dana Kim"/"Dina Kay"
# 62). 88 sits between the two with a margin on each side. (Four modules used 85,
# 88, 88 and 90 before; the differences were accidents, not decisions.)
NEAR = 88.0

# Latin letters that Unicode does not decompose into a base letter and an accent,
# spelled as people write them in ASCII (Søren -> Soren, Yılmaz -> Yilmaz).
_LATIN = str.maketrans({"ø": "o", "Ø": "O", "ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH",
                        "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H"})


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, for matching."""
    if text.isascii():  # nothing to decompose: 10x faster, and most names are ASCII
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


# Legal forms that say nothing about which company it is ("Nordwind Robotics GmbH"
# is Nordwind Robotics), as words after dots are dropped ("S.A." -> "sa").
LEGAL_SUFFIXES = frozenset({
    "gmbh", "ag", "se", "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc",
    "sa", "sas", "sarl", "bv", "nv", "oy", "oyj", "ab", "kg", "kgaa", "co", "corp",
    "corporation", "gbr", "ug", "ev", "srl", "spa", "pty", "as", "aps",
})
_DROPPED = re.compile(r"[.'’]")  # "S.A." -> "sa", "Macy's" -> "macys"
_SEPARATORS = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=1 << 16)
def company_key(text: str) -> str:
    """The form of a company name that spellings of one company share.

    Case, accents, punctuation, ``&`` versus ``and`` and trailing legal forms
    (GmbH, AG, SE, Inc., Ltd, LLC, PLC, S.A., B.V., Oy, AB, KG, Co. ...) do not
    count; every remaining word does, in order: "Nordwind Robotics GmbH" and
    "nordwind robotics" share a key, "Nordwind Logistics" does not. A name that is
    nothing but a legal form keeps it ("AG" stays "ag").
    """
    folded = _DROPPED.sub("", fold(text).replace("&", " and "))
    words = _SEPARATORS.sub(" ", folded).split()
    end = len(words)
    # "Foo GmbH & Co. KG": strip from the end, and an "and" left hanging between forms.
    while end > 1 and (words[end - 1] in LEGAL_SUFFIXES
                       or (words[end - 1] == "and" and end < len(words))):
        end -= 1
    return " ".join(words[:end]) if words else fold(text)


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 person``, ``2 people``, ``0 ties``."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"
