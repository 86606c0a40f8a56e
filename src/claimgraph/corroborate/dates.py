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


def index_period(date: str | None) -> str:
    """The period a clustered event is indexed under: ``YYYY-MM``, ``YYYY`` or ``-`` (undated)."""
    s = span(date)
    if s is None:
        return "-"
    first = dt.date.fromordinal(s[0])
    return f"{first.year:04d}" if s[2] == YEAR else f"{first.year:04d}-{first.month:02d}"


def lookup_periods(date: str | None) -> list[str]:
    """Every index period under which a compatible cluster member may be indexed."""
    s = span(date)
    if s is None:
        return ["-"]
    lo, hi, precision = s
    first = dt.date.fromordinal(lo)
    if precision == YEAR:
        return [f"{first.year:04d}"] + [f"{first.year:04d}-{m:02d}" for m in range(1, 13)]
    if precision == MONTH:
        return [f"{first.year:04d}-{first.month:02d}", f"{first.year:04d}"]
    out: dict[str, None] = {}
    for d in (lo - DATE_TOLERANCE_DAYS, lo, hi + DATE_TOLERANCE_DAYS):
        day = dt.date.fromordinal(d)
        out[f"{day.year:04d}-{day.month:02d}"] = None
        out[f"{day.year:04d}"] = None
    return list(out)


def window(date: str | None) -> tuple[int, int] | None:
    """The days a cluster containing this date may cover: a day date widened by the tolerance."""
    s = span(date)
    if s is None:
        return None
    if s[2] == DAY:
        return s[0] - DATE_TOLERANCE_DAYS, s[1] + DATE_TOLERANCE_DAYS
    return s[0], s[1]
