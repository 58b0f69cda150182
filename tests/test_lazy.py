"""A base read record by record from its store (`core.lazy`, `open_session(lazy=True)`):
the same base and the same answers as a base read whole, never stale or forged data."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL

from factbrowser.core import cache
from factbrowser.core.lazy import RECORD, STATEMENT_IDS
from factbrowser.core.model import FactBase
from factbrowser.core.resources import shipped_facts
from factbrowser.core.store import StoreError
from factbrowser.search import SearchIndex
from factbrowser.session import open_session

REPO = Path(__file__).resolve().parents[1]
GENERATE = REPO / "benchmarks" / "generate.py"
QUERIES = ("Macron", "Merz", "S", "Na", "Sicher", "Waffen und Geld", "Selensky", "Rutte Prag", "33.000", "ungeklärt")


def _answers(index: SearchIndex, queries: tuple[str, ...] = QUERIES) -> list[list[dict[str, object]]]:
    return [[{**r.to_json(), "tier": r.tier} for r in index.search(q, limit=20)] for q in queries]


def _set_row(entry: Path, name: str, data: bytes) -> None:
    with sqlite3.connect(entry) as connection:
        assert connection.execute("UPDATE entry SET data = ? WHERE name = ?", (data, name)).rowcount == 1


def test_without_a_store_a_lazy_session_is_a_whole_one(cache_dir: Path, shipped_base: FactBase) -> None:
    session = open_session(shipped_facts(), lazy=True)  # builds the store on the way
    assert type(session.base.statements) is dict and session.base == shipped_base
    assert list(cache_dir.glob("*.sqlite"))


def test_the_lazy_base_is_the_base(cache_dir: Path, shipped_base: FactBase) -> None:
    open_session(shipped_facts())
    lazy = open_session(shipped_facts(), lazy=True).base
    assert type(lazy.statements) is not dict  # read from the store, record by record
    assert list(lazy.statements) == list(shipped_base.statements)
    assert len(lazy.statements) == len(shipped_base.statements)
    assert "no-such-statement" not in lazy.statements
    with pytest.raises(KeyError):
        lazy.statements["no-such-statement"]
    for statement_id, statement in shipped_base.statements.items():
        assert lazy.statements[statement_id] == statement
    assert [s.id for s in lazy.statements_in_order()] == list(shipped_base.statements)
    assert dict(lazy.sources) == dict(shipped_base.sources)  # texts included
    assert (lazy.countries, lazy.people, lazy.organizations) == (
        shipped_base.countries,
        shipped_base.people,
        shipped_base.organizations,
    )
    assert lazy.seeds_folder == shipped_base.seeds_folder


def test_a_lazy_session_answers_as_a_whole_one(cache_dir: Path, shipped_base: FactBase) -> None:
    whole = open_session(shipped_facts())
    lazy = open_session(shipped_facts(), lazy=True)
    assert type(lazy.base.statements) is not dict
    assert _answers(lazy.index) == _answers(SearchIndex.build(shipped_base)) == _answers(whole.index)


@pytest.mark.parametrize("dense", [False, True], ids=["sparse", "dense"])
def test_a_lazy_session_answers_as_a_whole_one_on_a_generated_base(
    cache_dir: Path, tmp_path: Path, dense: bool
) -> None:
    out = tmp_path / "generated"
    args = [sys.executable, str(GENERATE), "--statements", "1000", "--out", str(out)] + (["--dense"] if dense else [])
    subprocess.run(args, check=True, capture_output=True)
    facts = out / "data" / "facts.yaml"
    whole = open_session(facts)
    lazy = open_session(facts, lazy=True)
    assert type(lazy.base.statements) is not dict
    # every prefix of a few benchmark queries, as a search box holds them while typing
    queries = tuple(q[:n] for q in ("Selensky Waffen", "Politiker", "P", "Sicherheit u") for n in range(1, len(q) + 1))
    assert _answers(lazy.index, queries) == _answers(whole.index, queries)


def test_a_stale_store_is_not_read_lazily(cache_dir: Path, write_facts: Callable[[str], Path]) -> None:
    facts = write_facts(MINIMAL)
    open_session(facts)
    assert cache.open_lazy(facts, {}) is not None
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert cache.open_lazy(facts, {}) is None


def test_a_store_without_statement_ids_is_not_read_lazily(cache_dir: Path) -> None:
    open_session(shipped_facts())
    (entry,) = cache_dir.glob("*.sqlite")
    with sqlite3.connect(entry) as connection:
        connection.execute("DELETE FROM entry WHERE name = ?", (STATEMENT_IDS,))
    assert cache.open_lazy(shipped_facts(), {}) is None
    assert type(open_session(shipped_facts(), lazy=True).base.statements) is dict  # read whole instead


def test_a_forged_record_is_refused_when_it_is_read(cache_dir: Path, shipped_base: FactBase) -> None:
    open_session(shipped_facts())
    (entry,) = cache_dir.glob("*.sqlite")
    first, second = list(shipped_base.statements)[5:7]  # not the first nor the last: the index reads those
    lazy = open_session(shipped_facts(), lazy=True).base
    with sqlite3.connect(entry) as connection:  # another statement's row (and MAC) in its place
        row = connection.execute("SELECT data, mac FROM entry WHERE name = ?", (RECORD + second,)).fetchone()
        connection.execute("UPDATE entry SET data = ?, mac = ? WHERE name = ?", (*row, RECORD + first))
    with pytest.raises(StoreError):
        lazy.statements[first]


def test_the_cli_search_falls_back_when_a_record_is_forged(cache_dir: Path) -> None:
    env = {"PYTHONPATH": str(REPO / "src"), "FACTBROWSER_CACHE_DIR": str(cache_dir), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "factbrowser", "search", "Macron", "--json", "--limit", "5"]
    before = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout
    (entry,) = cache_dir.glob("*.sqlite")
    shown = next(hit["id"] for hit in json.loads(before) if hit["type"] == "statement")
    _set_row(entry, RECORD + shown, b'["forged"]')  # its MAC no longer matches
    after = subprocess.run(command, capture_output=True, text=True, env=env)
    assert after.returncode == 0 and "Traceback" not in after.stderr
    assert after.stdout == before


def test_forged_postings_are_refused_when_they_are_read(cache_dir: Path, shipped_base: FactBase) -> None:
    open_session(shipped_facts())
    (entry,) = cache_dir.glob("*.sqlite")
    with sqlite3.connect(entry) as connection:
        (data,) = connection.execute("SELECT data FROM entry WHERE name = 'side:index:postings#0'").fetchone()
        forged = bytes(data[:-4]) + (0).to_bytes(4, sys.byteorder)  # same length, last number changed
        connection.execute("UPDATE entry SET data = ? WHERE name = 'side:index:postings#0'", (forged,))
    with pytest.raises(StoreError):  # checked as the search reads it (the CLI then reads the base whole)
        open_session(shipped_facts(), lazy=True).index.search("Sicherheitsgarantien")
    assert _answers(open_session(shipped_facts()).index) == _answers(SearchIndex.build(shipped_base))


def test_stored_postings_read_as_the_array_they_were(cache_dir: Path, shipped_base: FactBase) -> None:
    open_session(shipped_facts())
    opened = cache.open_lazy(shipped_facts(), {"index": frozenset({"postings"})})
    assert opened is not None
    stored = opened.sides["index"]["postings"]
    built = SearchIndex.build(shipped_base).vocabulary._flat
    assert len(stored) == len(built) > 1000
    assert list(stored[:]) == list(built)
    assert [stored[n] for n in (0, 1, -1, len(built) - 1)] == [built[n] for n in (0, 1, -1, len(built) - 1)]
    assert list(stored[10:20]) == list(built[10:20]) and list(stored[5:5]) == []
    with pytest.raises(IndexError):
        stored[len(built)]


def test_statement_positions_read_from_one_text(cache_dir: Path, shipped_base: FactBase) -> None:
    open_session(shipped_facts())
    lazy = open_session(shipped_facts(), lazy=True).base
    ids = list(shipped_base.statements)
    in_order = lazy.statements_in_order()
    assert len(in_order) == len(ids)
    assert [in_order[n].id for n in (0, 1, -1, -2, len(ids) - 1)] == [ids[n] for n in (0, 1, -1, -2, len(ids) - 1)]
    assert [s.id for s in in_order[3:6]] == ids[3:6]
    with pytest.raises(IndexError):
        in_order[len(ids)]


def test_arrays_and_ids_in_many_pieces_read_as_written(
    cache_dir: Path, shipped_base: FactBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pieces of 52 bytes: every id, every posting list crosses piece boundaries."""
    from factbrowser.core import lazy

    monkeypatch.setattr(lazy, "PIECE", 52)
    open_session(shipped_facts())
    (entry,) = cache_dir.glob("*.sqlite")
    with sqlite3.connect(entry) as connection:
        names = [name for (name,) in connection.execute("SELECT name FROM entry WHERE name LIKE '%#%'")]
    assert sum(name.startswith("statement-ids#") for name in names) > 50
    session = open_session(shipped_facts(), lazy=True)
    assert type(session.base.statements) is not dict
    assert list(session.base.statements) == list(shipped_base.statements)
    assert [s.id for s in session.base.statements_in_order()] == list(shipped_base.statements)
    assert _answers(session.index) == _answers(SearchIndex.build(shipped_base))


