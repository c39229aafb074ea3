"""The built site in a real browser (Debian's Chromium driven by Playwright): navigation, search,
the self-check and its agreement with the Python evaluator on the shared vectors, no request
outside 127.0.0.1, accessibility (axe-core), no broken link, and escaped YAML text."""

from __future__ import annotations

import functools
import html
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from conftest import code_leaks, data_codes, lay_case

from postinternat_config.paths import VECTORS
from postinternat_config.site import build_site

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUILD_DAY = date(2026, 12, 2)  # every campaign of the data is over by then
AXE_ALLOWED = {"landmark-unique": "menus imbriqués du thème Material (voir la déclaration d'accessibilité)"}

playwright_api = pytest.importorskip("playwright.sync_api")
if CHROMIUM is None:
    pytest.skip("Chromium absent (apt-get install chromium)", allow_module_level=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT / "regions", tmp_path_factory.mktemp("site") / "site", VECTORS, BUILD_DAY)


def _serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def url(built: Path) -> Iterator[str]:
    yield from _serve(built)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    outside: list[str] = []

    def guard(route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.outside_requests = outside
    yield page
    context.close()
    assert outside == [], f"requêtes hors de 127.0.0.1 : {outside}"


def _dispositif_paths() -> set[str]:
    return {
        f"regions/{p.parent.parent.name}/{p.stem}/"
        for p in (ROOT / "regions").glob("*/dispositifs/*.yaml")
        if p.parent.parent.name != "_national"
    }


def test_home_leads_to_every_dispositif_without_leaving_127_0_0_1(page: Any, url: str) -> None:
    seen: set[str] = set()
    queue = [url]
    while queue and len(seen) < 80:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        page.goto(current)
        assert page.locator(".md-banner").count() == 0, current  # the published site carries no draft banner
        links = "els => els.map(e => typeof e.href === 'string' ? e.href : new URL(e.href.baseVal, document.baseURI).href)"
        for href in page.eval_on_selector_all("a[href]", links):
            target = href.split("#")[0]
            if target.startswith(url) and target.endswith("/") and target not in seen:
                queue.append(target)
    reached = {s[len(url) :] for s in seen}
    assert _dispositif_paths() <= reached, sorted(_dispositif_paths() - reached)


def test_no_navigation_entry_repeats_its_section_title(page: Any, url: str) -> None:
    page.goto(url)
    repeated = page.evaluate(
        """() => Array.from(document.querySelectorAll('.md-nav--primary li.md-nav__item--nested')).flatMap(li => {
            const title = (li.querySelector('.md-ellipsis') || {}).textContent || '';
            const children = Array.from(li.querySelectorAll(':scope > nav > ul > li > a .md-ellipsis')).map(e => e.textContent.trim());
            return children.filter(c => c === title.trim()).map(c => c);
        })"""
    )
    assert repeated == []
    assert page.locator(".md-nav--primary").first.inner_text().count("Guide des éditeurs") == 1


def test_search_finds_a_dispositif_from_a_french_word(page: Any, url: str) -> None:
    page.goto(url)
    box = page.locator(".md-search__input")
    box.click()
    for _attempt in range(4):  # the search index loads in a worker: type again until it answers
        box.fill("")
        box.type("palliatifs")
        try:
            page.wait_for_selector(".md-search-result__item", timeout=8_000)
            break
        except playwright_api.TimeoutError:
            continue
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    assert any("as-douleur-soins-palliatifs" in link for link in links), links


def test_javascript_evaluator_agrees_with_every_shared_vector(page: Any, url: str) -> None:
    page.goto(url + "regions/normandie/asr/")
    mismatches = page.evaluate(
        """async () => {
            const rules = await (await fetch('../../../donnees/regles.json')).json();
            const vectors = (await (await fetch('../../../donnees/vecteurs.json')).json()).vecteurs;
            const wrong = [];
            const same = (a, b) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
            for (const v of vectors) {
                const e = PostinternatEvaluateur.evaluer(rules, v.region, v.dispositif, v.candidat, v.projet);
                if (e.verdict !== v.attendu.verdict) { wrong.push([v.id, 'verdict', e.verdict, v.attendu.verdict]); }
                const statuses = PostinternatEvaluateur.statuts(e);
                for (const [id, status] of Object.entries(v.attendu.conditions || {})) {
                    if (statuses[id] !== status) { wrong.push([v.id, id, statuses[id], status]); }
                }
                if (v.attendu.delai && e.delai.statut !== v.attendu.delai) { wrong.push([v.id, 'delai', e.delai.statut, v.attendu.delai]); }
                const priorities = Object.fromEntries(e.priorites.filter(p => p.statut !== 'a_apprecier').map(p => [p.id, p.statut]));
                if (!same(priorities, v.attendu.priorites || {})) { wrong.push([v.id, 'priorites', priorities]); }
                const totals = Object.fromEntries(e.financement.filter(f => 'total' in f).map(f => [f.id, f.total]));
                if (!same(totals, v.attendu.financement || {})) { wrong.push([v.id, 'financement', totals]); }
                const variant = e.variante;
                const expected = 'variante' in v.attendu ? {possible: true, texte: v.attendu.variante}
                    : ('sans_variante' in v.attendu ? {possible: false, raison: v.attendu.sans_variante} : null);
                const shown = variant && (variant.possible ? {possible: true, texte: variant.texte} : {possible: false, raison: variant.raison});
                if (JSON.stringify(shown) !== JSON.stringify(expected)) { wrong.push([v.id, 'variante', shown, expected]); }
            }
            return [vectors.length, wrong];
        }"""
    )
    count, wrong = mismatches
    assert count >= 40
    assert wrong == []


def _python_outputs() -> dict[str, Any]:
    """What `evaluate` gives for each shared vector: campaign, deadline, priorities, funding, variant."""
    from postinternat_config import labels
    from postinternat_config.engine import Compiled, pay
    from postinternat_config.evaluation_report import _delai_text
    from postinternat_config.explain import funding_text, lieux_of, missing_fr, pay_text
    from postinternat_config.exports import load_vectors
    from postinternat_config.rulebook import load_rulebook
    from postinternat_config.variants import variant, variant_text

    book = load_rulebook(ROOT / "regions")
    found = {}
    for v in load_vectors(VECTORS):
        region = book.regions[v["region"]]
        e = Compiled.of(region["dispositifs"][v["dispositif"]], region).evaluate(v["candidat"], v["projet"])
        campagne = e.campagne()
        found[v["id"]] = {
            "verdict": e.verdict,
            "campagne": campagne["id"] if campagne else None,
            "delai": e.delai(),
            "priorites": e.priorites(),
            "financement": e.financement(),
            "remuneration": pay(e.rules, campagne, v["projet"]),
            "variante": variant(e),
            "textes": [_delai_text(e.delai()), variant_text(variant(e))]
            + [f"{p['libelle']} : {labels.priorite(p['statut'])}" for p in e.priorites()]
            + [funding_text(f) for f in e.financement()]
            + [missing_fr(m, lieux_of(e.rules["conditions"])) for m in e.missing]
            + [pay_text(r) for r in pay(e.rules, campagne, v["projet"])],
        }
    return found


def test_javascript_evaluator_gives_the_same_outputs_as_evaluate(page: Any, url: str) -> None:
    """Not only the expectations the vectors write down: every field of the deadline, priorities,
    funding and variant is the one the Python engine computes, and the self-check writes them in the
    words of `evaluate`'s text output."""
    expected = _python_outputs()
    page.goto(url + "regions/normandie/asr/")
    found = page.evaluate(
        """async () => {
            const rules = await (await fetch('../../../donnees/regles.json')).json();
            const vectors = (await (await fetch('../../../donnees/vecteurs.json')).json()).vecteurs;
            const out = {};
            for (const v of vectors) {
                const e = PostinternatEvaluateur.evaluer(rules, v.region, v.dispositif, v.candidat, v.projet);
                const t = PostinternatEvaluateur.textes;
                out[v.id] = {verdict: e.verdict, campagne: e.campagne, delai: e.delai, priorites: e.priorites, financement: e.financement, remuneration: e.remuneration, variante: e.variante,
                    textes: [t.delai(e.delai), t.variante(e.variante)].concat(e.priorites.map(t.priorite), e.financement.map(t.financement),
                        e.manquants.map(m => t.manquant(m, rules.regions[v.region].dispositifs[v.dispositif], rules)),
                        e.remuneration.map(t.remuneration))};
            }
            return out;
        }"""
    )
    assert found.keys() == expected.keys()
    wrong = {ident: (found[ident], expected[ident]) for ident in expected if found[ident] != expected[ident]}
    assert wrong == {}


def test_self_check_form_gives_the_verdict(page: Any, url: str) -> None:
    page.goto(url + "regions/normandie/asr/")
    form = page.locator(".autoevaluation form")
    assert form.is_visible()
    form.locator("[name=debut]").fill("2025-11-01")
    form.locator("[name=duree_mois]").fill("24")
    peripherique = form.locator("fieldset[data-role=peripherique]")
    peripherique.locator("[name=type]").select_option("ch")
    peripherique.locator("[name=quotite]").fill("60")
    universitaire = form.locator("fieldset[data-role=universitaire]")
    universitaire.locator("[name=type]").select_option("chu")
    universitaire.locator("[name=quotite]").fill("40")
    form.locator("button").click()
    result = page.locator(".autoevaluation .resultat")
    result.locator("text=Résultat").wait_for()
    # the 2025 letter's CHU validation: missing until the form says it (to be checked by the ARS)
    assert "Résultat : Dossier à compléter" in result.inner_text() and "dossier validé par le CHU" in result.inner_text()
    form.locator("[name=validation_chu]").select_option("oui")
    form.locator("button").click()
    page.wait_for_function("document.querySelector('.autoevaluation .resultat').innerText.includes('Éligible')")
    assert "Résultat : Éligible" in result.inner_text()
    peripherique.locator("[name=quotite]").fill("50")
    universitaire.locator("[name=quotite]").fill("50")
    form.locator("button").click()
    page.wait_for_function("document.querySelector('.autoevaluation .resultat').innerText.includes('Non éligible')")
    text = result.inner_text()
    assert "50 %, alors qu'il faut au moins 60 %" in text and "Source : Cinq dispositifs" in text
    # what evaluate gives too: the nearest variant, the deadline, the priorities, the funding
    assert "Variante éligible la plus proche : avec au moins 60 % du temps au lieu « Établissement de santé périphérique »" in text
    # no application date, and the deadline has passed at the build date: the campaign is closed, as « En bref » says
    assert page.locator(".autoevaluation").get_attribute("data-jour") == BUILD_DAY.isoformat()
    assert (
        "Délai : campagne 2025 close : la date limite (14 février 2025) est passée ; la prochaine campagne n'est pas encore annoncée."
    ) in text
    assert "à vérifier (date limite" not in text
    assert "Priorités :" in text and "Financement prévu par les règles :" in text
    form.locator("[name=date_candidature]").fill("2025-02-10")  # a date given: the deadline is checked against it
    form.locator("button").click()
    page.wait_for_function("document.querySelector('.autoevaluation .resultat').innerText.includes('dépôt le 10/02/2025')")
    assert "Délai : dans les délais (date limite 14/02/2025, jour inclus ; dépôt le 10/02/2025) — campagne 2025." in result.inner_text()


_CONTRAST = """el => {
    const rgb = text => text.match(/[0-9.]+/g).slice(0, 4).map(Number);
    const lum = ([r, g, b]) => {
        const c = [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    let back = el.parentElement;  // the first opaque background behind the field
    while (back && (getComputedStyle(back).backgroundColor === 'rgba(0, 0, 0, 0)' || rgb(getComputedStyle(back).backgroundColor)[3] === 0)) { back = back.parentElement; }
    const bg = back ? rgb(getComputedStyle(back).backgroundColor) : [255, 255, 255];
    const style = getComputedStyle(el);
    const [a, b] = [lum(rgb(style.borderBottomColor)), lum(bg)].sort((x, y) => y - x);
    return {name: el.name, width: parseFloat(style.borderBottomWidth), style: style.borderBottomStyle, ratio: (a + 0.05) / (b + 0.05)};
}"""


def test_type_lists_show_the_admitted_types_first_in_french_order(page: Any, url: str) -> None:
    page.goto(url + "regions/normandie/asr/")
    select = page.locator("fieldset[data-role=peripherique] [name=type]")
    groups = select.locator("optgroup").evaluate_all("els => els.map(e => e.label)")
    assert groups == ["Types admis pour ce lieu", "Autres types (non admis)"]
    admitted = select.locator("optgroup >> nth=0").locator("option").all_inner_texts()
    assert admitted == ["Centre hospitalier", "Établissement de santé périphérique (hors CHU)"]
    others = select.locator("optgroup >> nth=1").locator("option").all_inner_texts()
    assert others.index("Établissement de recours") < others.index("Université")
    select.select_option("universite")  # a type the lieu does not admit stays selectable
    assert select.input_value() == "universite"


def test_self_check_fields_are_visible_with_a_contrasted_border_and_focus(page: Any, url: str) -> None:
    page.goto(url + "regions/normandie/asr/")
    fields = page.locator(".autoevaluation form").locator("input, select")
    assert fields.count() >= 10
    for i in range(fields.count()):
        found = fields.nth(i).evaluate(_CONTRAST)
        assert found["width"] >= 1 and found["style"] == "solid", found
        assert found["ratio"] >= 3, found  # WCAG 1.4.11: a field's edge at 3:1 at least against its background
    field = page.locator("[name=duree_mois]")
    field.focus()
    outline = field.evaluate("el => [getComputedStyle(el).outlineStyle, parseFloat(getComputedStyle(el).outlineWidth)]")
    assert outline[0] != "none" and outline[1] >= 2


def test_en_bref_leads_to_the_self_check_and_errors_are_shown_next_to_the_field(page: Any, url: str) -> None:
    page.goto(url + "regions/normandie/asr/")
    page.locator(".en-bref").get_by_role("link", name="Vérifier mon éligibilité").click()
    page.wait_for_function("document.querySelector('.autoevaluation form').getBoundingClientRect().top < window.innerHeight")
    assert page.url.endswith("#verifier-ma-situation")
    form = page.locator(".autoevaluation form")
    form.locator("[name=duree_mois]").fill("500")
    form.locator("fieldset[data-role=peripherique] [name=quotite]").fill("150")
    form.locator("button").click()
    duree = form.locator("[name=duree_mois]")
    error = page.locator("#duree_mois-asr-erreur")
    assert error.is_visible() and error.inner_text() == "Saisissez une valeur d'au plus 120."
    assert duree.get_attribute("aria-invalid") == "true" and "duree_mois-asr-erreur" in (duree.get_attribute("aria-describedby") or "")
    assert page.evaluate("document.activeElement.name") == "duree_mois"  # the first wrong field
    assert page.locator("#quotite-asr-peripherique-erreur").inner_text() == "Saisissez une valeur d'au plus 100."
    assert "Résultat" not in page.inner_text(".autoevaluation .resultat")
    duree.fill("24")
    duree.dispatch_event("change")  # a corrected field loses its error at once
    assert error.count() == 0 and duree.get_attribute("aria-invalid") is None
    form.locator("fieldset[data-role=peripherique] [name=quotite]").fill("60")
    form.locator("button").click()
    page.locator(".autoevaluation .resultat", has_text="Résultat").wait_for()
    assert page.locator(".autoevaluation .erreur-champ").count() == 0 and duree.get_attribute("aria-invalid") is None


def test_simulator_shows_errors_next_to_the_field(page: Any, url: str) -> None:
    page.goto(url + "ou-suis-je-eligible/")
    form = page.locator(".simulateur form")
    assert form.evaluate("f => f.noValidate") is True
    form.locator("[name=duree_mois]").fill("200")
    page.locator("#sim-commune-1").fill("1411")
    form.locator("button").click()
    assert page.locator("#sim-duree_mois-erreur").inner_text() == "Saisissez une valeur d'au plus 120."
    assert page.locator("#sim-commune-1-erreur").inner_text().startswith("Un code INSEE a 5 caractères")
    assert page.locator("#sim-commune-1").get_attribute("aria-invalid") == "true"
    assert page.locator("#sim-commune-1").evaluate("el => getComputedStyle(el).borderTopColor") == "rgb(206, 5, 0)"
    assert page.locator("#sim-commune-1-erreur").evaluate("el => getComputedStyle(el).display") == "block"
    assert page.evaluate("document.activeElement.id") == "sim-duree_mois"
    assert page.inner_text(".simulateur .resultat") == "Corrigez les champs signalés en rouge."
    page.locator("#sim-duree_mois").fill("24")
    page.locator("#sim-duree_mois").dispatch_event("change")
    assert page.locator("#sim-duree_mois-erreur").count() == 0
    page.locator("#sim-commune-1").fill("14118")
    form.locator("button").click()
    page.locator(".simulateur .resultat li").first.wait_for()
    assert page.locator(".erreur-champ").count() == 0


def test_no_page_scrolls_sideways_on_a_phone(browser: Any, url: str, built: Path) -> None:
    context = browser.new_context()  # no request guard: the other tests check that nothing leaves 127.0.0.1
    page = context.new_page()
    pages = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html"))
    assert len(pages) > 20
    wide = []
    for rel in pages:
        page.set_viewport_size({"width": 390, "height": 800})
        page.goto(url + rel, wait_until="domcontentloaded")  # the styles are in by then (they block the scripts)
        for width in (390, 320):  # the narrowest phones still in use, and a common one
            page.set_viewport_size({"width": width, "height": 800})
            scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > inner:
                wide.append((rel, width, scroll))
    context.close()
    assert wide == [], f"pages plus larges que l'écran (page, largeur de l'écran, largeur de la page) : {wide}"


def test_closed_campaigns_read_as_closed_at_the_build_date(page: Any, url: str) -> None:
    page.goto(url + "regions/normandie/asr/")
    en_bref = page.inner_text(".en-bref")
    assert "Candidatures au 2 décembre 2026 : Campagne 2025 close — la prochaine n'est pas encore annoncée" in en_bref
    assert "ouvert" not in page.inner_text("article p >> nth=0")  # the header no longer says « · ouvert »
    page.goto(url + "regions/normandie/")
    assert "closes (campagne 2025, date limite passée : 14 février 2025 inclus)" in page.inner_text("article table")
    page.goto(url + "calendrier/")
    assert page.locator("h2", has_text="Dates passées").is_visible()
    row = page.locator("article table tr", has_text="14 février 2025 (jour inclus)").inner_text()
    assert "Date limite de dépôt des candidatures (sauf : 400 MG)" in row


def test_no_campaign_reads_closed_without_a_date_for_the_dispositif(page: Any, url: str) -> None:
    page.goto(url + "regions/normandie/mg-400-volet-1/")
    en_bref = page.inner_text(".en-bref")
    assert "close" not in en_bref
    assert "Campagne 2025 : les textes relevés ne donnent ni date limite ni date de dépôt pour ce dispositif" in en_bref
    calendar = page.locator("#calendrier + ul").inner_text()
    assert (
        "Dates de la campagne qui ne valent pas pour ce dispositif : date limite de dépôt, commission ou jury, décisions et prises de poste"
        in calendar
    )
    page.goto(url + "regions/normandie/")
    row = page.locator("article table tr", has_text="volet 1").inner_text()
    assert "closes" not in row and "se renseigner auprès de l'ARS" in row


def test_combien_shows_the_amounts_of_the_aumg_ile_de_france(page: Any, url: str) -> None:
    page.goto(url + "regions/ile-de-france/aumg/")
    amount = "2\u202f100 € par mois × 24 mois = 50\u202f400 €"
    assert (
        f"Combien ? : rémunération non précisée par les textes ; financement : {amount}, versés par ARS Île-de-France"
        in page.inner_text(".en-bref")
    )
    section = page.locator("#combien + ul")
    assert section.is_visible() and f"ARS Île-de-France : {amount} ; prise en charge de la totalité (100 %)" in section.inner_text()
    assert section.inner_text().startswith("Rémunération du médecin : non précisée par les textes.")


def test_an_outdated_amount_is_read_with_its_caveat(page: Any, url: str) -> None:
    page.goto(url + "regions/hauts-de-france/atp/")
    en_bref = page.inner_text(".en-bref")
    assert "Durée : 24 mois de financement, versé par Région Hauts-de-France (voir la remarque dans « Combien ? »)" in en_bref
    assert "non précisée" not in en_bref
    assert "rémunération : 500 € brut par mois (voir la remarque dans « Combien ? »)" in en_bref
    section = page.locator("#combien + ul")
    assert section.is_visible()
    lines = section.inner_text().splitlines()
    pay = next(line for line in lines if line.startswith("Rémunération — "))
    assert pay.startswith("Rémunération — Prime de territoire versée par la Région : 500 € brut par mois — À noter : Prime de 2022")
    assert pay.endswith("le montant de 500 € peut ne plus valoir.")
    funding = next(line for line in lines if line.startswith("Financement — "))
    assert "500 € par mois × 24 mois = 12\u202f000 €" in funding and funding.endswith("le montant de 500 € peut ne plus valoir.")


def test_conditions_name_the_lieu_and_count_its_structures_in_words(page: Any, url: str) -> None:
    page.goto(url + "regions/hauts-de-france/atp/")
    conditions = page.locator("#conditions + ul").inner_text().splitlines()
    assert conditions[:2] == [
        "Lieu d'exercice : CHU de Lille, CHU d'Amiens ou COL (une structure)",
        "Centre hospitalier éloigné des métropoles (établissement périphérique) : Centre hospitalier (une structure)",
    ]


def test_aumg_page_tells_one_story_on_how_and_where_to_apply(page: Any, url: str) -> None:
    page.goto(url + "regions/ile-de-france/aumg/")
    how = page.locator("#comment-candidater + ul").inner_text()
    assert "déposée par l'université" not in how
    assert how.startswith("Candidature portée par l'université, dossier déposé à l'université — À noter : La page dit à la fois")
    texts = page.locator("#textes-officiels + ul").inner_text()
    assert texts.count("Devenir assistant universitaire de médecine générale") == 1
    assert "deux versions relevées : l'une sans date, l'autre du 23 mai 2023" in texts
    page.goto(url + "regions/normandie/asr/")
    contacts = page.locator("#contacts + ul").inner_text()
    assert "(dépôt des candidatures en 2024)" in contacts and "le courrier de la campagne 2025 ne donne ni canal ni adresse" in contacts


def test_comparison_shows_only_the_regions_that_have_the_family(page: Any, url: str) -> None:
    page.goto(url + "comparaisons/aumg/")
    headers = page.locator("article table th").all_inner_texts()
    assert headers == ["Paramètre", "Île-de-France", "Normandie", "Provence-Alpes-Côte d'Azur"]
    assert "Régions sans dispositif de cette famille dans les textes relevés : Centre-Val de Loire" in page.inner_text("article")
    assert page.locator("article table td", has_text="Campagne la plus récente").count() == 1


def test_pages_are_complete_without_javascript(browser: Any, url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "regions/normandie/asr/")
    text = page.inner_text("article")
    for section in ("Qui peut en bénéficier ?", "Conditions", "Répartition du temps", "Textes officiels", "au moins 60 %"):
        assert section in text
    assert page.locator(".autoevaluation .sans-js").is_visible()
    assert not page.locator(".autoevaluation form").is_visible()
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "regions/normandie/",
        "regions/normandie/asr/",
        "regions/ile-de-france/aumg/",
        "comparaisons/assistant_ville_hopital/",
        "calendrier/",
        "ou-suis-je-eligible/",
        "donnees/",
        "reference/",
        "accessibilite/",
    ],
)
def test_accessibility_axe(page: Any, url: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(url + path)
    violations = Axe().run(page).response["violations"]
    unexpected = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations if v["id"] not in AXE_ALLOWED]
    assert unexpected == []


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        for key in ("href", "src"):
            if values.get(key):
                self.links.append(values[key] or "")


