"""Hostile inputs for ``site build``: an output folder that is not the tool's own, YAML text made
to break out of the page, links that are not web addresses. These run without a browser
(tests/test_site_browser.py loads the hostile site in Chromium)."""

from __future__ import annotations

import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import lay_case, run
from hypothesis import given, settings
from hypothesis import strategies as st

from postinternat_config import site as site_module
from postinternat_config.problems import PostinternatError
from postinternat_config.site import BUILD_MARKER, BUILD_MARKER_TEXT, SITE_MARKER, SITE_MARKER_TEXT, build_site

# -- 1. the output folder ---------------------------------------------------------------------


def _snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under ``root`` (links and folders included) with its content."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_dir():
            found[rel] = "dossier"
        else:
            found[rel] = path.read_bytes()
    return found


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with regions, a README, a user's folder, an empty folder and a link to it, a
    second repository and a home folder; the repository is the working directory."""
    repo = tmp_path / "depot"
    lay_case("valid", "dates-guillemets", repo)
    (repo / ".git").mkdir()
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (repo / "README.md").write_text("# Le dépôt\n", encoding="utf-8")
    (repo / "notes").mkdir()
    (repo / "notes" / "a-garder.txt").write_text("le travail de quelqu'un\n", encoding="utf-8")
    (repo / "vide").mkdir()
    (repo / "lien").symlink_to("vide")
    (tmp_path / "autre-depot" / ".git").mkdir(parents=True)
    (tmp_path / "maison" / "documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "maison"))
    monkeypatch.chdir(repo)
    return tmp_path


REFUSED = {
    ".": "est le dossier courant",
    "..": "est le dossier courant ou l'un de ses dossiers parents",
    "/": "est le dossier courant ou l'un de ses dossiers parents",
    "regions": "est le dossier des régions",
    "regions/corse": "est à l'intérieur du dossier des régions",
    "regions/corse/site": "est à l'intérieur du dossier des régions",
    "README.md": "est un fichier, pas un dossier",
    "notes": "est un dossier non vide qui n'a pas été construit par postinternat",
    "lien": "est un lien symbolique",
    "../maison": "est votre dossier personnel",
    "~": "est votre dossier personnel",
    "../autre-depot": "est la racine d'un dépôt",
}


@pytest.mark.parametrize("command", ["build", "serve"])
@pytest.mark.parametrize("output", sorted(REFUSED))
def test_an_output_that_is_not_the_tools_own_site_is_refused_and_left_untouched(workspace: Path, output: str, command: str) -> None:
    before = _snapshot(workspace)
    code, stdout, stderr = (
        run("site", command, "--output", output, "--port", "0") if command == "serve" else run("site", command, "--output", output)
    )
    assert code == 2
    assert f"Erreur : --output {output} {REFUSED[output]}" in stderr, stderr
    assert "Traceback" not in stderr and stdout == ""
    assert _snapshot(workspace) == before


def test_the_site_replaces_only_a_site_the_tool_built_and_keeps_it_complete_during_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lay_case("valid", "dates-guillemets", tmp_path / "src")
    regions = tmp_path / "src" / "regions"
    output = tmp_path / "publication" / "site"
    output.mkdir(parents=True)  # an empty folder is accepted
    build_site(regions, output)
    assert (output / SITE_MARKER).read_text(encoding="utf-8") == SITE_MARKER_TEXT
    assert (output / "index.html").exists()
    (output / "ancienne-page.html").write_text("ancien site", encoding="utf-8")

    # leftovers next to the site: only the tool's own construction folder of a killed build goes
    killed = output.parent / ".construction-k1lled00"
    (killed / "projet").mkdir(parents=True)
    (killed / BUILD_MARKER).write_text(BUILD_MARKER_TEXT, encoding="utf-8")
    unmarked = output.parent / ".construction-abcdefgh"  # the name, not the marker
    (unmarked / "a-garder.txt").parent.mkdir()
    (unmarked / "a-garder.txt").write_text("à garder", encoding="utf-8")
    misnamed = output.parent / ".construction-nom-different"  # the marker, not the name
    misnamed.mkdir()
    (misnamed / BUILD_MARKER).write_text(BUILD_MARKER_TEXT, encoding="utf-8")

    # at every step of the swap, the output holds a complete site
    states: list[tuple[str, bool]] = []
    real_rename, real_exchange = os.rename, getattr(site_module, "_exchange", None)

    def rename(source: object, destination: object) -> None:
        real_rename(source, destination)  # type: ignore[arg-type]
        states.append(("rename", (output / "index.html").exists()))

    def exchange(first: Path, second: Path) -> bool:
        assert real_exchange is not None
        done = bool(real_exchange(first, second))
        states.append(("échange", (output / "index.html").exists()))
        return done

    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(site_module, "_exchange", exchange, raising=False)
    build_site(regions, output)
    monkeypatch.undo()
    if sys.platform.startswith("linux"):  # elsewhere, two renames: the window the README states
        assert states and all(complete for _step, complete in states), states
    assert not (output / "ancienne-page.html").exists() and (output / SITE_MARKER).exists()
    assert not killed.exists()
    assert (unmarked / "a-garder.txt").read_text(encoding="utf-8") == "à garder" and misnamed.exists()
    assert sorted(p.name for p in output.parent.iterdir()) == sorted([".construction-abcdefgh", ".construction-nom-different", "site"])


def _leftover(parent: Path, name: str, pages: dict[str, str]) -> Path:
    folder = parent / name
    folder.mkdir(parents=True)
    (folder / BUILD_MARKER).write_text(BUILD_MARKER_TEXT, encoding="utf-8")
    for rel, text in pages.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def test_a_build_killed_between_the_two_renames_is_repaired_not_lost(tmp_path: Path) -> None:
    """Where the swap takes two renames, a build killed between them leaves no site at the output:
    the next build puts the complete site back before anything else."""
    target = tmp_path / "site"
    left = _leftover(
        tmp_path,
        ".construction-a1b2c3d4",
        {
            f"site/{SITE_MARKER}": SITE_MARKER_TEXT,
            "site/index.html": "nouveau",
            f"ancien/{SITE_MARKER}": SITE_MARKER_TEXT,
            "ancien/index.html": "ancien",
        },
    )
    site_module._clean_constructions(target)
    assert (target / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert not left.exists()


def test_a_running_build_is_not_cleaned_by_another(tmp_path: Path) -> None:
    running = _leftover(tmp_path, ".construction-enc0urs0", {"projet/mkdocs.yml": "site_name: x\n"})
    fd = os.open(running / BUILD_MARKER, os.O_RDWR)
    try:
        assert site_module._try_lock(fd)
        site_module._clean_constructions(tmp_path / "site")
        assert (running / "projet" / "mkdocs.yml").exists()
    finally:
        os.close(fd)
    site_module._clean_constructions(tmp_path / "site")  # its build has ended: it goes
    assert not running.exists()


# -- 2. YAML text that tries to break out of the page ------------------------------------------

HOSTILE_CASE = Path(__file__).parent / "examples" / "valid" / "textes-hostiles"
# </title>, <script>, <img onerror>, <svg onload=alert>, quotes, ]]>, </script>, a backslash and {: attr_list }
PAYLOAD = yaml.safe_load((HOSTILE_CASE / "regions/corse/dispositifs/partage.yaml").read_text(encoding="utf-8"))["nom"]


class _Elements(HTMLParser):
    """Every element with its attributes, the text of <title>, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "title") and self._in is None else self._in
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "title" and not self.title.endswith(" - Post-internat — les dispositifs des ARS"):
            self.title += data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Path]:
    """The fictional region with the payload in every text the site shows: names, titles, labels,
    descriptions, sources, contacts, zones, campaign rules, quotations (tests/examples/valid/textes-hostiles)."""
    root = tmp_path_factory.mktemp("hostile")
    lay_case("valid", "textes-hostiles", root / "src")
    pages = site_module.render_pages(root / "src" / "regions")
    return root / "src" / "regions", pages, build_site(root / "src" / "regions", root / "site")