def test_a_missing_piece_makes_the_session_read_the_base_whole(cache_dir: Path, shipped_base: FactBase) -> None:
    open_session(shipped_facts())
    (entry,) = cache_dir.glob("*.sqlite")
    with sqlite3.connect(entry) as connection:
        connection.execute("DELETE FROM entry WHERE name = 'statement-starts#0'")
    session = open_session(shipped_facts(), lazy=True)
    assert type(session.base.statements) is dict
    assert _answers(session.index) == _answers(SearchIndex.build(shipped_base))


def test_a_long_first_read_says_what_it_is_doing(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    heard: list[str] = []
    monkeypatch.setattr(cache, "BIG_FACT_FILE", 0)  # as if the shipped base were large
    open_session(shipped_facts(), progress=heard.append)
    assert len(heard) == 3
    assert heard[0].startswith("no stored copy of ") and "MiB) yet" in heard[0]
    assert heard[1].startswith("read and checked ") and " statements in " in heard[1]
    assert heard[2].startswith("stored in ") and str(cache_dir) in heard[2]
    open_session(shipped_facts(), lazy=True, progress=heard.append)
    assert len(heard) == 3  # the stored copy is read without a word


def test_a_small_first_read_says_nothing(cache_dir: Path) -> None:
    heard: list[str] = []
    open_session(shipped_facts(), progress=heard.append)
    assert heard == []


def test_warming_a_stored_index_changes_no_answer(cache_dir: Path, shipped_base: FactBase) -> None:
    open_session(shipped_facts())
    index = open_session(shipped_facts()).index
    before = _answers(index)
    index.warm()
    assert _answers(index) == before == _answers(SearchIndex.build(shipped_base))
