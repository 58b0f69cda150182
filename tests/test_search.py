"""The search engine on the shipped base: quality cases, query language, highlights, provenance."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factbrowser.core.model import FactBase
from factbrowser.search import MAX_QUERY_CHARS, Result, SearchIndex, parse_query
from factbrowser.search.records import StatementDoc

CASES_FILE = Path(__file__).with_name("search_cases.yaml")
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["cases"]
ENTITY_TYPES = {"country", "person", "organization"}
BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def index(shipped_base: FactBase) -> SearchIndex:
    return SearchIndex.build(shipped_base)


def _case_id(case: dict[str, Any]) -> str:
    return f"{case['class']}:{case['query']}"


def _current_id(base: FactBase, case: dict[str, Any]) -> str:
    """The case's statement id, or the id of the statement it became (`former_ids`)."""
    if case["type"] != "statement" or case["id"] in base.statements:
        return str(case["id"])
    return base.renamed(case["id"]) or str(case["id"])


# -- the quality cases ----------------------------------------------------------------


def test_cases_are_well_formed(shipped_base: FactBase) -> None:
    assert len(CASES) >= 80
    seen = set()
    for case in CASES:
        assert set(case) <= {"class", "query", "type", "id", "within"}, case
        assert case["type"] in ENTITY_TYPES | {"statement"}, case
        if case["type"] == "statement":
            assert _current_id(shipped_base, case) in shipped_base.statements, case
        else:
            entity = shipped_base.entity(case["id"])
            assert entity is not None and entity.type == case["type"], case
        key = (case["query"], case["type"], case["id"])
        assert key not in seen, f"duplicate case {key}"
        seen.add(key)
    classes = Counter(case["class"] for case in CASES)
    for name in (
        "exact",
        "english",
        "typo",
        "umlaut",
        "diacritics",
        "partial",
        "lowercase",
        "genitive",
        "metonym",
        "role",
        "statement",
        "statement_typo",
        "long_query",
        "rare_word",
        "gazetteer",
        "compound",
        "synonym",
        "role_person",
    ):
        assert classes[name] >= 5, f"class {name} has only {classes[name]} cases"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_case(index: SearchIndex, shipped_base: FactBase, case: dict[str, Any]) -> None:
    expected = _current_id(shipped_base, case)
    results = index.search(case["query"], limit=20)
    shown = [(r.type, r.id) for r in results[:5]]
    if case["type"] == "statement":
        within = case.get("within", 3)
        top = [(r.type, r.id) for r in results[:within]]
        assert ("statement", expected) in top, f"{case['query']!r}: not in the first {within}: {shown}"
    else:
        assert results, f"{case['query']!r}: no results"
        assert (results[0].type, results[0].id) == (case["type"], case["id"]), f"{case['query']!r}: {shown}"


# -- query language -------------------------------------------------------------------


def test_and_needs_every_word(index: SearchIndex) -> None:
    both = index.search("Rutte Prag", types=["statement"])
    assert both and all("prag" in r.matched_text.lower() or "prag" in _blob(index, r) for r in both)
    assert {r.id for r in both} <= {r.id for r in index.search("Prag", types=["statement"])}
    assert {r.id for r in both} <= {r.id for r in index.search("Rutte", types=["statement"])}
    assert len(both) < len(index.search("Rutte", types=["statement"]))
    # An entity must match every word too: Rutte is not "Rutte Prag".
    everything = index.search("Rutte Prag")
    assert all(r.type == "statement" and not r.missing for r in everything)


def test_near_misses_only_when_nothing_holds_every_word(index: SearchIndex) -> None:
    # No statement says "xyzabc": Poland's refusal of soldiers still comes first.
    results = index.search("Poland xyzabc soldiers")
    assert (results[0].id, results[0].missing) == ("sep-refusal-pl-soldaten", ("xyzabc",))
    assert all(r.missing for r in results)
    assert results[0].to_json()["missing"] == ["xyzabc"]
    assert results[0].to_json()["match"] == "partial"
    assert not any(r.missing for r in index.search("von der Leyen"))  # few full matches: no noise
    assert not any(r.missing for r in index.search("Soldaten Ukraine", limit=50))
    assert index.search("Verlegenheitsloesung") == []  # one word has nothing to drop
    assert index.search("Rutte 'xyzzy") == []  # an exact word is never dropped


