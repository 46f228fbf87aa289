"""A read-only sequence of rows built on first use.

Load reports are computed for many athletes at once (the benchmark asks for 1,000 athletes with
three years of daily runs), while most callers read only a few rows of one report. The metrics
are computed eagerly as arrays; turning them into row objects waits until someone reads a row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any, TypeVar, overload

R = TypeVar("R")


class LazyRows(Sequence[R]):
    """`n` rows made by `build()` the first time one is read, then kept."""

    __slots__ = ("_build", "_n", "_rows")

    def __init__(self, n: int, build: Callable[[], tuple[R, ...]]) -> None:
        self._n = n
        self._build: Callable[[], tuple[R, ...]] | None = build
        self._rows: tuple[R, ...] | None = None

    @property
    def rows(self) -> tuple[R, ...]:
        if self._rows is None:
            assert self._build is not None
            self._rows = self._build()
            self._build = None
            if len(self._rows) != self._n:  # pragma: no cover - a bug in a builder
                raise AssertionError(f"built {len(self._rows)} rows, expected {self._n}")
        return self._rows

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, index: int) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[R, ...]: ...

    def __getitem__(self, index: int | slice) -> R | tuple[R, ...]:
        return self.rows[index]

    def __iter__(self) -> Iterator[R]:
        return iter(self.rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyRows):
            return self.rows == other.rows
        if isinstance(other, tuple):
            return self.rows == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        state = "built" if self._rows is not None else "not built"
        return f"LazyRows({self._n} rows, {state})"


def rows_of(cls: Callable[..., R], columns: Sequence[Sequence[Any]]) -> tuple[R, ...]:
    """Rows of a NamedTuple class `cls` from equal-length columns, with no per-row Python call."""
    make: Callable[[tuple[Any, ...]], R] = partial(tuple.__new__, cls)  # type: ignore[arg-type,type-var]
    return tuple(map(make, zip(*columns, strict=True)))