def test_theme_texts_are_french(page: Any, url: str, built: Path) -> None:
    for html_file in built.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        assert "Made with" not in text and "Not found" not in text, html_file
    page.goto(url + "404.html")  # what a host serves for an unknown address
    assert page.locator("h1").first.inner_text() == "Page introuvable"
    page.get_by_role("link", name="Revenir à l'accueil").click()
    assert page.locator("h1").first.inner_text() != "Page introuvable" and page.url.rstrip("/.") == url.rstrip("/")


def test_no_broken_link_or_anchor(built: Path) -> None:
    parsed: dict[Path, _Links] = {}
    for html_file in built.rglob("*.html"):
        if html_file.name == "404.html":  # served at any address: its links are absolute on purpose
            continue
        parser = _Links()
        parser.feed(html_file.read_text(encoding="utf-8"))
        parsed[html_file] = parser
    broken = []
    for html_file, parser in parsed.items():
        for link in parser.links:
            if urlparse(link).scheme or link.startswith(("mailto:", "//", "data:", "javascript:")):
                continue
            target, _, anchor = link.partition("#")
            path = (html_file.parent / target).resolve() if target else html_file
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append((str(html_file.relative_to(built)), link))
            elif anchor and path.suffix == ".html" and anchor not in parsed.get(path, _Links()).ids:
                broken.append((str(html_file.relative_to(built)), link))
    assert broken == []


