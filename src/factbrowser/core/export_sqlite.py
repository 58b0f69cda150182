"""`factbrowser export --format sqlite`: the base as a plain, documented SQLite database.

For other tools (Datasette, sqlite-utils, the sqlite3 shell): ordinary tables with
primary and foreign keys, list fields both as JSON arrays (Datasette facets them with
`_facet_array`) and, for statements, as a link table to join on. The schema is in
docs/export-sqlite.md. Nothing here is read back by factbrowser (the load cache is
`core.store`, a different file).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from factbrowser import __version__
from factbrowser.core.model import Evidence, FactBase, Statement

EXPORT_FORMAT = 1

SCHEMA = """
CREATE TABLE factbrowser_export (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    published_basis TEXT NOT NULL,
    published_note TEXT,
    text TEXT NOT NULL
);
CREATE TABLE countries (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    aliases TEXT NOT NULL,
    metonyms TEXT NOT NULL
);
CREATE TABLE people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    role TEXT NOT NULL,
    role_en TEXT NOT NULL,
    country TEXT REFERENCES countries(id),
    aliases TEXT NOT NULL,
    epithets TEXT NOT NULL
);
CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    aliases TEXT NOT NULL
);
CREATE TABLE statements (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    speaker TEXT,
    speaker_type TEXT,
    text TEXT NOT NULL,
    text_en TEXT NOT NULL,
    date TEXT,
    date_basis TEXT NOT NULL,
    date_note TEXT,
    countries TEXT NOT NULL,
    people TEXT NOT NULL,
    organizations TEXT NOT NULL,
    contributions TEXT NOT NULL,
    value REAL,
    unit TEXT,
    place TEXT,
    note TEXT
);
CREATE TABLE statement_entities (
    statement_id TEXT NOT NULL REFERENCES statements(id),
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (statement_id, entity_type, entity_id, role)
);
CREATE TABLE evidence (
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    PRIMARY KEY (record_type, record_id, position)
);
CREATE INDEX evidence_by_source ON evidence (source_id);
CREATE INDEX statement_entities_by_entity ON statement_entities (entity_type, entity_id);
CREATE INDEX people_by_country ON people (country);
CREATE INDEX statements_by_speaker ON statements (speaker);
"""


def _list(values: Iterable[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _type_of(base: FactBase, entity_id: str | None) -> str | None:
    entity = base.entity(entity_id) if entity_id else None
    return entity.type if entity else None


def write_sqlite(base: FactBase, target: Path) -> None:
    """Write `base` to the SQLite database `target`, atomically: a temporary file in the
    same folder renamed into place, removed if anything fails (ctrl+c included)."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        _fill(base, tmp)
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fill(base: FactBase, path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.executescript(SCHEMA)
        connection.executemany(
            "INSERT INTO factbrowser_export VALUES (?, ?)",
            [("export_format", str(EXPORT_FORMAT)), ("factbrowser_version", __version__)],
        )
        connection.executemany(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (s.id, s.file, s.sha256, s.outlet, s.published, s.published_basis, s.published_note, s.text)
                for s in base.sources.values()
            ],
        )
        connection.executemany(
            "INSERT INTO countries VALUES (?, ?, ?, ?, ?)",
            [(c.id, c.name, c.name_en, _list(c.aliases), _list(c.metonyms)) for c in base.countries.values()],
        )
        connection.executemany(
            "INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (p.id, p.name, p.name_en, p.role, p.role_en, p.country, _list(p.aliases), _list(p.epithets))
                for p in base.people.values()
            ],
        )
        connection.executemany(
            "INSERT INTO organizations VALUES (?, ?, ?, ?)",
            [(o.id, o.name, o.name_en, _list(o.aliases)) for o in base.organizations.values()],
        )
        connection.executemany(
            "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_statement_row(base, n, s) for n, s in enumerate(base.statements.values())),
        )
        connection.executemany("INSERT OR IGNORE INTO statement_entities VALUES (?, ?, ?, ?)", _entity_links(base))
        connection.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?)", _evidence_rows(base))
        connection.commit()
    finally:
        connection.close()


def _statement_row(base: FactBase, position: int, s: Statement) -> tuple[Any, ...]:
    return (
        s.id,
        position,
        s.kind,
        s.speaker,
        _type_of(base, s.speaker),
        s.text,
        s.text_en,
        s.date,
        s.date_basis,
        s.date_note,
        _list(s.countries),
        _list(s.people),
        _list(s.organizations),
        _list(s.contributions),
        s.value,
        s.unit,
        s.place,
        s.note,
    )


def _entity_links(base: FactBase) -> Iterator[tuple[str, str, str, str]]:
    """(statement, entity type, entity id, role): `speaker` or `mentioned`."""
    for s in base.statements.values():
        kind = _type_of(base, s.speaker)
        if s.speaker and kind:
            yield s.id, kind, s.speaker, "speaker"
        for entity_type, ids in (("country", s.countries), ("person", s.people), ("organization", s.organizations)):
            for entity_id in ids:
                yield s.id, entity_type, entity_id, "mentioned"


def _evidence_rows(base: FactBase) -> Iterator[tuple[Any, ...]]:
    records: Iterable[tuple[str, str, tuple[Evidence, ...]]] = (
        *((e.type, e.id, e.evidence) for e in base.entities()),
        *(("statement", s.id, s.evidence) for s in base.statements.values()),
    )
    for record_type, record_id, evidence in records:
        for position, e in enumerate(evidence):
            yield record_type, record_id, position, e.source, e.start, e.end, e.sentence
