"""Entity mentions: counts checked against an independent reading of the raw seeds."""

from __future__ import annotations

import re

import pytest

from factbrowser.core.mentions import Mention, find_mentions, mention_index, terms_of
from factbrowser.core.model import Country, FactBase, Organization, Person, Source

# -- an independent count -------------------------------------------------------------
# Neither split_sentences nor the term patterns: a plain regex cuts each line of the raw
# seed after . ! ? (and a closing quote) before a capital or an opening quote, and a
# hand-written pattern per entity says what a reader would count as naming it.

_MARKER = re.compile(r"^ date \d{4}-\d{2}-\d{2} ")
_CUT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"“]))\s+(?=[„\"A-ZÄÖÜ0-9(])")

READER_PATTERNS = {
    "selenskyj": r"\bSelenskyjs?\b|\bukrainische (?:Präsident|Staatschef)\b",
    "putin": r"\bPutins?\b|\bKremlchef\b|\brussischen Machthaber\b|\bRusslands Präsident\b",
    "DE": r"\bDeutschlands?\b|\bBerlin\b|\bdeutsch(?:e|en|er|es)\b",
    "nato": r"\b(?:NATO|Nato)\b",
    "macron": r"\bMacrons?\b|\bFrankreichs Präsident\b|\bfranzösischen? (?:Staatschef|Präsidenten)\b",
}


def independent_count(base: FactBase, pattern: str) -> int:
    regex = re.compile(pattern)
    count = 0
    for source in base.sources.values():
        for line in source.text.split("\n"):
            count += sum(1 for sentence in _CUT.split(_MARKER.sub("", line)) if regex.search(sentence))
    return count


@pytest.mark.parametrize("entity_id", sorted(READER_PATTERNS))
def test_mentioned_sentences_agree_with_an_independent_count(shipped_base: FactBase, entity_id: str) -> None:
    expected = independent_count(shipped_base, READER_PATTERNS[entity_id])
    assert expected >= 5  # the reader's pattern itself finds something
    assert len(find_mentions(shipped_base, entity_id)) == expected


def test_germany_includes_the_berlin_metonym(shipped_base: FactBase) -> None:
    mentions = find_mentions(shipped_base, "DE")
    berlin = [m for m in mentions for x in m.matches if x.text == "Berlin"]
    assert len(berlin) == 4 and all(x.kind == "metonym" for m in berlin for x in m.matches if x.text == "Berlin")
    assert any(m.sentence.startswith("Aus Berlin hieß es") for m in berlin)


def test_compounds_mention_their_parts(shipped_base: FactBase) -> None:
    nato = {x.text for m in find_mentions(shipped_base, "nato") for x in m.matches}
    assert {"Nato-Staaten", "NATO-Nachbarländer"} <= nato
    # "Nato-Chef" is Rutte's title, no longer an alias of NATO: the compound still names
    # NATO by its first part.
    chef = [
        x
        for m in find_mentions(shipped_base, "nato")
        for x in m.matches
        if x.text == "Nato" and shipped_base.sources[m.source].text[x.end : x.end + 5] == "-Chef"
    ]
    assert chef
    us = [x for m in find_mentions(shipped_base, "US") for x in m.matches]
    assert any(x.text == "US" and shipped_base.sources["a001"].text[x.end : x.end + 10] == "-Präsident" for x in us)
    eu = find_mentions(shipped_base, "eu")
    assert any("EU-Kommissionspräsidentin" in m.sentence for m in eu)


def test_acronym_compound_is_a_name_of_its_own(shipped_base: FactBase) -> None:
    dpa = find_mentions(shipped_base, "dpa")
    assert [m.sentence for m in dpa] == ["Mit Informationen von dpa und reuters"]
    assert len(find_mentions(shipped_base, "dpa-afx")) == 2


