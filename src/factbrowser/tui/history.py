"""A browser-like history: back and forward over places, bounded, one way in (`visit`).

The history stores whatever the caller calls a place; it never looks inside one. The
caller hands over the place it is leaving (`visit`) or the place it is at (`back`,
`forward`) so that returning restores the place as it was left, not as it was entered.
"""

from __future__ import annotations

from collections import deque
from typing import Generic, TypeVar

T = TypeVar("T")

LIMIT = 200  # places; far more than anyone walks back through, and a bound on memory


class History(Generic[T]):
    def __init__(self, limit: int = LIMIT) -> None:
        self._back: deque[T] = deque(maxlen=limit)
        self._forward: deque[T] = deque(maxlen=limit)

    def visit(self, leaving: T) -> None:
        """The user goes somewhere new from `leaving`: it becomes the way back."""
        if self._back and self._back[-1] == leaving:
            return  # the same place twice in a row is one step, not two
        self._back.append(leaving)
        self._forward.clear()

    def back(self, here: T) -> T | None:
        """The place to go back to (None if there is none); `here` becomes the way forward."""
        if not self._back:
            return None
        self._forward.append(here)
        return self._back.pop()

    def forward(self, here: T) -> T | None:
        if not self._forward:
            return None
        self._back.append(here)
        return self._forward.pop()

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def __len__(self) -> int:
        return len(self._back) + len(self._forward)
