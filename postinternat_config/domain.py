"""The domain, typed: thin read-only wrappers over the validated data, so that each fact of the
model is computed in one place.

- :func:`value_at` / :func:`item_at`: a dated value (a plain value or a series ``{valeurs: [{depuis,
  jusqu_au, valeur}]}``) read at a date, as OpenFisca's ``parameters/at_instant_like`` reads a
  parameter at an instant;
- :class:`Campaign`: a campaign's years, the dispositifs it opens, the start dates it recruits for,
  its **reference date** (the one rule: ``date_reference``, else its first start date, else the 1st
  of January of its first year — what the schema promises the editors) and the day its
  recruitment is over;
- :func:`application_state`: whether a campaign still takes applications for a dispositif at a date
  (announced, open, running without a dated deadline, closed), from its deadline, its selection
  steps and its end;
- :func:`latest_campaign_opening`: the campaign a dispositif is read in when none is named (the
  most recent one that opens it);
- :class:`Region`: one validated region: its name, its campaigns, its sources merged with the
  national ones (the region's own win), its dispositifs after inheritance;
- :func:`lieu_labels`: a dispositif's lieu labels by role.

The wrappers read the dicts lazily and hold nothing else: building one costs an object, so the
evaluation's hot path can use them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from .dates import interval, parse

if TYPE_CHECKING:
    from .context import Context
    from .yamlload import Document


# -- dated values ----------------------------------------------------------------------------


def is_series(value: Any) -> bool:
    """True for a dated series: ``{valeurs: [{depuis: ..., valeur: ...}, ...]}``."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("valeurs"), list)
        and bool(value["valeurs"])
        and all(isinstance(v, dict) and "depuis" in v for v in value["valeurs"])
    )


def item_at(series: Mapping[str, Any], when: date) -> dict[str, Any] | None:
    """The entry of a dated series in force at ``when`` (the last one that covers it), or None."""
    current = None
    for item in series["valeurs"]:
        start = parse(item.get("depuis"))
        end = parse(item.get("jusqu_au"))
        if start is not None and start <= when and (end is None or when <= end):
            current = item
    return current


def value_at(value: Any, when: date | None) -> Any:
    """A plain value, or the value of a dated series in force at ``when`` (None if none is, or
    if there is no date to read it at)."""
    if not isinstance(value, dict) or "valeurs" not in value:
        return value
    if when is None:
        return None
    item = item_at(value, when)
    return item["valeur"] if item is not None else None


# -- campaigns -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Campaign:
    """A campaign, in its YAML form (``campagnes/<id>.yaml``) or its rulebook form (``export
    rules``: the start dates at the top, the dispositifs as ids)."""

    data: Mapping[str, Any]

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def first_year(self) -> int:
        return int(self.id[:4])

    @property
    def last_year(self) -> int:
        return int(self.id[-4:])

    @property
    def years(self) -> range:
        """The years of its period ("2025" → 2025; "2025-2027" → 2025, 2026, 2027)."""
        return range(self.first_year, self.last_year + 1)

    @property
    def calendar(self) -> Mapping[str, Any]:
        cal = self.data.get("calendrier")
        return cal if isinstance(cal, dict) else self.data  # the rulebook form has no calendrier block

    @property
    def starts(self) -> list[Any]:
        """Its start dates (fuzzy dates), as the texts give them."""
        return list(self.calendar.get("prises_de_poste") or [])

    @property
    def dispositifs(self) -> frozenset[str]:
        """The ids of the dispositifs it opens."""
        return frozenset(d["id"] if isinstance(d, dict) else d for d in self.data.get("dispositifs") or [])

    def opens(self, dispositif: str) -> bool:
        return dispositif in self.dispositifs

    def not_applicable(self, dispositif: str) -> frozenset[str]:
        """The calendar elements (date_limite, prises_de_poste...) that the campaign file says do not
        apply to this dispositif (``calendrier_non_applicable`` of its entry), with their source."""
        for entry in self.data.get("dispositifs") or []:
            if isinstance(entry, dict) and entry.get("id") == dispositif:
                return frozenset((entry.get("calendrier_non_applicable") or {}).get("elements") or [])
        return frozenset()

    def calendar_for(self, dispositif: str) -> dict[str, Any]:
        """The calendar as it applies to one dispositif: without the elements that do not apply to it.
        Every reader of a dispositif's dates goes through here (compare, site pages, rulebook)."""
        skip = self.not_applicable(dispositif)
        return {key: value for key, value in self.calendar.items() if key not in skip}

    def channel_for(self, dispositif: str) -> Mapping[str, Any] | None:
        """The campaign's application channel (``candidature``), when it applies to this dispositif."""
        channel = self.data.get("candidature")
        if not isinstance(channel, dict):
            return None
        named = channel.get("dispositifs")
        return channel if not named or dispositif in named else None

    def rules_for(self, dispositif: str) -> list[dict[str, Any]]:
        """The campaign's own rules (``regles``) that apply to one dispositif: those that name it in
        ``dispositifs``, and those that name none (they apply to the whole campaign). Every reader of
        a dispositif's campaign rules goes through here (site, compare, rulebook, evaluate)."""
        return [
            rule
            for rule in self.data.get("regles") or []
            if isinstance(rule, dict) and (not rule.get("dispositifs") or dispositif in rule["dispositifs"])
        ]

    def reference_date(self) -> date:
        """The date its dated values (amounts, percentages) are read at: ``date_reference`` when
        given, else its first start date, else the 1st of January of its first year."""
        given = parse(self.data.get("date_reference"))
        if given is not None:
            return given
        starts = [span[0] for span in (interval(s) for s in self.starts) if span is not None and span[0] != date.min]
        if starts:
            return min(starts)
        return date(self.first_year, 1, 1)

    def covers(self, start: date) -> bool:
        """True if it recruits for a start on that day: within one of its start dates when it lists
        them, otherwise within its years (a one-year campaign also covers the next year's starts)."""
        spans = [s for s in (interval(p) for p in self.starts) if s is not None]
        if spans:
            return any(first <= start <= last for first, last in spans)
        first_year, last_year = self.first_year, self.last_year
        return first_year <= start.year <= last_year + (1 if first_year == last_year else 0)

    def end(self) -> date:
        """When its recruitment is over: its last dated step (the end of the contracts aside), and
        not before the end of its period when it spans several years."""
        return self.end_step()[0]

    def end_step(self) -> tuple[date, Any | None]:
        """``end()`` and the fuzzy date that sets it, as the text gives it (« fin octobre 2022 »), or
        None when it is the end of the campaign's period (no dated step, or a longer period)."""
        cal = self.calendar
        steps = [v for k, v in cal.items() if k not in ("prises_de_poste", "fin_contrat") and isinstance(v, dict)]
        steps += list(self.starts)
        dated = [(span[1], step) for step in steps if (span := interval(step)) is not None]
        period_end = date(self.last_year, 12, 31)
        if not dated:
            return period_end, None
        last, step = max(dated, key=lambda item: item[0])
        if self.first_year != self.last_year and period_end >= last:
            return period_end, None
        return last, step