HOSTILE_CASE = ROOT / "tests" / "examples" / "valid" / "textes-hostiles"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str]]:
    """The fictional region with, in every text the site shows, a payload that tries every way out:
    </title>, <script>, <img onerror>, <svg onload=alert>, quotes, ]]>, </script>, {: attr_list }."""
    import yaml

    root = tmp_path_factory.mktemp("hostile")
    lay_case("valid", "textes-hostiles", root / "src")
    payload = yaml.safe_load((HOSTILE_CASE / "regions/corse/dispositifs/partage.yaml").read_text(encoding="utf-8"))["nom"]
    site = build_site(root / "src" / "regions", root / "site")
    for base in _serve(site):
        yield base, site, payload


def test_hostile_yaml_text_never_runs_and_is_shown_literally(page: Any, hostile: tuple[str, Path, str]) -> None:
    base, site, payload = hostile
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    provoke = "() => { for (const e of document.querySelectorAll('*')) { for (const t of ['mouseover', 'focus', 'click']) { if (t !== 'click' || !e.closest('a, button, form, label, input, select')) e.dispatchEvent(new Event(t, {bubbles: true})); } } }"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 10
    for rel in pages:
        page.goto(base + rel)
        page.evaluate(provoke)  # fire any handler an injected attribute would carry
        assert page.evaluate("typeof window.__xss") == "undefined", rel
    page.goto(base + "regions/corse/partage/")
    assert page.title() == f"{payload} - Post-internat — les dispositifs des ARS"
    assert page.inner_text("article h1") == payload
    link = page.locator("#textes-officiels + ul a").first
    assert link.get_attribute("href") == "https://exemple.invalid/post-internat?a=1&b=2#haut"
    assert link.inner_text() == payload
    # the self-check writes the sources and their quotations with JavaScript
    form = page.locator(".autoevaluation form")
    form.locator("[name=debut]").fill("2025-11-01")
    form.locator("[name=duree_mois]").fill("24")
    form.locator("button").click()
    page.locator(".autoevaluation .resultat", has_text="Résultat").wait_for()
    assert f"Source : {payload} — « {payload} »" in page.inner_text(".autoevaluation .resultat")
    # the simulator writes the names and the explanations of every dispositif with JavaScript
    page.goto(base + "ou-suis-je-eligible/")
    page.locator(".simulateur form button").click()
    page.locator(".simulateur .resultat li").first.wait_for()
    assert payload in page.inner_text(".simulateur .resultat")
    page.evaluate(provoke)
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.goto(base + "regions/corse/partage/")
    # the search shows the hostile titles in its results
    box = page.locator(".md-search__input")
    box.click()
    for _attempt in range(4):  # the search index loads in a worker: type again until it answers
        box.fill("")
        box.type("citation")
        try:
            page.wait_for_selector(".md-search-result__item", timeout=8_000)
            break
        except playwright_api.TimeoutError:
            continue
    assert payload in page.inner_text(".md-search-result")
    page.evaluate(provoke)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []


