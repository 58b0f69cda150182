"""The search aids shipped as data (gazetteer, thesaurus, stop words) and the matching
rules around them: negations, function words, compounds, partial ranking."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from factbrowser.core.model import FactBase
from factbrowser.core.normalize import fold
from factbrowser.search import SearchIndex
from factbrowser.search.aids import _DATA, load_aids
from factbrowser.search.expand import content_query, expand, split_compound
from factbrowser.search.partial import CANDIDATES, best_partial
from factbrowser.search.query import Term, parse_query
from factbrowser.search.vocabulary import EXACT, FUZZY, Vocabulary, may_confuse


def test_every_gazetteer_entry_is_an_entity_of_the_shipped_base(shipped_base: FactBase) -> None:
    data = yaml.safe_load((_DATA / "gazetteer.yaml").read_text(encoding="utf-8"))
    assert set(data) <= {entity.id for entity in shipped_base.entities()}
    countries = {entity.id for entity in shipped_base.entities() if entity.type == "country"}
    assert countries <= set(data), "every country has its capital, demonyms and adjectives"
    for entity_id in countries:
        assert {"places", "demonyms", "adjectives_de"} <= set(data[entity_id]), entity_id


def test_german_adjectives_get_their_endings() -> None:
    keys = dict.fromkeys(text for _, text in load_aids().gazetteer["US"])
    assert {"amerikanisch", "amerikanische", "amerikanischen", "amerikanischer"} <= set(keys)


def test_the_aids_create_no_mention(shipped_base: FactBase) -> None:
    # Search keys only: the base's entities keep their own names and aliases.
    before = {entity.id: tuple(entity.aliases) for entity in shipped_base.entities()}
    index = SearchIndex.build(shipped_base)
    assert {entity.id: tuple(entity.aliases) for entity in shipped_base.entities()} == before
    assert not any("Warschau" in aliases for aliases in before.values())
    assert index.search("Warschau")[0].id == "PL"


def test_thesaurus_groups_are_sets_of_words() -> None:
    data = yaml.safe_load((_DATA / "thesaurus.yaml").read_text(encoding="utf-8"))
    for group in data["groups"]:
        assert len(group) >= 2 and len(set(group)) == len(group), group
    aids = load_aids()
    assert {"waffenstillstand", "feuerpause", "ceasefire", "truce"} <= aids.synonyms_of("waffenruhe")
    assert "waffenruhe" not in aids.synonyms_of("waffenruhe")
    assert "absage" in aids.synonyms_of("verweigerte")  # an ending the group does not list


def test_stop_words_are_not_required_but_an_exact_one_is() -> None:
    assert [t.text for t in content_query(parse_query("Merz does not rule out")).positive] == ["merz", "rule"]
    assert [t.text for t in content_query(parse_query("von der")).positive] == ["von", "der"]  # nothing else
    assert [t.text for t in content_query(parse_query("'der Merz")).positive] == ["der", "merz"]


def test_stop_words_do_not_use_up_the_query() -> None:
    query = parse_query("die Ukraine will ihre Truppen nicht aus dem Osten abziehen")
    assert {"osten", "abziehen"} <= {t.text for t in query.terms}


def test_no_look_alike_across_a_negation_or_of_a_function_word() -> None:
    assert not may_confuse("ungeklart", "geklart")
    assert not may_confuse("geklart", "ungeklart")
    assert not may_confuse("scholz", "schon")  # a function word
    assert not may_confuse("biden", "boden")  # one letter for another in a short word
    assert may_confuse("mertz", "merz")  # a letter too many
    assert may_confuse("stramer", "starmer")  # two letters swapped
    vocabulary = Vocabulary.of({"geklart": [0], "ungeklart": [1], "schon": [2]})
    assert "ungeklart" not in vocabulary.matches("geklart")  # nor as a piece of a compound
    assert "geklart" not in vocabulary.matches("ungeklart")
    assert "schon" not in vocabulary.matches("scholz")


def test_compounds_split_into_the_vocabularys_words() -> None:
    vocabulary = Vocabulary.of({w: [0] for w in ("luft", "unterstutzung", "sicherheit", "garantien", "einsatz")})
    assert _texts(split_compound(vocabulary, Term("luftunterstutzung"))) == ("luft", "unterstutzung")
    assert _texts(split_compound(vocabulary, Term("sicherheitsgarantien"))) == ("sicherheit", "garantien")
    assert split_compound(vocabulary, Term("einsatz")) is None  # a word of its own
    assert split_compound(vocabulary, Term("einsatzgarantien", exact=True)) is None
    assert split_compound(vocabulary, Term("luftschloss")) is None  # "schloss" is not a word here


def test_a_compound_the_thesaurus_knows_stays_whole() -> None:
    # "Frontlinie" would split into front|linie; the thesaurus knows it as a whole.
    vocabulary = Vocabulary.of({w: [0] for w in ("front", "linie", "waffenstillstandslinie", "wieder", "aufbau")})
    assert _texts(split_compound(vocabulary, Term("frontlinie"))) == ("front", "linie")
    expanded = expand(vocabulary, parse_query("Frontlinie"))
    assert [t.text for t in expanded.query.positive] == ["frontlinie"]
    assert "waffenstillstandslinie" in expanded.matched[0]
    # Known whole, but none of its words is in the vocabulary: split as before.
    assert [t.text for t in expand(vocabulary, parse_query("Wiederaufbau")).query.positive] == ["wieder", "aufbau"]


def _texts(terms: tuple[Term, Term] | None) -> tuple[str, ...] | None:
    return None if terms is None else tuple(t.text for t in terms)


def test_partial_ranking_weighs_rare_words_more() -> None:
    common = list(range(100))
    vocabulary = Vocabulary.of({"merz": common, "langstreckenwaffen": [150]})
    matched = [{"merz": (EXACT, 100.0)}, {"langstreckenwaffen": (EXACT, 100.0)}]
    first = best_partial(vocabulary, matched, [0.5, 4.0])[0]
    assert (first.doc, first.present) == (150, 0b10)
    assert [p.doc for p in best_partial(vocabulary, matched, [0.5, 4.0], required=0b01)][:1] == [0]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 600), min_size=1, max_size=400), min_size=1, max_size=5),
    st.lists(st.floats(0.1, 5.0), min_size=5, max_size=5),
)
def test_partial_scores_the_best_candidates_as_a_full_scan_would(
    postings: list[list[int]], weights: list[float]
) -> None:
    # MaxScore stops walking the commoner terms' postings; the best scores must not change.
    words = {f"w{n}": sorted(set(docs)) for n, docs in enumerate(postings)}
    vocabulary = Vocabulary.of(words)
    matched = [{word: (FUZZY if n % 2 else EXACT, 90.0 if n % 2 else 100.0)} for n, word in enumerate(words)]
    weights = weights[: len(words)]
    fast = best_partial(vocabulary, matched, weights)
    full: dict[int, float] = {}
    for (word, docs), weight, match in zip(words.items(), weights, matched, strict=True):
        for doc in docs:
            full[doc] = full.get(doc, 0.0) + weight * match[word][1] / 100.0
    total = sum(weights)
    expected = sorted((100.0 * score / total for score in full.values()), reverse=True)[:CANDIDATES]
    assert [round(p.score, 6) for p in fast] == [round(score, 6) for score in expected]


def test_folded_stop_words() -> None:
    assert all(word == fold(word) for word in load_aids().stop_words)


def test_partial_stops_walking_common_words_and_keeps_the_best() -> None:
    # A heavy word in 300 records, light ones in thousands: once the heavy word has been
    # walked, the light ones only probe the candidates, and the order is a full scan's.
    words = {"rare": list(range(0, 600, 2)), "common": list(range(3000)), "often": list(range(0, 3000, 3))}
    vocabulary = Vocabulary.of(words)
    matched = [{word: (EXACT, 100.0)} for word in words]
    fast = best_partial(vocabulary, matched, [10.0, 0.1, 0.2])
    expected = sorted(range(3000), key=lambda d: -(10.0 * (d in words["rare"]) + 0.1 + 0.2 * (d % 3 == 0)))
    assert [p.doc for p in fast[:50]] == sorted(expected[:50], key=lambda d: (-(d % 3 == 0), d))[:50]
    assert fast[0].present == 0b111


def test_another_form_of_a_word_matches_above_a_typo() -> None:
    from factbrowser.search.vocabulary import FUZZY, SUBSTRING, Vocabulary

    vocabulary = Vocabulary(sorted(["uberwachung", "uberwacht", "monitoring", "guarantees", "ablehnung", "ablenkung"]))
    vocabulary.stemmed = True
    found = vocabulary.matches("uberwachen")
    assert found["uberwachung"][0] == SUBSTRING  # de: uberwach
    assert vocabulary.matches("monitors")["monitoring"][0] == SUBSTRING  # en: monitor
    assert vocabulary.matches("ablehnen")["ablehnung"][0] == SUBSTRING
    assert vocabulary.matches("ablehnen").get("ablenkung", (FUZZY, 0.0))[0] == FUZZY  # only looks alike
    names = Vocabulary(["uberwachung"])  # names are not stemmed: "Müllers" is no other form of "Müller"
    assert names.matches("uberwachen").get("uberwachung", (FUZZY, 0.0))[0] == FUZZY
