"""The model's own logic: labels, who a statement is about, and the mentions it answers."""

from __future__ import annotations

from factbrowser.core.model import Country, Evidence, FactBase, Person, Source, Statement


def _evidence(source: str) -> Evidence:
    return Evidence(source, 0, 1, "x")


def _base() -> FactBase:
    sources = {
        "a1": Source("a1", "1.txt", "0" * 64, "dpa-AFX", "2025-09-05", "stated", None),
        "a2": Source("a2", "2.txt", "0" * 64, None, "2026-01", "inferred", "from the text"),
        "a3": Source("a3", "3.txt", "0" * 64, None, None, "stated", None),
    }
    countries = {"FR": Country("FR", "Frankreich", "France", ("französisch",), ("Élysée",))}
    people = {
        "macron": Person("macron", "Emmanuel Macron", "Emmanuel Macron", "Präsident", "President", "FR", ("Macron",)),
        "merz": Person("merz", "Friedrich Merz", "Friedrich Merz", "Kanzler", "Chancellor", "DE"),
    }
    statements = {
        "s1": Statement(
            "s1",
            "quote",
            "macron",
            "t",
            "t",
            (_evidence("a1"), _evidence("a2"), _evidence("a1")),
            countries=("FR",),
            people=("macron",),
        ),
        "s2": Statement("s2", "claim", None, "t", "t", (_evidence("a2"),), people=("merz",), countries=("FR",)),
    }
    return FactBase(sources, countries, people, {}, statements)


def test_source_label_says_outlet_date_and_its_basis() -> None:
    base = _base()
    assert base.sources["a1"].label == "a1 · dpa-AFX · 2025-09-05"
    assert base.sources["a2"].label == "a2 · outlet not stated · 2026-01 (inferred)"
    assert base.sources["a3"].label == "a3 · outlet not stated · undated"


def test_mentioned_puts_the_speaker_first_without_repeats() -> None:
    assert _base().statements["s1"].mentioned == ("macron", "FR")


def test_source_ids_in_order_of_first_evidence() -> None:
    assert _base().statements["s1"].source_ids == ("a1", "a2")


def test_names_include_aliases_and_metonyms() -> None:
    assert _base().countries["FR"].names == ("Frankreich", "France", "französisch", "Élysée")


def test_label_falls_back_to_the_id_and_a_dash_for_none() -> None:
    base = _base()
    assert base.label("macron") == "Emmanuel Macron"
    assert base.label("nobody") == "nobody"
    assert base.label(None) == "—"


def test_statements_about_an_entity_in_file_order() -> None:
    base = _base()
    assert [s.id for s in base.statements_about("FR")] == ["s1", "s2"]
    assert [s.id for s in base.statements_about("merz")] == ["s2"]
    assert base.statements_about("nobody") == ()


def test_people_of_a_country_include_those_in_its_statements() -> None:
    assert [p.id for p in _base().people_of("FR")] == ["macron", "merz"]


def test_mention_counts_count_each_statement_once_per_entity(shipped_base: FactBase) -> None:
    from collections import Counter

    expected: Counter[str] = Counter()
    for statement in shipped_base.statements.values():
        expected.update(statement.mentioned)
    assert shipped_base.mention_counts() == dict(expected)
