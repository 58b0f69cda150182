"""The SQLite store under faults: whatever is in the cache folder, the answer is the
loader's, at most one warning line is said, and nothing is left behind or believed."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MINIMAL

from factbrowser.core import cache, store
from factbrowser.core.load import load
from factbrowser.core.model import FactBase
from factbrowser.core.record import open_record
from factbrowser.core.serialize import to_dict

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv("FACTBROWSER_CACHE_DIR", str(path))
    monkeypatch.delenv("FACTBROWSER_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_warned", set())
    return path


@pytest.fixture
def facts(write_facts) -> Path:  # type: ignore[no-untyped-def]
    path: Path = write_facts(MINIMAL)
    return path


def _entry(facts: Path) -> Path:
    entry = cache.entry_for(facts)
    assert entry is not None
    return entry


def _same(base: FactBase, facts: Path) -> bool:
    return to_dict(base, with_texts=True) == to_dict(load(facts), with_texts=True)


def _token(entry: Path) -> str:
    with sqlite3.connect(entry) as connection:
        (meta,) = connection.execute("SELECT data FROM entry WHERE name = 'meta'").fetchone()
    return str(json.loads(meta)["token"])


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".tmp-"))


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "factbrowser.cache"]


def test_a_hit_reads_the_store_and_a_touch_without_change_keeps_it(folder: Path, facts: Path) -> None:
    first = cache.open_cached(facts)
    assert first.token and _same(first.base, facts)
    os.utime(facts, ns=(1, 1))  # other mtime, same bytes: hashed, found unchanged
    again = cache.open_cached(facts)
    assert again.token == first.token and _same(again.base, facts)


def test_a_changed_fact_file_of_the_same_size_is_stale(folder: Path, facts: Path) -> None:
    first = cache.open_cached(facts)
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("Macron therefore plans", "Macron therefore plan."), encoding="utf-8")
    info = facts.stat()
    os.utime(facts, ns=(info.st_atime_ns, first_mtime(first)))  # even with the old mtime
    again = cache.open_cached(facts)
    assert again.token != first.token and _same(again.base, facts)


def first_mtime(opened: cache.Opened) -> int:
    assert opened.entry is not None and opened.secret is not None
    with store.reading(opened.entry, opened.secret) as reader:
        return int(reader.meta["fact"]["mtime_ns"])


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "zeros", "fifo", "devzero", "directory"])
def test_a_damaged_store_is_rebuilt(folder: Path, facts: Path, damage: str) -> None:
    cache.open_cached(facts)
    entry = _entry(facts)
    raw = entry.read_bytes()
    entry.unlink()
    if damage == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        entry.write_bytes(b"SQLite format 3\0" + os.urandom(4096))
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "zeros":
        entry.write_bytes(bytes(len(raw)))
    elif damage == "fifo":
        os.mkfifo(entry)
    elif damage == "devzero":
        entry.symlink_to("/dev/zero")
    else:
        entry.mkdir()
    opened = cache.open_cached(facts)  # never blocks, never raises
    assert _same(opened.base, facts)
    if damage != "directory":  # replaced by a good store
        assert entry.is_file() and not entry.is_symlink() and cache.open_cached(facts).token == opened.token
    assert _leftovers(folder) == []


def test_an_edited_row_is_never_believed(folder: Path, facts: Path) -> None:
    cache.open_cached(facts)
    entry = _entry(facts)
    with sqlite3.connect(entry) as connection:
        (base,) = connection.execute("SELECT data FROM entry WHERE name = 'base'").fetchone()
        forged = bytes(base).replace(b"Emmanuel Macron", b"FAKE \\u001b]0;PWNED\\u0007")
        assert forged != bytes(base)
        connection.execute("UPDATE entry SET data = ? WHERE name = 'base'", (forged,))
    opened = cache.open_cached(facts)
    assert _same(opened.base, facts)
    assert all("PWNED" not in p.name for p in opened.base.people.values())


def test_a_type_mutation_signed_with_another_key_is_never_believed(
    folder: Path, facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone who can write the cache folder but not read the user's key signs a store
    of their own: a name that is a number, a null text."""
    cache.open_cached(facts)
    entry = _entry(facts)
    token = _token(entry)
    forged_key = os.urandom(store.KEY_BYTES)
    with sqlite3.connect(entry) as connection:
        for name, data in connection.execute("SELECT name, data FROM entry").fetchall():
            data = bytes(data)
            if name == "base":
                rows = json.loads(data)
                rows["people"]["rows"][0][1] = 42
                data = json.dumps(rows).encode()
            mac = store._mac(forged_key, "" if name == "meta" else token, name, data)
            connection.execute("UPDATE entry SET data = ?, mac = ? WHERE name = ?", (data, mac, name))
    assert _same(cache.open_cached(facts).base, facts)