EDITOR_PAGES = ("reference/", "guide/", "codes/")  # the documentation of the YAML: it names its codes on purpose


def test_no_raw_code_in_any_page_text(browser: Any, url: str, built: Path) -> None:
    """Every page a candidate reads (not the editors' reference pages) names zones, lieux,
    priorities, types, DES and statuses by their labels: its text, its form's options, labels and
    tooltips, and, on a dispositif page, the self-check's answer to an empty form (every condition
    explained). The other pages are read from their HTML in the browser (their text is all there)."""
    codes = data_codes()
    assert {"ZONE_SOUS_DENSE", "ZIP_PLUS", "support-ght-ou-recours", "peripherique", "etablissement_support_ght", "liberal"} <= set(codes)
    pages = sorted(
        p.parent.relative_to(built).as_posix() + "/"
        for p in built.rglob("index.html")
        if p.parent != built and not (p.parent.relative_to(built).as_posix() + "/").startswith(EDITOR_PAGES)
    )
    dispositifs = sorted(_dispositif_paths())
    assert len(pages) > 20 and set(dispositifs) <= set(pages)
    found: dict[str, list[str]] = {}
    context = browser.new_context()  # no request guard here: every request is served by 127.0.0.1 (checked elsewhere)
    page = context.new_page()
    page.goto(url)
    others = page.evaluate(
        """async (paths) => {
            const texts = {};
            for (const path of paths) {
                const doc = new DOMParser().parseFromString(await (await fetch(path)).text(), 'text/html');
                doc.querySelectorAll('script, style').forEach((e) => e.remove());
                const tips = [...doc.querySelectorAll('[aria-label], [title]')].map((e) => (e.getAttribute('aria-label') || '') + ' ' + (e.getAttribute('title') || ''));
                texts[path] = doc.body.textContent + ' ' + tips.join(' ');
            }
            return texts;
        }""",
        ["./", *[p for p in pages if p not in dispositifs]],
    )
    for rel, text in others.items():
        if leaks := code_leaks(text, codes):
            found[rel] = leaks
    for rel in dispositifs:
        page.goto(url + rel)
        texts = [page.evaluate("document.body.innerText")]
        texts += page.eval_on_selector_all(
            "option, label, legend, [aria-label], [title]",
            "els => els.map(e => [e.textContent, e.getAttribute('aria-label') || '', e.getAttribute('title') || ''].join(' '))",
        )
        page.evaluate("document.querySelector('.autoevaluation form').requestSubmit()")
        page.wait_for_function("document.querySelector('.autoevaluation .resultat').innerText.includes('Résultat')")
        texts.append(page.inner_text(".autoevaluation .resultat"))
        if leaks := code_leaks("\n".join(texts), codes):
            found[rel] = leaks
    context.close()
    assert found == {}


