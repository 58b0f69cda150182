"""Records that hold only some of a query's words, ranked by how rare those words are.

When no record holds every word, a record holding the rare ones beats one holding the
common ones ("Merz Langstreckenwaffen": the statement about long-range weapons before
twenty that only name Merz). Each term weighs its inverse document frequency (BM25's,
with the term's best match quality standing in for its frequency: postings are sets), and
only the best candidates are scored: terms are taken rarest first, and once no record
outside the best candidates could still reach them, the commoner terms only add to those
candidates (MaxScore), so that a word held by thousands of records costs a look-up per
candidate, not a walk over its postings.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass

from factbrowser.search.vocabulary import Match, Vocabulary

CANDIDATES = 200


@dataclass(frozen=True, slots=True)
class Partial:
    score: float  # 0..100: the share of the query's weight the record holds, times quality
    doc: int
    present: int  # bit n: the record holds term n
    tier: int  # the worst tier of the terms it holds


def term_weights(
    vocabulary: Vocabulary, matched: list[dict[str, Match]], synonyms: Sequence[frozenset[str]], total: int
) -> list[float]:
    """Per term, its idf: log(1 + (N - df + 0.5) / (df + 0.5)), df counted over the words it
    matches literally (its synonyms do not make a rare word common)."""
    weights = []
    for words, only_synonyms in zip(matched, synonyms, strict=True):
        literal = [word for word in words if word not in only_synonyms] or list(words)
        df = min(total, sum(vocabulary.count(word) for word in literal))
        weights.append(0.0 if df == 0 else math.log(1.0 + (total - df + 0.5) / (df + 0.5)))
    return weights


def best_partial(
    vocabulary: Vocabulary, matched: list[dict[str, Match]], weights: list[float], required: int = 0
) -> list[Partial]:
    """The `CANDIDATES` best records holding any term (and every term of the mask
    `required`), best first."""
    scores: dict[int, float] = {}
    present: dict[int, int] = {}
    tiers: dict[int, int] = {}
    remaining = sum(weights)
    total = remaining or 1.0
    for number in sorted(range(len(matched)), key=lambda n: -weights[n]):
        weight = weights[number]
        if weight <= 0.0:
            continue
        kth = _kth(scores) if len(scores) > CANDIDATES else -1.0
        closed = kth >= remaining  # a record not reached yet cannot beat the best candidates
        # ... nor can one that even every remaining term would leave below them.
        candidates = [doc for doc, score in scores.items() if score + remaining > kth] if closed else []
        seen: set[int] = set()
        for (tier, quality), words in match_groups(matched[number]):
            gain = weight * quality / 100.0
            if closed:
                found = [d for d in candidates if d not in seen and any(vocabulary.holds(w, d) for w in words)]
            else:
                found = [d for word in words for d in vocabulary.docs(word) if d not in seen]
            for doc in found:
                if doc in seen:
                    continue
                seen.add(doc)
                scores[doc] = scores.get(doc, 0.0) + gain
                present[doc] = present.get(doc, 0) | 1 << number
                tiers[doc] = min(tiers.get(doc, tier), tier)
        remaining -= weight
    kept = [doc for doc in scores if present[doc] & required == required]
    best = heapq.nlargest(CANDIDATES, kept, key=lambda doc: (scores[doc], -doc))
    return [Partial(100.0 * scores[doc] / total, doc, present[doc], tiers[doc]) for doc in best]


def _kth(scores: dict[int, float]) -> float:
    return heapq.nlargest(CANDIDATES, scores.values())[-1]


def match_groups(words: dict[str, Match]) -> list[tuple[Match, list[str]]]:
    """The matched words grouped by how well they match, best first."""
    groups: dict[Match, list[str]] = {}
    for word, match in words.items():
        groups.setdefault(match, []).append(word)
    return sorted(groups.items(), reverse=True)
