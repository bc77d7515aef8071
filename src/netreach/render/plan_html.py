"""The plan as one self-contained HTML file (Jinja2, autoescape on) that prints on A4 and
Letter.

No script, no fetch: the CSS is inlined, fonts are the system's, and a
Content-Security-Policy forbids loading anything. Every value passes through
``safe.clean`` (the environment's ``finalize``: controls and bidi overrides made
visible) and then through HTML escaping, so book data stays text.
"""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, StrictUndefined

from netreach import __version__
from netreach.outreach.plan import Plan
from netreach.render import plan_words
from netreach.render.safe import clean


@functools.cache
def environment() -> Environment:
    """The Jinja2 environment for netreach's templates (autoescape always on)."""
    return Environment(
        loader=PackageLoader("netreach", "templates"),
        autoescape=True,
        finalize=clean,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def plan_html(plan: Plan) -> str:
    """The whole plan as one HTML document."""
    template = environment().get_template("plan.html.j2")
    return template.render(plan=plan, company=plan.target.company, w=plan_words,
                           version=__version__)
