"""JSON Schema validation with French messages located in the YAML file.

The schemas live in ``schemas/`` (draft 2020-12) and reference each other by file name; they are
registered locally under ``file:///schemas/<name>`` so nothing is ever fetched over the network.

When ``jsonschema_rs`` (compiled, MIT) is installed it answers "is this document valid?" first; the
pure-Python ``jsonschema`` runs only on documents that fail, so the messages are the same either way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from .paths import schemas_dir
from .problems import Problem, shorten
from .suggestions import closest, did_you_mean, plain
from .yamlload import YAML11_BOOLEANS, Document

BASE = "file:///schemas/"
KINDS = ("region", "sources", "zonage", "dispositif", "campagne", "cadre", "candidats")

_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?$")
_TYPE_FR = {
    "string": "un texte",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "true (oui) ou false (non)",
    "object": "un bloc de champs (clé: valeur)",
    "array": "une liste",
    "null": "une valeur vide",
}
_FEMININE = frozenset({"array", "null"})
# Yes/no written in words: the files keep YAML's true/false (read the same way by the schemas in
# the editor, the fast validator and the site's evaluator); the message gives the word to write.
_YES_NO = {"oui": "true", "non": "false", "vrai": "true", "faux": "false", "true": "true", "false": "false"}


def _expected(types: Sequence[str]) -> str:
    """« un nombre entier est attendu », « une liste est attendue » (masculine when mixed)."""
    words = " ou ".join(str(_TYPE_FR.get(t, t)) for t in types)
    return f"{words} est {'attendue' if types and all(t in _FEMININE for t in types) else 'attendu'}"


def _unquote_number(prefix: str, text: str) -> str:
    """The mirror of « écrivez-la entre guillemets » for a number written between quotes."""
    return f"{prefix}la valeur « {shorten(text)} » est lue comme un texte (elle est entre guillemets) ; écrivez-la sans guillemets : {shorten(text)}"


@lru_cache(maxsize=1)
def load_schemas() -> dict[str, dict[str, Any]]:
    """All schemas of ``schemas/``, by file name."""
    folder = schemas_dir()
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.schema.json"))}


class SchemaSet:
    """Validators for every document kind, built once."""

    def __init__(self, use_fast: bool | None = None) -> None:
        schemas = load_schemas()
        self._schemas = schemas
        self._python: dict[str, Any] | None = None
        self._examples: dict[str, list[str]] | None = None
        self._fast: dict[str, Any] = {}
        if use_fast is not False:
            try:
                import jsonschema_rs
            except ImportError:
                if use_fast:
                    raise
            else:
                rs_registry = jsonschema_rs.Registry([(BASE + name, s) for name, s in schemas.items()])
                self._fast = {
                    kind: jsonschema_rs.Draft202012Validator(
                        {"$ref": f"{BASE}{kind}.schema.json"},
                        registry=rs_registry,
                        validate_formats=True,
                        offline=True,
                    )
                    for kind in KINDS
                }

    @property
    def _py(self) -> dict[str, Any]:
        """The pure-Python validators, which write the messages: built the first time a document
        fails (a run where every file is valid never imports jsonschema when the fast path exists)."""
        if self._python is None:
            from jsonschema import Draft202012Validator
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT202012

            resources = [(BASE + name, Resource.from_contents(s, default_specification=DRAFT202012)) for name, s in self._schemas.items()]
            registry: Any = Registry().with_resources(resources)
            self._python = {
                kind: Draft202012Validator(
                    {"$ref": f"{BASE}{kind}.schema.json"},
                    registry=registry,
                    format_checker=Draft202012Validator.FORMAT_CHECKER,
                )
                for kind in KINDS
            }
        return self._python

    @property
    def fast(self) -> bool:
        return bool(self._fast)

    def check(self, doc: Document, kind: str) -> list[Problem]:
        """Schema problems of one loaded document, each at the YAML node at fault."""
        fast = self._fast.get(kind)
        if fast is not None and fast.is_valid(doc.data):
            return []
        found: dict[tuple[int, int, str], Problem] = {}
        for error in sorted(self._py[kind].iter_errors(doc.data), key=lambda e: e.validator != "pattern"):
            for problem in self._to_problems(error, doc):
                # one message per place and kind: a malformed date fails both its pattern and
                # its format, and the pattern's message (with the expected form) is the useful one
                found.setdefault((problem.line, problem.column, problem.code), problem)
        return sorted(found.values())

    # -- French messages -------------------------------------------------------------------

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        ref = schema.get("$ref")
        if not isinstance(ref, str):
            return schema
        name, _, pointer = ref.partition("#")
        target = self._schemas.get(name) if name else None
        if target is None:
            return schema
        for part in [p for p in pointer.split("/") if p]:
            target = target.get(part, {})
        return target

    def known_properties(self, schema: dict[str, Any]) -> list[str]:
        names: list[str] = []
        seen: list[dict[str, Any]] = []
        stack = [schema]
        while stack:
            current = stack.pop()
            if not isinstance(current, dict) or any(current is s for s in seen):
                continue
            seen.append(current)
            names.extend(current.get("properties", {}))
            if "$ref" in current:
                stack.append(self._resolve(current))
            for sub in current.get("allOf", []):
                stack.append(sub)
        return sorted(set(names))

    def _to_problems(self, error: Any, doc: Document) -> Iterable[Problem]:
        path = list(error.absolute_path)
        validator = error.validator
        where = _readable(path, doc.data)
        prefix = f"{where} : " if where else ""

        def at(p: Sequence[str | int], code: str, message: str, key: bool = False) -> Problem:
            line, col = doc.locate(p, key=key)
            return Problem(doc.path, line, col, code, message)

        raw = doc.raw(path)
        if isinstance(error.instance, bool) and raw is not None and raw in YAML11_BOOLEANS:
            meaning = "vrai" if error.instance else "faux"
            wanted = ""
            if validator == "type":
                expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
                wanted = ", alors qu'il faut " + " ou ".join(str(_TYPE_FR.get(t, t)) for t in expected)
            yield at(
                path,
                "yaml-booleen",
                f'{prefix}« {raw} » est lu comme un booléen ({meaning}) en YAML{wanted} ; écrivez-le entre guillemets : "{raw}"',
            )
            return
        if validator in ("additionalProperties", "unevaluatedProperties"):
            allowed = self.known_properties(error.schema)
            extras = [k for k in error.instance if k not in allowed] if isinstance(error.instance, dict) else []
            if not extras:
                extras = _quoted_names(error.message)
            for name in extras:
                hint = _suggest(name, allowed)
                bare = str(name).strip(" \u00a0\u202f\t")
                if bare != name and bare in allowed:  # « mois\u00a0: 24 »: a space the screen does not show
                    hint = f" Le nom est suivi ou précédé d'une espace (souvent insécable, invisible à l'écran) : écrivez « {bare}: » sans espace avant « : »."
                if name.isdigit():
                    hint = " Dans un bloc entre accolades, la virgule sépare les champs : pour un nombre décimal, écrivez un point (60.5)."
                if not hint and allowed:
                    hint = " Champs possibles : " + ", ".join(allowed) + "."
                yield at(path + [name], "schema-inconnu", f"{prefix}champ inconnu « {name} ».{hint}", key=True)
            return
        if validator == "required":
            names = _quoted_names(error.message)[:1] or [n for n in error.validator_value if n not in error.instance]
            for name in names:
                yield at(path, "schema-requis", f"{prefix}champ obligatoire « {name} » manquant")
            return
        if validator == "type":
            yield at(path, *self._type_message(error, doc, path, prefix))
            return
        if validator in ("enum", "const"):
            options = error.validator_value if validator == "enum" else [error.validator_value]
            shown = ", ".join(_show(o) for o in options)
            hint = _suggest(str(error.instance), [str(o) for o in options])
            yield at(
                path,
                "schema-valeur",
                f"{prefix}{_show(error.instance)} n'est pas une valeur admise.{hint or ' Valeurs possibles : ' + shown + '.'}",
            )
            return
        if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            word = {
                "minimum": "inférieure au minimum de",
                "maximum": "supérieure au maximum de",
                "exclusiveMinimum": "doit être strictement supérieure à",
                "exclusiveMaximum": "doit être strictement inférieure à",
            }[validator]
            value = shorten(doc.raw(path) or _show(error.instance))
            if validator.startswith("exclusive"):
                yield at(path, "schema-bornes", f"{prefix}la valeur {value} {word} {error.validator_value}")
            else:
                yield at(path, "schema-bornes", f"{prefix}la valeur {value} est {word} {error.validator_value}")
            return
        if validator in ("pattern", "format"):
            rule = error.schema.get("x-message") or self._resolve(error.schema).get("x-message")
            declared = error.schema.get("type") or []
            if isinstance(error.instance, str) and _NUMBER.match(error.instance) and ("integer" in declared or "number" in declared):
                yield at(path, "schema-format", _unquote_number(prefix, error.instance))
                return
            if validator == "pattern" and error.validator_value == _IDENT and isinstance(error.instance, str):
                yield at(path, "schema-format", f"{prefix}{_show(error.instance)} {self._ident_hint(error.instance, path)}")
                return
            if validator == "format" and error.validator_value == "date":
                rule = "n'est pas une date valide (AAAA-MM-JJ, jour et mois existants)"
            elif validator == "format":
                rule = rule or f"n'est pas au format {error.validator_value}"
            yield at(path, "schema-format", f"{prefix}{_show(error.instance)} {rule or 'n’a pas la forme attendue'}")
            return
        if validator in ("minItems", "maxItems", "uniqueItems", "minLength", "minProperties"):
            message = {
                "minItems": f"la liste doit contenir au moins {_elements(error.validator_value)}",
                "maxItems": f"la liste doit contenir au plus {_elements(error.validator_value)}",
                "uniqueItems": "la liste contient deux fois la même valeur",
                "minLength": "le texte ne doit pas être vide",
                "minProperties": "le bloc ne doit pas être vide",
            }[validator]
            yield at(path, "schema-liste", prefix + message)
            return
        if validator in ("oneOf", "anyOf"):
            branches = [self._resolve(b) for b in error.validator_value]
            alternatives = [sorted(b["required"]) for b in branches if set(b) == {"required"}]
            if alternatives and len(alternatives) == len(branches):
                keys = sorted({k for alt in alternatives for k in alt})
                listed = ", ".join(f"« {k} »" for k in keys)
                if validator == "oneOf" and _matches_several(error.instance, alternatives):
                    yield at(path, "schema-choix", f"{prefix}une seule des clés {listed} est permise ici")
                else:
                    yield at(path, "schema-choix", f"{prefix}il faut l'une des clés {listed}")
                return
            deepest = _best_deep_match(error)
            if deepest is not None:
                yield from self._to_problems(deepest, doc)
                return
        yield at(path, "schema", f"{prefix}valeur non conforme au schéma")

    def _ident_hint(self, value: str, path: Sequence[str | int]) -> str:
        """The end of the message for a malformed identifier: the field's own code when the value
        written in lower case without accents is one (« CH » → « ch »), else examples of this field."""
        field_name = next((str(step) for step in reversed(path) if isinstance(step, str)), "")
        rule = "doit être en minuscules sans accent, chiffres et tirets"
        slug = "-".join(re.findall(r"[a-z0-9]+", plain(value)))
        vocabulary = _vocabulary(field_name)
        if vocabulary:
            found = closest(slug or value, vocabulary)
        else:
            found = slug if slug and re.fullmatch(_IDENT, slug) else None
        if found is not None:
            return f"{rule}. Vouliez-vous dire « {found} » ?"
        examples = self._field_examples().get(field_name) or (sorted(vocabulary)[:3] if vocabulary else ["asr", "mg-400-volet-1"])
        return f"{rule} (exemple : {', '.join(examples[:3])})"

    def _field_examples(self) -> dict[str, list[str]]:
        """Field name → the examples its schemas give, for the identifier fields (an « id » is any
        identifier: it keeps the general examples)."""
        if self._examples is None:
            found: dict[str, list[str]] = {}

            def walk(node: Any) -> None:
                if isinstance(node, dict):
                    for name, prop in (node.get("properties") or {}).items():
                        if isinstance(prop, dict) and name != "id":
                            items = prop.get("items")
                            target: dict[str, Any] = items if isinstance(items, dict) else prop
                            if str(target.get("$ref", "")).endswith("/identifiant"):
                                for example in prop.get("examples") or target.get("examples") or []:
                                    for code in example if isinstance(example, list) else [example]:
                                        if isinstance(code, str) and code not in found.setdefault(name, []):
                                            found[name].append(code)
                    for value in node.values():
                        walk(value)
                elif isinstance(node, list):
                    for value in node:
                        walk(value)

            for schema in self._schemas.values():
                walk(schema)
            self._examples = found
        return self._examples

    def _type_message(self, error: Any, doc: Document, path: list[str | int], prefix: str) -> tuple[str, str]:
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = " ou ".join(str(_TYPE_FR.get(t, t)) for t in expected)
        instance = error.instance
        raw = doc.raw(path)
        numeric = "integer" in expected or "number" in expected
        if instance is None:
            return ("schema-type", f"{prefix}valeur vide : il faut {wanted}")
        if numeric and isinstance(instance, str) and _NUMBER.match(instance):
            return ("schema-type", _unquote_number(prefix, instance))
        if expected == ["boolean"] and not isinstance(instance, (dict, list)):
            shown = _show(instance) if raw is None or isinstance(instance, str) else f"« {shorten(raw)} »"
            word = _YES_NO.get(instance.strip().lower()) if isinstance(instance, str) else None
            here = f" ; ici : {word}" if word else ""
            quotes = " sans guillemets" if isinstance(instance, str) and instance.strip().lower() in ("true", "false") else ""
            return ("schema-type", f"{prefix}{shown} : écrivez true (oui) ou false (non){quotes}{here}")
        if expected == ["string"] and raw is not None and doc.is_plain(path) and not isinstance(instance, (dict, list)):
            return (
                "schema-type",
                f'{prefix}la valeur {shorten(raw)} n\'est pas lue comme un texte ; écrivez-la entre guillemets : "{shorten(raw)}"',
            )
        unit = (
            re.fullmatch(r"\s*(-?[0-9]+(?:[.,][0-9]+)?)\s*(%|mois|ans?|€|euros?|jours?)\s*", instance)
            if isinstance(instance, str)
            else None
        )
        if numeric and unit:  # « 60 % », « 24 mois »: the field's own unit is dropped, another one is never converted
            number, written = unit.group(1).replace(",", "."), unit.group(2)
            if _field_unit(path) == _UNIT_KIND.get(written) and ("integer" not in expected or number.lstrip("-").isdigit()):
                return ("schema-type", f"{prefix}« {shorten(instance)} » : écrivez le nombre seul, sans « {written} » : {number}")
            wanted_unit = {"mois": "en mois", "%": "en pourcentage", "€": "en euros"}.get(_field_unit(path) or "", "")
            whole = "un nombre entier" if "integer" in expected else "un nombre"
            return (
                "schema-type",
                f"{prefix}« {shorten(instance)} » : {whole} est attendu{(' ' + wanted_unit) if wanted_unit else ''}, sans unité",
            )
        if numeric and isinstance(instance, str) and re.fullmatch(r"-?[0-9]+,[0-9]+", instance):
            return (
                "schema-type",
                f"{prefix}« {shorten(instance)} » : écrivez le nombre avec un point décimal : {shorten(instance.replace(',', '.'))}",
            )
        rule = error.schema.get("x-message") or self._resolve(error.schema).get("x-message")
        if rule and not isinstance(instance, (dict, list)):
            return ("schema-type", f"{prefix}{_show(instance) if raw is None or isinstance(instance, str) else shorten(raw)} {rule}")
        shown = _show(instance) if raw is None or isinstance(instance, str) else shorten(raw)
        if isinstance(instance, dict):
            shown = "un bloc de champs"
        elif isinstance(instance, list):
            shown = "une liste"
        elif instance is None:
            shown = "une valeur vide"
        return ("schema-type", f"{prefix}{_expected(expected)}, pas {shown}")


_IDENT = "^[a-z0-9]+(?:[-_][a-z0-9]+)*$"


def _vocabulary(field_name: str) -> list[str]:
    """The known codes of an identifier field, when the reference data has them."""
    from . import referentiel

    if field_name in ("type", "types"):
        return list(referentiel.types_structure())
    if field_name in ("specialite", "des", "diplomes"):
        return list(referentiel.des())
    if field_name == "region":
        return ["-".join(re.findall(r"[a-z0-9]+", plain(name))) for name in referentiel.regions().values()]
    return []


def _elements(count: Any) -> str:
    return f"{count} élément" if count in (0, 1) else f"{count} éléments"


def _matches_several(instance: Any, alternatives: list[list[str]]) -> bool:
    if not isinstance(instance, dict):
        return False
    return sum(all(k in instance for k in alt) for alt in alternatives) > 1


def _best_deep_match(error: Any) -> Any:
    candidates = list(_flatten(error.context))
    if not candidates:
        return None
    return max(candidates, key=lambda e: (len(e.absolute_path), e.validator not in ("type", "required", "oneOf", "anyOf")))


def _flatten(errors: Iterable[Any]) -> Iterable[Any]:
    for e in errors:
        if e.validator in ("oneOf", "anyOf") and e.context:
            yield from _flatten(e.context)
        else:
            yield e


def _quoted_names(message: str) -> list[str]:
    return re.findall(r"'((?:[^'\\]|\\.)*)'", message)


def _suggest(name: str, options: Sequence[str]) -> str:
    hint = did_you_mean(name, options, cutoff=0.75)
    return f" {hint}" if hint else ""


def _show(value: Any) -> str:
    """A value as a message quotes it, cut to a bounded length (a line may hold megabytes)."""
    if isinstance(value, str):
        return f"« {shorten(value)} »"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "une valeur vide"
    try:
        return shorten(str(value))
    except ValueError:  # an integer too long to be written out
        return "un nombre trop long"


_UNIT_KIND = {"%": "%", "mois": "mois", "€": "€", "euro": "€", "euros": "€"}


def _field_unit(path: Sequence[str | int]) -> str | None:
    """The unit a numeric field is written in, from its path: months (mois, duree_mois), a share
    (quotite, part), an amount (montant); None when the path does not say."""
    names = [str(step) for step in path if isinstance(step, str)]
    last = names[-1] if names else ""
    if "mois" in last:
        return "mois"
    if "quotite" in names or last in ("part", "quotite"):
        return "%"
    if "montant" in names:
        return "€"
    return None


def _readable(path: Sequence[str | int], data: Any = None) -> str:
    """« lieux › « peripherique » › quotite › min »: an item of a list named by its role or id when
    it has one that no other item of the list shares (the editor finds it by that name), else by its
    place (« n°2 »)."""
    parts = []
    for step in path:
        item = data[step] if isinstance(step, int) and isinstance(data, list) and 0 <= step < len(data) else None
        if isinstance(step, str) and isinstance(data, dict):
            item = data.get(step)
        if isinstance(step, int):
            name = _item_name(item)
            unique = name is not None and isinstance(data, list) and sum(1 for other in data if _item_name(other) == name) == 1
            parts.append(f"« {shorten(name, 40)} »" if unique and name else f"n°{step + 1}")
        else:
            parts.append(str(step))
        data = item
    return " › ".join(parts)


def _item_name(item: Any) -> str | None:
    """The role or id a list item is known by, or None."""
    if not isinstance(item, dict):
        return None
    # a text that reads as a name on one line: an id « 7 » would read as the 7th item, a line break would cut the message
    return next((item[k] for k in ("role", "id") if isinstance(item.get(k), str) and item[k].strip() and item[k].isprintable()), None)
