"""Property-based: mutate the real region files at random; validate never raises and every problem
has a location (file, line ≥ 1, column ≥ 1)."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postinternat_config.validation import validate

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p.relative_to(ROOT / "regions") for p in (ROOT / "regions").rglob("*.yaml"))
WRONG_VALUES = ["", "deux", "-5", "150", "yes", "no", "01000", "2025-02-30", "[1, 2]", "{a: 1}", "~", "&x", "*x", "'", '"', "é: :", "\t"]


@st.composite
def mutation(draw: st.DrawFn) -> tuple[Path, bytes]:
    rel = draw(st.sampled_from(FILES))
    data = (ROOT / "regions" / rel).read_bytes()
    lines = data.split(b"\n")
    kind = draw(st.sampled_from(["delete", "duplicate", "truncate", "bytes", "value", "indent"]))
    i = draw(st.integers(0, max(0, len(lines) - 1)))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "truncate":
        return rel, data[: draw(st.integers(0, len(data)))]
    elif kind == "bytes":
        pos = draw(st.integers(0, len(data)))
        return rel, data[:pos] + draw(st.binary(min_size=1, max_size=8)) + data[pos:]
    elif kind == "value" and b": " in lines[i]:
        key = lines[i].split(b": ", 1)[0]
        lines[i] = key + b": " + draw(st.sampled_from(WRONG_VALUES)).encode()
    elif kind == "indent":
        lines[i] = b" " * draw(st.integers(0, 5)) + lines[i].lstrip()
    return rel, b"\n".join(lines)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=mutation())
def test_validate_never_raises_and_always_locates(change: tuple[Path, bytes], tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    rel, data = change
    root = tmp_path_factory.mktemp("m")
    shutil.copytree(ROOT / "regions", root / "regions")
    (root / "regions" / rel).write_bytes(data)
    region = root / "regions" / rel.parts[0]
    report = validate([region])
    for problem in report.problems:
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.code and problem.message
        assert (Path(problem.file) if Path(problem.file).is_absolute() else Path.cwd() / problem.file).exists(), problem