def test_a_synonym_matches_below_the_word_and_says_so(index: SearchIndex) -> None:
    # The text says "rejected", the thesaurus knows "refuses" means the same.
    result = index.search("Poland refuses soldiers")[0]
    assert result.id == "sep-refusal-pl-soldaten" and not result.missing
    assert result.synonyms == ("rejected",) and result.match == "approximate"
    assert result.to_json()["synonyms"] == ["rejected"]
    # A statement saying "Waffenruhe" comes before one saying only "Waffenstillstand".
    results = index.search("Waffenruhe", types=["statement"], limit=50)
    literal = [n for n, r in enumerate(results) if not r.synonyms]
    synonym = [n for n, r in enumerate(results) if r.synonyms]
    assert literal and synonym and max(literal) < min(synonym)
    assert all(r.match == "approximate" for r in results if r.synonyms)


def test_a_long_query_never_dead_ends_while_a_word_of_it_is_in_the_base(index: SearchIndex) -> None:
    results = index.search("Ukraine Donezk Luhansk Rückzug ablehnen")
    assert "jan-claim-ua-lehnt-abzug-ab" in [r.id for r in results[:3]]
    results = index.search("Rutte Rückzug xyzzy")  # once nothing: Rutte is in the base
    assert results and all("xyzzy" in r.missing for r in results)
    assert results[0].type == "statement" and "rutte" in _blob(index, results[0])
    assert index.search("xyzzy plugh") == []  # no word of it is in the base


def test_rare_words_outweigh_common_ones(index: SearchIndex) -> None:
    # Nothing holds both: the one statement on long-range weapons beats twenty on Merz.
    results = index.search("Merz Langstreckenwaffen")
    assert results[0].id == "sep-commitment-de-langstreckenwaffen"
    assert results[0].missing == ("merz",)


ABSENT: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["absent"]


@pytest.mark.parametrize("case", ABSENT, ids=lambda case: case["query"])
def test_absent_gives_no_full_match(index: SearchIndex, case: dict[str, Any]) -> None:
    results = index.search(case["query"], limit=20)
    full = [r for r in results if r.match == "full"]
    if "not" in case:
        full = [r for r in full if r.id == case["not"]]
    assert not full, f"{case['query']!r}: {[(r.id, r.matched_text) for r in full]}"


def test_absent_cases_are_well_formed(shipped_base: FactBase) -> None:
    assert len(ABSENT) >= 10
    for case in ABSENT:
        assert set(case) <= {"class", "query", "not"}, case
        assert case.get("not", next(iter(shipped_base.statements))) in shipped_base.statements


def _docs(index: SearchIndex) -> list[StatementDoc]:
    return [index.statement_doc(number) for number in range(len(index.base.statements))]


def _blob(index: SearchIndex, result: Result) -> str:
    doc = next(d for d in _docs(index) if d.statement.id == result.id)
    return doc.blob


def test_exact_term_turns_fuzziness_off(index: SearchIndex) -> None:
    assert index.search("Selensky", limit=1)[0].id == "selenskyj"
    assert all(r.type == "statement" or r.id != "selenskyj" for r in index.search("'Selenskyy"))
    assert not index.search("'Kapitualtion")
    assert index.search("'Kapitulation", types=["statement"])[0].id == "jan-quote-macron-frieden-nicht-kapitulation"


def test_negation_excludes(index: SearchIndex) -> None:
    with_trump = {r.id for r in index.search("Macron", limit=100, types=["statement"])}
    without = {r.id for r in index.search("Macron !Trump", limit=100, types=["statement"])}
    assert without and without < with_trump
    for doc in _docs(index):
        if doc.statement.id in without:
            assert "trump" not in doc.blob
    assert not index.search("!Macron")  # nothing positive to look for


@pytest.mark.parametrize("query", ["", " ", "\t\n", "!!!", "...", "„“", "-", "'", "!", "' !", "?!", "\x00"])
def test_empty_queries_return_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_limit_and_types(index: SearchIndex) -> None:
    assert len(index.search("Ukraine", limit=3)) == 3
    assert index.search("Ukraine", limit=0) == []
    people = index.search("Wladimir", types=["person"])
    assert people and {r.type for r in people} == {"person"}
    assert {r.type for r in index.search("Paris", types=["statement"])} == {"statement"}


