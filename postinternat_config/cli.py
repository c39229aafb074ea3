"""The ``postinternat`` command: a thin Click layer over the library.

Each command parses its options, calls one library function, hands the result to a reporter and
returns an exit code: 0 fine, 1 problems found, 2 usage error, 3 unexpected failure (reported with
the file being read, never as a traceback). Heavy modules are imported inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

import click

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _guarded(run: Callable[[dict[str, Any]], int]) -> int:
    """Run a command body; turn fatal errors into a French message and an exit code."""
    from .problems import PostinternatError, UsageError

    current: dict[str, Any] = {}
    try:
        return run(current)
    except UsageError as exc:
        click.echo(f"Erreur : {exc}", err=True)
        return EXIT_USAGE
    except PostinternatError as exc:
        click.echo(f"Erreur : {exc}", err=True)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        click.echo("Interrompu.", err=True)
        return 130
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        where = current.get("file")
        place = f" pendant la lecture de {where}" if where else ""
        click.echo(f"Erreur interne{place} : {type(exc).__name__}: {exc}", err=True)
        click.echo("Merci de signaler ce problème avec le fichier concerné.", err=True)
        return EXIT_INTERNAL


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="postinternat-config", message="%(prog)s %(version)s")
def main() -> None:
    """Décrire, vérifier et publier les dispositifs de post-internat des ARS.

    Les règles de chaque région sont des fichiers YAML dans regions/<region>/ (region.yaml,
    sources.yaml, zonage.yaml, dispositifs/, campagnes/), vérifiés par des schémas JSON.

    Codes de sortie : 0 tout va bien, 1 problèmes trouvés, 2 erreur d'utilisation,
    3 erreur interne.

    \b
    Exemple :
      postinternat validate
    """


@main.command(context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True, help="Format de sortie.")
@click.option("--strict", is_flag=True, help="Les avertissements font aussi échouer la vérification.")
def validate(paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Vérifier les fichiers YAML des régions (par défaut : tout regions/).

    PATHS peut être le dossier regions/, un dossier de région, ou des fichiers. Chaque problème est
    donné sous la forme fichier:ligne:colonne: [code] message. Les problèmes sont écrits sur la
    sortie standard, le résumé sur la sortie d'erreur.

    \b
    Exemples :
      postinternat validate
      postinternat validate regions/normandie
      postinternat validate regions/normandie/dispositifs/asr.yaml --format json
    """

    def run(current: dict[str, Any]) -> int:
        from .problems import UsageError
        from .reporters import report_validation
        from .validation import validate as run_validation

        targets = list(paths)
        if not targets:
            default = Path("regions")
            if not default.is_dir():
                raise UsageError("aucun dossier regions/ ici : lancez la commande à la racine du dépôt ou donnez un chemin")
            targets = [default]
        report = run_validation(targets, current=current)
        report_validation(report, fmt, strict)
        return EXIT_PROBLEMS if report.failed(strict) else EXIT_OK

    sys.exit(_guarded(run))


if __name__ == "__main__":  # pragma: no cover
    main()
