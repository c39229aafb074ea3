"""``diff``'s sides: each folder read once per run, nothing kept from one run to the next, the
regions unchanged between two versions validated once, equal values recognised first."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import REGIONS_DESCRIBED

from postinternat_config.context import Context
from postinternat_config.diff import diff, diff_roots
from postinternat_config.diffing.changes import diff_views
from postinternat_config.diffing.views import View

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = "normandie/campagnes/2025.yaml"


def _versions(tmp_path: Path) -> tuple[Path, Path]:
    left, right = tmp_path / "a", tmp_path / "b"
    shutil.copytree(ROOT / "regions", left)
    shutil.copytree(ROOT / "regions", right)
    return left, right


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times each region folder's rule context is built (once per validation)."""
    seen: Counter[str] = Counter()
    real = Context.build.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Context], tree: object, national: object) -> Context:
        context: Context = real(cls, tree, national)
        seen[context.tree.slug] += 1
        return context

    monkeypatch.setattr(Context, "build", classmethod(counting))
    return seen


def test_diff_roots_returns_the_warnings_of_its_sides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    left, right = _versions(tmp_path)
    _edit(right / CAMPAIGN, "  - id: asr\n", "  - id: asr-inconnu\n")
    monkeypatch.chdir(tmp_path)
    result = diff_roots(left, right, "a", "b")
    assert len(result.warnings) == 1
    assert (
        "1 problème(s) de cohérence" in result.warnings[0] and "b/normandie/campagnes/2025.yaml:7:9: [identifiants]" in result.warnings[0]
    )
    assert diff_roots(left, left, "a", "a").warnings == []  # nothing left over from the run before


def test_an_error_on_both_sides_is_reported_for_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builds: Counter[str]) -> None:
    left, right = _versions(tmp_path)
    for side in (left, right):
        _edit(side / CAMPAIGN, "  - id: asr\n", "  - id: asr-inconnu\n")
    monkeypatch.chdir(tmp_path)
    result = diff_roots(left, right, "a", "b")
    assert result.changes == []
    assert [w.split("(par exemple ")[1].split(":")[0] for w in result.warnings] == [
        "a/normandie/campagnes/2025.yaml",
        "b/normandie/campagnes/2025.yaml",
    ]
    assert builds["normandie"] == 2  # a region with an error is validated on each side


def test_each_folder_is_validated_once_per_run(builds: Counter[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = diff("normandie@2024", "normandie@2025", ROOT / "regions", ROOT)
    assert result.changes and builds["normandie"] == 1
    builds.clear()
    result = diff("normandie/mg-400-volet-1", None, ROOT / "regions", ROOT)
    assert result.changes and builds["normandie"] == 1


def test_regions_unchanged_between_two_versions_are_validated_once(tmp_path: Path, builds: Counter[str]) -> None:
    left, right = _versions(tmp_path)
    _edit(right / CAMPAIGN, "date: 2025-02-14", "date: 2025-02-21")
    result = diff_roots(left, right, "a", "b")
    assert [(c.section, c.path) for c in result.changes] == [("Normandie › Campagne 2025", ("calendrier", "date_limite"))]
    assert builds["normandie"] == 2 and all(builds[r] == 1 for r in REGIONS_DESCRIBED if r != "normandie")
    assert [region for region, _d in result.pairs] == [region for _r, region in result.pairs]
    assert len(result.pairs) == sum(len(list((ROOT / "regions" / r / "dispositifs").glob("*.yaml"))) for r in REGIONS_DESCRIBED)


def test_a_change_of_the_national_frame_reads_every_region_again(tmp_path: Path, builds: Counter[str]) -> None:
    left, right = _versions(tmp_path)
    frame = next((right / "_national" / "dispositifs").glob("*.yaml"))
    frame.write_text(frame.read_text(encoding="utf-8") + "# modifié\n", encoding="utf-8")
    diff_roots(left, right, "a", "b")
    assert all(builds[r] == 2 for r in REGIONS_DESCRIBED)


def test_a_region_holding_a_link_is_read_on_both_sides(tmp_path: Path, builds: Counter[str]) -> None:
    """A link is never followed to decide that a folder is unchanged: its target may differ."""
    left, right = _versions(tmp_path)
    outside = tmp_path / "ailleurs.yaml"
    shutil.copy(right / CAMPAIGN, outside)
    _edit(outside, "date: 2025-02-14", "date: 2025-02-21")
    (right / CAMPAIGN).unlink()
    (right / CAMPAIGN).symlink_to(outside)
    result = diff_roots(left, right, "a", "b")
    assert [c.path for c in result.changes] == [("calendrier", "date_limite")]
    assert builds["normandie"] == 2


def test_equal_for_python_is_not_equal_for_the_diff() -> None:
    """``1``, ``1.0`` and ``true`` are equal for Python; the diff shows a change between them."""
    for old, new in ((1, True), (1, 1.0), ([1, 2], [1.0, 2]), ({"a": [0]}, {"a": [False]})):
        left, right = View("a", region="r"), View("b", region="r", explicit_campaign=True)
        left.sections["Campagne"] = ("campagne", {"valeur": old})
        right.sections["Campagne"] = ("campagne", {"valeur": new})
        left.explicit_campaign = True
        assert [c.kind for c in diff_views(left, right).changes] == ["modification"], (old, new)
    left, right = View("a", region="r", explicit_campaign=True), View("b", region="r", explicit_campaign=True)
    left.sections["Campagne"] = right.sections["Campagne"] = ("campagne", {"valeur": [1, "x", None]})
    assert diff_views(left, right).changes == []
