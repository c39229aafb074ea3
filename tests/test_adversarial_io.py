"""Hostile or unusual input on the way in: git revisions that look like options, files that lie
about their size, zip bombs, DTDs, special files, unreadable folders, huge values, and the French of
every message that comes out."""

from __future__ import annotations

import errno
import io
import os
import shutil
import stat
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run

from postinternat_config import yamlload, zonage_tools
from postinternat_config.problems import Problem, os_error_fr
from postinternat_config.yamlload import load_file, load_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).parent / "examples"
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
ENGLISH = ("Error", "Traceback", " is not ", " does not ", " exists", " range ", " found", " expected", "Invalid", "limit")


def _english(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example region (Corse), as the working directory."""
    shutil.copytree(EXAMPLES / "base", tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def committed(base: Path) -> Path:
    """The example region committed in a git repository."""
    subprocess.run(["git", "init", "-q"], cwd=base, check=True)
    subprocess.run(["git", "add", "."], cwd=base, check=True)
    subprocess.run([*GIT, "commit", "-qm", "v1"], cwd=base, check=True)
    return base


# -- 6. git revisions are never options ------------------------------------------------------


def test_diff_refuses_a_revision_that_looks_like_an_option(committed: Path) -> None:
    victim = committed / "victime.txt"
    victim.write_text("à garder\n", encoding="utf-8")
    before = victim.stat()
    code, out, err = run("diff", "--", "--output=victime.txt:regions", "regions")
    assert code == 2 and out == ""
    assert "la révision git « --output=victime.txt » est invalide" in err
    assert victim.read_text(encoding="utf-8") == "à garder\n"
    assert victim.stat().st_mtime_ns == before.st_mtime_ns and victim.stat().st_size == before.st_size
    assert sorted(p.name for p in committed.iterdir()) == [".git", "regions", "victime.txt"]


def test_every_git_command_given_a_revision_ends_its_options(committed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postinternat_config.diffing import sides

    seen: list[list[str]] = []
    real = subprocess.run

    def spy(args: list[str], *rest: object, **options: object) -> object:
        seen.append(list(args))
        return real(args, *rest, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(sides.subprocess, "run", spy)
    code, _out, err = run("diff", "HEAD:regions/corse", "regions/corse")
    assert code == 0, err
    with_revision = [args for args in seen if any(a.startswith("HEAD") for a in args)]
    assert with_revision and all(
        "--end-of-options" in args and args.index("--end-of-options") < next(i for i, a in enumerate(args) if a.startswith("HEAD"))
        for args in with_revision
    ), with_revision


def test_diff_of_a_revision_with_a_link_outside_is_refused_in_french(committed: Path) -> None:
    (committed / "regions/corse/dispositifs/lien.yaml").symlink_to("/etc/passwd")
    subprocess.run(["git", "add", "."], cwd=committed, check=True)
    subprocess.run([*GIT, "commit", "-qm", "lien"], cwd=committed, check=True)
    code, _out, err = run("diff", "HEAD:regions/corse", "regions/corse")
    assert code == 2
    assert "« regions/corse/dispositifs/lien.yaml » est, dans la révision « HEAD », un lien" in err
    assert _english(err) == [] and "Erreur interne" not in err
    code, _out, err = run("diff", "HEAD~9:regions/corse", "regions/corse")
    assert code == 2 and "la révision « HEAD~9 » n'existe pas" in err and "fatal" not in err


# -- 8. reads are capped, whatever the file says ---------------------------------------------


def _limited(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command in a child process whose memory is capped at 1.5 GB: reading without a cap
    fails there (MemoryError) instead of taking the machine."""
    import resource

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))

    return subprocess.run(
        [sys.executable, "-m", "postinternat_config", *args], cwd=cwd, capture_output=True, text=True, timeout=120, preexec_fn=cap
    )


def test_a_region_file_linked_to_dev_zero_is_not_read(base: Path) -> None:
    region = base / "regions/corse/region.yaml"
    region.unlink()
    region.symlink_to("/dev/zero")
    result = _limited("validate", cwd=base)
    assert result.returncode == 1, result.stderr
    assert "regions/corse/region.yaml:1:1: [fichier-illisible] périphérique, pas un fichier : le fichier n'est pas lu" in result.stdout


