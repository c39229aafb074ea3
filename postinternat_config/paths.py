"""Where the package finds its schemas, site sources and reference data (in a checkout or an
installed wheel): everything the tool reads at run time, other than the user's files, is inside the
package, so that ``pip install postinternat-config`` is enough to validate and build a site."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"


def _site_sources() -> Path:
    """The MkDocs project sources: Jinja2 templates of the generated pages (templates/), hand-written
    pages and assets (docs/, with the editors' guide docs/guide.md), theme overrides (overrides/) and
    the mkdocs.yml template. ``site/`` of the checkout, or the copy packaged in the wheel (pyproject
    force-includes it as ``postinternat_config/site_sources``)."""
    packaged = PACKAGE / "site_sources"
    return packaged if packaged.is_dir() else PACKAGE.parent / "site"


SITE_SOURCES = _site_sources()
# The shared test vectors (cases with expected verdicts), published as donnees/vecteurs.json.
VECTORS = DATA / "vecteurs.yaml"


def schemas_dir() -> Path:
    """``schemas/`` of the checkout, or the copy packaged in the wheel (pyproject force-includes it
    as ``postinternat_config/schemas``)."""
    packaged = PACKAGE / "schemas"
    if packaged.is_dir():
        return packaged
    return PACKAGE.parent / "schemas"
