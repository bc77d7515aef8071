"""Books for the picture tests: a five-box chain with names too long for any box, and
the hostile book of the plan tests (names that try to break out of HTML and SVG)."""

from __future__ import annotations

import datetime as dt

from netreach.analysis.ranking import PathsResult, best_chains
from netreach.book.network import Network
from tests.plan.conftest import network_of
from tests.plan.hostile import HOSTILE

TODAY = dt.date(2026, 11, 22)

LONG_WORD = "Wolfeschlegelsteinhausenbergerdorff" * 3

# me -> [a community to join] -> Maximiliane -> 张伟 -> WWW (hires at the target): the
# only chain, five boxes, each name and title longer than a box.
LONG = f"""\
    netreach: 1
    me:
      name: Alexandra-Katharina Rivera-Oberhausen von Wolfeschlegelsteinhausen
      seeking: {{companies: [longco]}}
    companies:
      longco:
        name: Oberhausener {LONG_WORD} Energieversorgungsgesellschaft mbH & Co. KG
        outlook: growing
    communities:
      guild:
        name: The Very Long Name of the Berlin-Brandenburg Platform Engineering Guild e.V.
        kind: association
    people:
      maxi:
        name: Maximiliane {LONG_WORD}-Oberhausen
        title: Senior Principal Distinguished Engineer, Platform Reliability & Developer Experience
        company: Some Other Company With A Rather Long Name GmbH
        communities: [guild]
        knows: {{zhang: 4}}
      zhang:
        name: 张伟伟伟伟伟伟伟伟伟伟伟伟伟伟伟伟伟伟伟伟伟伟伟伟伟伟伟
        title: 高级工程经理高级工程经理高级工程经理高级工程经理高级工程经理
        company: longco
        knows: {{wide: 5}}
      wide:
        name: WWWWWWWWWWWW MMMMMMMMMMMMMM WWWWWWWWWWWWWWWW
        title: "@@@@@@@@@@ %%%%%%%%%%%% WWWWWWWWWWWWWWWW"
        company: longco
        hiring: true
"""


def long_network() -> Network:
    return network_of(LONG)


def hostile_network() -> Network:
    return network_of(HOSTILE)


def results(network: Network, companies: tuple[str, ...], k: int = 5) -> list[PathsResult]:
    return [best_chains(network, network.companies[c], today=TODAY, k=k) for c in companies]