def test_an_interns_file_linked_to_dev_zero_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "internes.yaml").symlink_to("/dev/zero")
    result = _limited("quotas", "normandie", "--internes", "internes.yaml", "--regions", str(ROOT / "regions"), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "ce n'est pas un fichier ordinaire" in result.stderr and "Erreur interne" not in result.stderr


def test_read_bounded_reads_at_most_one_byte_past_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postinternat_config.yamlload import TooLarge, read_bounded

    path = tmp_path / "gros.yaml"
    path.write_bytes(b"a" * 100_000)
    asked: list[int] = []
    real = os.read

    def counting(fd: int, size: int) -> bytes:
        data = real(fd, size)
        asked.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting)
    with pytest.raises(TooLarge):
        read_bounded(path, 1000)
    assert sum(asked) == 1001
    assert read_bounded(path, 100_000) == b"a" * 100_000


def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    from postinternat_config.problems import NotAFile
    from postinternat_config.yamlload import read_bounded

    fifo = tmp_path / "tube.yaml"
    os.mkfifo(fifo)
    with pytest.raises(NotAFile):
        read_bounded(fifo, 1000)  # would block for ever if opened for reading
    _doc, problems = load_file(fifo, "tube.yaml")
    assert problems[0].code == "fichier-illisible" and "pas un fichier ordinaire" in problems[0].message


