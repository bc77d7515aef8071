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
from markupsafe import Markup

from netreach import __version__
from netreach.outreach.plan import Plan, PlanChain
from netreach.render import plan_words
from netreach.render.diagram_cards import plan_picture
from netreach.render.diagram_layout import layout_chain
from netreach.render.diagram_svg import chain_svg
from netreach.render.safe import clean


def _finalize(value: object) -> object:
    """Book data made inert (``safe.clean``); markup netreach built itself (a diagram,
    whose text was cleaned and escaped when it was drawn) passes as it is."""
    return value if isinstance(value, Markup) else clean(value)


@functools.cache
def environment() -> Environment:
    """The Jinja2 environment for netreach's templates (autoescape always on)."""
    return Environment(
        loader=PackageLoader("netreach", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def plan_html(plan: Plan) -> str:
    """The whole plan as one HTML document."""
    template = environment().get_template("plan.html.j2")
    return template.render(plan=plan, company=plan.target.company, w=plan_words,
                           version=__version__, diagram=chain_figure)


def chain_figure(plan: Plan, chain: PlanChain) -> Markup:
    """A chain of the plan as a diagram (inline SVG) with a one-line key."""
    picture = plan_picture(plan, chain)
    if picture is None:
        return Markup("")
    svg = chain_svg(layout_chain(picture), f"Chain {chain.rank}: {plan_words.route(chain)}")
    return Markup('<figure class="chain-figure">{}<figcaption>Each arrow: how you get to the '
                  'next person, and the chance it works. <span class="weak">Orange</span>: '
                  'the weakest hop.</figcaption></figure>').format(svg)
