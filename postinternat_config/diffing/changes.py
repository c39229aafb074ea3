"""The keyed comparison of two views: what changes, in the terms of the model rather than of YAML
lines.

Dispositifs are paired by id within a region and by famille across regions; lists are matched by
their key (id, role, code...) or by their content, never by position; equal values are recognised
first, at C speed. Sources, extracts, notes and review dates are not compared: they are shown
beside each change. Prose (descriptions, objectives, notes, contacts) is compared only on request
(``prose=True``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..domain import lieu_labels
from ..problems import UsageError
from ..schemacheck import load_schemas
from .views import View

META = frozenset({"source", "extrait", "note", "revue", "sources", "_ajout", "_supprimer", "cadre_national", "etend", "date_reference"})
CROSS_META = frozenset({"libelle"})  # across regions, the wording of labels always differs
LONG_LIST = 12
PROSE = frozenset({"description", "public", "objectifs", "notes", "contacts", "porteurs", "creation", "etapes"})
LIST_KEYS = ("id", "role", "code", "dispositif", "subdivision", "departement", "region", "categorie")


@dataclass(frozen=True)
class Change:
    """One difference: where (path in the model), what (ajout, suppression, modification), the
    values on each side, the French label of the field and the sources that back each side."""

    section: str
    path: tuple[str, ...]
    kind: str
    old: Any
    new: Any
    label: str
    source_left: str | None = None
    source_right: str | None = None
    words: dict[str, str] = field(default_factory=dict, compare=False)  # the lieu labels of its dispositif(s), by role

    def as_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "chemin": list(self.path),
            "libelle": self.label,
            "type": self.kind,
            "avant": self.old,
            "apres": self.new,
            "source_avant": self.source_left,
            "source_apres": self.source_right,
        }


@dataclass
class Diff:
    left: str
    right: str
    changes: list[Change]
    pairs: list[tuple[str | None, str | None]]
    warnings: list[str] = field(default_factory=list)
    cross: bool = False  # two different regions: "only on one side", not "added"/"removed"
    glossary: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON form (``diff --format json``, version 1)."""
        return {
            "version": 1,
            "gauche": self.left,
            "droite": self.right,
            "regions_differentes": self.cross,
            "identique": not self.changes,
            "paires": [{"gauche": left, "droite": right} for left, right in self.pairs],
            "changements": [c.as_dict() for c in self.changes],
        }


class Labeller:
    """French labels of model paths, from the schemas' titles."""

    def __init__(self) -> None:
        self.schemas = load_schemas()

    def _resolve(self, schema: dict[str, Any], current: str) -> tuple[dict[str, Any], str]:
        while "$ref" in schema:
            ref = schema["$ref"]
            name, _, pointer = ref.partition("#")
            name = name or current
            target: Any = self.schemas.get(name, {})
            for part in [p for p in pointer.split("/") if p]:
                target = target.get(part, {})
            merged = {k: v for k, v in schema.items() if k != "$ref"}
            schema, current = {**target, **merged}, name
        return schema, current

    def label(self, kind: str, path: tuple[Any, ...], items: dict[tuple[Any, ...], str] | None = None) -> str:
        """The path in words; ``items``: the label of the list items met on the way (a lieu by its
        label, a priority by its label, a funding by its payer), by their path."""
        schema: dict[str, Any] = self.schemas.get(f"{kind}.schema.json", {})
        current = f"{kind}.schema.json"
        words = []
        for i, step in enumerate(path):
            schema, current = self._resolve(schema, current)
            if isinstance(step, str) and step.startswith("["):
                words.append((items or {}).get(tuple(path[: i + 1])) or step[1:-1])
                schema = schema.get("items", {}) if isinstance(schema.get("items"), dict) else {}
                continue
            props = schema.get("properties", {})
            sub = props.get(step)
            if sub is None and isinstance(schema.get("additionalProperties"), dict):
                sub = schema["additionalProperties"]
                words.append(str(step))
                schema = sub
                continue
            sub = sub or {}
            sub_resolved, _ = self._resolve(sub, current)
            words.append(sub.get("title") or sub_resolved.get("title") or str(step))
            schema = sub
        return " › ".join(words)


def _list_key(*sides: list[Any]) -> str | None:
    """The key that identifies the items of both lists (present and unique within each side)."""
    items = [i for side in sides for i in side]
    if not items or not all(isinstance(i, dict) for i in items):
        return None
    for key in LIST_KEYS:
        if all(all(i.get(key) is not None for i in side) and len({str(i[key]) for i in side}) == len(side) for side in sides):
            return key
    return None


