"""The index build: postings and statement keys as if every text were folded whole.

The build splits texts into words and folds each distinct word once (`WordFolds`);
these tests hold it to the definition -- `fold_pair` of each whole text, its `_words`
(with grouped numbers such as "33 000" -> "33000") -- on the shipped base and on
statements made of awkward text.
"""

from __future__ import annotations

import dataclasses
import json
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factbrowser.core.model import FactBase, Statement
from factbrowser.core.normalize import WordFolds, fold, fold_pair, fold_twin
from factbrowser.search import SearchIndex
from factbrowser.search.records import statement_texts, words_of

# Umlauts before and after decomposition, ß, letters of the table, accents, spaces of all
# kinds, the separators the build splits at, digits for grouped numbers.
AWKWARD = st.text(
    alphabet=st.sampled_from("aAäÄöÖüÜßẞǟÿéłøØı\u0308\u0301 \u00a0\u2003\t\n,.-'_0123xyzΣς𝖠ﬁİ"), max_size=24
)
BOUNDED = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _reference_postings(base: FactBase) -> dict[str, list[int]]:
    """Word -> statement numbers, every text folded whole."""
    postings: dict[str, list[int]] = {}
    for number, statement in enumerate(base.statements.values()):
        words: set[str] = set()
        for _field, text in statement_texts(base, statement):
            plain, twin = fold_pair(text)
            words.update(words_of(plain))
            if twin is not None:
                words.update(words_of(twin))
        for word in words:
            postings.setdefault(word, []).append(number)
    return postings


def _postings(index: SearchIndex) -> dict[str, list[int]]:
    return {word: list(index.vocabulary.docs(word)) for word in index.vocabulary.words}


def _assert_built_as_defined(base: FactBase, index: SearchIndex) -> None:
    assert _postings(index) == _reference_postings(base)
    for number, statement in enumerate(base.statements.values()):
        expected = [(field, text, *fold_pair(text)) for field, text in statement_texts(base, statement)]
        keys = [(key.field, key.text, key.plain, key.twin) for key in index.statement_doc(number).keys]
        assert keys == [key for key in expected if key[2]]


def _with_texts(base: FactBase, texts: list[tuple[str, str, list[str]]]) -> FactBase:
    """The shipped base with its first statements' texts and sentences replaced."""
    originals = list(base.statements.values())
    statements: dict[str, Statement] = {}
    for number, (text, text_en, sentences) in enumerate(texts):
        model = originals[number % len(originals)]
        evidence = tuple(dataclasses.replace(model.evidence[0], sentence=s) for s in sentences) or model.evidence
        statements[f"t{number}"] = dataclasses.replace(
            model, id=f"t{number}", text=text, text_en=text_en, evidence=evidence
        )
    return FactBase(base.sources, base.countries, base.people, base.organizations, statements)


def test_shipped_base_is_indexed_as_defined(shipped_base: FactBase) -> None:
    _assert_built_as_defined(shipped_base, SearchIndex.build(shipped_base))


def test_grouped_numbers_and_twins_are_indexed_as_defined(shipped_base: FactBase) -> None:
    base = _with_texts(
        shipped_base,
        [
            ("33.000 Soldaten", "33,000 soldiers", ["Rund 33 000 Soldaten, 1 234 567 Euro."]),
            ("12 345", "x 1ä 000", ["Zahl 7\u0308 000 und 12 345 678", "Österreich 45 000"]),
            ("Grüße aus München", "Greetings", []),
            ("", "", ["A\u0308rger, O\u0308l; Jean-Noël Barrot"]),
        ],
    )
    index = SearchIndex.build(base)
    _assert_built_as_defined(base, index)
    assert {"33000", "1234567", "12345678", "45000"} <= set(index.vocabulary.words)
    assert [r.id for r in index.search("33000", types=["statement"])][:1] == ["t0"]


@BOUNDED
@given(st.lists(st.tuples(AWKWARD, AWKWARD, st.lists(AWKWARD, max_size=2)), min_size=1, max_size=6))
def test_awkward_texts_are_indexed_as_defined(shipped_base: FactBase, texts: list[tuple[str, str, list[str]]]) -> None:
    base = _with_texts(shipped_base, texts)
    _assert_built_as_defined(base, SearchIndex.build(base))


@settings(max_examples=500, deadline=None)
@given(AWKWARD | st.text(max_size=24))
def test_word_folds_pair_is_fold_pair(text: str) -> None:
    assert WordFolds().pair(text) == fold_pair(text)


def test_whitespace_folds_to_nothing() -> None:
    """`split_words` splits at whitespace: it must be a word break in every folding."""
    spaces = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert len(spaces) > 20
    for space in spaces:
        assert fold(f"a{space}b") == fold_twin(f"a{space}b") == "a b"


def test_cache_round_trip_and_old_format(shipped_base: FactBase) -> None:
    index = SearchIndex.build(shipped_base)
    payload = index.to_cache()
    blobs = {k: v for k, v in payload.items() if isinstance(v, bytes)}
    data = {**json.loads(json.dumps({k: v for k, v in payload.items() if k not in blobs})), **blobs}
    again = SearchIndex.from_cache(shipped_base, data)
    assert _postings(again) == _postings(index)
    for query in ("Macron", "Sicherheitsgar", "Oesterreich", "33.000", "Rutte Prag", "S !sagte"):
        assert [r.to_json() for r in again.search(query)] == [r.to_json() for r in index.search(query)]
    with pytest.raises(ValueError):
        SearchIndex.from_cache(shipped_base, {**data, "format": 1})