LONE_DASH = re.compile(r"(?:^|[\s(:,;])—\s*(?:[,;:.)]|$)|:\s*—\s*$", re.MULTILINE)


def test_no_lone_dash_placeholder_in_a_sentence(built: Path) -> None:
    """« — » stands for an empty cell in a table; in a sentence (« déposée par —, », « Pour qui : — »)
    a candidate reads a hole: the page must say what the texts do not give."""
    found = {}
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        text = re.sub(r"(?is)<(script|style|table|textarea|select)\b.*?</\1>", "\n", path.read_text(encoding="utf-8"))
        text = html.unescape(re.sub(r"(?s)<[^>]+>", "\n", text))
        lines = [line.strip() for line in text.splitlines() if "—" in line]
        if bad := [line for line in lines if LONE_DASH.search(line)]:
            found[path.relative_to(built).as_posix()] = bad
    assert found == {}


def test_self_check_names_a_missing_lieu_by_its_label(page: Any, url: str) -> None:
    page.goto(url + "regions/normandie/asr/")
    form = page.locator(".autoevaluation form")
    peripherique = form.locator("fieldset[data-role=peripherique]")
    peripherique.locator("[name=type]").select_option("ch")
    peripherique.locator("[name=quotite]").fill("60")
    page.evaluate("document.querySelector('.autoevaluation form').requestSubmit()")
    page.wait_for_function("document.querySelector('.autoevaluation .resultat').innerText.includes('À compléter')")
    text = page.inner_text(".autoevaluation .resultat")
    assert "structure pour le lieu « CHU ou service universitaire »" in text and "« universitaire »" not in text
    # a structure's missing field is named by the title of the form's block, not by its rank
    page.goto(url + "regions/ile-de-france/aumg/")
    ville = page.locator(".autoevaluation fieldset[data-role=ville]")
    ville.locator("[name=type]").select_option(index=1)
    ville.locator("[name=commune]").fill("93066")
    page.evaluate("document.querySelector('.autoevaluation form').requestSubmit()")
    page.wait_for_function("document.querySelector('.autoevaluation .resultat').innerText.includes('À compléter')")
    text = page.inner_text(".autoevaluation .resultat")
    assert "zone (Structure de soins de ville (CDS, MSP, cabinet individuel ou de groupe))" in text, text
    assert "structure n°" not in text


