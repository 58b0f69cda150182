"""Facts that must never regress, and the shipped base's own integrity."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import REPO

from factbrowser.core.audit import audit
from factbrowser.core.model import FactBase


def test_seeds_are_the_shared_articles_byte_for_byte(shipped_base: FactBase) -> None:
    shared = REPO.parent / "shared" / "seeds"
    for source in shipped_base.sources.values():
        ours = (REPO / "seeds" / source.file).read_bytes()
        assert hashlib.sha256(ours).hexdigest() == source.sha256
        if shared.is_dir():  # beside the project on the developers' machines and CI
            assert (shared / source.file).read_bytes() == ours


def test_every_evidence_is_verbatim_at_its_offsets(shipped_base: FactBase) -> None:
    records = [
        *shipped_base.statements.values(),
        *shipped_base.people.values(),
        *shipped_base.countries.values(),
        *shipped_base.organizations.values(),
    ]
    count = 0
    for record in records:
        for evidence in record.evidence:
            raw = (REPO / "seeds" / shipped_base.sources[evidence.source].file).read_bytes().decode("utf-8")
            assert raw[evidence.start : evidence.end] == evidence.sentence
            count += 1
    assert count > 200


def test_source_dates_and_outlets(shipped_base: FactBase) -> None:
    sources = shipped_base.sources
    assert (sources["a002"].published, sources["a002"].published_basis) == ("2026-01-06", "stated")
    assert (sources["a003"].published, sources["a003"].published_basis) == ("2026-01-07", "stated")
    assert (sources["a004"].published, sources["a004"].published_basis) == ("2025-09-05", "stated")
    for inferred in ("a000", "a001"):
        assert sources[inferred].published_basis == "inferred" and sources[inferred].published_note
    assert sources["a001"].outlet == "BR24" and sources["a000"].outlet is None and sources["a003"].outlet is None


def test_quote_with_its_speaker(shipped_base: FactBase) -> None:
    quotes = {s.text: s for s in shipped_base.statements.values() if s.kind == "quote"}
    assert (
        quotes["Ich treffe derzeit Vorkehrungen, um in den nächsten Wochen den Kontakt wiederaufzunehmen"].speaker
        == "macron"
    )
    assert quotes["Frieden darf nicht Kapitulation bedeuten"].speaker == "macron"  # a sub-heading quote
    versprach = next(s for t, s in quotes.items() if t.startswith("In den nächsten Tagen werden wir"))
    assert versprach.speaker == "macron"  # "versprach er"
    nichts_aus = next(s for t, s in quotes.items() if "grundsätzlich nichts aus" in t)
    assert nichts_aus.speaker == "merz"
    budanow = next(s for t, s in quotes.items() if t.startswith("Nicht alle Informationen"))
    assert budanow.speaker == "budanow"


def test_germany_two_positions_with_dates(shipped_base: FactBase) -> None:
    positions = [
        s
        for s in shipped_base.statements.values()
        if s.kind in ("commitment", "refusal") and ("DE" in s.countries or s.speaker in ("DE", "merz"))
    ]
    september = [s for s in positions if (s.date or "").startswith("2025-09")]
    january = [s for s in positions if (s.date or "").startswith("2026-01")]
    assert september and january
    assert any("forces_on_nato_territory" in s.contributions for s in january)
    assert not any("forces_on_nato_territory" in s.contributions for s in september)


def test_cross_article_statements_have_evidence_from_each(shipped_base: FactBase) -> None:
    sacharowa = next(
        s
        for s in shipped_base.statements.values()
        if s.kind == "quote" and s.speaker == "sacharowa" and "Intervention" in s.text
    )
    assert set(sacharowa.source_ids) == {"a001", "a004"}
    heads = next(s for s in shipped_base.statements.values() if s.kind == "figure" and "27" in s.text)
    assert {"a002", "a003"} <= set(heads.source_ids)


def test_the_ten_refusing_countries_and_nato_neighbours(shipped_base: FactBase) -> None:
    refusers = {"GR", "SK", "IT", "CY", "PL", "AT", "RO", "SI", "HR", "HU"}
    assert refusers <= set(shipped_base.countries)
    refused = {
        c
        for s in shipped_base.statements.values()
        if s.kind == "refusal"
        for c in ([s.speaker] if s.speaker in shipped_base.countries else s.countries)
    }
    assert refusers <= refused


def test_people_have_roles_and_transliterations(shipped_base: FactBase) -> None:
    people = shipped_base.people
    for person_id, alias in (
        ("selenskyj", "Zelensky"),
        ("budanow", "Budanov"),
        ("sacharowa", "Zakharova"),
        ("putin", "Vladimir Putin"),
        ("frolow", "Frolov"),
    ):
        assert any(alias in a for a in (*people[person_id].aliases, people[person_id].name_en)), person_id
    assert people["merz"].country == "DE" and "Bundeskanzler" in people["merz"].role


def test_audit_leaves_only_headings_and_boilerplate(shipped_base: FactBase) -> None:
    report = audit(shipped_base)
    uncited = [u.sentence for source in report.sources for u in source.uncited]
    assert len(uncited) <= 10, uncited
    assert all(not s.endswith(".") or s.startswith("(") or len(s) < 60 for s in uncited), uncited


def test_every_statement_has_english(shipped_base: FactBase) -> None:
    for statement in shipped_base.statements.values():
        assert statement.text_en.strip(), statement.id
        if statement.date_basis == "inferred":
            assert statement.date_note, statement.id


def test_no_file_outside_the_repo_is_a_seed() -> None:
    assert all(p.parent == REPO / "seeds" for p in Path(REPO / "seeds").iterdir())
