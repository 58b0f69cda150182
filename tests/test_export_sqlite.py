"""`factbrowser export --format sqlite`: a plain database with the whole base, written
atomically, that other tools can open (checked here with the stdlib's sqlite3)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from factbrowser.cli.console import EXIT_WRITE
from factbrowser.cli.main import main
from factbrowser.core import export_sqlite
from factbrowser.core.model import FactBase
from factbrowser.core.resources import shipped_facts

TABLES = {
    "factbrowser_export",
    "sources",
    "countries",
    "people",
    "organizations",
    "statements",
    "statement_entities",
    "evidence",
}


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    target = tmp_path / "facts.db"
    assert main(["export", "--no-cache", "--format", "sqlite", "-o", str(target)]) == 0
    return target


def test_every_record_and_evidence_is_in_its_table(exported: Path, shipped_base: FactBase) -> None:
    with sqlite3.connect(exported) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == TABLES
        for table in ("sources", "countries", "people", "organizations", "statements"):
            (count,) = db.execute(f"SELECT count(*) FROM {table}").fetchone()
            assert count == len(getattr(shipped_base, table))
        (evidence,) = db.execute("SELECT count(*) FROM evidence").fetchone()
        records = [*shipped_base.entities(), *shipped_base.statements.values()]
        assert evidence == sum(len(r.evidence) for r in records)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        ids = [sid for (sid,) in db.execute("SELECT id FROM statements ORDER BY position")]
        assert ids == list(shipped_base.statements)


def test_rows_hold_the_records_fields(exported: Path, shipped_base: FactBase) -> None:
    statement = next(s for s in shipped_base.statements.values() if s.speaker and s.countries)
    with sqlite3.connect(exported) as db:
        db.row_factory = sqlite3.Row
        row = db.execute("SELECT * FROM statements WHERE id = ?", (statement.id,)).fetchone()
        assert row["text"] == statement.text and json.loads(row["countries"]) == list(statement.countries)
        assert row["speaker"] == statement.speaker
        links = db.execute(
            "SELECT entity_id FROM statement_entities WHERE statement_id = ? AND role = 'mentioned'", (statement.id,)
        ).fetchall()
        assert {r["entity_id"] for r in links} == {*statement.countries, *statement.people, *statement.organizations}
        first = statement.evidence[0]
        ev = db.execute(
            "SELECT * FROM evidence WHERE record_type = 'statement' AND record_id = ? AND position = 0", (statement.id,)
        ).fetchone()
        assert (ev["source_id"], ev["start"], ev["end"], ev["sentence"]) == (
            first.source,
            first.start,
            first.end,
            first.sentence,
        )
        source = db.execute("SELECT text FROM sources WHERE id = ?", (first.source,)).fetchone()
        assert source["text"][first.start : first.end] == first.sentence


def test_sqlite_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--no-cache", "--format", "sqlite"]) == 2
    assert "-o FILE" in capsys.readouterr().err


def test_an_existing_database_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "facts.db"
    target.write_bytes(b"an older export")
    assert main(["export", "--no-cache", "--format", "sqlite", "-o", str(target), "--kind", "quote"]) == 0
    with sqlite3.connect(target) as db:
        kinds = {k for (k,) in db.execute("SELECT kind FROM statements")}
    assert kinds == {"quote"}
    assert [p.name for p in tmp_path.iterdir()] == ["facts.db"]


def test_a_fifo_is_refused_without_blocking(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "pipe"
    os.mkfifo(target)
    assert main(["export", "--no-cache", "--format", "sqlite", "-o", str(target)]) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "facts.db"
    target.write_bytes(b"the previous export")

    def full(base: FactBase, path: Path) -> None:
        path.write_bytes(b"half")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(export_sqlite, "_fill", full)
    assert main(["export", "--no-cache", "--format", "sqlite", "-o", str(target)]) == EXIT_WRITE
    assert "disk is full" in capsys.readouterr().err
    assert target.read_bytes() == b"the previous export" and [p.name for p in tmp_path.iterdir()] == ["facts.db"]


def test_the_fact_file_is_never_overwritten(capsys: pytest.CaptureFixture[str]) -> None:
    before = shipped_facts().read_bytes()
    assert main(["export", "--no-cache", "--format", "sqlite", "-o", str(shipped_facts())]) == 2
    assert shipped_facts().read_bytes() == before