def _form_input(vector: dict[str, Any], diplomas: list[list[str]]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """What the simulator's form can say of a vector (no role, no campaign, three structures at
    most), as the form fields and as the candidate `evaluate` reads; None when it cannot."""
    candidat, projet = vector["candidat"], vector["projet"]
    structures = projet.get("structures") or []
    if len(structures) > 3 or any(isinstance(s.get("zone"), list) and len(s["zone"]) > 1 for s in structures):
        return None
    fields: dict[str, Any] = {k: candidat[k] for k in ("specialite", "fin_internat", "date_des", "inscription_ordre") if k in candidat}
    person: dict[str, Any] = {"id": vector["id"], **fields}
    held = candidat.get("diplomes")
    if held is not None:
        answers = ["oui" if set(values) & set(held) else "non" for values in diplomas]
        fields["diplomes"] = answers
        person["diplomes"] = [d for values, answer in zip(diplomas, answers, strict=True) if answer == "oui" for d in values]
    plan: dict[str, Any] = {k: projet[k] for k in ("debut", "duree_mois", "date_candidature") if k in projet}
    fields.update(plan)
    if "validation_chu" in projet:
        fields["validation_chu"] = "oui" if projet["validation_chu"] else "non"
        plan["validation_chu"] = projet["validation_chu"]
    kept = []
    for s in structures:
        kept.append({k: s[k] for k in ("type", "commune", "quotite", "demi_journees", "zone", "prioritaire") if k in s})
    if kept:
        plan["structures"] = kept
    fields["structures"] = kept
    person["projets"] = [plan]
    return fields, person


FILL = """fields => {
    const form = document.querySelector('.simulateur form');
    form.reset();
    document.querySelector('.simulateur .resultat').textContent = '';
    const set = (scope, name, value) => {
        const el = scope.querySelector('[name=' + name + ']');
        if ([...(el.options || [])].length && ![...el.options].some(o => o.value === String(value))) { throw new Error(name + ' : ' + value); }
        el.value = String(value);
    };
    for (const name of ['specialite', 'fin_internat', 'date_des', 'inscription_ordre', 'debut', 'duree_mois', 'date_candidature', 'validation_chu']) {
        if (name in fields) { set(form, name, fields[name]); }
    }
    (fields.diplomes || []).forEach((answer, i) => { form.querySelectorAll('select[name=diplome]')[i].value = answer; });
    fields.structures.forEach((s, i) => {
        const box = form.querySelector('fieldset[data-structure="' + (i + 1) + '"]');
        for (const [name, value] of Object.entries(s)) {
            const shown = name === 'zone' ? (Array.isArray(value) ? (value.length ? value[0] : 'aucune') : value)
                : (name === 'prioritaire' ? (value ? 'oui' : 'non') : value);
            set(box, name, shown);
        }
    });
}"""


def test_simulator_gives_the_verdicts_and_variants_of_evaluate_on_the_shared_vectors(page: Any, url: str, tmp_path: Path) -> None:
    """Filled with the inputs of the shared vectors (without roles), the page « Où suis-je éligible ? »
    answers every dispositif of every region with the verdict and the variant `evaluate` gives
    without --region, in the same order."""
    import json

    from conftest import run

    from postinternat_config.exports import load_vectors
    from postinternat_config.variants import variant_text

    page.goto(url + "ou-suis-je-eligible/")
    form = page.locator(".simulateur form")
    assert form.is_visible()
    diplomas = [d.split(" ") for d in form.locator("select[name=diplome]").evaluate_all("els => els.map(e => e.dataset.valeurs)")]
    cases = [c for c in (_form_input(v, diplomas) for v in load_vectors(VECTORS)) if c is not None]
    assert len(cases) >= 40
    candidates = tmp_path / "candidats.json"
    candidates.write_text(json.dumps({"candidats": [person for _f, person in cases]}), encoding="utf-8")
    code, out, err = run("evaluate", str(candidates), "--format", "json", "--regions", str(ROOT / "regions"))
    assert code == 0, err
    expected: dict[str, list[tuple[str, str, str, str]]] = {}
    for e in json.loads(out)["evaluations"]:
        expected.setdefault(e["candidat"], []).append((e["region"], e["dispositif"], e["verdict"], variant_text(e["variante"])))
    # every case in one call: fill the fields, submit the form, read the answer (one round trip
    # to the browser per case would take seconds)
    found = page.evaluate(
        """async ([fill, cases]) => {
            const setFields = eval(fill), out = {};
            for (const [id, fields] of cases) {
                setFields(fields);
                document.querySelector('.simulateur form').requestSubmit();
                while (!document.querySelector('.simulateur .resultat li')) { await new Promise(r => setTimeout(r, 5)); }
                out[id] = [...document.querySelectorAll('.simulateur .resultat li')].map(li => [li.dataset.region, li.dataset.dispositif,
                    li.dataset.verdict, li.querySelector('.variante') ? li.querySelector('.variante').textContent : '']);
            }
            return out;
        }""",
        [FILL, [[person["id"], fields] for fields, person in cases]],
    )
    wrong = {}
    for _fields, person in cases:
        rows = [tuple(row) for row in found[person["id"]]]
        if rows != expected[person["id"]]:
            wrong[person["id"]] = (rows, expected[person["id"]])
    assert wrong == {}


def test_simulator_page_shows_reasons_and_variants_in_words(page: Any, url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(url + "ou-suis-je-eligible/")
    form = page.locator(".simulateur form")
    form.locator("[name=specialite]").select_option("neurologie")
    form.locator("[name=debut]").fill("2025-11-01")
    form.locator("[name=duree_mois]").fill("24")
    form.locator("[name=validation_chu]").select_option("oui")
    first = form.locator("fieldset[data-structure='1']")
    first.locator("[name=type]").select_option("ch")
    first.locator("[name=commune]").fill("61001")
    first.locator("[name=quotite]").fill("55")
    second = form.locator("fieldset[data-structure='2']")
    second.locator("[name=type]").select_option("chu")
    second.locator("[name=quotite]").fill("45")
    form.locator("button").click()
    result = page.locator(".simulateur .resultat")
    result.locator("li").first.wait_for()
    text = result.inner_text()
    heads = [text.index(h) for h in ("Éligible (", "Dossier à compléter (", "Non éligible (") if h in text]
    assert heads == sorted(heads) and heads
    asr = result.locator("li[data-region=normandie][data-dispositif=asr]")
    assert "55 %, alors qu'il faut au moins 60 %" in asr.inner_text()
    assert asr.locator(".variante").inner_text() == (
        "Variante éligible la plus proche : avec au moins 60 % du temps au lieu « Établissement de santé périphérique » "
        "et avec au plus 40 % du temps au lieu « CHU ou service universitaire »."
    )
    assert "Aucune variante éligible : la spécialité du candidat n'est pas admise." in text
    assert asr.locator("a").get_attribute("href").endswith("regions/normandie/asr/")
    # a structure in Alençon: the answer is Normandie's, not an « éligible » post of another region
    assert result.locator("li[data-region=provence-alpes-cote-d-azur]").count() == 0
    assert set(result.locator("li").evaluate_all("els => els.map(e => e.dataset.region)")) == {"normandie"}
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 320, "height": 700})  # no horizontal scroll on a small phone either
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize(
    ("path", "deadline"),
    [
        ("regions/normandie/asr/", "14 février 2025"),
        ("regions/normandie/aumg/", "16 février 2024"),
        ("regions/martinique/asp/", "15 octobre 2022"),
    ],
)
def test_self_check_tells_a_deadline_passed_at_the_build_date_as_closed(page: Any, url: str, path: str, deadline: str) -> None:
    page.goto(url + path)
    page.evaluate("document.querySelector('.autoevaluation form').requestSubmit()")
    page.wait_for_function("document.querySelector('.autoevaluation .resultat').innerText.includes('Délai')")
    text = page.inner_text(".autoevaluation .resultat")
    assert f"close : la date limite ({deadline}) est passée ; la prochaine campagne n'est pas encore annoncée." in text, text
    assert "à vérifier (date limite" not in text