def test_parse_query() -> None:
    query = parse_query("!Trump 'Kiew Selensky's Groß")
    assert [(t.text, t.exact, t.negate) for t in query.terms] == [
        ("trump", False, True),
        ("kiew", True, False),
        ("selensky", False, False),
        ("gross", False, False),
    ]
    assert query.phrase == "kiew selensky gross"
    assert parse_query("Österreich").terms[0].variants() == ("osterreich", "oesterreich")
    assert parse_query("x" * 10_000).raw == "x" * MAX_QUERY_CHARS
    assert len(parse_query("a " * 100).terms) <= 8


def test_short_queries_put_entities_first(index: SearchIndex) -> None:
    results = index.search("Merz")
    assert results[0].id == "merz"
    first_statement = next(n for n, r in enumerate(results) if r.type == "statement")
    assert all(r.type != "statement" for r in results[:first_statement])


# -- highlights and sources ------------------------------------------------------------


def _covered(result: Result, text: str) -> str:
    return "".join(result.label[start:end] for start, end in result.highlights if text)


@pytest.mark.parametrize(
    ("query", "entity", "letters"),
    [
        ("Grossbritannien", "GB", "Großbritannien"),
        ("grossbritannien", "GB", "Großbritannien"),
        ("Jean-Noel", "barrot", "JeanNoël"),
        ("Osterreich", "AT", "Österreich"),
        ("Oesterreich", "AT", "Österreich"),
        ("Selensky", "selenskyj", "Selensky"),  # a prefix of the name
        ("Selenskij", "selenskyj", "Selenskyj"),  # a typo: the whole word
        ("Radoslaw", "sikorski", "Radoslaw"),
        ("Macro", "macron", "Macro"),
    ],
)
def test_highlights_cover_the_matched_letters(index: SearchIndex, query: str, entity: str, letters: str) -> None:
    result = next(r for r in index.search(query) if r.id == entity)
    covered = "".join(result.label[start:end] for start, end in result.highlights)
    assert covered.replace(" ", "").replace("-", "") == letters


def test_statement_highlights(index: SearchIndex) -> None:
    result = index.search("Frieden darf nicht Kapitulation", types=["statement"])[0]
    assert result.label == "Frieden darf nicht Kapitulation bedeuten"
    assert [result.label[s:e] for s, e in result.highlights] == ["Frieden", "darf", "nicht", "Kapitulation"]
    result = index.search("33000", types=["statement"])[0]
    assert any("33.000" in result.label[s:e] for s, e in result.highlights)
    result = index.search("zutiefst unanehmbare", types=["statement"])[0]
    assert [result.label[s:e] for s, e in result.highlights] == ["zutiefst", "unannehmbare"]


def _check_result(result: Result, base: FactBase) -> None:
    for spans, text in ((result.highlights, result.label), (result.matched_highlights, result.matched_text)):
        assert list(spans) == sorted(spans)
        for start, end in spans:
            assert 0 <= start < end <= len(text), (result, spans)
    if result.type == "statement":
        assert result.source is not None
        source = base.sources[result.source.id]
        assert result.source.file == source.file
        assert source.text[result.source.start : result.source.end] == result.source.sentence
    else:
        assert result.source is None


@pytest.mark.parametrize(
    "query",
    [
        "Macron",
        "Grossbritannien",
        "Kapitulation",
        "33.000",
        "Selensky Paris",
        "souveränes Land",
        "Kiew",
        "Jean-Noel",
        "u",
        "Weißes Haus",
        "Truppen Ukraine",
    ],
)
def test_results_are_sound(index: SearchIndex, shipped_base: FactBase, query: str) -> None:
    results = index.search(query, limit=60)
    assert results
    for result in results:
        _check_result(result, shipped_base)


def test_statement_source_offsets_are_exact_in_the_seed(index: SearchIndex, shipped_base: FactBase) -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    result = index.search("Kapitulation", types=["statement"])[0]
    assert result.source is not None
    seed = (seeds / result.source.file).read_bytes().decode("utf-8")
    assert seed[result.source.start : result.source.end] == result.source.sentence
    assert "Kapitulation" in result.source.sentence
    assert result.to_json()["source"] == {
        "id": result.source.id,
        "file": result.source.file,
        "sentence": result.source.sentence,
        "start": result.source.start,
        "end": result.source.end,
    }


# -- robustness and cost ---------------------------------------------------------------

