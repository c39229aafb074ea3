"""The problem-code registry is the one home of every code: the package emits no code it does not
register, the README tables and the site page are generated from it, and each example line is
really produced by its example case."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run as run_cli

from postinternat_config.codes import CODES, GROUPS, REGISTRY

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "postinternat_config"
CODE_SHAPE = re.compile(r"[a-z]+(-[a-z0-9]+)*")


def _code_parameters(trees: dict[Path, ast.Module]) -> tuple[dict[str, set[int]], set[str], set[str]]:
    """The emitters of problem codes: functions that take ``code`` and ``message`` arguments, and
    classes with a ``code`` field beside a ``message`` field or a default code; with the position
    of ``code`` (``self`` left out). Also: the names that some other function or class of the
    package defines without such an argument (calls to those names are ambiguous), and the
    default codes of the classes."""
    found: dict[str, set[int]] = {}
    others: set[str] = set()
    defaults: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names = [a.arg for a in node.args.args if a.arg not in ("self", "cls")]
                emits = "code" in names and "message" in names
            elif isinstance(node, ast.ClassDef) and node.name != "Code":
                fields = [s for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
                names = [s.target.id for s in fields]  # type: ignore[union-attr]
                default = next((s.value for s in fields if s.target.id == "code" and s.value is not None), None)  # type: ignore[union-attr]
                emits = "code" in names and ("message" in names or _is_code(default))
                if emits and _is_code(default):
                    defaults.add(default.value)  # type: ignore[union-attr]
            else:
                continue
            if emits:
                found.setdefault(node.name, set()).add(names.index("code"))
            else:
                others.add(node.name)
    return found, others & set(found), defaults


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _is_code(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", node.value))


def emitted_codes() -> tuple[set[str], list[str]]:
    """(codes found as literals where the package emits a problem, emission sites it cannot read)."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in PACKAGE.rglob("*.py") if path.name != "codes.py"}
    emitters, ambiguous, codes = _code_parameters(trees)
    unreadable: list[str] = []
    for path, tree in trees.items():
        module_id = next(
            (
                n.value.value
                for n in tree.body
                if isinstance(n, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "ID" for t in n.targets)
                and isinstance(n.value, ast.Constant)
            ),
            None,
        )
        for node in ast.walk(tree):
            # functions that return (code, message) pairs
            if (
                isinstance(node, ast.Return)
                and isinstance(node.value, ast.Tuple)
                and len(node.value.elts) == 2
                and _is_code(node.value.elts[0])
                and "-" in node.value.elts[0].value
            ):  # type: ignore[attr-defined]
                codes.add(node.value.elts[0].value)  # type: ignore[attr-defined]
            name = _called_name(node) if isinstance(node, ast.Call) else None
            if name not in emitters:
                continue
            assert isinstance(node, ast.Call)
            keyword = next((k.value for k in node.keywords if k.arg == "code"), None)
            if keyword is not None:
                args = [keyword]
            elif any(isinstance(a, ast.Starred) for a in node.args):  # positions unknown: any code-shaped literal
                args = [a for a in node.args if _is_code(a) and "-" in a.value] or [a for a in node.args if isinstance(a, ast.Starred)]  # type: ignore[attr-defined]
            else:
                args = [node.args[i] for i in sorted(emitters[name]) if i < len(node.args)]
            literal = next((a for a in args if _is_code(a)), None)
            if literal is not None:
                codes.add(literal.value)  # type: ignore[attr-defined]
            elif any(isinstance(a, ast.Name) and a.id == "ID" for a in args) and module_id:
                codes.add(module_id)
            elif any(isinstance(a, ast.Name) and a.id == "code" for a in args):
                pass  # passed through by a helper whose callers are read too
            elif any(isinstance(a, ast.Attribute) and a.attr == "code" for a in args):
                pass  # an existing problem placed elsewhere: its code was read where it was made
            elif any(isinstance(a, ast.Starred) for a in args):
                pass  # a (code, message) pair: read at its return statements
            elif args and name not in ambiguous:
                unreadable.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(args[0])}")
    return codes, unreadable


def test_every_code_the_package_emits_is_registered() -> None:
    codes, unreadable = emitted_codes()
    assert len(codes) > 40  # the scan really reads the emitters
    assert unreadable == [], "codes computed at run time: pass a literal or a (code, message) pair"
    assert sorted(codes - set(CODES)) == []


def test_every_registered_code_is_emitted() -> None:
    codes, _unreadable = emitted_codes()
    assert sorted(set(CODES) - codes) == []


def test_the_scan_catches_an_unregistered_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "postinternat_config"
    source.mkdir()
    (source / "emitter.py").write_text(
        'def f(p):\n    return Problem(p, 1, 1, "code-fantome", "message")\n\nclass Problem:\n    file: str\n    line: int\n    column: int\n    code: str\n    message: str\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", source)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    codes, _unreadable = emitted_codes()
    assert "code-fantome" in codes and "code-fantome" not in CODES


def test_registry_entries_are_well_formed() -> None:
    assert len({c.code for c in REGISTRY}) == len(REGISTRY)
    for entry in REGISTRY:
        assert CODE_SHAPE.fullmatch(entry.code), entry.code
        assert entry.group in GROUPS, entry.code
        assert entry.meaning.endswith(".") and entry.fix.endswith((".", ")")), entry.code
        assert (entry.cas is None) == (entry.exemple is None), entry.code


@pytest.mark.parametrize("entry", [c for c in REGISTRY if c.cas], ids=lambda c: c.code)
def test_example_lines_come_from_their_case(entry: object) -> None:
    expected = (ROOT / "tests" / "examples" / "invalid" / entry.cas / "attendu.txt").read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert entry.exemple in expected.splitlines()  # type: ignore[attr-defined]
    assert f"[{entry.code}]" in entry.exemple  # type: ignore[attr-defined]


def test_readme_tables_are_generated_from_the_registry() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "docs.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for entry in REGISTRY:
        assert f"| `{entry.code}` |" in readme


def test_readme_check_fails_on_drift(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import docs
    finally:
        sys.path.remove(str(ROOT / "tools"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    edited = readme.replace("| `yaml-vide` |", "| `yaml-videe` |")
    assert docs.regenerate(edited) == readme != edited


def test_codes_command_explains_a_code() -> None:
    code, out, _err = run_cli("codes", "schema-inconnu")
    assert code == 0
    assert "Signification : Un champ n'existe pas" in out and "[schema-inconnu]" in out
    code, _out, err = run_cli("codes", "schema-inconu")
    assert code == 2 and "Vouliez-vous dire « schema-inconnu »" in err
    code, _out, err = run_cli("codes", "inexistant")  # shares letters with « zone-existante », no typo of it
    assert code == 2 and "Vouliez-vous dire" not in err and "postinternat codes" in err
    code, out, _err = run_cli("codes")
    assert code == 0 and all(entry.code in out for entry in REGISTRY)