# The steps after which a campaign no longer takes applications for a dispositif: its deadline;
# else the examination of the files (commission, decisions) or the start of the posts.
_SELECTION_STEPS = ("commission", "decisions")


@dataclass(frozen=True, slots=True)
class ApplicationState:
    """Where a campaign stands for one dispositif at a date (:func:`application_state`).

    ``state``: ``annoncee`` (announced, applications not yet open), ``ouverte`` (a deadline not yet
    passed), ``en_cours`` (the texts give no date of the campaign that closes the applications for
    this dispositif: the candidate must ask the ARS), ``close`` (a date of the campaign that applies
    to the dispositif has passed: its deadline, else its first selection step or start of the posts).
    ``closes``: the last day applications are taken (None without such a date); ``proof``: the
    calendar element that sets it (``date_limite``, ``commission``, ``decisions``,
    ``prises_de_poste``) and its fuzzy date as the text gives it."""

    state: str
    campagne: str
    closes: date | None
    deadline: Mapping[str, Any] | None
    opening: Mapping[str, Any] | None
    proof: tuple[str, Mapping[str, Any]] | None = None


def application_state(campagne: Mapping[str, Any], dispositif: str, day: date) -> ApplicationState:
    """Whether a campaign still takes applications for a dispositif on ``day``.

    Only a date of the campaign that applies to the dispositif (:meth:`Campaign.calendar_for`) closes
    it: its deadline (the day itself when the texts say it is included, or do not say); without a
    deadline, the first dated selection step or start of the posts, when it begins to pass. A
    campaign whose texts give no such date for the dispositif is never read as closed, whatever the
    dates of its other dispositifs or its period (« close » must be proved by a date); the candidate is
    sent to the ARS. It is announced when its opening is dated after ``day``."""
    campaign = Campaign(campagne)
    cal = campaign.calendar_for(dispositif)
    deadline = cal.get("date_limite") if isinstance(cal.get("date_limite"), dict) else None
    opening = cal.get("ouverture") if isinstance(cal.get("ouverture"), dict) else None
    closes: date | None = None
    proof: tuple[str, Mapping[str, Any]] | None = None
    span = interval(deadline) if deadline is not None else None
    if deadline is not None and span is not None and span[1] != date.max:
        exact_excluded = deadline.get("incluse") is False and span[0] == span[1]
        closes, proof = (span[1] - timedelta(days=1) if exact_excluded else span[1]), ("date_limite", deadline)
    else:
        steps = [(key, cal[key]) for key in _SELECTION_STEPS if isinstance(cal.get(key), dict)]
        steps += [("prises_de_poste", start) for start in cal.get("prises_de_poste") or [] if isinstance(start, dict)]
        firsts = [(s[0] if s[0] != date.min else s[1], key, value) for key, value in steps if (s := interval(value)) is not None]
        if firsts:
            closes, key, value = min(firsts, key=lambda item: item[0])
            proof = (key, value)
    opens = interval(opening) if opening is not None else None
    if closes is not None and day > closes:
        state = "close"
    elif opens is not None and opens[0] != date.min and day < opens[0]:
        state = "annoncee"
    elif span is not None:
        state = "ouverte"
    else:
        state = "en_cours"
    return ApplicationState(state, campaign.id, closes, deadline, opening, proof)


