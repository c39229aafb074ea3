"""Where the package finds its schemas and reference data (in a checkout or an installed wheel)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"


def schemas_dir() -> Path:
    """``schemas/`` of the checkout, or the copy packaged in the wheel."""
    packaged = PACKAGE / "schemas"
    if packaged.is_dir():
        return packaged
    return PACKAGE.parent / "schemas"
