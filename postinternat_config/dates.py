"""Dates as the texts give them: a day, a month with a qualifier, or a season of a year.

A fuzzy date is read as the interval of days it may mean ("fin mars 2025" is 21–31 March 2025),
so that order checks only complain when two events are certainly in the wrong order.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from .formatting import MOIS, day_words

_SEASONS = {"printemps": (3, 20, 6, 20), "ete": (6, 21, 9, 22), "automne": (9, 23, 12, 20), "hiver": (12, 21, 3, 19)}


_DATES: dict[str, date | None] = {}


def parse(value: Any) -> date | None:
    """A ``YYYY-MM-DD`` text as a date (None if it is not a real day); remembered, since the same
    dates are read by many conditions of many dispositifs (the evaluation's hot path)."""
    if not isinstance(value, str):
        return None
    found = _DATES.get(value, _DATES)
    if found is not _DATES:
        return found  # type: ignore[return-value]
    try:
        day: date | None = date.fromisoformat(value)
    except ValueError:
        day = None
    if len(_DATES) < 100_000:
        _DATES[value] = day
    return day


parse_date = parse


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), on the month's last day when it is shorter."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_MONTHS_LATER: dict[tuple[date, int], date] = {}


def months_later(day: date, months: int) -> date:
    """:func:`add_months`, remembered (the hot path asks the same questions many times)."""
    key = (day, months)
    found = _MONTHS_LATER.get(key)
    if found is None:
        found = add_months(day, months)
        if len(_MONTHS_LATER) < 100_000:
            _MONTHS_LATER[key] = found
    return found


_INTERVALS: dict[tuple[Any, ...], tuple[date, date] | None] = {}
_FIELDS = ("date", "mois", "annee", "saison", "precision")


def interval(value: Any) -> tuple[date, date] | None:
    """The first and last day a fuzzy date may mean, or None if it cannot be read (remembered per
    distinct date: an evaluation run reads the same campaign dates for every candidate)."""
    if not isinstance(value, dict):
        return None
    try:
        key = tuple((type(v), v) for v in (value.get(name) for name in _FIELDS))  # 2025.0 is no year, 2025 is
        hash(key)
    except TypeError:  # a list where a date is expected: the schema reports it
        key = None
    if key is not None and key in _INTERVALS:
        return _INTERVALS[key]
    try:
        found = _interval(value)
    except (ValueError, OverflowError):  # a year out of range: the schema reports the value
        found = None
    if key is not None and len(_INTERVALS) < 100_000:
        _INTERVALS[key] = found
    return found


def _interval(value: Any) -> tuple[date, date] | None:
    if not isinstance(value, dict):
        return None
    precision = value.get("precision")
    if "date" in value:
        day = parse_date(value["date"])
        if day is None:
            return None
        if precision == "avant":
            return (date.min, day - timedelta(days=1))
        return (day, day)
    if "mois" in value:
        try:
            year, month = (int(x) for x in str(value["mois"]).split("-"))
            last = calendar.monthrange(year, month)[1]
        except (ValueError, calendar.IllegalMonthError):
            return None
        first_day, last_day = 1, last
        if precision == "debut":
            last_day = 10
        elif precision == "mi":
            first_day, last_day = 11, 20
        elif precision == "fin":
            first_day = 21
        start, end = date(year, month, first_day), date(year, month, last_day)
        if precision == "avant":
            return (date.min, date(year, month, 1) - timedelta(days=1))
        return (start, end)
    if "annee" in value and isinstance(value["annee"], int):
        year = value["annee"]
        season = value.get("saison")
        if season in _SEASONS:
            m1, d1, m2, d2 = _SEASONS[season]
            start = date(year, m1, d1)
            end = date(year + 1 if season == "hiver" else year, m2, d2)
            if precision == "avant":
                return (date.min, start - timedelta(days=1))
            return (start, end)
        return (date(year, 1, 1), date(year, 12, 31))
    return None


def describe(value: Any) -> str:
    """A fuzzy date in French words: "14 février 2025", "fin mars 2025", "printemps 2025"."""
    if not isinstance(value, dict):
        return str(value)
    from .labels import label

    precision = value.get("precision")
    word = label("precision", precision, "") if precision else ""
    prefix = word if not word or word.endswith("-") else word + " "  # « fin mars », « mi-mars »
    if "date" in value:
        day = parse_date(value["date"])
        if day is None:
            return str(value["date"])
        return prefix + day_words(day)
    if "mois" in value:
        try:
            year, month = (int(x) for x in str(value["mois"]).split("-"))
            return f"{prefix}{MOIS[month - 1]} {year}"
        except (ValueError, IndexError):
            return str(value["mois"])
    if "annee" in value:
        season = value.get("saison")
        if season:
            word = label("saison", season)
            if value.get("precision") == "avant":
                return f"avant l'{word} {value['annee']}" if word[0] in "aeé" else f"avant le {word} {value['annee']}"
            return f"{word} {value['annee']}"
        return f"{prefix}{value['annee']}"
    return "?"
