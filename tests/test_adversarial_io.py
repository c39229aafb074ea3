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
from pathlib import Path
from typing import Callable

import pytest

from postinternat_config import yamlload, zonage_tools
from postinternat_config.problems import Problem, os_error_fr
from postinternat_config.yamlload import load_file, load_text

from conftest import run

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


def _limited(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command in a child process whose memory is capped at 1.5 GB: reading without a cap
    fails there (MemoryError) instead of taking the machine."""
    import resource

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))

    return subprocess.run([sys.executable, "-m", "postinternat_config", *args], cwd=cwd, capture_output=True, text=True, timeout=120, preexec_fn=cap)


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


def _shrink_declared_size(content: bytes, name: str, declared: int) -> bytes:
    """The workbook with the uncompressed size of one part declared smaller than it is (in its
    local header and in the central directory)."""
    data = bytearray(content)
    encoded = name.encode()
    local = data.find(b"PK\x03\x04")
    while local != -1:
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if bytes(data[local + 30: local + 30 + name_length]) == encoded:
            struct.pack_into("<I", data, local + 22, declared)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46: central + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, central + 24, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>'
)


def test_click_range_and_number_messages_are_french(base: Path) -> None:
    for value, french in (("5000", "5000 n'est pas entre 1 et 1200."), ("0", "0 n'est pas entre 1 et 1200."), ("douze", "« douze » n'est pas un nombre entier.")):
        code, _out, err = run("outdated", "--mois", value)
        assert code == 2 and f"valeur invalide pour --mois : {french}" in err
        assert _english(err) == []


def test_os_errors_are_french_for_every_errno() -> None:
    for number in sorted(errno.errorcode):
        text = os_error_fr(OSError(number, os.strerror(number)))
        assert os.strerror(number) not in text, (number, text)
    assert os_error_fr(FileExistsError(errno.EEXIST, "File exists")) == "le fichier ou le dossier existe déjà"


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
    problem = Problem("f.yaml", 1, 1, "test", f"la valeur « {'y' * 5000} » et \"{'z' * 5000}\" puis " + "w" * 10_000)
    assert "« " + "y" * 79 + "… »" in problem.message and '"' + "z" * 79 + '…"' in problem.message
    assert len(problem.message) <= 2000
    short = Problem("f.yaml", 1, 1, "test", "la clé « statut » est présente deux fois")
    assert short.message == "la clé « statut » est présente deux fois"


