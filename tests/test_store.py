"""The load cache and the search index stored with it: same answers as a fresh load and
build, and never trusted when it does not match (stale, damaged, foreign)."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest
from conftest import MINIMAL, SEED_000, SEED_SHA
from hypothesis import given, settings
from hypothesis import strategies as st

from factbrowser.core import cache as store
from factbrowser.core.load import load
from factbrowser.core.model import FactBase
from factbrowser.core.normalize import fold, fold_pair, fold_twin, has_twin
from factbrowser.core.problems import FactBaseInvalid
from factbrowser.core.resources import shipped_facts
from factbrowser.core.serialize import from_rows, to_dict, to_rows, write_rows
from factbrowser.search import SearchIndex
from factbrowser.session import open_session

QUERIES = (
    "Macron",
    "Merz",
    "S",
    "Na",
    "Sicher",
    "Waffen und Geld",
    "Grossbritannien",
    "Oesterreich",
    "Selensky",
    "Stramer",
    "von der L",
    "Macron !Trump",
    "'Macron",
    "Koalition der W",
    "33.000",
    "ä",
)


def _opened(path: Path, use_cache: bool = True) -> tuple[FactBase, SearchIndex]:
    opened = open_session(path, use_cache)
    return opened.base, opened.index


def _opened(path: Path, use_cache: bool = True) -> tuple[FactBase, SearchIndex]:
    opened = open_session(path, use_cache)
    return opened.base, opened.index


def _answers(index: SearchIndex) -> list[list[dict[str, object]]]:
    return [[{**r.to_json(), "tier": r.tier} for r in index.search(q, limit=50)] for q in QUERIES]


@pytest.fixture
def cache(cache_dir: Path) -> Path:
    return cache_dir


@pytest.fixture(scope="module")
def fresh(shipped_base: FactBase) -> list[list[dict[str, object]]]:
    return _answers(SearchIndex.build(shipped_base))


@pytest.mark.parametrize("with_texts", [True, False])
def test_streamed_rows_are_the_rows(shipped_base: FactBase, with_texts: bool) -> None:
    # 2,500 statements: rows are written in batches of 1,000, and the seams must hold.
    copies = [dataclasses.replace(s, id=f"{s.id}-{n}") for n in range(16) for s in shipped_base.statements.values()]
    base = dataclasses.replace(shipped_base, statements={s.id: s for s in copies[:2500]})
    out = io.StringIO()
    write_rows(base, out, with_texts=with_texts)
    assert json.loads(out.getvalue()) == json.loads(json.dumps(to_rows(base, with_texts=with_texts)))


def test_rows_round_trip(shipped_base: FactBase) -> None:
    rows = json.loads(json.dumps(to_rows(shipped_base), ensure_ascii=False))
    again = from_rows(rows)
    assert again == shipped_base
    assert to_dict(again, with_texts=True) == to_dict(shipped_base, with_texts=True)


def test_cached_index_answers_like_a_fresh_one(
    cache: Path, shipped_base: FactBase, fresh: list[list[dict[str, object]]]
) -> None:
    base, first = _opened(shipped_facts())  # miss: loads, builds, writes both
    assert base == shipped_base
    (entry,) = cache.iterdir()  # one SQLite store, the index in it
    assert entry.suffix == ".sqlite" and _kinds(entry) == STORE_KINDS
    base, cached = _opened(shipped_facts())  # hit: both read from the cache
    assert base == shipped_base
    assert _answers(first) == fresh
    assert _answers(cached) == fresh
    fresh = SearchIndex.build(base)
    numbers = range(len(base.statements))
    assert [cached.statement_doc(n).keys for n in numbers] == [fresh.statement_doc(n).keys for n in numbers]


def stored_form(payload: dict[str, object], keep_bytes: bool = False) -> dict[str, object]:
    """A side payload as the store gives it back: JSON, its bytes values as they are (or
    left out, as the JSON row holds them)."""
    blobs = {k: v for k, v in payload.items() if isinstance(v, bytes)}
    rest = json.loads(json.dumps({k: v for k, v in payload.items() if k not in blobs}))
    return {**rest, **blobs} if keep_bytes else rest


# What a store holds: the whole base, one row per record and seed text, the base's head
# and statement ids (read record by record), and the search index (its arrays in pieces).
STORE_KINDS = {
    "meta",
    "base",
    "texts",
    "fields",
    "record",
    "text",
    "side:index",
    "side:index:offsets",
    "side:index:postings",
    "side:index:entity_folds",
    "head",
    "statement-ids",
    "statement-starts",
}


def _rows(entry: Path) -> dict[str, bytes]:
    with sqlite3.connect(entry) as connection:
        return {name: bytes(data) for name, data in connection.execute("SELECT name, data FROM entry")}


def _kinds(entry: Path) -> set[str]:
    """The store's entries, one record (`record:TABLE:ID`) or seed text (`text:FILE`) each."""
    # a stored array's pieces (`NAME#0`, `NAME#1`, ...) count as one entry
    return {
        name.split("#")[0] if name.startswith("side:") else name.split(":")[0].split("#")[0] for name in _rows(entry)
    }


def _set_row(entry: Path, name: str, data: bytes | None) -> None:
    with sqlite3.connect(entry) as connection:
        if data is None:
            connection.execute("DELETE FROM entry WHERE name = ?", (name,))
        else:
            connection.execute("UPDATE entry SET data = ? WHERE name = ?", (data, name))