def test_matches_are_exact_and_inside_their_sentence(shipped_base: FactBase) -> None:
    index = mention_index(shipped_base)
    assert set(index) == {e.id for e in shipped_base.entities()}
    for mentions in index.values():
        for mention in mentions:
            text = shipped_base.sources[mention.source].text
            assert text[mention.start : mention.end] == mention.sentence
            for match in mention.matches:
                assert mention.start <= match.start < match.end <= mention.end
                assert text[match.start : match.end] == match.text


def test_index_agrees_with_find_mentions(shipped_base: FactBase) -> None:
    index = mention_index(shipped_base)
    for entity_id in ("selenskyj", "RU", "koalition-der-willigen", "netzwerk-x", "sikorski"):
        assert index[entity_id] == find_mentions(shipped_base, entity_id)


def test_unknown_entity_raises(shipped_base: FactBase) -> None:
    with pytest.raises(KeyError):
        find_mentions(shipped_base, "nobody")


# -- the rules, on a small base built here -----------------------------------------------

TEXT = (
    " date 2026-01-06 EU und USA.\n"
    "Die Europäische Union tagt. Putins Plan und der Kremlchef. Thus eu us Eu.\n"
    "US-Präsident Trump spricht mit dpa-AFX und der EU-Kommission. Im Netzwerk X stand es.\n"
    "Wolodymyr Selenskyj sprach. Die USAF flog. Der Präsident von Putinland.\n"
)


def small_base() -> FactBase:
    source = Source("s1", "s1.txt", "0" * 64, None, None, "stated", None, TEXT)
    countries = {"US": Country("US", "USA", "United States", aliases=("US-",), metonyms=("Washington",))}
    people = {
        "putin": Person(
            "putin", "Wladimir Putin", "Vladimir Putin", "", "", None, aliases=("Putin",), epithets=("Kremlchef",)
        ),
        "selenskyj": Person(
            "selenskyj", "Wolodymyr Selenskyj", "Volodymyr Zelensky", "", "", None, aliases=("Selenskyj",)
        ),
    }
    organizations = {
        "eu": Organization("eu", "Europäische Union", "European Union", aliases=("EU",)),
        "dpa": Organization("dpa", "dpa", "dpa"),
        "x": Organization("x", "Netzwerk X", "X", aliases=("X",)),
    }
    return FactBase({"s1": source}, countries, people, organizations, {})


def texts(mentions: list[Mention]) -> list[list[str]]:
    return [[x.text for x in m.matches] for m in mentions]


def test_short_all_caps_terms_are_case_sensitive_and_whole_words() -> None:
    # "EU" as written, alone or as a compound part; never "eu", "Eu" or "us" in "Thus".
    eu = find_mentions(small_base(), "eu")
    assert texts(eu) == [["EU"], ["Europäische Union"], ["EU"]]
    assert all("Thus" not in m.sentence for m in eu)


def test_date_marker_is_no_sentence_but_what_follows_is() -> None:
    us = find_mentions(small_base(), "US")
    assert us[0].sentence == "EU und USA."
    assert us[0].start == TEXT.index("EU und")


def test_genitive_epithet_prefix_alias_and_longest_name() -> None:
    base = small_base()
    assert texts(find_mentions(base, "putin")) == [["Putins", "Kremlchef"]]  # not Putinland
    assert [x.kind for x in find_mentions(base, "putin")[0].matches] == ["alias", "epithet"]
    assert texts(find_mentions(base, "US")) == [["USA"], ["US"]]  # US-Präsident; not USAF
    assert texts(find_mentions(base, "selenskyj")) == [["Wolodymyr Selenskyj"]]
    assert texts(find_mentions(base, "dpa")) == []  # dpa-AFX
    assert texts(find_mentions(base, "x")) == [["Netzwerk X"]]


def test_terms_of_lists_each_term_once_with_its_kind() -> None:
    person = small_base().people["putin"]
    assert [(t.text, t.kind) for t in terms_of(person)] == [
        ("Wladimir Putin", "name"),
        ("Vladimir Putin", "name"),
        ("Putin", "alias"),
        ("Kremlchef", "epithet"),
    ]
