"""Reporters: print a result in the chosen format. Results go to stdout, the summary to stderr.

Each command has a table ``format → reporter``; a reporter takes the library's result (which has
``as_dict()`` for the JSON form) and prints it. The commands pick their reporter with
:func:`report`: no format is tested anywhere else.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .problems import ERREUR, Problem

if TYPE_CHECKING:
    from .codes import Listing
    from .compare import Matrix
    from .outdated import Review
    from .quotas import Quotas
    from .validation import Report
    from .zonage_tools import ImportResult, Lookup

R = TypeVar("R")


def report(table: Mapping[str, Callable[[R], None]], fmt: str, result: R) -> None:
    """Print ``result`` with the reporter of ``fmt`` in ``table``."""
    table[fmt](result)


def use_colour(stream: object = None) -> bool:
    """Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_line(problem: Problem) -> str:
    level = "error" if problem.level == ERREUR else "warning"
    title = _github_escape(f"[{problem.code}]").replace(",", "%2C").replace(":", "%3A")
    file = _github_escape(problem.file).replace(",", "%2C").replace(":", "%3A")
    return f"::{level} file={file},line={problem.line},col={problem.column},title={title}::{_github_escape(problem.message)}"


def print_json(result: Any) -> None:
    """The result's ``as_dict()``, as indented JSON (UTF-8 characters kept)."""
    click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))


def print_text(result: Any) -> None:
    """The result's ``text()``, as it is."""
    click.echo(result.text(), nl=False)


def problems_to_stderr(problems: Iterable[Problem]) -> None:
    for problem in problems:
        click.echo(problem.format(), err=True)


# -- validate ----------------------------------------------------------------------------------


def _validation_summary(report: Report, strict: bool) -> None:
    summary = report.summary()
    if strict and report.warnings and not report.errors:
        summary += " — échec : --strict compte les avertissements"
    click.echo(summary, err=True)


def _validation_text(report: Report, strict: bool) -> None:
    colour = use_colour()
    for problem in report.problems:
        line = problem.format()
        if colour:
            fg = "red" if problem.level == ERREUR else "yellow"
            location, _, rest = line.partition(": ")
            line = click.style(location + ":", bold=True) + " " + click.style(rest, fg=fg)
        click.echo(line, color=colour)
    _validation_summary(report, strict)


def _validation_github(report: Report, strict: bool) -> None:
    for problem in report.problems:
        click.echo(github_line(problem))
    _validation_summary(report, strict)


def _validation_json(report: Report, strict: bool) -> None:
    click.echo(json.dumps(report.as_dict(strict), ensure_ascii=False, indent=2))


VALIDATION: dict[str, Callable[[Report, bool], None]] = {"text": _validation_text, "github": _validation_github, "json": _validation_json}


def report_validation(report: Report, fmt: str, strict: bool) -> None:
    VALIDATION[fmt](report, strict)


# -- outdated ----------------------------------------------------------------------------------


def _outdated_broken(review: Review) -> None:
    if review.broken:
        click.echo(
            f"{len(review.broken)} fichier(s) en erreur n'ont pas pu être relus : corrigez-les (postinternat validate), la revue n'est pas complète.",
            err=True,
        )


def _outdated_text(review: Review) -> None:
    problems_to_stderr(review.errors)
    from .formatting import day_words

    when = day_words(review.as_of)
    for item in review.due:
        click.echo(item.format())
    click.echo(f"{len(review.due)} élément(s) à revoir au {when}" if review.due else f"Rien à revoir au {when}.", err=True)
    _outdated_broken(review)


def _outdated_json(review: Review) -> None:
    problems_to_stderr(review.errors)
    print_json(review)
    _outdated_broken(review)


OUTDATED: dict[str, Callable[[Review], None]] = {"text": _outdated_text, "json": _outdated_json}


# -- quotas ------------------------------------------------------------------------------------


def _quotas(show: Callable[[Quotas], None]) -> Callable[[Quotas], None]:
    """The problems of the interns file on stderr (then nothing was computed), else ``show``."""

    def reporter(result: Quotas) -> None:
        if result.problems:
            problems_to_stderr(result.problems)
        else:
            show(result)

    return reporter


QUOTAS: dict[str, Callable[[Quotas], None]] = {"text": _quotas(print_text), "json": _quotas(print_json)}


# -- compare -----------------------------------------------------------------------------------


def _matrices(fmt: str) -> Callable[[list[Matrix]], None]:
    def reporter(matrices: list[Matrix]) -> None:
        from .compare import RENDERERS

        click.echo(RENDERERS[fmt](matrices), nl=False)

    return reporter


COMPARE: dict[str, Callable[[list[Matrix]], None]] = {fmt: _matrices(fmt) for fmt in ("text", "markdown", "json", "csv")}


# -- codes -------------------------------------------------------------------------------------


CODES: dict[str, Callable[[Listing], None]] = {"text": print_text, "json": print_json}


# -- zonage ------------------------------------------------------------------------------------


def _zonage_import_text(result: ImportResult) -> None:
    problems_to_stderr(result.problems)
    click.echo(result.summary(), err=bool(result.errors))


def _zonage_lookup_text(found: Lookup) -> None:
    if not found.answers:
        hint = f" Vouliez-vous dire : {', '.join(found.suggestions)} ?" if found.suggestions else ""
        if found.postal:
            hint = (
                " C'est peut-être un code postal : l'outil attend le code INSEE de la commune, souvent différent"
                " (Caen : code postal 14000, code INSEE 14118), ou son nom."
            )
        click.echo(f"Aucune commune « {found.query} » dans le Code officiel géographique.{hint}", err=True)
        return
    for line in found.lines():
        click.echo(line)
    if found.more:
        click.echo(f"… et {found.more} autre(s) commune(s) : précisez le nom, ou donnez le code INSEE", err=True)


ZONAGE_IMPORT: dict[str, Callable[[ImportResult], None]] = {"text": _zonage_import_text}
ZONAGE_LOOKUP: dict[str, Callable[[Lookup], None]] = {"text": _zonage_lookup_text}
