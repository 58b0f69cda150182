"""FactBase <-> plain JSON-able dicts: for `export`, `--json` output and the load cache."""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TextIO

from factbrowser.core.model import (
    Country,
    Evidence,
    FactBase,
    Organization,
    Person,
    Related,
    Source,
    Statement,
)

_TUPLE_FIELDS = {
    "aliases",
    "metonyms",
    "epithets",
    "countries",
    "people",
    "organizations",
    "contributions",
    "former_ids",
}


def _record(obj: Any, skip: tuple[str, ...] = ("type",)) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        if f.name.startswith("_") or f.name in skip:
            continue
        value = getattr(obj, f.name)
        if f.name in ("evidence", "related"):
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
        elif key == "related":
            value = tuple(Related(**r) for r in value)
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


# -- the load cache: records as positional rows ---------------------------------------
#
# One JSON array per record, in the dataclass's field order (without `type`), evidence
# as [source, start, end, sentence]; the sentence is null where it is exactly the
# source's text at start:end (almost always), so that it is not stored twice. Building
# a record from a row skips the per-record keyword dicts of `from_dict`.

_ROW_TABLES: tuple[tuple[str, Any], ...] = (
    ("sources", Source),
    ("countries", Country),
    ("people", Person),
    ("organizations", Organization),
    ("statements", Statement),
)


def _row_fields(cls: Any) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.name != "type" and not f.name.startswith("_")]


def to_rows(base: FactBase, with_texts: bool = True) -> dict[str, Any]:
    """The whole base as positional rows, for the load cache. Without texts, a source's
    text is null: the cache re-reads the seeds to check their hashes anyway, and then
    passes their texts to `from_rows` (15 MB less JSON to parse at 100k statements)."""
    return {
        key: {"fields": _row_fields(cls), "rows": list(_table_rows(base, key, cls, with_texts))}
        for key, cls in _ROW_TABLES
    }


def row_fields() -> dict[str, list[str]]:
    """The fields of each table's rows, as `to_rows` writes them."""
    return {key: _row_fields(cls) for key, cls in _ROW_TABLES}


def record_rows(base: FactBase) -> Iterator[tuple[str, str, list[Any]]]:
    """(table, id, row) for every record, rows as in `to_rows(base, with_texts=False)`:
    what a store keeps one by one, so that one record can be read without the rest."""
    for key, cls in _ROW_TABLES:
        for row in _table_rows(base, key, cls, with_texts=False):
            yield key, row[0], row


def write_rows(base: FactBase, out: TextIO, with_texts: bool = True) -> None:
    """Write `to_rows(base, with_texts)` to `out` as compact JSON, a batch of rows at a
    time: `json.dump` of the whole would hold a second copy of the base as lists (~250 MB
    at 100k statements) and encode it in pure Python (~4 s)."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    out.write("{")
    for number, (key, cls) in enumerate(_ROW_TABLES):
        out.write(f'{"," if number else ""}{encode(key)}:{{"fields":{encode(_row_fields(cls))},"rows":[')
        rows = _table_rows(base, key, cls, with_texts)
        first = True
        while batch := list(itertools.islice(rows, 1000)):
            out.write(("" if first else ",") + ",".join(map(encode, batch)))
            first = False
        out.write("]}")
    out.write("}")


def _table_rows(base: FactBase, key: str, cls: Any, with_texts: bool) -> Iterator[list[Any]]:
    texts = {s.id: s.text for s in base.sources.values()}

    def evidence(e: Evidence) -> list[Any]:
        text = texts.get(e.source)
        same = text is not None and 0 <= e.start <= e.end <= len(text) and text[e.start : e.end] == e.sentence
        return [e.source, e.start, e.end, None if same else e.sentence]

    names = _row_fields(cls)
    for record in getattr(base, key).values():
        row: list[Any] = []
        for name in names:
            value = getattr(record, name)
            if name == "evidence":
                value = [evidence(e) for e in value]
            elif name == "related":
                value = [[r.id, r.relation] for r in value]
            elif isinstance(value, tuple):
                value = list(value)
            elif name == "text" and cls is Source and not with_texts:
                value = None
            row.append(value)
        yield row


def row_decoder(key: str, names: list[str], texts: Mapping[str, str]) -> Callable[[list[Any]], Any]:
    """The function turning one row of table `key` (fields `names`, as `to_rows` wrote
    them) into its record; an evidence sentence left null is cut from `texts` (seed text
    by source id). Raises ValueError for fields other than this program's; the function
    raises (ValueError, KeyError, TypeError, IndexError) for a row that does not fit."""
    cls = dict(_ROW_TABLES)[key]
    if names != _row_fields(cls) or names[0] != "id":
        raise ValueError(f"the cache's {key} have other fields")
    tuples = [n for n, name in enumerate(names) if name in _TUPLE_FIELDS]
    at = names.index("evidence") if "evidence" in names else -1
    links = names.index("related") if "related" in names else -1
    width = len(names)

    def decode(row: list[Any]) -> Any:
        if len(row) != width:
            raise ValueError(f"a row of {key} has {len(row)} values, not {width}")
        for n in tuples:
            row[n] = tuple(row[n])
        if at >= 0:
            row[at] = tuple(
                [
                    Evidence(source, start, end, texts[source][start:end] if sentence is None else sentence)
                    for source, start, end, sentence in row[at]
                ]
            )
        if links >= 0:
            row[links] = tuple([Related(target, relation) for target, relation in row[links]])
        return cls(*row)

    return decode


def from_rows(data: dict[str, Any], seed_texts: Mapping[str, str] | None = None) -> FactBase:
    """Rebuild a base written by `to_rows`; a source's null text is taken from
    `seed_texts` (by file name). Raises (ValueError, KeyError, TypeError, IndexError) on
    any mismatch, e.g. rows written for other fields or a seed text not given."""
    seed_texts = seed_texts or {}
    tables: dict[str, dict[str, Any]] = {}
    texts: dict[str, str] = {}
    for key, _cls in _ROW_TABLES:
        table = data[key]
        decode = row_decoder(key, table["fields"], texts)
        records: dict[str, Any] = {}
        for row in table["rows"]:
            record = decode(row)
            records[record.id] = record
        if key == "sources":
            for source_id, source in records.items():
                if source.text is None:
                    records[source_id] = source = dataclasses.replace(source, text=seed_texts[source.file])
            texts.update({s.id: s.text for s in records.values()})
        tables[key] = records
    return FactBase(
        tables["sources"], tables["countries"], tables["people"], tables["organizations"], tables["statements"]
    )
