"""What an import may guess from a record's words: who may hire, and what is not a company.

Both are guesses, and said to be: a title sets ``hiring: likely`` (never
``true``), shown as "may hire — guessed from title", and only where the person
has not set ``hiring`` themself. Titles are matched after folding (case and
accents), in English, German, French and Spanish.
"""

from __future__ import annotations

import re

from netreach.book.resolved import fold

# Words in a title that usually come with a say in hiring: people managers,
# directors, heads, vice presidents, C-level, founders, owners, partners, and
# the recruiters who run the process.
_HIRES = re.compile(
    r"\b(?:"
    # English
    r"manager|managing director|director|head of|vp|svp|evp|vice[- ]president|president"
    r"|chief \w+ officer|c[efiotmpr]o|founder|co-?founder|owner|partner"
    r"|recruit(?:er|ing|ment)|talent acquisition|hiring manager|team ?lead"
    # German
    r"|leiter(?:in)?|leitung|geschaftsfuhrer(?:in)?|geschaftsfuhrung|grunder(?:in)?"
    r"|mitgrunder(?:in)?|inhaber(?:in)?|direktor(?:in)?|vorstand|personalreferent(?:in)?"
    r"|recruiter(?:in)?|abteilungsleiter(?:in)?|teamleiter(?:in)?|bereichsleiter(?:in)?"
    # French
    r"|directeur|directrice|responsable|chef(?:fe)? de|chef(?:fe)? d'|fondateur|fondatrice"
    r"|cofondat(?:eur|rice)|gerant(?:e)?|pdg|dg|associe(?:e)?|recruteur|recruteuse"
    r"|charge(?:e)? de recrutement"
    # Spanish
    r"|director(?:a)?|gerente|jef(?:e|a)|fundador(?:a)?|cofundador(?:a)?|dueno|duena"
    r"|propietari[oa]|soci[oa]|reclutador(?:a)?|vicepresident(?:e|a)|consejer[oa] delegad[oa]"
    r")\b"
)
# Titles with one of those words that still rarely hire: the manager of a product,
# a project or an account manages the work, not a team's hiring.
_NOT_HIRING = re.compile(
    r"\b(?:product|project|program|programme|account|key account|office|community"
    r"|social media|customer success|success|marketing|sales|partner) manager\b"
    r"|\bassistant (?:to|of|de|del|der)\b|\bintern\b|\bpraktikant|\bstagiaire|\bbecari[oa]"
    r"|\bpartner (?:engineer|marketing|success|solutions)"
)

# What export rows write instead of an employer: not a company to create or match.
_PLACEHOLDER = re.compile(
    r"^(?:self[- ]?employed|freelanc\w*|independent|independiente|independant(?:e)?"
    r"|stealth(?: mode)?(?: startup| start-up| company)?|confidential|confidentiel(?:le)?"
    r"|confidencial|vertraulich|retired|retraite(?:e)?|jubilad[oa]|im ruhestand|rentner(?:in)?"
    r"|ruhestand|selbst(?:st)?andig|freiberuf\w*|autonom[oa]|auto-?entrepreneur"
    r"|unemployed|arbeitslos|none|n/?a|-+|\.+|\?+|private|privat|various|several)$"
)


def likely_hires(title: str | None) -> bool:
    """True when ``title`` suggests a say in hiring (a guess: ``hiring: likely``)."""
    if not title:
        return False
    text = fold(title).replace("&", " and ")
    return bool(_HIRES.search(text)) and not _NOT_HIRING.search(text)


def real_company(text: str | None) -> str | None:
    """``text`` as a company, or ``None`` for a placeholder (Self-employed, Stealth, --)."""
    if text is None:
        return None
    key = fold(text).strip(" .,;:()[]\"'")
    if not key or _PLACEHOLDER.match(key) or not any(c.isalnum() for c in key):
        return None
    return text
