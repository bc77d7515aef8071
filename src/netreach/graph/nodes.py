"""The graph's node keys and the kinds of nodes and hops (shared by the model and
the search, so neither imports the other for them)."""

from __future__ import annotations

from enum import StrEnum

ME = "me"


class NodeKind(StrEnum):
    ME = "me"
    PERSON = "person"
    COMMUNITY = "community"


class HopKind(StrEnum):
    CONTACT = "contact"  # me -> someone I know
    INTRO = "intro"  # a person introduces me to someone they know
    JOIN = "join"  # me -> a community (already a member, or joining)
    MEET = "meet"  # community -> a member I meet there


def person_node(pid: str) -> str:
    """The node key of a person: ``person:<id>``."""
    return f"person:{pid}"


def community_node(cid: str) -> str:
    """The node key of a community: ``community:<id>``."""
    return f"community:{cid}"


def split_node(node: str) -> tuple[NodeKind, str]:
    """``person:dana-kim`` -> (PERSON, ``dana-kim``); ``me`` -> (ME, ``me``)."""
    if node == ME:
        return NodeKind.ME, ME
    kind, _, ident = node.partition(":")
    return NodeKind(kind), ident
