"""The ranking's chains as cards and hops to draw (``diagram_layout.PictureChain``).

Two sources, one shape: a ``Chain`` with the network it came from (the map, reach),
and a plan's chain (``PlanChain.chain`` with the plan's contacts), so a plan's
diagram shows exactly the people its steps name. Text is cleaned here
(``safe.clean``: controls and bidi overrides made visible) so that the layout
measures what will be shown; the SVG writer escapes it.
"""

from __future__ import annotations

from netreach.analysis.ranking import Chain
from netreach.book.network import Network
from netreach.book.resolved import CompanyView
from netreach.graph.hops import HopKind, NodeKind
from netreach.outreach.plan import Plan, PlanChain
from netreach.render.diagram_layout import Card, Hop, PictureChain
from netreach.render.safe import clean

# The words on the arrows: the same as `netreach paths` prints.
HOP_WORDS = {HopKind.CONTACT: "ask", HopKind.INTRO: "intro", HopKind.JOIN: "join",
             HopKind.MEET: "meet"}


def me_card(name: str) -> Card:
    return Card("me", "me", "You", (clean(name),))


def person_card(pid: str, name: str, title: str | None, company: str | None, *,
                hiring: bool, target: bool) -> Card:
    marks = (("hires",) if hiring else ()) + (("target",) if target else ())
    details = tuple(clean(x) for x in (title, company) if x)
    return Card(f"person:{pid}", "person", clean(name), details, marks, hiring, target)


def community_card(cid: str, name: str, kind: str, *, joins: bool) -> Card:
    return Card(f"community:{cid}", "community", clean(name), (clean(kind),),
                ("join first",) if joins else (), joins=joins)


def company_card(company: CompanyView) -> Card:
    return Card(f"company:{company.id}", "company", clean(company.name),
                (f"outlook: {company.outlook.value}",), target=True)


def _hops(chain: Chain) -> tuple[Hop, ...]:
    return tuple(Hop(HOP_WORDS[s.via], s.probability) for s in chain.steps[1:] if s.via)


def picture(network: Network, chain: Chain, company: CompanyView, chain_id: str) -> PictureChain:
    """A ranked chain to ``company`` as cards, from the network it was ranked on."""
    mine = set(network.me.communities)
    cards = [me_card(network.me.name)]
    for step in chain.steps[1:]:
        if step.kind is NodeKind.COMMUNITY:
            community = network.communities[step.id]
            cards.append(community_card(step.id, community.name, community.kind.value,
                                        joins=step.id not in mine))
            continue
        person = network.people[step.id]
        works = network.company_of(step.id)
        cards.append(person_card(step.id, person.name, person.title,
                                 works.name if works else None, hiring=bool(person.hiring),
                                 target=works is not None and works.id == company.id))
    return PictureChain(chain_id, tuple(cards), _hops(chain), chain.weakest - 1, chain.score,
                        company_card(company))


def plan_picture(plan: Plan, chain: PlanChain) -> PictureChain | None:
    """A plan's chain as cards: people as the plan's steps show them (None without the
    ranking's chain)."""
    if chain.chain is None:
        return None
    contacts = {step.person.id: step.person for step in chain.steps}
    company = plan.target.company
    cards = [me_card(plan.me)]
    for node in chain.route[1:]:
        if node.kind is NodeKind.COMMUNITY:
            cards.append(community_card(node.id, node.name, "community", joins=node.joins))
            continue
        person = contacts[node.id]
        cards.append(person_card(person.id, person.name, person.title, person.company,
                                 hiring=bool(person.hiring),
                                 target=person.company == company.name))
    return PictureChain(f"chain-{chain.rank}", tuple(cards), _hops(chain.chain),
                        chain.chain.weakest - 1, chain.score)
