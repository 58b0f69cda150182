"""FactBase <-> plain JSON-able dicts: for `export`, `--json` output and the load cache."""

from __future__ import annotations

import dataclasses
from typing import Any

from factbrowser.model import (
    Country,
    Evidence,
    FactBase,
    Organization,
    Person,
    Source,
    Statement,
)

_TUPLE_FIELDS = {"aliases", "metonyms", "epithets", "countries", "people", "organizations", "contributions"}


def _record(obj: Any, skip: tuple[str, ...] = ("type",)) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        if f.name.startswith("_") or f.name in skip:
            continue
        value = getattr(obj, f.name)
        if f.name == "evidence":
            value = [dataclasses.asdict(e) for e in value]
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def to_dict(base: FactBase, with_texts: bool = False) -> dict[str, Any]:
    """The whole base, normalised. Seed texts only when asked (the cache needs them)."""
    skip_source = () if with_texts else ("text",)
    return {
        "schema_version": 1,
        "sources": [_record(s, skip_source) for s in base.sources.values()],
        "countries": [_record(c) for c in base.countries.values()],
        "people": [_record(p) for p in base.people.values()],
        "organizations": [_record(o) for o in base.organizations.values()],
        "statements": [_record(s) for s in base.statements.values()],
    }


def _build(cls: Any, data: dict[str, Any]) -> Any:
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key == "evidence":
            value = tuple(Evidence(**e) for e in value)
        elif key in _TUPLE_FIELDS:
            value = tuple(value)
        kwargs[key] = value
    return cls(**kwargs)


def from_dict(data: dict[str, Any]) -> FactBase:
    """Rebuild a base written by `to_dict(with_texts=True)`. Raises on any mismatch."""
    def table(cls: Any, key: str) -> dict[str, Any]:
        return {item["id"]: _build(cls, item) for item in data[key]}

    return FactBase(
        sources=table(Source, "sources"),
        countries=table(Country, "countries"),
        people=table(Person, "people"),
        organizations=table(Organization, "organizations"),
        statements=table(Statement, "statements"),
    )
