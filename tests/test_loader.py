"""The YAML loader: every hazard of hand-edited files becomes a located problem, never an exception."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from postinternat_config import yamlload
from postinternat_config.yamlload import load_bytes, load_file, load_text


def codes(text: str) -> list[tuple[int, int, str]]:
    _doc, problems = load_text(text, "f.yaml")
    return [(p.line, p.column, p.code) for p in problems]


def test_duplicate_key_names_both_lines() -> None:
    doc, problems = load_text("a: 1\nb:\n  c: 2\n  c: 3\n", "f.yaml")
    assert [p.format() for p in problems] == [
        "f.yaml:4:3: [yaml-cle-dupliquee] la clé « c » est présente deux fois dans ce bloc "
        "(première occurrence ligne 3) ; supprimez ou renommez l'une des deux"
    ]
    assert doc is not None and doc.data == {"a": 1, "b": {"c": 2}}


def test_dates_stay_text_quoted_or_not() -> None:
    doc, problems = load_text('a: 2025-02-14\nb: "2025-02-14"\nc: 2025-02-30\n', "f.yaml")
    assert problems == []
    assert doc is not None and doc.data == {"a": "2025-02-14", "b": "2025-02-14", "c": "2025-02-30"}


def test_yaml11_values_are_read_as_pyyaml_does_and_raw_text_is_kept() -> None:
    doc, problems = load_text("a: no\nb: 01000\nc: 1:30\nd: on\n", "f.yaml")
    assert problems == []
    assert doc is not None and doc.data == {"a": False, "b": 512, "c": 90, "d": True}
    assert doc.raw(["b"]) == "01000" and doc.raw(["a"]) == "no" and doc.is_plain(["a"])


def test_alias_bomb_is_refused_quickly_with_positions() -> None:
    levels = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        levels.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    started = time.perf_counter()
    doc, problems = load_text("\n".join(levels) + "\n", "bomb.yaml")
    elapsed = time.perf_counter() - started
    assert doc is None
    assert problems[0].code == "yaml-alias" and (problems[0].line, problems[0].column) == (1, 5)
    assert len(problems) == 20  # bounded report
    assert elapsed < 5  # generous: the point is that nothing expands 9**9 leaves


def test_merge_key_and_python_tags_are_refused() -> None:
    assert codes("a: {x: 1}\nb:\n  <<: {y: 2}\n") == [(3, 3, "yaml-alias")]
    assert codes("a: !!python/object:os.system x\n") == [(1, 4, "yaml-etiquette")]


@pytest.mark.parametrize(
    ("text", "where", "message_part"),
    [
        ("a:\n\t- 1\n", (2, 1), "tabulation"),
        ("a: b: c\n", (1, 5), "entre guillemets"),
        ("a: 1\n---\nb: 2\n", (2, 1), "un seul document"),
        ('a: "x\n', (1, 4), "guillemet non fermé"),
        ("a: [1, 2\n", (2, 1), "crochets"),
        ("id: [\n", (2, 1), "n'est pas refermé"),
    ],
)
def test_syntax_errors_are_french_and_located(text: str, where: tuple[int, int], message_part: str) -> None:
    doc, problems = load_text(text, "f.yaml")
    assert doc is None
    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == where
    assert problems[0].code == "yaml-syntaxe" and message_part in problems[0].message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "duree:\n  mois: 24\n  extrait: \"Le recrutement s'effectue pour 2 ans : voir l'arrêté.\n"
            "specialites:\n  mode: toutes\n  note: \"d'après l'ARS : toutes\"\n",
            'f.yaml:3:12: [yaml-syntaxe] guillemet non fermé : le texte ouvert ici par un guillemet (") continue '
            "jusqu'au guillemet suivant, ligne 6 (les lignes 4 à 6 sont lues comme du texte) ; fermez-le à la fin de la ligne 3",
        ),
        (
            'lieux:\n  - role: x\n    extrait: "l\'établissement où il est affecté : CH\n  - role: y\n    extrait: "autre"\n',
            'f.yaml:3:14: [yaml-syntaxe] guillemet non fermé : le texte ouvert ici par un guillemet (") continue '
            "jusqu'au guillemet suivant, ligne 5 (les lignes 4 à 5 sont lues comme du texte) ; fermez-le à la fin de la ligne 3",
        ),
        (
            "extrait: 'Le texte dit : 2 ans\nnote: l'ARS précise\nn: 1\n",
            "f.yaml:1:10: [yaml-syntaxe] guillemet non fermé : le texte ouvert ici par une apostrophe (') continue "
            "jusqu'à l'apostrophe suivante, ligne 2 (la ligne 2 est lue comme du texte) ; fermez-le à la fin de la ligne 1",
        ),
        (
            "id: x\nextrait: \"Il s'agit d'un poste : 2 ans\nnote: x\n",
            'f.yaml:2:10: [yaml-syntaxe] guillemet non fermé : le texte ouvert ici par un guillemet (") continue '
            "jusqu'à la fin du fichier ; fermez-le à la fin de la ligne 2",
        ),
        (
            'l:\n  - {subdivision: caen, postes: 4, extrait: "Quatre postes : Caen.}\n  - {subdivision: rouen, extrait: "Deux."}\n',
            'f.yaml:2:45: [yaml-syntaxe] guillemet non fermé : le texte ouvert ici par un guillemet (") continue '
            "jusqu'au guillemet suivant, ligne 3 (la ligne 3 est lue comme du texte) ; fermez-le à la fin de la ligne 2",
        ),
        # a text written on two lines on purpose is not blamed for a fault further down
        ('a: "ligne 1\n  suite: ok"\nb: [1\n', "f.yaml:4:1: [yaml-syntaxe] liste entre crochets non fermée : il manque « , » ou « ] »"),
    ],
)
def test_unclosed_quote_is_named_where_it_opens(text: str, expected: str) -> None:
    doc, problems = load_text(text, "f.yaml")
    assert doc is None and [p.format() for p in problems] == [expected]


@pytest.mark.parametrize(
    ("text", "nested"),
    [
        ('id: x\nextrait: "Il dit "2 ans"."\n', True),
        ('id: x\nl:\n  - {a: "x"y, b: 2}\n', True),
        ('sources:\n  - id: a\n   "titre": b\n', False),  # an indentation fault on a quoted key
        ('l:\n  - {"role": "x", "types": ["ch"] "source": "x"}\n', False),  # a missing comma
        ("id: x\nextrait: 'l'ARS précise : \"2 ans\".'\nn: 1\n", False),  # an apostrophe in a single-quoted text
    ],
)
def test_quote_inside_a_quoted_text_is_named_only_when_it_is_the_fault(text: str, nested: bool) -> None:
    doc, problems = load_text(text, "f.yaml")
    assert doc is None and len(problems) == 1 and problems[0].code == "yaml-syntaxe"
    assert ("à l'intérieur d'un texte entre guillemets" in problems[0].message) is nested, problems[0].message


def test_encodings() -> None:
    doc, problems = load_bytes("\ufeffa: é\n".encode("utf-8"), "bom.yaml")
    assert problems == [] and doc is not None and doc.data == {"a": "é"}
    _doc, problems = load_bytes("a: 1\nb: é\n".encode("cp1252"), "l.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 4, "yaml-encodage")]
    assert "Windows-1252" in problems[0].message
    for encoding, word in (("utf-16", "UTF-16"), ("utf-32", "UTF-32")):
        _doc, problems = load_bytes("a: 1\n".encode(encoding), "u.yaml")
        assert word in problems[0].message and problems[0].code == "yaml-encodage"
    _doc, problems = load_bytes(b"a: 1\nb: \x00\n", "nul.yaml")
    assert problems[0].code == "yaml-encodage" and problems[0].line == 2


def test_size_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlload, "MAX_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 200 + "\n", encoding="utf-8")
    doc, problems = load_file(path, "big.yaml")
    assert doc is None and problems[0].code == "yaml-taille"


def test_depth_is_bounded() -> None:
    doc, problems = load_text("a: " + "[" * 150 + "]" * 150 + "\n", "deep.yaml")
    assert problems and problems[0].code == "yaml-profondeur"


def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    doc, problems = load_file(tmp_path / "absent.yaml", "absent.yaml")
    assert doc is None and problems[0].code == "fichier-illisible"


def test_empty_file() -> None:
    assert codes("") == [(1, 1, "yaml-vide")]
    assert codes("# rien\n") == [(1, 1, "yaml-vide")]


def test_c_loader_is_used_when_available() -> None:
    import yaml

    assert yamlload.C_LOADER == hasattr(yaml, "CSafeLoader")


def test_loading_pauses_the_garbage_collector_and_restores_it() -> None:
    import gc

    from postinternat_config.yamlload import paused_gc

    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # only the outermost pause turns it back on
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # a caller that had turned it off keeps it off
    finally:
        gc.enable()


def test_validate_runs_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from postinternat_config import validation

    seen: list[bool] = []
    real = validation.load_tree

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "load_tree", spy)
    validation.validate([Path(__file__).resolve().parent.parent / "regions" / "normandie"])
    assert seen and not any(seen) and gc.isenabled()