def test_hand_edited_yaml_is_capped_at_a_few_megabytes(tmp_path: Path) -> None:
    big = tmp_path / "zonage.yaml"
    big.write_text("communes:\n  ZIP:\n" + '    - "14118"\n' * (yamlload.MAX_BYTES // 14 + 1), encoding="utf-8")
    assert big.stat().st_size > yamlload.MAX_BYTES
    doc, problems = load_file(big, "zonage.yaml")
    assert doc is None and [p.format() for p in problems] == [
        "zonage.yaml:1:1: [yaml-taille] le fichier dépasse la limite de 1 Mo : il n'est pas lu"
    ]
    # the largest legitimate file: every commune of a large region (5,000), well under the cap
    region = tmp_path / "region.yaml"
    region.write_text("communes:\n  ZIP:\n" + "".join(f'    - "{10000 + i}"\n' for i in range(5000)), encoding="utf-8")
    doc, problems = load_file(region, "region.yaml")
    assert doc is not None and problems == [] and len(doc.data["communes"]["ZIP"]) == 5000


def test_a_zonage_csv_is_read_with_a_cap(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("new", "region", "bretagne")[0] == 0
    monkeypatch.setattr(zonage_tools, "CSV_MAX_BYTES", 1000)
    path = repo / "zonage.csv"
    path.write_text("code_insee,commune,zonage\n" + "35238,Rennes,ZAC\n" * 200, encoding="utf-8")
    code, _out, err = run("zonage", "import", "bretagne", str(path))
    assert code == 1 and "[zonage-fichier] le fichier dépasse la limite de 1 Ko" in err


def _workbook(sheet_xml: Callable[[bytes], bytes] | None = None) -> bytes:
    """A small valid workbook (code, commune, zonage), with its first sheet replaced if asked."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Code INSEE", "Commune", "Zonage"])
    sheet.append(["35238", "Rennes", "ZAC"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml" and sheet_xml is not None:
                data = sheet_xml(data)
            target.writestr(info.filename, data)
    return out.getvalue()


@pytest.fixture
def bretagne(repo: Path) -> Path:
    assert run("new", "region", "bretagne")[0] == 0
    return repo


def _import(repo: Path, content: bytes) -> tuple[int, str]:
    path = repo / "zonage.xlsx"
    path.write_bytes(content)
    code, _out, err = run("zonage", "import", "bretagne", str(path), "--verifier")
    return code, err


def test_a_valid_workbook_still_imports(bretagne: Path) -> None:
    code, err = _import(bretagne, _workbook())
    assert code == 0, err


def test_a_zip_bomb_workbook_is_refused_before_openpyxl(bretagne: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl must not open this file")

    monkeypatch.setattr(openpyxl, "load_workbook", never)

    def padded(size: int) -> Callable[[bytes], bytes]:
        return lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * size, 1)

    bomb = _workbook(padded(50 * 1024 * 1024))
    assert len(bomb) < 200_000
    code, err = _import(bretagne, bomb)
    assert (
        code == 1 and "[zonage-fichier] le classeur décompressé ferait 50 Mo, au-delà de la limite de 30 Mo : enregistrez-le en CSV" in err
    )
    assert "le fichier est vide" not in err
    code, err = _import(bretagne, _workbook(padded(5 * 1024 * 1024)))
    assert code == 1 and "« xl/worksheets/sheet1.xml » du classeur est compressée plus de 100 fois" in err


def _shrink_declared_size(content: bytes, name: str, declared: int) -> bytes:
    """The workbook with the uncompressed size of one part declared smaller than it is (in its
    local header and in the central directory)."""
    data = bytearray(content)
    encoded = name.encode()
    local = data.find(b"PK\x03\x04")
    while local != -1:
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if bytes(data[local + 30 : local + 30 + name_length]) == encoded:
            struct.pack_into("<I", data, local + 22, declared)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, central + 24, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def test_a_part_larger_than_it_declares_is_refused(bretagne: Path) -> None:
    content = _shrink_declared_size(_workbook(lambda xml: xml + b" " * 100_000), "xl/worksheets/sheet1.xml", 500)
    code, err = _import(bretagne, content)
    assert code == 1 and "« xl/worksheets/sheet1.xml » du classeur contient plus de données qu'elle n'en déclare" in err
    assert _english(err) == []


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>'
)


def test_a_workbook_with_a_dtd_is_refused_in_french(bretagne: Path) -> None:
    code, err = _import(bretagne, _workbook(lambda xml: LAUGHS + xml.replace(b"Rennes", b"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;")))
    assert code == 1 and "contient une définition de type de document (DTD, <!DOCTYPE>)" in err
    assert _english(err) == [] and "Erreur interne" not in err


def test_a_workbook_openpyxl_cannot_parse_is_reported_in_french(bretagne: Path) -> None:
    code, err = _import(bretagne, _workbook(lambda xml: xml.replace(b"Rennes", b"&inconnue;")))
    assert code == 1 and "[zonage-fichier] classeur XLSX illisible : son contenu XML est mal formé" in err
    assert _english(err) == [] and "Erreur interne" not in err


# -- 9. French only ----------------------------------------------------------------------------


def test_click_range_and_number_messages_are_french(base: Path) -> None:
    for value, french in (
        ("5000", "5000 n'est pas entre 1 et 1200."),
        ("0", "0 n'est pas entre 1 et 1200."),
        ("douze", "« douze » n'est pas un nombre entier."),
    ):
        code, _out, err = run("outdated", "--mois", value)
        assert code == 2 and f"valeur invalide pour --mois : {french}" in err
        assert _english(err) == []


def test_os_errors_are_french_for_every_errno() -> None:
    for number in sorted(errno.errorcode):
        text = os_error_fr(OSError(number, os.strerror(number)))
        assert os.strerror(number) not in text, (number, text)
    assert os_error_fr(FileExistsError(errno.EEXIST, "File exists")) == "le fichier ou le dossier existe déjà"


def test_yaml_errors_never_quote_python(tmp_path: Path) -> None:
    _doc, problems = load_text("a: 1\nb: " + "7" * 5000 + "\n", "long.yaml")
    assert [p.format() for p in problems] == [
        "long.yaml:2:4: [yaml-nombre] nombre de 5000 caractères : trop long pour être un nombre utilisable"
    ]


# -- 10. depth, unreadable folders, special files, long values, file mode, literal lookup ------


def test_nesting_past_libyaml_limit_is_a_depth_problem() -> None:
    for depth in (150, 1001, 5000):
        _doc, problems = load_text("a: " + "[" * depth + "]" * depth + "\n", "profond.yaml")
        assert [p.code for p in problems] == ["yaml-profondeur"], depth


def test_an_unreadable_dispositifs_folder_is_an_error(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.scandir
    folder = str(base / "regions/corse/dispositifs")

    def denied(path: object = ".") -> object:
        if os.path.abspath(os.fspath(path)) == folder:  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", folder)
        return real(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", denied)
    code, out, _err = run("validate")
    assert code == 1
    assert out.splitlines() == [
        "regions/corse/dispositifs:1:1: [fichier-illisible] dossier illisible (droits insuffisants) : les fichiers qu'il contient ne sont pas vérifiés"
    ]


def test_broken_links_and_pipes_are_reported_and_never_opened(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corse = base / "regions/corse"
    (corse / "dispositifs/casse.yaml").symlink_to("absent.yaml")
    os.mkfifo(corse / "dispositifs/tube.yaml")
    os.mkfifo(corse / "campagnes/tube")
    (corse / "notes").symlink_to("nulle-part")
    (corse / "dispositifs/.#partage.yaml").symlink_to("root@machine.123")  # an editor's lock: not reported
    real_open = os.open

    def guarded(path: object, *args: object, **kwargs: object) -> int:
        assert "tube" not in os.fspath(path), "a named pipe was opened"  # type: ignore[arg-type]
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", guarded)
    code, out, _err = run("validate", "--strict")
    assert code == 1
    assert out.splitlines() == [
        "regions/corse/campagnes/tube:1:1: [fichier-ignore] (avertissement) tube nommé (FIFO), pas un fichier : il n'est pas lu",
        "regions/corse/dispositifs/casse.yaml:1:1: [fichier-ignore] (avertissement) lien symbolique cassé (sa cible n'existe pas) : il n'est pas lu",
        "regions/corse/dispositifs/tube.yaml:1:1: [fichier-ignore] (avertissement) tube nommé (FIFO), pas un fichier : il n'est pas lu",
        "regions/corse/notes:1:1: [fichier-ignore] (avertissement) lien symbolique cassé (sa cible n'existe pas) : il n'est pas lu",
    ]


def test_a_required_file_that_is_a_broken_link_is_unreadable_not_missing(base: Path) -> None:
    sources = base / "regions/corse/sources.yaml"
    sources.unlink()
    sources.symlink_to("ailleurs.yaml")
    code, out, _err = run("validate")
    assert code == 1
    assert (
        "regions/corse/sources.yaml:1:1: [fichier-illisible] lien symbolique cassé (sa cible n'existe pas) : le fichier n'est pas lu" in out
    )
    assert "fichier-manquant" not in out


def test_values_quoted_in_messages_are_cut(base: Path) -> None:
    path = base / "regions/corse/dispositifs/mg.yaml"
    text = path.read_text(encoding="utf-8")
    huge = "x" * 1_000_000
    path.write_text(text + f"statut: {huge}\ninconnu_{'y' * 1000}: 1\n", encoding="utf-8")  # a key is at most 1,024 characters
    code, out, _err = run("validate")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2 and all(len(line) < 600 for line in lines), [len(line) for line in lines]
    assert "« " + "x" * 79 + "… »" in out and "« inconnu_" + "y" * 71 + "… »" in out


def test_every_problem_message_is_bounded() -> None:
    problem = Problem("f.yaml", 1, 1, "test", f'la valeur « {"y" * 5000} » et "{"z" * 5000}" puis ' + "w" * 10_000)
    assert "« " + "y" * 79 + "… »" in problem.message and '"' + "z" * 79 + '…"' in problem.message
    assert len(problem.message) <= 2000
    short = Problem("f.yaml", 1, 1, "test", "la clé « statut » est présente deux fois")
    assert short.message == "la clé « statut » est présente deux fois"


def test_zonage_import_keeps_the_file_mode(repo: Path) -> None:
    assert run("new", "region", "bretagne")[0] == 0
    zonage = repo / "regions/bretagne/zonage.yaml"
    zonage.chmod(0o640)
    path = repo / "zonage.csv"
    path.write_text("code_insee,commune,zonage\n35238,Rennes,ZAC\n", encoding="utf-8")
    code, _out, err = run("zonage", "import", "bretagne", str(path))
    assert code == 0, err
    assert "35238" in zonage.read_text(encoding="utf-8")
    assert stat.S_IMODE(zonage.stat().st_mode) == 0o640


def test_zonage_lookup_reads_the_query_as_literal_text(repo: Path) -> None:
    from postinternat_config.zonage_tools import lookup

    for query in (".*", "*", "^", "Saint-.*"):
        answers, more = lookup(repo / "regions", query)
        assert (answers, more) == ([], 0), query
    code, _out, err = run("zonage", "lookup", ".*")
    assert code == 1 and "Aucune commune « .* »" in err
    answers, _more = lookup(repo / "regions", "saint lo")
    assert [a["nom"] for a in answers][:1] == ["Saint-Lô"]


# -- 11. one region code, one folder -----------------------------------------------------------


def test_a_copied_region_folder_is_found_when_only_the_copy_is_checked(base: Path) -> None:
    shutil.copytree(base / "regions/corse", base / "regions/corse-copie")
    code, out, _err = run("validate", "regions/corse-copie")
    assert code == 1
    assert out.splitlines() == [
        "regions/corse-copie/region.yaml:3:7: [identifiants] le code de région « 94 » est déjà celui de regions/corse/region.yaml : deux dossiers décrivent la même région (un dossier copié ?) ; corrigez le code ou supprimez l'un des dossiers"
    ]
    code, out, _err = run("validate", "regions/corse")
    assert code == 0 and out == ""