def test_hostile_text_stays_text_in_the_markdown(hostile: tuple[Path, dict[str, str], Path]) -> None:
    _regions, pages, _site = hostile
    page = pages["regions/corse/partage.md"]
    assert page.startswith("# &lt;/title&gt;&lt;script&gt;window.\\_\\_xss=1&lt;/script&gt;")
    assert '\\{: onmouseover="window.\\_\\_xss=1" \\}' in page  # attr_list cannot read it
    assert "\n\\- \\# &lt;/title&gt;" in page  # a description starting with « - # » is no list, no heading
    assert "1986. !!! danger" in page and "&gt; citation" in page and "\\[lien\\](javascript:alert(1))" in page
    for name, text in pages.items():
        if name.endswith(".md"):
            assert text.startswith("# "), name  # never front matter (MkDocs would read a title or description from it)
            assert "<script" not in text and "<img" not in text and "<svg onload" not in text, name


def test_hostile_text_reads_back_exactly_in_the_navigation(hostile: tuple[Path, dict[str, str], Path]) -> None:
    _regions, pages, _site = hostile
    nav = yaml.safe_load(pages["mkdocs.yml"])["nav"]
    corse = next(entry["Corse"] for entry in nav if isinstance(entry, dict) and "Corse" in entry)
    titles = [next(iter(item)) for item in corse if isinstance(item, dict)]
    assert site_module.a(PAYLOAD) in titles  # HTML-escaped once: the theme writes nav titles as HTML


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
@settings(max_examples=300, deadline=None)
def test_yamlstr_reads_back_as_the_same_text(text: str) -> None:
    assert yaml.safe_load("titre: " + site_module.yamlstr(text))["titre"] == text


