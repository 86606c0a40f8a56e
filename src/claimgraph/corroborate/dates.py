"""Partial ISO dates as day ranges, for deciding whether two reports can be the same event."""

from __future__ import annotations

import calendar
import datetime as dt
import re

DATE_TOLERANCE_DAYS = 1
"""Two day-precision dates at most this many days apart may be the same event.

One day absorbs time zones, overnight events ("late on Saturday" / "early on Sunday") and
"yesterday" resolved against a publication date a day off. Within a cluster such dates are still
reported as a ``date`` contradiction.
"""

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

DAY, MONTH, YEAR, NONE = 0, 1, 2, 3
"""Precision ranks: smaller is more precise."""


def span(date: str | None) -> tuple[int, int, int] | None:
    """``(first day, last day, precision)`` of a partial ISO date as proleptic ordinals.

    ``None`` for a missing or malformed date (it is then treated as undated).
    """
    if not date:
        return None
    m = _PARTIAL.match(date.strip()[:10])
    if m is None:
        return None
    try:
        year = int(m[1])
        if m[3]:
            day = dt.date(year, int(m[2]), int(m[3])).toordinal()
            return day, day, DAY
        if m[2]:
            month = int(m[2])
            last = calendar.monthrange(year, month)[1]
            return (
                dt.date(year, month, 1).toordinal(),
                dt.date(year, month, last).toordinal(),
                MONTH,
            )
        return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal(), YEAR
    except ValueError:
        return None


def covering(date: str | None, end: str | None) -> str | None:
    """The partial date that covers a range ("this week": 2019-12-30 to 2020-01-02): its common
    month or year, else None. Corroboration compares single partial dates; a range is never
    taken for the day it starts on."""
    if not date or not end:
        return date
    if date[:7] == end[:7] and len(date) >= 7:
        return date[:7]
    if date[:4] == end[:4]:
        return date[:4]
    return None


def iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def ordinal(day: str) -> int:
    return dt.date.fromisoformat(day).toordinal()


Span = tuple[int, int, int]
"""(first day, last day, precision) as proleptic ordinals."""


def range_span(date: str | None, end: str | None) -> Span | None:
    """The days a date or a date range covers. A range ("this week", "1980-1988") keeps its own
    bounds; it is as precise as a month when it spans at most a month, else as a year."""
    first = span(date)
    if first is None or not end:
        return first
    last = span(end)
    if last is None or last[1] < first[0]:
        return first
    lo, hi = first[0], last[1]
    if lo == hi:
        return lo, hi, DAY
    return lo, hi, MONTH if hi - lo <= 31 else YEAR


def _months(lo: int, hi: int) -> list[str]:
    out: list[str] = []
    day = dt.date.fromordinal(lo)
    y, m = day.year, day.month
    last = dt.date.fromordinal(hi)
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _years(lo: int, hi: int) -> list[str]:
    return [
        f"{y:04d}" for y in range(dt.date.fromordinal(lo).year, dt.date.fromordinal(hi).year + 1)
    ]


def index_periods(s: Span | None) -> list[str]:
    """The periods a clustered event is indexed under: the months it covers (``YYYY-MM``), or the
    years for year-precision dates and long ranges (``YYYY``), or ``-`` when undated."""
    if s is None:
        return ["-"]
    lo, hi, precision = s
    return _years(lo, hi) if precision == YEAR else _months(lo, hi)


def lookup_periods(s: Span | None) -> list[str]:
    """Every index period under which a compatible cluster member may be indexed."""
    if s is None:
        return ["-"]
    lo, hi, precision = s
    if precision == DAY:
        lo, hi = lo - DATE_TOLERANCE_DAYS, hi + DATE_TOLERANCE_DAYS
    out = dict.fromkeys(_months(lo, hi) + _years(lo, hi))
    if precision == YEAR:
        out.update(dict.fromkeys(m for y in _years(lo, hi) for m in _months(*_year_days(int(y)))))
    return list(out)


def _year_days(year: int) -> tuple[int, int]:
    return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()


def window(s: Span | None) -> tuple[int, int] | None:
    """The days a cluster containing this span may cover: a day widened by the tolerance."""
    if s is None:
        return None
    if s[2] == DAY:
        return s[0] - DATE_TOLERANCE_DAYS, s[1] + DATE_TOLERANCE_DAYS
    return s[0], s[1]