def test_a_store_of_another_version_is_rebuilt(folder: Path, facts: Path, private_cache_key: Path) -> None:
    cache.open_cached(facts)
    entry = _entry(facts)
    key = private_cache_key.read_bytes()
    with sqlite3.connect(entry) as connection:
        (data,) = connection.execute("SELECT data FROM entry WHERE name = 'meta'").fetchone()
        meta = json.loads(data)
        meta["version"] = "0.0.0-other"
        data = json.dumps(meta).encode()
        connection.execute(
            "UPDATE entry SET data = ?, mac = ? WHERE name = 'meta'", (data, store._mac(key, "", "meta", data))
        )
    opened = cache.open_cached(facts)
    assert _same(opened.base, facts) and opened.token != meta["token"]
    assert [p.name for p in folder.iterdir()] == [entry.name]  # replaced in place, not left beside


def test_a_locked_store_is_still_read(folder: Path, facts: Path) -> None:
    first = cache.open_cached(facts)
    entry = _entry(facts)
    locker = sqlite3.connect(entry, isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        again = cache.open_cached(facts)
        assert again.token == first.token and _same(again.base, facts)
    finally:
        locker.close()


def test_a_store_larger_than_the_bound_is_not_read(folder: Path, facts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = cache.open_cached(facts)
    monkeypatch.setattr(store, "MAX_STORE_BYTES", 1024)
    again = cache.open_cached(facts)
    assert again.token != first.token and _same(again.base, facts)


@pytest.mark.parametrize(
    "error", [OSError(30, "Read-only file system"), sqlite3.OperationalError("database or disk is full")]
)
def test_a_read_only_or_full_folder_warns_once_and_runs_without(
    folder: Path, facts: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, error: Exception
) -> None:
    def fail(*args: object) -> None:
        raise error

    monkeypatch.setattr(store, "_fill", fail)
    for _ in range(2):
        opened = cache.open_cached(facts)
        assert opened.entry is None and _same(opened.base, facts)
    (warning,) = _warnings(caplog)
    assert "running without" in warning and "\n" not in warning
    assert _leftovers(folder) == []


def test_a_cache_folder_inside_the_seeds_folder_is_refused(
    facts: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    seeds = facts.parent.parent / "seeds"
    before = sorted(p.name for p in seeds.iterdir())
    monkeypatch.setenv("FACTBROWSER_CACHE_DIR", str(seeds / "cache"))
    monkeypatch.delenv("FACTBROWSER_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_warned", set())
    opened = cache.open_cached(facts)
    assert opened.entry is None and _same(opened.base, facts)
    assert sorted(p.name for p in seeds.iterdir()) == before
    assert any("inside the seeds folder" in w for w in _warnings(caplog))


def test_a_cache_folder_holding_the_fact_file_is_refused(
    facts: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("FACTBROWSER_CACHE_DIR", str(facts.parent))
    monkeypatch.delenv("FACTBROWSER_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_warned", set())
    opened = cache.open_cached(facts)
    assert opened.entry is None and [p.name for p in facts.parent.iterdir()] == [facts.name]
    assert any("holds the fact file" in w for w in _warnings(caplog))


@pytest.mark.parametrize("fault", ["world-readable", "wrong size", "inside the cache folder"])
def test_a_key_that_may_be_known_is_not_used(
    folder: Path,
    facts: Path,
    private_cache_key: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    key = folder / "cache.key" if fault == "inside the cache folder" else private_cache_key.parent / "other.key"
    key.parent.mkdir(parents=True, exist_ok=True)
    key.write_bytes(os.urandom(store.KEY_BYTES + (1 if fault == "wrong size" else 0)))
    key.chmod(0o644 if fault == "world-readable" else 0o600)
    monkeypatch.setenv("FACTBROWSER_KEY_FILE", str(key))
    opened = cache.open_cached(facts)
    assert opened.entry is None and _same(opened.base, facts)
    assert len(_warnings(caplog)) == 1


def test_the_key_is_created_private(folder: Path, facts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = tmp_path / "config" / "new" / "cache.key"
    monkeypatch.setenv("FACTBROWSER_KEY_FILE", str(key))
    assert cache.open_cached(facts).token
    assert key.stat().st_mode & 0o777 == 0o600 and key.stat().st_size == store.KEY_BYTES
    assert key.parent.stat().st_mode & 0o777 == 0o700


def test_ctrl_c_during_the_write_leaves_no_temporary_file(
    folder: Path, facts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(tmp: Path, *args: object) -> None:
        tmp.write_bytes(b"half a store")
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "_fill", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.open_cached(facts)
    assert _leftovers(folder) == [] and not _entry(facts).exists()


def test_stale_temporary_files_of_this_user_are_swept(folder: Path, facts: Path) -> None:
    folder.mkdir()
    old, young = folder / ".tmp-old.sqlite", folder / ".tmp-young.sqlite"
    for path in (old, young):
        path.write_bytes(b"left by a killed build")
    hours_ago = time.time() - 2 * store.STALE_TEMP_SECONDS
    os.utime(old, (hours_ago, hours_ago))
    cache.open_cached(facts)
    assert _leftovers(folder) == [young.name]  # a young one may be another process's build


# The child starts with the default dispositions: a runner that ignores SIGHUP (nohup)
# passes that on, and a build then rightly keeps ignoring it.
SLOW_BUILD = """
import signal, sys, time
signal.signal(signal.SIGHUP, signal.SIG_DFL)
signal.signal(signal.SIGTERM, signal.SIG_DFL)
from factbrowser.core import cache, store
def slow(tmp, *args):
    tmp.write_bytes(b"half a store")
    print("writing", flush=True)
    time.sleep(60)
store._fill = slow
cache.open_cached(sys.argv[1])
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_the_write_leaves_no_temporary_file(folder: Path, facts: Path, signum: int) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_BUILD, str(facts)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline() == "writing\n"
    child.send_signal(signum)
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 128 + signum and "Traceback" not in stderr
    assert _leftovers(folder) == []


BUILD = """
import sys
from factbrowser.session import open_session
session = open_session(sys.argv[1])
print(len(session.base.statements), len(session.index.search("Macron")))
"""


def test_concurrent_builders_agree(folder: Path, facts: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    children = [
        subprocess.Popen([sys.executable, "-c", BUILD, str(facts)], stdout=subprocess.PIPE, env=env, text=True)
        for _ in range(4)
    ]
    outputs = [child.communicate(timeout=120)[0] for child in children]
    assert all(child.returncode == 0 for child in children)
    assert len(set(outputs)) == 1 and outputs[0].split()[0] == "1"
    assert [p.name for p in folder.iterdir()] == [_entry(facts).name]
    assert _same(cache.open_cached(facts).base, facts)


def test_the_cli_says_one_line_for_a_cache_folder_among_the_seeds(facts: Path) -> None:
    seeds = facts.parent.parent / "seeds"
    env = {
        **os.environ,
        "FACTBROWSER_CACHE_DIR": str(seeds),
        "FACTBROWSER_NO_CACHE": "",
        "PYTHONPATH": str(REPO / "src"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "factbrowser", "stats", "--data", str(facts)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0
    assert len(result.stderr.splitlines()) == 1 and "seeds folder" in result.stderr


def test_mac_binds_name_and_token() -> None:
    key = b"k" * store.KEY_BYTES
    mac = store._mac(key, "t", "base", b"data")
    assert mac != store._mac(key, "u", "base", b"data") and mac != store._mac(key, "t", "texts", b"data")
    assert hmac.compare_digest(mac, store._mac(key, "t", "base", b"data"))
    assert len(mac) == hashlib.sha256().digest_size


def test_warning_goes_through_logging(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_warned", set())
    with caplog.at_level(logging.WARNING):
        cache._warn("x")
        cache._warn("x")
    assert _warnings(caplog) == ["factbrowser: x"]


@pytest.mark.parametrize("command", [["stats"], ["search", "Macron", "--json"]])
def test_a_fifo_in_place_of_the_store_does_not_hang_the_cli(folder: Path, facts: Path, command: list[str]) -> None:
    folder.mkdir()
    os.mkfifo(_entry(facts))
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "factbrowser", command[0], "--data", str(facts), *command[1:]],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr == ""
    assert _entry(facts).is_file()  # replaced by a good store


def test_show_reads_one_record_from_the_store_as_from_the_whole_base(
    folder: Path, shipped_base: FactBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factbrowser.cli.commands import record_json
    from factbrowser.core.resources import shipped_facts

    cache.open_cached(shipped_facts())

    def no_load(path: Path) -> None:
        raise AssertionError("the whole base was loaded")

    monkeypatch.setattr(cache, "_load", no_load)
    ids = [*shipped_base.statements, *shipped_base.people, *shipped_base.countries, *shipped_base.organizations]
    for record_id in [*ids, *shipped_base.sources, "no-such-id"]:
        partial = open_record(shipped_facts(), record_id)
        assert partial is not None
        assert record_json(partial, record_id) == record_json(shipped_base, record_id)
        record = shipped_base.statements.get(record_id)
        for named in record.mentioned if record else ():
            assert partial.label(named) == shipped_base.label(named)
        for evidence in record.evidence if record else ():
            assert partial.sources[evidence.source] == shipped_base.sources[evidence.source]


def test_show_does_not_read_a_forged_or_stale_record(folder: Path, facts: Path) -> None:
    cache.open_cached(facts)
    entry = _entry(facts)
    with sqlite3.connect(entry) as connection:
        (row,) = connection.execute("SELECT data FROM entry WHERE name = 'record:people:macron'").fetchone()
        forged = bytes(row).replace(b"Emmanuel Macron", b"FAKE")
        connection.execute("UPDATE entry SET data = ? WHERE name = 'record:people:macron'", (forged,))
    assert open_record(facts, "macron") is None  # the caller loads the base instead
    cache.open_cached(facts)  # the store itself still reads: show keeps falling back to the whole base
    facts.write_text(facts.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert open_record(facts, "macron") is None