def application_channel(dispositif: Mapping[str, Any], campagne: Mapping[str, Any] | None) -> tuple[str | None, str | None]:
    """How to apply (canal, adresse): the dispositif's own channel when it gives one, else the one of
    the campaign read, when it applies to the dispositif (a channel can change from one campaign to
    the next: the dispositif then leaves it to each campaign)."""
    own = dispositif.get("candidature") or {}
    if own.get("canal"):
        return own["canal"], own.get("adresse")
    channel = Campaign(campagne).channel_for(str(dispositif.get("id"))) if campagne else None
    if channel and channel.get("canal"):
        return channel["canal"], channel.get("adresse")
    return None, own.get("adresse")


def latest_campaign(campaigns: Iterable[dict[str, Any]]) -> dict[str, Any] | None:
    """The most recent campaign (greatest id: "2025-2027" after "2025"), or None."""
    found = list(campaigns)
    return max(found, key=lambda c: str(c["id"])) if found else None


def latest_campaign_opening(campaigns: Iterable[dict[str, Any]], dispositif: str) -> dict[str, Any] | None:
    """The most recent campaign that opens the dispositif, or None: the campaign a dispositif is
    read in when none is named (site, ``compare``, ``diff``, ``evaluate`` without a start date)."""
    return latest_campaign(c for c in campaigns if Campaign(c).opens(dispositif))


# -- dispositifs -----------------------------------------------------------------------------


def figure_to_confirm(funding: Mapping[str, Any]) -> bool:
    """True when a funding gives a figure (a share or an amount) without the text's own words
    (no ``extrait``): the editors relayed it from a page they could not quote, and say so in its
    ``note``. It is published with that caveat, never as a quoted fact."""
    return ("part" in funding or "montant" in funding) and not funding.get("extrait")


def lieu_labels(dispositif: Mapping[str, Any]) -> dict[str, str]:
    """A dispositif's lieu labels by role (the role itself when the lieu has no label)."""
    return {lieu["role"]: lieu.get("libelle", lieu["role"]) for lieu in dispositif.get("lieux") or []}


# -- regions ---------------------------------------------------------------------------------


def merged_sources(documents: Iterable[Document | None]) -> dict[str, dict[str, Any]]:
    """Source id → source, from ``sources.yaml`` documents in order (a later one wins)."""
    found: dict[str, dict[str, Any]] = {}
    for doc in documents:
        for source in (doc.data.get("sources") or []) if doc is not None else []:
            found[source["id"]] = source
    return found


@dataclass(frozen=True, slots=True)
class Region:
    """One validated region (or the national frame), read through its context."""

    ctx: Context

    @property
    def slug(self) -> str:
        return self.ctx.tree.slug

    @property
    def data(self) -> dict[str, Any]:
        """``region.yaml`` ({} when it is missing or invalid)."""
        doc = self.ctx.doc("region")
        return doc.data if doc is not None else {}

    @property
    def name(self) -> str:
        return str(self.data.get("nom") or self.slug)

    @property
    def ars(self) -> str:
        return str((self.data.get("ars") or {}).get("nom", ""))

    def zone_labels(self) -> dict[str, str]:
        """Zone category → its label in the region's ``zonage.yaml`` ({} without a valid zonage)."""
        doc = self.ctx.doc("zonage")
        categories = (doc.data.get("categories") if doc is not None else None) or []
        return {c["code"]: str(c.get("libelle") or c["code"]) for c in categories if isinstance(c, dict) and "code" in c}

    def campaigns(self) -> dict[str, dict[str, Any]]:
        """File stem → campaign data, for every valid campaign."""
        return {stem: doc.data for stem, doc in self.ctx.campagnes()}

    def latest_campaign(self) -> dict[str, Any] | None:
        return latest_campaign(self.campaigns().values())

    def campaign_opening(self, dispositif: str) -> dict[str, Any] | None:
        """The most recent campaign that opens the dispositif."""
        return latest_campaign_opening(self.campaigns().values(), dispositif)

    def sources(self) -> dict[str, dict[str, Any]]:
        """Source id → source: the national sources, then the region's own (which win)."""
        return merged_sources((self.ctx.national_doc("sources"), self.ctx.doc("sources")))

    def dispositifs(self) -> dict[str, dict[str, Any]]:
        """Dispositif id → data after inheritance, by id."""
        return {stem: eff.data for stem, eff in sorted(self.ctx.effective.items())}


__all__ = [
    "ApplicationState",
    "Campaign",
    "application_state",
    "figure_to_confirm",
    "Region",
    "is_series",
    "item_at",
    "value_at",
    "latest_campaign",
    "latest_campaign_opening",
    "lieu_labels",
    "merged_sources",
]
