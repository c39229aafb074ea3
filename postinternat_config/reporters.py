"""Reporters: print a result in the chosen format. Results go to stdout, the summary to stderr."""

from __future__ import annotations

import json
import os
import sys

import click

from .problems import ERREUR, Problem
from .validation import Report


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


def report_validation(report: Report, fmt: str, strict: bool) -> None:
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(strict), ensure_ascii=False, indent=2))
        return
    colour = use_colour()
    for problem in report.problems:
        if fmt == "github":
            click.echo(github_line(problem))
            continue
        line = problem.format()
        if colour:
            fg = "red" if problem.level == ERREUR else "yellow"
            location, _, rest = line.partition(": ")
            line = click.style(location + ":", bold=True) + " " + click.style(rest, fg=fg)
        click.echo(line, color=colour)
    summary = report.summary()
    if strict and report.warnings and not report.errors:
        summary += " — échec : --strict compte les avertissements"
    click.echo(summary, err=True)