hostile = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.sampled_from(list("!'\"*+?^$()[]{}|\\.-_ \t\n\x00\u0301\u0308\u200bßÄäöüéł中")), max_size=300),
    st.lists(
        st.sampled_from(
            ["Selensky", "!Merz", "'Kiew", "Groß", "33.000", "a", "(", "\u0308", "!", "'", "Jean-Noël", "ẞ", "İ", "ﬃ"]
        ),
        max_size=30,
    ).map(" ".join),
)


@BOUNDED
@given(hostile)
def test_any_query_is_safe(index: SearchIndex, query: str) -> None:
    for result in index.search(query, limit=15):
        for spans, text in ((result.highlights, result.label), (result.matched_highlights, result.matched_text)):
            for start, end in spans:
                assert 0 <= start < end <= len(text)


def test_long_queries_are_cut_and_answered(index: SearchIndex) -> None:
    """A 10,000-character paste is cut to MAX_QUERY_CHARS before any matching work."""
    from factbrowser.search import MAX_QUERY_CHARS, parse_query

    for query in (
        "a" * 10_000,
        "Selensky " * 1_200,
        "!x " * 4_000,
        "ä" * 10_000,
        "Frieden darf nicht Kapitulation " * 400,
        "\u0308" * 10_000,
        "ab " * 4_000,
    ):
        assert len(parse_query(query).raw) <= MAX_QUERY_CHARS
        assert isinstance(index.search(query), list)


def _crowded(shipped_base: FactBase) -> FactBase:
    """The shipped base and 3,000 politicians whose names share a few words and one role:
    every letter starts the names of hundreds of them (the dense case)."""
    import dataclasses
    import itertools

    from factbrowser.core.model import Person

    first = ["Anna", "Sabine", "Stefan", "Olaf", "Karl", "Marie", "Jürgen", "Søren", "Paul", "Greta"]
    last = ["Schröder", "Müller", "Selenski", "Kowalski", "Ostrowski", "Sauer", "Peters", "Meyer", "Graf", "Polanski"]
    people = dict(shipped_base.people)
    for number, (a, b, c) in enumerate(itertools.islice(itertools.product(first, first, last), 3000)):
        name = f"{a} {b} {c}"
        people[f"p{number}"] = Person(f"p{number}", name, name, "Politiker", "Politician", None, (f"{a} {c}",))
    return dataclasses.replace(shipped_base, people=people)


@pytest.fixture(scope="module")
def crowded(shipped_base: FactBase) -> SearchIndex:
    return SearchIndex.build(_crowded(shipped_base))


@pytest.mark.parametrize("query", ["S", "Sa", "P", "Pol", "Politiker", "M", "Mü", "K", "O", "Stefan", "Selensk", "G"])
def test_the_first_results_do_not_depend_on_how_many_are_asked_for(crowded: SearchIndex, query: str) -> None:
    """The search scores only the best candidates for a limit: the first ten of a
    thousand results are the ten results."""
    many = [(r.type, r.id, r.score) for r in crowded.search(query, limit=5000)]
    assert len(many) > 10
    for limit in (1, 3, 10, 50):
        assert [(r.type, r.id, r.score) for r in crowded.search(query, limit=limit)] == many[:limit]


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("35 Staats- und Regierungschefs", {35}),
        ("33.000 Soldaten", {33000}),
        ("33 000", {33000}),
        ("33,000 men", {33000}),
        ("1,5 Stunden", {1.5}),
        ("1.5 hours", {1.5}),
        ("40 Milliarden Euro", {40, 40e9}),
        ("5 Tausendstel", {5}),
        ("vier Brigaden", {4}),
        ("anderthalb Stunden", {1.5}),
        ("drei Millionen", {3, 3e6}),
        ("ein Gipfel", set()),  # an article, not a number
        ("Macron", set()),
    ],
)
def test_the_numbers_a_query_names(query: str, numbers: set[float]) -> None:
    from factbrowser.search.query import query_numbers

    assert query_numbers(parse_query(query)) == numbers


@pytest.mark.parametrize("query", ["Taurus", "Taurus Lieferung", "Embargo", "Öl-Embargo"])
def test_a_brand_or_a_kind_of_a_thing_is_no_synonym_of_it(index: SearchIndex, query: str) -> None:
    """The articles speak of long-range weapons and sanctions, never of Taurus or an
    embargo: no result may lack none of the query's words (a "≈ Langstreckenwaffen"
    result would say they do)."""
    assert not [r.id for r in index.search(query, limit=20) if not r.missing]