def test_simulator_tells_a_deadline_passed_at_the_build_date_as_closed(page: Any, url: str) -> None:
    page.goto(url + "ou-suis-je-eligible/")
    assert page.locator(".simulateur").get_attribute("data-jour") == BUILD_DAY.isoformat()
    form = page.locator(".simulateur form")
    form.locator("[name=debut]").fill("2025-11-01")
    form.locator("[name=duree_mois]").fill("24")
    form.locator("[name=validation_chu]").select_option("oui")
    first = form.locator("fieldset[data-structure='1']")
    first.locator("[name=type]").select_option("ch")
    first.locator("[name=commune]").fill("61001")
    first.locator("[name=quotite]").fill("60")
    second = form.locator("fieldset[data-structure='2']")
    second.locator("[name=type]").select_option("chu")
    second.locator("[name=quotite]").fill("40")
    form.locator("button").click()
    asr = page.locator(".simulateur .resultat li[data-region=normandie][data-dispositif=asr]")
    asr.wait_for()
    assert asr.get_attribute("data-verdict") == "eligible"
    assert (
        "campagne 2025 close : la date limite (14 février 2025) est passée ; la prochaine campagne n'est pas encore annoncée."
        in asr.inner_text()
    )
    assert "à vérifier (date limite" not in page.inner_text(".simulateur .resultat .simulation-eligible")
    form.locator("[name=date_candidature]").fill("2025-02-10")  # a date given: the deadline is checked against it
    form.locator("button").click()
    page.wait_for_function("document.querySelector('.simulateur .resultat').innerText.includes('dépôt le 10/02/2025')")
    assert "délai de dépôt : dans les délais (date limite 14/02/2025, jour inclus ; dépôt le 10/02/2025)." in asr.inner_text()


def test_commune_search_fills_the_insee_code(page: Any, url: str) -> None:
    page.goto(url + "regions/normandie/asr/")
    box = page.locator(".autoevaluation fieldset[data-role=peripherique]")
    search = box.locator("input[type=search]")
    search.fill("Alenç")
    options = box.locator("datalist option")
    options.first.wait_for(state="attached")
    assert "Alençon (61) — 61001" in options.evaluate_all("els => els.map(e => e.value)")
    search.fill("Alençon (61) — 61001")
    page.wait_for_function(
        "document.querySelector('.autoevaluation fieldset[data-role=peripherique] input[name=commune]').value === '61001'"
    )
    # the ASR has no zone condition: nothing is said about zones
    assert box.locator(".commune-trouvee").inner_text() == "Alençon : code INSEE 61001."
    # a lieu with a zone condition, in a region whose zonage lists no commune: no « le zonage ne la classe pas »
    page.goto(url + "regions/normandie/as-mixte-ville-hopital/")
    liberal = page.locator(".autoevaluation fieldset[data-role=liberal]")
    assert liberal.get_attribute("data-zone-exigee") == "1"
    liberal.locator("input[type=search]").fill("Alençon (61) — 61001")
    page.wait_for_function("document.querySelector('.autoevaluation fieldset[data-role=liberal] input[name=commune]').value === '61001'")
    assert liberal.locator(".commune-trouvee").inner_text() == (
        "Alençon : code INSEE 61001 ; la liste des communes par zone n'est pas publiée ici : indiquez la zone si vous la connaissez."
    )
    # the simulator searches every region
    page.goto(url + "ou-suis-je-eligible/")
    first = page.locator(".simulateur fieldset[data-structure='1']")
    first.locator("input[type=search]").fill("Arcachon (33) — 33009")
    page.wait_for_function("document.querySelector('#sim-commune-1').value === '33009'")
    assert "classe pas" not in first.locator(".commune-trouvee").inner_text()
    assert "la liste des communes par zone n'est pas publiée ici" in first.locator(".commune-trouvee").inner_text()