def test_no_page_runs_or_hides_the_hostile_text(hostile: tuple[Path, dict[str, str], Path]) -> None:
    _regions, _pages, site = hostile
    checked = 0
    for html_file in sorted(site.rglob("*.html")):
        parser = _Elements()
        parser.feed(html_file.read_text(encoding="utf-8"))
        where = str(html_file.relative_to(site))
        for tag, attrs in parser.elements:
            assert not any(name.startswith("on") for name in attrs), (where, tag, attrs)
            assert not (tag == "img" and attrs.get("src") == "x"), where
            assert not any((value or "").strip().lower().startswith("javascript:") for value in attrs.values()), (where, tag, attrs)
        assert not any("__xss" in script or "alert(" in script for script in parser.scripts), where
        checked += 1
    partage = _Elements()
    partage.feed((site / "regions/corse/partage/index.html").read_text(encoding="utf-8"))
    assert partage.title == f"{PAYLOAD} - Post-internat — les dispositifs des ARS"  # shown literally
    links = [attrs.get("href") for tag, attrs in partage.elements if tag == "a"]
    assert "https://exemple.invalid/post-internat?a=1&b=2#haut" in links  # the source, as a real link
    assert checked > 10


# -- 3. links: whole http(s) addresses only ----------------------------------------------------

ACCEPTED = [
    "https://www.normandie.ars.sante.fr/",
    "http://exemple.invalid",
    "https://www.hopitalex.com/index.php/donnees-juridiques?action=affichedoc&doc=13047",
    "https://exemple.invalid:8443/a/b?c=d#e",
    "https://fr.wikipedia.org/wiki/Médecin_(France)",
]
REFUSED_URLS = [
    "https://x/) [clic](javascript:alert(1))",
    "https://x/)[clic](javascript:alert(1))",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    'https://exemple.invalid/" onmouseover="alert(1)',
    "https://exemple.invalid/' onmouseover='alert(1)",
    "https://exemple.invalid/<script>",
    "https://exemple.invalid/\n",
    "https://exemple.invalid/\u202e",
    "https://exemple.invalid/a b",
    "https://ars.sante.fr@exemple.invalid/",
    "https://exemple.invalid:99999/",
    "https:exemple.invalid",
    "//exemple.invalid/",
    "https://",
    "https://-exemple.invalid/",
    "HTTPS://exemple.invalid/",
    "ftp://exemple.invalid/",
]