def _canonical(value: Any, prose: bool) -> str:
    return json.dumps(_strip(value, prose), ensure_ascii=False, sort_keys=True)


def _strip(value: Any, prose: bool) -> Any:
    if isinstance(value, dict):
        return {
            k: _strip(v, prose) for k, v in value.items() if k not in META and not k.startswith("_source_") and (prose or k not in PROSE)
        }
    if isinstance(value, list):
        return [_strip(v, prose) for v in value]
    return value


def _show(value: Any) -> Any:
    """A value as it is shown in a change: without its citations."""
    return _strip(value, True)


def _same(a: Any, b: Any) -> bool:
    """Equal, type for type: then nothing below differs. Checked first, at C speed, so that the
    unchanged parts of two versions cost almost nothing. ``1``, ``1.0`` and ``true`` are equal
    for Python but not here: their JSON text, which the comparison goes by, differs."""
    if a is b:
        return True
    if type(a) is not type(b) or a != b:
        return False
    return _same_types(a, b)


_TEXT = frozenset({str, type(None)})  # values that equal only values of their own type


def _same_types(a: Any, b: Any) -> bool:
    """For two equal values: the same type at every place."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        if set(map(type, a.values())) <= _TEXT:
            return True
        return all(_same_types(value, b[key]) for key, value in a.items())
    if isinstance(a, list):
        if set(map(type, a)) <= _TEXT:
            return True
        return all(map(_same_types, a, b))
    return True


def _is_fuzzy_date(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and any(k in value for k in ("date", "mois", "annee"))
        and not set(value) - {"date", "mois", "annee", "saison", "precision", "incluse", "libelle", "source", "extrait", "note"}
    )


class Comparer:
    def __init__(self, left: View, right: View, prose: bool, cross: bool = False) -> None:
        self.left, self.right, self.prose, self.cross = left, right, prose, cross
        self.labeller = Labeller()
        self.changes: list[Change] = []
        self.meta = META | (CROSS_META if cross else frozenset())
        self.items: dict[tuple[Any, ...], str] = {}  # path of a list item → its label
        self.words: dict[str, str] = {}  # the lieu labels of the dispositifs being compared, by role

    def source(self, view: View, ident: str | None) -> str | None:
        if ident is None:
            return None
        return view.sources.get(ident, ident)

    def add(self, section: str, kind: str, path: tuple[str, ...], change: str, old: Any, new: Any, sl: str | None, sr: str | None) -> None:
        self.changes.append(
            Change(
                section,
                path,
                change,
                _show(old),
                _show(new),
                self.labeller.label(kind, path, self.items),
                self.source(self.left, sl),
                self.source(self.right, sr),
                self.words,
            )
        )

    def compare(
        self, section: str, kind: str, a: Any, b: Any, path: tuple[str, ...] = (), sl: str | None = None, sr: str | None = None
    ) -> None:
        if _same(a, b):
            return
        if isinstance(a, dict) and isinstance(b, dict):
            sl = a.get("source", sl) if isinstance(a.get("source"), str) else sl
            sr = b.get("source", sr) if isinstance(b.get("source"), str) else sr
            keys = list(a) + [k for k in b if k not in a]
            for key in keys:
                if key in self.meta or key.startswith("_source_") or (not self.prose and key in PROSE):
                    continue
                kl = a.get(f"_source_{key}", sl)
                kr = b.get(f"_source_{key}", sr)
                if key not in b:
                    self.add(section, kind, path + (key,), "suppression", a[key], None, _src(a[key], kl), None)
                elif key not in a:
                    self.add(section, kind, path + (key,), "ajout", None, b[key], None, _src(b[key], kr))
                elif _is_fuzzy_date(a[key]) and _is_fuzzy_date(b[key]):
                    if _canonical(a[key], True) != _canonical(b[key], True):
                        self.add(section, kind, path + (key,), "modification", a[key], b[key], _src(a[key], kl), _src(b[key], kr))
                else:
                    self.compare(section, kind, a[key], b[key], path + (key,), kl, kr)
            return
        if isinstance(a, list) and isinstance(b, list):
            key = _list_key(a, b) if a or b else None
            if key is not None:
                left = {str(i[key]): i for i in a}
                right = {str(i[key]): i for i in b}
                for name in list(left) + [n for n in right if n not in left]:
                    step = path + (f"[{name}]",)
                    word = _item_label(left.get(name) or right[name], key)
                    if word:
                        self.items[step] = word
                    if name not in right:
                        self.add(section, kind, step, "suppression", left[name], None, _src(left[name], sl), None)
                    elif name not in left:
                        self.add(section, kind, step, "ajout", None, right[name], None, _src(right[name], sr))
                    else:
                        self.compare(section, kind, left[name], right[name], step, sl, sr)
                return
            left_items = {_canonical(i, self.prose): i for i in a}
            right_items = {_canonical(i, self.prose): i for i in b}
            removed = [v for k, v in left_items.items() if k not in right_items]
            added = [v for k, v in right_items.items() if k not in left_items]
            if removed or added:
                if all(not isinstance(v, (dict, list)) for v in removed + added):
                    if len(a) > LONG_LIST or len(b) > LONG_LIST:  # a long list (communes): only what differs
                        self.add(section, kind, path, "modification", {"retires": removed}, {"ajoutes": added}, sl, sr)
                    else:
                        self.add(section, kind, path, "modification", a, b, sl, sr)
                else:
                    for item in removed:
                        self.add(section, kind, path, "suppression", item, None, _src(item, sl), None)
                    for item in added:
                        self.add(section, kind, path, "ajout", None, item, None, _src(item, sr))
            return
        if _canonical(a, self.prose) != _canonical(b, self.prose):
            self.add(section, kind, path, "modification", a, b, sl, sr)


def _item_label(item: dict[str, Any], key: str) -> str | None:
    """How a keyed list item is named in a change's label, rather than by its key: a lieu or a
    priority by its label, a funding by its payer and purpose, a département by its name (None:
    the key is a code the glossary of the report puts in words, or a plain word)."""
    from ..explain import departement_name

    if key == "departement":
        return departement_name(str(item["departement"]))
    if key not in ("id", "role"):
        return None
    if isinstance(item.get("libelle"), str):
        return str(item["libelle"])
    if isinstance(item.get("financeur"), str):
        text = str(item["financeur"]) + (f" ({item['fonds']})" if item.get("fonds") else "")
        return text + (f" — {item['objet']}" if isinstance(item.get("objet"), str) else "")
    return None


def _side_label(view: View) -> str:
    """A side in words: a region by its name (and campaign), a dispositif by its region and its name."""
    if view.kind == "dispositif" and len(view.dispositifs) == 1:
        nom = next(iter(view.dispositifs.values())).get("nom")
        if view.region_name and nom:
            return f"{view.region_name} « {nom} »"
    if view.kind == "region" and view.region_name:
        return f"{view.region_name}" + (f" (campagne {view.campaign})" if view.campaign else "")
    return view.label


def _src(value: Any, default: str | None) -> str | None:
    if isinstance(value, dict) and isinstance(value.get("source"), str):
        return str(value["source"])
    return default


def pair_dispositifs(left: View, right: View) -> list[tuple[str | None, str | None]]:
    """Pairs of dispositif ids: one against one when each side names a dispositif; by id within a
    region; by famille across regions."""
    if (
        left.kind == "dispositif"
        and right.kind == "dispositif"
        or (len(left.dispositifs) == 1 and len(right.dispositifs) == 1 and left.kind != "region")
    ):
        return [(next(iter(left.dispositifs)), next(iter(right.dispositifs)))]
    if left.region is not None and left.region == right.region:
        ids = sorted(set(left.dispositifs) | set(right.dispositifs))
        return [(i if i in left.dispositifs else None, i if i in right.dispositifs else None) for i in ids]
    pairs: list[tuple[str | None, str | None]] = []
    remaining = dict(right.dispositifs)
    for ident, data in sorted(left.dispositifs.items()):
        match = next((r for r, rd in sorted(remaining.items()) if rd.get("famille") == data.get("famille")), None)
        if match is not None:
            del remaining[match]
        pairs.append((ident, match))
    pairs.extend((None, r) for r in sorted(remaining))
    return pairs


def diff_views(left: View, right: View, prose: bool = False) -> Diff:
    if (left.kind == "region") != (right.kind == "region"):
        raise UsageError("comparez deux régions (ou campagnes), ou deux dispositifs : pas une région avec un dispositif")
    cross = left.region != right.region and left.kind == "region"
    same_versions = left.kind == "region" and left.region == right.region and not left.explicit_campaign and not right.explicit_campaign
    comparer = Comparer(left, right, prose, cross)
    if same_versions:
        # two versions of one region: every campaign and every dispositif, not only the latest
        left_sections = {t: v for t, v in left.sections.items() if t != "Campagne"} | {
            f"Campagne {c}": ("campagne", d) for c, d in sorted(left.all_campaigns.items())
        }
        right_sections = {t: v for t, v in right.sections.items() if t != "Campagne"} | {
            f"Campagne {c}": ("campagne", d) for c, d in sorted(right.all_campaigns.items())
        }
        left.dispositifs, right.dispositifs = dict(left.all_dispositifs), dict(right.all_dispositifs)
    else:
        left_sections, right_sections = left.sections, right.sections
    for title in list(left_sections) + [t for t in right_sections if t not in left_sections]:
        kind = (left_sections.get(title) or right_sections[title])[0]
        a = left_sections.get(title, (kind, None))[1]
        b = right_sections.get(title, (kind, None))[1]
        if title == "Région" and cross:
            continue  # two regions always differ by name, code and départements
        if a is None or b is None:
            comparer.changes.append(
                Change(
                    title,
                    (),
                    "ajout" if a is None else "suppression",
                    None if a is None else title,
                    title if a is None else None,
                    title.lower(),
                )
            )
            continue
        if kind == "campagne":
            skip = {"dispositifs"} | ({"quotas", "regles", "selection"} if cross else set())
            a = {k: v for k, v in a.items() if k not in skip}
            b = {k: v for k, v in b.items() if k not in skip}
        comparer.compare(title, kind, a, b)
    pairs = pair_dispositifs(left, right)
    for l_id, r_id in pairs:
        a = left.dispositifs.get(l_id) if l_id else None
        b = right.dispositifs.get(r_id) if r_id else None
        names = [f"« {d.get('nom')} »" for d in (a, b) if d is not None]
        section = "Dispositif " + (" ↔ ".join(names) if len(names) == 2 and names[0] != names[1] else names[0])
        if a is None or b is None:
            present = a if a is not None else b
            assert present is not None
            comparer.changes.append(
                Change(
                    section,
                    (),
                    "ajout" if a is None else "suppression",
                    None if a is None else present.get("nom"),
                    present.get("nom") if a is None else None,
                    "dispositif",
                )
            )
            continue
        comparer.words = {**lieu_labels(b), **lieu_labels(a)}
        comparer.compare(section, "dispositif", {k: v for k, v in a.items() if k != "id"}, {k: v for k, v in b.items() if k != "id"})
        comparer.words = {}
    left_label, right_label = _side_label(left), _side_label(right)
    if left_label == right_label and left.label != right.label:  # two versions of one region: say which is which
        left_label, right_label = f"{left_label} [{left.label}]", f"{right_label} [{right.label}]"
    return Diff(left_label, right_label, comparer.changes, pairs, cross=cross, glossary={**right.glossary, **left.glossary})


def diff_root_views(a: dict[str, View], b: dict[str, View], left_label: str, right_label: str, prose: bool = False) -> Diff:
    """Every region of two regions/ folders (slug → view), paired by folder name."""
    changes: list[Change] = []
    pairs: list[tuple[str | None, str | None]] = []
    for slug in sorted(set(a) | set(b)):
        if slug not in b or slug not in a:
            kind = "suppression" if slug not in b else "ajout"
            changes.append(
                Change(f"Région {slug}", (), kind, slug if kind == "suppression" else None, slug if kind == "ajout" else None, "région")
            )
            continue
        result = diff_views(a[slug], b[slug], prose)
        changes.extend(
            Change(f"{a[slug].region_name} › {c.section}", c.path, c.kind, c.old, c.new, c.label, c.source_left, c.source_right, c.words)
            for c in result.changes
        )
        pairs.extend(result.pairs)
    glossary: dict[str, str] = {}
    for view in list(a.values()) + list(b.values()):
        glossary.update(view.glossary)
    return Diff(left_label, right_label, changes, pairs, glossary=glossary)


def iter_sections(changes: list[Change]) -> Iterator[tuple[str, list[Change]]]:
    """The changes grouped by section, sections in order of first appearance."""
    seen: dict[str, list[Change]] = {}
    for change in changes:
        seen.setdefault(change.section, []).append(change)
    yield from seen.items()