def test_self_check_can_say_a_commune_is_in_no_zone(page: Any, url: str) -> None:
    page.goto(url + "regions/normandie/as-mixte-ville-hopital/")
    form = page.locator(".autoevaluation form")
    liberal = form.locator("fieldset[data-role=liberal]")
    liberal.locator("[name=type]").select_option("cabinet_liberal")
    liberal.locator("[name=zone]").select_option("aucune")
    form.locator("button").click()
    result = page.locator(".autoevaluation .resultat")
    result.locator("text=Résultat").wait_for()
    text = result.inner_text()
    assert "Résultat : Non éligible" in text and "hors des zones exigées (zone sous-dense)" in text


def _random_cases(count: int) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Candidates and projects drawn at random (fixed seed) around the thresholds of the rules."""
    import random

    draw = random.Random(12)
    specialties = ["medecine-generale", "neurologie", "pediatrie", "psychiatrie", "gynecologie-obstetrique", None]
    kinds = ["ch", "chu", "msp", "centre_sante", "cabinet_liberal", "dumg", "espic", "es_prive", None]
    zones = ["ZIP", "ZAC", "QPV", "ZONE_SOUS_DENSE", "ZONE_SOUS_DOTEE", "ZONE_DEFICITAIRE_SPECIALITE", [], None]
    communes = ["61001", "14118", "76540", "33009", "75056", "13055", "05061", None]
    day = ["2019-10-31", "2020-11-01", "2024-10-31", "2025-02-14", "2025-02-15", "2025-10-01", "2025-11-02", None]
    cases = []
    for _i in range(count):
        candidat: dict[str, Any] = {"id": "x"}
        for key, values in (("specialite", specialties), ("fin_internat", day), ("inscription_ordre", day), ("date_des", day)):
            value = draw.choice(values)
            if value is not None:
                candidat[key] = value
        if draw.random() < 0.5:
            candidat["diplomes"] = draw.choice([[], ["diplome-etat-medecine-generale"]])
        projet: dict[str, Any] = {"debut": draw.choice(["2024-11-01", "2025-11-01", "2026-05-01"])}
        for key, values in (
            ("duree_mois", [12, 13, 24, 30, 36, 48, None]),
            ("date_candidature", day),
            ("validation_chu", [True, False, None]),
        ):
            value = draw.choice(values)
            if value is not None:
                projet[key] = value
        structures = []
        for _s in range(draw.randint(0, 3)):
            structure: dict[str, Any] = {}
            for key, values in (
                ("type", kinds),
                ("commune", communes),
                ("zone", zones),
                ("quotite", [29, 30, 40, 45, 50, 55, 60, 100, None]),
                ("demi_journees", [3, 4, 6, 7, None]),
                ("prioritaire", [True, False, None]),
            ):
                value = draw.choice(values)
                if value is not None:
                    structure[key] = value
            structures.append(structure)
        if structures:
            projet["structures"] = structures
        cases.append((candidat, projet))
    return cases


def test_javascript_evaluator_agrees_with_evaluate_on_random_projects(page: Any, url: str) -> None:
    """Beyond the hand-written vectors: 150 projects drawn around the thresholds, against every
    dispositif of every region, give in the browser the verdict, deadline, priorities, funding and
    nearest variant the Python engine gives."""
    import json

    from postinternat_config.engine import Compiled
    from postinternat_config.rulebook import load_rulebook
    from postinternat_config.variants import variant

    book = load_rulebook(ROOT / "regions")
    cases = _random_cases(150)
    expected = []
    for candidat, projet in cases:
        for slug, rules in book.dispositifs():
            e = Compiled.of(rules, book.regions[slug]).evaluate(candidat, projet)
            expected.append([slug, rules["dispositif"], e.verdict, e.delai(), e.priorites(), e.financement(), variant(e)])
    page.goto(url + "ou-suis-je-eligible/")
    found = page.evaluate(
        """async (cases) => {
            const rules = await (await fetch('../donnees/regles.json')).json();
            const out = [];
            for (const [candidat, projet] of cases) {
                for (const slug of Object.keys(rules.regions).sort()) {
                    for (const id of Object.keys(rules.regions[slug].dispositifs).sort()) {
                        const e = PostinternatEvaluateur.evaluer(rules, slug, id, candidat, projet);
                        out.push([slug, id, e.verdict, e.delai, e.priorites, e.financement, e.variante]);
                    }
                }
            }
            return JSON.stringify(out);  // one string crosses to Python much faster than nested objects
        }""",
        [list(c) for c in cases],
    )
    found = json.loads(found)
    assert len(found) == len(expected)
    wrong = [(cases[i // (len(expected) // len(cases))], f, e) for i, (f, e) in enumerate(zip(found, expected, strict=True)) if f != e]
    assert wrong[:3] == []
    verdicts = {row[2] for row in expected}
    assert verdicts == {"eligible", "a_completer", "non_eligible"}
    assert sum(1 for row in expected if row[6] and row[6]["possible"]) > 50  # the variants are exercised


def test_a_draft_region_previews_with_a_banner_and_is_never_built_for_publication(page: Any, tmp_path: Path) -> None:
    """`site serve --brouillon`: a region just created by `new region` (« À compléter » texts)
    previews with a « Brouillon » banner on every page; `site build` still refuses it."""
    from conftest import run

    shutil.copytree(ROOT / "regions" / "_national", tmp_path / "regions" / "_national")
    code, _out, _err = run("new", "region", "bretagne", "--regions", str(tmp_path / "regions"))
    assert code == 0
    code, _out, err = run("site", "build", "--regions", str(tmp_path / "regions"), "--output", str(tmp_path / "public"))
    assert code == 1 and "textes « À compléter » dans les régions" in err and "postinternat site serve --brouillon" in err
    assert "le site précédent est conservé" not in err and not (tmp_path / "public").exists()
    site = build_site(tmp_path / "regions", tmp_path / "apercu", VECTORS, BUILD_DAY, draft=True)
    for base in _serve(site):
        for rel in ("", "regions/bretagne/"):
            page.goto(base + rel)
            banner = page.locator(".md-banner .brouillon")
            assert banner.is_visible(), rel
            assert banner.inner_text().startswith("Brouillon : aperçu local avec des textes encore « À compléter »")