@pytest.mark.parametrize("damage", ["deleted", "edited", "short postings", "not json", "other store's row"])
def test_damaged_index_is_ignored_and_rewritten(
    cache: Path, tmp_path: Path, damage: str, fresh: list[list[dict[str, object]]]
) -> None:
    _opened(shipped_facts())
    (entry,) = cache.glob("*.sqlite")
    index = _rows(entry)["side:index"]
    data = json.loads(index)
    if damage == "deleted":
        _set_row(entry, "side:index", None)
    elif damage == "edited":
        data["crc"] += 1
        _set_row(entry, "side:index", json.dumps(data).encode())
    elif damage == "short postings":
        _set_row(entry, "side:index:postings#0", _rows(entry)["side:index:postings#0"][:-8])
    elif damage == "not json":
        _set_row(entry, "side:index", b"{not json")
    else:  # the row (and its MAC) of another store: bound to that store's token
        other = tmp_path / "other.sqlite"
        other.write_bytes(entry.read_bytes())
        entry.unlink()
        _opened(shipped_facts())
        with sqlite3.connect(other) as source, sqlite3.connect(entry) as target:
            row = source.execute("SELECT data, mac FROM entry WHERE name = 'side:index'").fetchone()
            target.execute("UPDATE entry SET data = ?, mac = ? WHERE name = 'side:index'", row)
    _, index_now = _opened(shipped_facts())
    assert _answers(index_now) == fresh
    (entry,) = cache.glob("*.sqlite")
    payload = SearchIndex.build(load(shipped_facts())).to_cache()
    assert json.loads(_rows(entry)["side:index"]) == {
        **stored_form(payload),
        "__blobs__": {key: len(value) for key, value in payload.items() if isinstance(value, bytes)},
    }
    _, again = _opened(shipped_facts())
    assert _answers(again) == fresh


def test_index_of_a_rewritten_store_is_not_used(cache: Path, fresh: list[list[dict[str, object]]]) -> None:
    _opened(shipped_facts())
    (entry,) = cache.glob("*.sqlite")
    entry.write_bytes(b"damaged")  # the store is rebuilt with a new token, index included
    _, index = _opened(shipped_facts())
    assert _answers(index) == fresh
    assert _kinds(entry) == STORE_KINDS


def test_a_session_without_the_cache_writes_nothing(cache: Path, fresh: list[list[dict[str, object]]]) -> None:
    _, index = _opened(shipped_facts(), use_cache=False)
    assert _answers(index) == fresh
    assert not cache.exists() or not list(cache.iterdir())


def test_index_for_another_base_is_refused(shipped_base: FactBase) -> None:
    data = stored_form(SearchIndex.build(shipped_base).to_cache(), keep_bytes=True)
    smaller = FactBase(
        shipped_base.sources,
        shipped_base.countries,
        shipped_base.people,
        shipped_base.organizations,
        dict(list(shipped_base.statements.items())[:-1]),
    )
    with pytest.raises(ValueError):
        SearchIndex.from_cache(smaller, data)


def test_no_cache_builds(monkeypatch: pytest.MonkeyPatch, fresh: list[list[dict[str, object]]]) -> None:
    monkeypatch.setenv("FACTBROWSER_NO_CACHE", "1")
    _, index = _opened(shipped_facts())
    assert _answers(index) == fresh
    _, index = _opened(shipped_facts(), use_cache=False)
    assert _answers(index) == fresh


GERMANISH = st.text(alphabet=st.sampled_from("aAäÄöÖüÜßẞǟǞΐ\u0308\u0301éÉłøØ ,.-_1239xyzΩ𝖠ﬁİı"), max_size=12)


@settings(max_examples=300, deadline=None)
@given(GERMANISH | st.text(max_size=12))
def test_fold_pair_is_fold_and_fold_twin(text: str) -> None:
    plain, twin = fold_pair(text)
    assert plain == fold(text)
    assert (twin if twin is not None else plain) == fold_twin(text)
    assert twin != plain
    assert has_twin(text) == (twin is not None)


def test_cache_keeps_seed_texts_as_the_loader_does(cache: Path, fact_dir: Path) -> None:
    """The store keeps the seed texts as the loader left them: a hit must give the very
    base the loader gives, control characters made visible included; a seed changed
    since is never served from the cache."""
    seed = fact_dir / "seeds" / SEED_000.name
    seed.write_bytes(SEED_000.read_bytes() + b"\r\n\x1b[31mrot\x07\r\n")
    sha = hashlib.sha256(seed.read_bytes()).hexdigest()
    path = fact_dir / "data" / "facts.yaml"
    path.write_text(MINIMAL.replace(SEED_SHA, sha), encoding="utf-8")

    loaded = load(path)
    first = store.open_fact_base(path)  # miss: loads and writes the entry
    second = store.open_fact_base(path)  # hit
    rows = _rows(next(cache.glob("*.sqlite")))
    assert [row[-1] for row in json.loads(rows["base"])["sources"]["rows"]] == [None]
    assert "\x1b" not in json.loads(rows["texts"])[SEED_000.name]
    for base in (first, second):
        assert to_dict(base, with_texts=True) == to_dict(loaded, with_texts=True)
    text = second.sources["a000"].text
    assert "\x1b" not in text and "\x07" not in text and "\u241b[31mrot\u2407" in text
    assert len(text) == len(seed.read_bytes().decode("utf-8"))

    seed.write_bytes(seed.read_bytes() + b"!")  # the recorded sha256 no longer matches
    with pytest.raises(FactBaseInvalid):
        store.open_fact_base(path)
