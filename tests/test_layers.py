"""The package's modules import one another in one direction: no import cycle (counting the
imports made inside functions, which only hide a cycle), and no private name (``_x``) or private
module taken from another module."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "postinternat_config"


def _modules(package: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted module name → (file, is a package's __init__)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def imports(package: Path = PACKAGE) -> tuple[dict[str, set[str]], list[str]]:
    """The import graph of the package (module → modules of the package it imports, anywhere in
    its code), and the private names or modules imported across modules."""
    modules = _modules(package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    private: list[str] = []
    for name, (path, is_package) in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                graph[name].update(alias.name for alias in node.names if alias.name in modules)
                targets = [alias.name for alias in node.names if alias.name in modules]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target not in modules:
                    continue
                targets = [target]
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    if sub in modules:
                        graph[name].add(sub)
                        targets.append(sub)
                    else:
                        graph[name].add(target)
                        if _private(alias.name):
                            private.append(f"{name} imports {alias.name} from {target} (line {node.lineno})")
            else:
                continue
            for target in targets:
                owner, _, leaf = target.rpartition(".")
                # a private module is for the modules of its own package
                if _private(leaf) and name != owner and not name.startswith(owner + "."):
                    private.append(f"{name} imports the private module {target} (line {node.lineno})")
    return graph, private


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), and modules importing
    themselves."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle() -> None:
    graph, _private_imports = imports()
    assert cycles(graph) == []


def test_no_private_name_imported_from_another_module() -> None:
    _graph, private = imports()
    assert private == []


def test_the_checks_see_cycles_and_private_names(tmp_path: Path) -> None:
    """The checker itself: a cycle made by an import inside a function, and private imports."""
    package = tmp_path / "paquet"
    (package / "sous").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from .b import public\n")
    (package / "b.py").write_text("def public():\n    from . import a\n    from .a import _hidden\n")
    (package / "c.py").write_text("import paquet.b\nfrom .sous._interne import x\n")
    (package / "sous" / "__init__.py").write_text("from ._interne import x\n")
    (package / "sous" / "_interne.py").write_text("x = 1\n")
    graph, private = imports(package)
    assert cycles(graph) == [["paquet.a", "paquet.b"]]
    assert private == [
        "paquet.b imports _hidden from paquet.a (line 3)",
        "paquet.c imports the private module paquet.sous._interne (line 2)",
    ]
