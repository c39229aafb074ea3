"""``diff``: what changes between two regions, two campaigns, two versions, or a programme and its
national frame, in the terms of the model rather than of YAML lines.

Both sides are read as *views* (:mod:`.diffing.views`): the region, its zoning, one campaign and
the dispositifs after inheritance, with dated values read at the campaign's reference date. What a
side may be is in :mod:`.diffing.sides`, how two views are compared in :mod:`.diffing.changes`.
Nothing is kept between two calls: what a run opens and meets lives in its :class:`Sides`.
"""

from __future__ import annotations

from pathlib import Path

from .diffing.changes import Change as Change
from .diffing.changes import Diff as Diff
from .diffing.changes import diff_root_views, diff_views
from .diffing.changes import iter_sections as iter_sections
from .diffing.loading import Reader
from .diffing.sides import Sides as Sides
from .diffing.sides import folder_of, is_root
from .diffing.views import View as View
from .diffing.views import frame_view, root_view_pair
from .problems import PostinternatError, UsageError


def diff(left_spec: str, right_spec: str | None, regions_dir: Path, workdir: Path, prose: bool = False) -> Diff:
    """Compare two sides (see :mod:`.diffing.sides`), or, with one side, a dispositif with the
    national frame it extends. Temporary folders are removed before returning."""
    with Sides(regions_dir, workdir) as sides:
        try:
            result = _compare(sides, left_spec, right_spec, prose)
        except PostinternatError as exc:
            raise type(exc)(sides.untemp(str(exc))) from None
        result.warnings = sides.warnings()
        return result


def _compare(sides: Sides, left_spec: str, right_spec: str | None, prose: bool) -> Diff:
    if right_spec is not None:
        paths = [sides.path(s) for s in (left_spec, right_spec)]
        if all(is_root(p) for p in paths):
            return _roots(sides.reader, paths[0], paths[1], left_spec, right_spec, prose)
        right = sides.view(right_spec)
        return diff_views(sides.view(left_spec), right, prose)
    single = sides.view(left_spec)
    if len(single.dispositifs) != 1 or single.sections:
        raise UsageError("avec un seul argument, donnez un dispositif qui étend un cadre national (exemple : normandie/mg-400-volet-1)")
    stem = next(iter(single.dispositifs))
    left = frame_view(sides.reader, folder_of(left_spec, sides.regions_dir), stem, left_spec)
    return diff_views(left, single, prose)


def diff_roots(left: Path, right: Path, left_label: str, right_label: str, prose: bool = False) -> Diff:
    """Every region of two regions/ folders, paired by folder name."""
    return _roots(Reader(), left, right, left_label, right_label, prose)


def _roots(reader: Reader, left: Path, right: Path, left_label: str, right_label: str, prose: bool) -> Diff:
    before, after = reader.root_pair(left, right)
    a, b = root_view_pair(before, after, left_label, right_label)
    result = diff_root_views(a, b, left_label, right_label, prose)
    result.warnings = list(reader.warnings)
    return result
