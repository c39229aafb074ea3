"""postinternat-config: regional post-internship programmes as schema-validated YAML."""

from __future__ import annotations

__version__ = "0.1.0"