def _url_pattern() -> re.Pattern[str]:
    schema = json.loads((Path(site_module.__file__).parent.parent / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    return re.compile(schema["$defs"]["url"]["pattern"])


@pytest.mark.parametrize("url", ACCEPTED)
def test_a_whole_web_address_is_accepted_by_the_schema_and_the_site(url: str) -> None:
    assert _url_pattern().search(url)
    assert site_module.url_problem(url) is None
    assert site_module.href(url) == url.replace("&", "&amp;")


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_an_address_that_is_not_a_whole_web_address_is_refused_by_the_schema_and_the_site(url: str) -> None:
    assert not _url_pattern().search(url)
    assert site_module.url_problem(url)
    with pytest.raises(PostinternatError, match="site non construit : l'adresse web"):
        site_module.href(url)


@given(st.text(st.sampled_from(list("ab.-:/?#&=%@()[]{}<>\"' \n\t|\\^`0123456789\u202eé")), max_size=30))
@settings(max_examples=400, deadline=None)
def test_what_the_schema_accepts_the_site_publishes(tail: str) -> None:
    for url in ("https://" + tail, "https://a" + tail, "http://ab.fr/" + tail):
        if _url_pattern().search(url):
            assert site_module.url_problem(url) is None, url


def test_a_javascript_address_is_reported_by_validate_and_never_published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lay_case("invalid", "adresse-web-javascript", tmp_path)
    monkeypatch.chdir(tmp_path)
    code, stdout, _stderr = run("validate")
    assert code == 1
    assert (
        "regions/corse/sources.yaml:7:10: [schema-format] sources › « page-regionale » › url : « https://exemple.invalid/) [clic](javascript:alert(1)) » n'est pas une adresse web complète"
        in stdout
    )
    code, _stdout, stderr = run("site", "build", "--output", "build/site")
    assert code == 1 and "site non construit" in stderr and "sources.yaml:7:10" in stderr
    assert not (tmp_path / "build").exists()


def test_a_source_address_becomes_an_html_link_not_markdown(hostile: tuple[Path, dict[str, str], Path]) -> None:
    _regions, pages, _site = hostile
    page = pages["regions/corse/partage.md"]
    assert '- <a href="https://exemple.invalid/post-internat?a=1&amp;b=2#haut">&lt;/title&gt;' in page
    assert "](https://" not in page


def test_serve_on_a_port_in_use_says_so_before_building(workspace: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, stdout, stderr = run("site", "serve", "--output", "build/site", "--port", str(port))
    assert code == 2 and f"le port {port} est déjà utilisé" in stderr and f"--port {port + 1}" in stderr
    assert "Traceback" not in stderr and stdout == "" and not (workspace / "build" / "site").exists()  # nothing built


def test_a_draft_preview_is_built_apart_from_the_published_site(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`site serve --brouillon` writes build/brouillon, never build/site (the folder a deployment
    publishes), unless --output says otherwise."""
    import http.server

    monkeypatch.setattr(http.server.ThreadingHTTPServer, "serve_forever", lambda self: None)  # build, then stop at once
    assert run("new", "region", "bretagne")[0] == 0  # « À compléter » texts
    code, _out, err = run("site", "serve", "--brouillon", "--port", "0")
    assert code == 0, err
    built = Path.cwd() / "build"
    assert (built / "brouillon" / "index.html").exists() and not (built / "site").exists()
    assert "Brouillon :" in (built / "brouillon" / "index.html").read_text(encoding="utf-8")
    # asked for by name, the published folder is refused to a draft; a draft folder is replaced
    assert run("site", "serve", "--brouillon", "--port", "0")[0] == 0
    (Path.cwd() / "regions" / "bretagne").rename(Path.cwd() / "bretagne-en-cours")
    assert run("site", "build")[0] == 0
    assert run("new", "region", "bzh", "--code", "53")[0] == 0
    code, _out, err = run("site", "serve", "--brouillon", "--output", "build/site", "--port", "0")
    assert code == 2 and "contient un site publiable : un aperçu brouillon ne le remplace pas" in err
    assert "Brouillon :" not in (built / "site" / "index.html").read_text(encoding="utf-8")
