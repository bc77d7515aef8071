"""Validated book entries as plain data (``marshal``-able), and back.

A model keeps only the fields the book set; reading one back skips validation
(the values were validated when the cache was written) and builds no pydantic
schema, so a warm command never pays for one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from netreach.book import model

_MODELS: dict[str, type[BaseModel]] = {
    cls.__name__: cls for cls in (model.Book, model.Me, model.Seeking, model.Company,
                                  model.Community, model.Tie, model.LogEntry, model.Person)}
_ENUMS = {cls.__name__: cls for cls in (model.Outlook, model.CommunityKind, model.Outcome,
                                        model.ImportSource)}


_PLAIN = frozenset({str, int, bool, float, type(None)})
_TIES: dict[tuple[int, int | None, int], tuple[str, str, dict[str, int]]] = {}


def encode(value: Any) -> Any:
    """A validated model (or a value in one) as marshal-able data. Tuples mark what
    marshal lacks (models, enums, dates): book data itself never holds a tuple.

    A model keeps only the fields the book set: ``model_construct`` fills the
    others with the same defaults validation would, and marks as set exactly the
    fields it is given, so the rebuilt model equals the original, set fields included.
    """
    if type(value) in _PLAIN:
        return value
    if type(value) is model.Tie:  # most entries: one encoding per distinct tie, shared
        key = (value.strength, value.credibility, len(value.__pydantic_fields_set__))
        found = _TIES.get(key)
        if found is None:
            found = _TIES[key] = ("model", "Tie", {
                k: value.__dict__[k] for k in value.__pydantic_fields_set__})
        return found
    if isinstance(value, BaseModel):
        fields = value.__dict__
        return ("model", type(value).__name__, {
            k: v if type(v := fields[k]) in _PLAIN else encode(v)
            for k in value.__pydantic_fields_set__})
    if isinstance(value, dict):
        return {k: v if type(v) in _PLAIN else encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) in _PLAIN else encode(v) for v in value]
    if isinstance(value, model.Outlook | model.CommunityKind | model.Outcome
                  | model.ImportSource):
        return ("enum", type(value).__name__, value.value)
    if isinstance(value, dt.date):
        return ("date", value.toordinal())
    return value


class _Construct:
    """``model_construct`` for one model class, without its per-call bookkeeping.

    The book's models have no aliases, private attributes, post-init hooks or extra
    fields, so building one is: every field's value (or a fresh default), and the
    set fields: about a tenth of ``model_construct``'s time per person, which is
    what ``reach`` on a big cached book spends decoding every person it reaches
    (bench/run.py measures it). A model with any of those features goes through
    ``model_construct`` itself.
    """

    def __init__(self, cls: type[BaseModel]) -> None:
        self.cls = cls
        fields = cls.__pydantic_fields__
        self.simple = (
            not cls.__pydantic_post_init__ and not cls.__private_attributes__
            and cls.model_config.get("extra") != "allow" and not cls.__pydantic_root_model__
            and all(f.alias is None and f.validation_alias is None for f in fields.values()))
        self.defaults: list[tuple[str, Any, bool]] = []  # (name, default, fresh copy?)
        for name, f in fields.items():
            default = None if f.is_required() else f.get_default(call_default_factory=True)
            self.defaults.append((name, default, isinstance(default, list | dict | set)))

    def __call__(self, values: dict[str, Any]) -> BaseModel:
        if not self.simple:
            return self.cls.model_construct(**values)
        state = {}
        for name, default, fresh in self.defaults:
            if name in values:
                state[name] = values[name]
            else:
                state[name] = default.copy() if fresh else default
        model = self.cls.__new__(self.cls)
        object.__setattr__(model, "__dict__", state)
        object.__setattr__(model, "__pydantic_fields_set__", set(values))
        object.__setattr__(model, "__pydantic_extra__", None)
        object.__setattr__(model, "__pydantic_private__", None)
        return model


_CONSTRUCT = {name: _Construct(cls) for name, cls in _MODELS.items()}


def decode_model(data: Any, **ready: Any) -> Any:
    """``decode`` of an encoded model whose fields in ``ready`` the caller has decoded
    already (their encoded values are not read)."""
    _kind, name, fields = data
    values = {k: v if type(v) in _PLAIN else decode(v)
              for k, v in fields.items() if k not in ready}
    return _CONSTRUCT[name]({**values, **ready})


def decode(data: Any) -> Any:
    """The inverse of ``encode``; models are rebuilt as ``model_construct`` would."""
    if type(data) in _PLAIN:
        return data
    if isinstance(data, tuple):
        if data[0] == "model":
            return _CONSTRUCT[data[1]]({
                k: v if type(v) in _PLAIN else decode(v) for k, v in data[2].items()})
        if data[0] == "enum":
            return _ENUMS[data[1]](data[2])
        return dt.date.fromordinal(data[1])
    if isinstance(data, dict):
        return {k: v if type(v) in _PLAIN else decode(v) for k, v in data.items()}
    if isinstance(data, list):
        return [v if type(v) in _PLAIN else decode(v) for v in data]
    return data
