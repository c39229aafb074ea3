#!/usr/bin/env python3
"""Take the screenshots of docs/captures/ from a freshly built site, in Chromium (Playwright).

python3 tools/captures.py                    # the site as of today
python3 tools/captures.py --date 2026-12-02  # as of a given build date (campaign states)

Needs the test tools (``python3 dev.py test -k nothing`` installs them in .venv) and Chromium.
The site is built in a temporary folder and served on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from postinternat_config.paths import VECTORS  # noqa: E402
from postinternat_config.site import build_site  # noqa: E402

OUT = ROOT / "docs" / "captures"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def _fill_aumg(page: Any) -> None:
    form = page.locator(".autoevaluation form")
    form.locator("[name=specialite]").select_option("medecine-generale")
    form.locator("[name=debut]").fill("2025-11-01")
    form.locator("[name=duree_mois]").fill("24")
    ville = form.locator("fieldset").nth(2)
    ville.locator("[name=type]").select_option("msp")
    ville.locator("[name=quotite]").fill("50")
    universite = form.locator("fieldset").nth(3)
    universite.locator("[name=type]").select_option("dumg")
    universite.locator("[name=quotite]").fill("50")
    form.locator("button").click()
    page.locator(".autoevaluation .resultat", has_text="Résultat").wait_for()


def _wrong_duration(page: Any) -> None:
    form = page.locator(".autoevaluation form")
    form.locator("[name=debut]").fill("2025-11-01")
    form.locator("[name=duree_mois]").fill("240")
    form.locator("button").click()
    page.locator(".erreur-champ").first.wait_for()
    page.locator("[name=debut]").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -80)")


SHOTS: list[tuple[str, str, dict[str, int], Any]] = [
    ("accueil.png", "", DESKTOP, None),
    ("dispositif-asr-normandie.png", "regions/normandie/asr/", DESKTOP, None),
    ("dispositif-aumg-idf-390.png", "regions/ile-de-france/aumg/", PHONE, None),
    ("auto-evaluation-aumg-idf.png", "regions/ile-de-france/aumg/", DESKTOP, _fill_aumg),
    ("auto-evaluation-asr-normandie-390.png", "regions/normandie/asr/", PHONE, _wrong_duration),
    ("comparaison-ville-hopital.png", "comparaisons/assistant_ville_hopital/", DESKTOP, None),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--date", type=date.fromisoformat, default=date.today(), help="date de construction AAAA-MM-JJ")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(ROOT / "regions", Path(tmp) / "site", VECTORS, args.date)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
                for name, path, viewport, action in SHOTS:
                    context = browser.new_context(viewport=viewport, device_scale_factor=1)
                    page = context.new_page()
                    page.goto(base + path)
                    if action is not None:
                        action(page)
                    page.screenshot(path=str(OUT / name))
                    context.close()
                    print(f"docs/captures/{name}")
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
