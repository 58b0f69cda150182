"""One record and what it refers to, read from a fresh store without the whole base:
what `factbrowser show` and `cite` print at a million statements as fast as at ten."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factbrowser.core import store
from factbrowser.core.cache import RECORD, TEXT, fresh_root, store_file
from factbrowser.core.model import FactBase
from factbrowser.core.store import StoreError

_SECTIONS = ("statements", "people", "countries", "organizations", "sources")
_ENTITIES = ("people", "countries", "organizations")


def open_record(path: Path | str, record_id: str) -> FactBase | None:
    """A base holding only the record `record_id` and what it refers to (its speaker,
    the entities it names, its person's country, the sources of its evidence with their
    texts), read from a fresh store without loading the whole base: what `show` prints.
    An empty base if the store is fresh and has no such record; None when there is no
    fresh, authentic store to read (the caller then opens the base as usual)."""
    from factbrowser.core.serialize import from_rows

    found_store = store_file(path)
    if found_store is None:
        return None
    try:
        with store.reading(found_store.entry, found_store.secret) as reader:
            root = fresh_root(reader, found_store)
            if root is None:
                return None
            fields = reader.json("fields")
            tables: dict[str, list[Any]] = {key: [] for key in fields}
            texts: dict[str, str] = {}
            found = _first_record(reader, _SECTIONS, record_id)
            if found is not None:
                _add_with_references(reader, fields, tables, texts, *found)
            base = from_rows({k: {"fields": fields[k], "rows": rows} for k, rows in tables.items()}, texts)
            base.seeds_folder = root
            return base
    except (StoreError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def _first_record(reader: store.Reader, sections: tuple[str, ...], record_id: str) -> tuple[str, list[Any]] | None:
    for section in sections:
        data = reader.row(f"{RECORD}{section}:{record_id}")
        if data is not None:
            row = json.loads(data)
            if not isinstance(row, list):
                raise StoreError("a record is not a row")
            return section, row
    return None


def _add_with_references(
    reader: store.Reader,
    fields: dict[str, list[str]],
    tables: dict[str, list[Any]],
    texts: dict[str, str],
    section: str,
    row: list[Any],
) -> None:
    """Add `row` to `tables`, then the records it names and the sources it cites."""
    record = dict(zip(fields[section], row, strict=True))
    tables[section].append(row)
    names: list[str] = []
    for key in ("speaker", "country"):
        if isinstance(record.get(key), str):
            names.append(record[key])
    for key in ("countries", "people", "organizations"):
        names.extend(record.get(key) or ())
    sources = {e[0] for e in record.get("evidence") or ()}
    if section == "sources":
        sources.discard(record["id"])
        _add_text(reader, texts, record["file"])
    for name in dict.fromkeys(names):
        if name == record["id"]:
            continue
        found = _first_record(reader, _ENTITIES, name)
        if found is not None:
            entity = dict(zip(fields[found[0]], found[1], strict=True))
            tables[found[0]].append(found[1])
            sources.update(e[0] for e in entity.get("evidence") or ())
    for source_id in sorted(sources):
        found = _first_record(reader, ("sources",), source_id)
        if found is not None:
            tables["sources"].append(found[1])
            _add_text(reader, texts, dict(zip(fields["sources"], found[1], strict=True))["file"])


def _add_text(reader: store.Reader, texts: dict[str, str], file: str) -> None:
    data = reader.row(f"{TEXT}{file}")
    if data is None:
        raise StoreError(f"no text of {file}")
    texts[file] = data.decode("utf-8", "surrogatepass")
