"""Where a query's words stand in a record's keys: the best key to show, and how close
together (and how much in the statement's own fields) the words stand."""

from __future__ import annotations

from itertools import chain

from factbrowser.search.records import Key, word_positions
from factbrowser.search.vocabulary import Match

# Fields that are the statement itself (what was said, and by whom), as opposed to the
# evidence sentence, which often reports several facts at once (ten countries' refusals).
OWN_FIELDS = frozenset({"text", "text_en", "speaker"})


def in_own_fields(keys: tuple[Key, ...], words: dict[str, Match]) -> bool:
    """Whether a query word occurs in the statement itself, not only in its evidence."""
    for key in keys:
        if key.field in OWN_FIELDS:
            for variant in key.variants():
                if word_positions(variant).keys() & words.keys():
                    return True
    return False


def best_key(keys: tuple[Key, ...], matched: list[dict[str, Match]]) -> tuple[Key, float]:
    """The key holding the most query words, closest together; and a closeness in 0..1.

    The closeness is half how near the words stand in the best key, half how many of
    them the statement's own fields hold (text, translation, speaker).
    """
    best: tuple[int, float, float] = (-1, 0.0, 0.0)
    best_key = keys[0]
    own: set[int] = set()
    for key in keys:
        for variant in key.variants():
            where = word_positions(variant)
            positions: list[list[int]] = []
            quality = 0.0
            for number, words in enumerate(matched):
                common = where.keys() & words.keys()  # walks the smaller of the two
                if common:
                    positions.append(sorted(chain.from_iterable(where[token] for token in common)))
                    quality += max(words[token][1] for token in common)
                    if key.field in OWN_FIELDS:
                        own.add(number)
            present = len(positions)
            if not present or present < best[0]:
                continue  # fewer words than the best key so far: it cannot be the best
            candidate = (present, present / len(matched) * _closeness(positions), quality)
            if candidate > best:
                best, best_key = candidate, key
    return best_key, 0.5 * best[1] + 0.5 * len(own) / len(matched)


def first_key(keys: tuple[Key, ...], words: dict[str, Match], target: float) -> Key:
    """For one query word: the first key where it matches as well as it does anywhere."""
    best: tuple[float, Key] = (-1.0, keys[0])
    for key in keys:
        for variant in key.variants():
            quality = max((words[token][1] for token in word_positions(variant).keys() & words.keys()), default=-1.0)
            if quality >= target:
                return key
            if quality > best[0]:
                best = (quality, key)
    return best[1]


def _closeness(positions: list[list[int]]) -> float:
    """1.0 when the words stand next to each other in query order, less the further apart."""
    if len(positions) < 2:
        return 1.0
    in_order = 0.0
    previous = min(positions[0])
    for found in positions[1:]:
        after = [p for p in found if p > previous]
        if not after:
            break
        previous = min(after)
        in_order += 1.0
    # The smallest window holding one position of every word.
    events = sorted((p, n) for n, found in enumerate(positions) for p in found[:20])
    need = len(positions)
    counts: dict[int, int] = {}
    window = 10**9
    left = 0
    for position, number in events:
        counts[number] = counts.get(number, 0) + 1
        while len(counts) == need:
            left_position, left_number = events[left]
            window = min(window, position - left_position + 1)
            counts[left_number] -= 1
            if not counts[left_number]:
                del counts[left_number]
            left += 1
    compactness = need / window if window < 10**9 else 0.0
    return 0.7 * compactness + 0.3 * in_order / (need - 1)
