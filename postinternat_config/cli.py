"""The ``postinternat`` command: a thin Click layer over the library.

Each command parses its options, calls one library function, hands the result to a reporter and
returns an exit code: 0 fine, 1 problems found, 2 usage error, 3 unexpected failure (reported with
the file being read, never as a traceback). Heavy modules are imported inside the commands.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, ParamSpec

import click

from .paths import VECTORS

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
STDOUT = "-"  # an --output of « - » is the standard output

HELP = click.help_option("-h", "--help", help="Afficher cette aide et quitter.")

# Click's English phrases and their French (patterns compiled on first use: a run without a
# usage error never pays for them).
_USAGE_FR = [
    (r"No such option:? '?([^'\s]+)'?\.?", "option inconnue : {0}."),
    (r"No such command:? '?([^'\s]+)'?\.?", "commande inconnue : {0}."),
    (r"Missing argument '(.+?)'\.?", "argument manquant : {0}."),
    (r"Missing option '(.+?)'\.?", "option obligatoire manquante : {0}."),
    (r"Option '(.+?)' requires an argument\.?", "l'option {0} attend une valeur."),
    (r"Got unexpected extra arguments? \((.+?)\)\.?", "argument en trop : {0}."),
    (r"Invalid value for '(.+?)':", "valeur invalide pour {0} :"),
    (r"'(.+?)' is not one of (.+?)\.", "« {0} » n'est pas l'un des choix {1}."),
    (r"Path '(.+?)' does not exist\.", "le chemin {0} n'existe pas."),
    (r"Did you mean one of:? (.+?)\?", "Vouliez-vous dire l'un de ces choix : {0} ?"),
    (r"Did you mean (.+?)\?", "Vouliez-vous dire {0} ?"),
    (r"Invalid value:", "valeur invalide :"),
    (r"'(.*?)' is not a valid integer(?: range)?\.", "« {0} » n'est pas un nombre entier."),
    (r"'(.*?)' is not a valid float(?: range)?\.", "« {0} » n'est pas un nombre."),
    (r"'(.*?)' is not a valid boolean\.(?: Recognized values: .*)?", "« {0} » n'est pas oui ou non (true, false, 1, 0)."),
    # IntRange and FloatRange: « 5000 is not in the range 1<=x<=1200. » and its open forms
    (r"(\S+) is not in the range (-?[0-9.e+]+)<=x<=(-?[0-9.e+]+)\.", "{0} n'est pas entre {1} et {2}."),
    (r"(\S+) is not in the range x>=(-?[0-9.e+]+)\.", "{0} est inférieur au minimum {1}."),
    (r"(\S+) is not in the range x<=(-?[0-9.e+]+)\.", "{0} est supérieur au maximum {1}."),
    (r"(\S+) is not in the range x>(-?[0-9.e+]+)\.", "{0} doit être strictement supérieur à {1}."),
    (r"(\S+) is not in the range x<(-?[0-9.e+]+)\.", "{0} doit être strictement inférieur à {1}."),
    (r"(\S+) is not in the range (-?[0-9.e+]+)(<=?)x(<=?)(-?[0-9.e+]+)\.", "{0} est hors de l'intervalle {1}{2}x{3}{4}."),
    (r"'(.+?)' is not '(.+?)'\.", "« {0} » n'est pas le choix possible : {1}."),
    (r"(?:File|Directory|Path) '(.+?)' is a file\.", "{0} est un fichier, pas un dossier."),
    (r"(?:File|Directory|Path) '(.+?)' is a directory\.", "{0} est un dossier, pas un fichier."),
    (r"(?:File|Directory|Path) '(.+?)' does not exist\.", "le chemin {0} n'existe pas."),
    (r"(?:File|Directory|Path) '(.+?)' is not (readable|writable|executable)\.", "{0} : droits insuffisants."),
    (r"\(Possible options: (.+?)\)", "(options possibles : {0})"),
]


def _filler(french: str) -> Callable[[re.Match[str]], str]:
    def fill(match: re.Match[str]) -> str:
        # Click quotes the choices it lists in English ('text', 'json'): French quotes instead
        return french.format(*(re.sub(r"'([^']*)'", r"« \1 »", group or "") for group in match.groups()))

    return fill


def _day_option(option: str, text: str) -> Any:
    """A date given on the command line, with a message that says which part is wrong."""
    from datetime import date

    from .problems import UsageError

    given = text
    french = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text.strip())
    if french:  # 31/01/2027, as a spreadsheet writes it
        text = f"{french.group(3)}-{int(french.group(2)):02d}-{int(french.group(1)):02d}"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise UsageError(f"{option} : « {given} » n'est pas une date AAAA-MM-JJ ou JJ/MM/AAAA (exemple : 2027-01-31 ou 31/01/2027)")
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"{option} : le {given} n'existe pas dans le calendrier") from exc
    if not 1900 <= day.year <= 2999:
        raise UsageError(f"{option} : {given} est hors de la période que l'outil traite (1900 à 2999)")
    return day


def _french_usage(message: str) -> str:
    """Click's usage messages, put into French phrase by phrase."""
    for pattern, french in _USAGE_FR:
        message = re.sub(pattern, _filler(french), message)
    return message


class FrenchFormatter(click.HelpFormatter):
    """Help pages in French (Click writes its headings in English)."""

    HEADINGS = {"Options": "Options", "Commands": "Commandes", "Arguments": "Arguments"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Utilisation : ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(self.HEADINGS.get(heading, heading))

    # Click's value names and notes, in French: « --mois ENTIER ... [x>=1] » → « [au moins 1] ».
    METAVARS = (
        ("INTEGER RANGE", "ENTIER"),
        ("FLOAT RANGE", "NOMBRE"),
        ("INTEGER", "ENTIER"),
        ("FLOAT", "NOMBRE"),
        ("TEXT", "TEXTE"),
        ("PATH", "CHEMIN"),
        ("FILENAME", "FICHIER"),
        ("FILE", "FICHIER"),
        ("DIRECTORY", "DOSSIER"),
    )
    NOTES = (
        (re.compile(r"\[required\]"), "[obligatoire]"),
        (re.compile(r"\[default: ([^\]]*)\]"), r"[par défaut : \1]"),
        (re.compile(r"\[x>=(-?[\d.]+)\]"), r"[au moins \1]"),
        (re.compile(r"\[x<=(-?[\d.]+)\]"), r"[au plus \1]"),
        (re.compile(r"\[(-?[\d.]+)<=x<=(-?[\d.]+)\]"), r"[de \1 à \2]"),
    )

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        french = []
        for term, text in rows:
            for english, word in self.METAVARS:
                term = re.sub(rf"\b{english}\b", word, term)
            for pattern, replacement in self.NOTES:
                text = pattern.sub(replacement, text)
            french.append((term, text))
        super().write_dl(french, col_max, col_spacing)


class FrenchGroup(click.Group):
    """A group whose usage errors are French and exit with code 2."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:  # pragma: no cover - depends on Click version
            click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
            sys.exit(EXIT_USAGE)
        except click.UsageError as exc:
            hint = f"Essayez « {exc.ctx.command_path} --help »." if exc.ctx else ""
            click.echo(f"Erreur : {_french_usage(exc.format_message())}", err=True)
            if hint:
                click.echo(hint, err=True)
            sys.exit(EXIT_USAGE)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Interrompu.", err=True)
            sys.exit(130)


click.Context.formatter_class = FrenchFormatter
CONTEXT_SETTINGS: dict[str, Any] = {"max_content_width": 100}


P = ParamSpec("P")


def guarded(error_code: int = EXIT_PROBLEMS) -> Callable[[Callable[P, int]], Callable[P, NoReturn]]:
    """The seam of every command: the body returns an exit code; the guard exits with it, and turns
    an error into a French message and its code: a usage error 2, a fatal error in the data
    ``error_code`` (2 for diff and new, where 1 means "different" or is not used), a file that
    cannot be read or written 2, an interruption 130, anything unexpected 3 with the file being
    read (see :mod:`progress`) and never a traceback. Place it under the Click decorators."""

    def decorate(body: Callable[P, int]) -> Callable[P, NoReturn]:
        @functools.wraps(body)
        def command(*args: P.args, **kwargs: P.kwargs) -> NoReturn:
            from .progress import end_run, start_run

            token = start_run()
            try:
                code = _run_guarded(lambda: body(*args, **kwargs), error_code)
            finally:
                end_run(token)
            sys.exit(code)

        return command

    return decorate


def _run_guarded(run: Callable[[], int], error_code: int) -> int:
    from .problems import PostinternatError, UsageError
    from .progress import current_file

    try:
        return run()
    except UsageError as exc:
        click.echo(f"Erreur : {exc}", err=True)
        return EXIT_USAGE
    except PostinternatError as exc:
        click.echo(f"Erreur : {exc}", err=True)
        return error_code
    except KeyboardInterrupt:
        click.echo("Interrompu.", err=True)
        return 130
    except BrokenPipeError:  # the reader stopped early (| head): nothing more to say
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # a file that cannot be read or written
        from .problems import os_error_fr

        target = f" {exc.filename}" if exc.filename else ""
        click.echo(f"Erreur : fichier{target} : {os_error_fr(exc)}", err=True)
        return EXIT_USAGE
    except MemoryError:
        where = current_file()
        click.echo(
            f"Erreur : mémoire insuffisante{f' pendant la lecture de {where}' if where else ''} : le fichier est-il bien celui attendu ?",
            err=True,
        )
        return EXIT_INTERNAL
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        # The exception's own text is English (and may quote megabytes of data): only its kind is
        # named, for the report; POSTINTERNAT_DEBUG=1 prints the traceback for a developer.
        import os

        where = current_file()
        place = f" pendant la lecture de {where}" if where else ""
        click.echo(f"Erreur interne{place} (type {type(exc).__name__}).", err=True)
        click.echo("Merci de signaler ce problème avec le fichier concerné et la commande lancée.", err=True)
        if os.environ.get("POSTINTERNAT_DEBUG"):
            import traceback

            traceback.print_exc()
        return EXIT_INTERNAL


@click.group(cls=FrenchGroup, context_settings=CONTEXT_SETTINGS, subcommand_metavar="COMMANDE [ARGUMENTS]...")
@click.version_option(package_name="postinternat-config", message="%(prog)s %(version)s", help="Afficher la version et quitter.")
@HELP
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


@main.command(context_settings=CONTEXT_SETTINGS, short_help="Vérifier les fichiers YAML des régions.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[CHEMINS]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    help="Format de sortie (par défaut : text ; github : annotations de pull request).",
)
@click.option("--strict", is_flag=True, help="Les avertissements font aussi échouer la vérification.")
@HELP
@guarded()
def validate(paths: tuple[Path, ...], fmt: str, strict: bool) -> int:
    """Vérifier les fichiers YAML des régions (par défaut : tout regions/).

    CHEMINS peut être le dossier regions/, un dossier de région, ou des fichiers. Chaque problème est
    donné sous la forme fichier:ligne:colonne: [code] message. Les problèmes sont écrits sur la
    sortie standard, le résumé sur la sortie d'erreur. « postinternat codes CODE » explique un code.

    \b
    Exemples :
      postinternat validate
      postinternat validate regions/normandie
      postinternat validate regions/normandie/dispositifs/asr.yaml --format json
    """

    from .problems import UsageError
    from .reporters import report_validation
    from .validation import validate as run_validation

    targets = list(paths)
    if not targets:
        default = Path("regions")
        if not default.is_dir():
            raise UsageError("aucun dossier regions/ ici : lancez la commande à la racine du dépôt ou donnez un chemin")
        targets = [default]
    report = run_validation(targets)
    report_validation(report, fmt, strict)
    return EXIT_PROBLEMS if report.failed(strict) else EXIT_OK


REGIONS_OPTION = click.option(
    "--regions",
    "regions_dir",
    type=click.Path(path_type=Path),
    default=Path("regions"),
    help="Dossier des régions (par défaut : regions/).",
)


def _load_book(regions_dir: Path, purpose: str) -> Any:
    from .problems import UsageError
    from .rulebook import load_rulebook

    if not regions_dir.is_dir():
        raise UsageError(f"dossier des régions introuvable : {regions_dir} (option --regions)")
    return load_rulebook(regions_dir, purpose)


def _check_output(output: Path | None, *inputs: Path, protected: tuple[Path, ...] = ()) -> None:
    """Refuse an output path that must not be replaced: a folder, a device or FIFO, one of the
    input files (which must never change), a file in a regions tree."""
    from .outputs import check_output

    if output is not None:
        check_output(output, "--output", inputs, protected)


def _check_input(file: Path) -> None:
    """A file named on the command line must exist and be a regular file (not a device, a FIFO or
    a folder: reading /dev/zero would never end)."""
    import os
    import stat

    from .problems import UsageError, os_error_fr

    try:
        mode = os.stat(file).st_mode
    except OSError as exc:
        raise UsageError(
            f"fichier introuvable : {file}" if isinstance(exc, FileNotFoundError) else f"lecture impossible de {file} : {os_error_fr(exc)}"
        ) from exc
    if not stat.S_ISREG(mode):
        kind = "un dossier" if stat.S_ISDIR(mode) else "un périphérique, un tube ou un fichier spécial"
        raise UsageError(f"{file} est {kind}, pas un fichier ordinaire : donnez un fichier de candidats")


@main.command(context_settings=CONTEXT_SETTINGS, short_help="Évaluer des candidats contre les dispositifs.")
@click.argument("file", type=click.Path(path_type=Path), metavar="FICHIER")
@click.option("--region", help="N'évaluer que les dispositifs de cette région (dossier regions/<region>).")
@click.option("--dispositif", help="N'évaluer que ce dispositif.")
@click.option("--campagne", help='Campagne à utiliser ("2025", "2025-2027") quand le projet n\'en précise pas.')
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv", "markdown"]), default="text", help="Format de sortie (par défaut : text)."
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="Écrire le résultat dans ce fichier (écriture atomique) plutôt qu'à l'écran ; « - » : l'écran. Refusé : le fichier d'entrée, un fichier du dossier des régions, un périphérique ou un dossier.",
)
@click.option("--excel", is_flag=True, help="CSV pour Excel en français (séparateur « ; », marque UTF-8) ; implique --format csv.")
@REGIONS_OPTION
@HELP
@guarded()
def evaluate(
    file: Path,
    region: str | None,
    dispositif: str | None,
    campagne: str | None,
    fmt: str,
    output: Path | None,
    excel: bool,
    regions_dir: Path,
) -> int:
    """Évaluer des candidats contre les dispositifs, condition par condition.

    FICHIER est un fichier YAML ou JSON (un candidat ou une liste « candidats ») ou un CSV (une ligne
    par projet, UTF-8 ou Windows-1252 ; une colonne inconnue est signalée avec les colonnes
    reconnues). --region, --dispositif et --campagne filtrent :
    les projets qui visent une autre région ou un autre dispositif sont laissés de côté. Pour chaque
    projet et chaque dispositif visé (ou tous ceux qui recrutent à sa date de début), donne le
    verdict (éligible, non éligible, dossier à compléter), chaque condition avec sa source, les
    conditions à vérifier par l'ARS, les priorités remplies, le respect de la date limite, la
    rémunération donnée par les textes et le financement prévu par les règles. Un lot donne aussi
    une aide au classement par dispositif (ce n'est pas la décision de la commission). Sans
    --region, un projet qui ne nomme ni région, ni subdivision, ni dispositif est évalué contre tous
    les dispositifs de toutes les régions (éligibles d'abord). Pour un projet non éligible ou hors délai : la variante éligible
    la plus proche (le plus petit changement du projet), ou pourquoi il n'y en a pas.

    Code de sortie 1 si une ligne ou un candidat n'a pas pu être lu (les autres sont évalués) ;
    chaque ligne en erreur figure dans le CSV produit (verdict « erreur »), et le bilan (lues,
    évaluées, en erreur) est écrit sur la sortie d'erreur et dans le JSON (champ « bilan »).
    Limites : 100 000 lignes et 32 Mo pour un CSV, 4 Mo pour un YAML ou un JSON.

    \b
    Exemples :
      postinternat evaluate examples/normandie.yaml
      postinternat evaluate examples/lot.csv --format csv --excel --output resultats.csv
    """

    import contextlib

    from .candidates import read
    from .evaluation import Batch, Evaluator, Targets
    from .evaluation_report import write_evaluations
    from .outputs import write_atomic_with
    from .problems import UsageError
    from .reporters import problems_to_stderr
    from .workspace import display_path

    if output is not None and str(output) == STDOUT:
        output = None
    _check_input(file)
    _check_output(output, file, protected=(regions_dir,))
    if excel and fmt != "csv":
        if click.get_current_context().get_parameter_source("fmt") == click.core.ParameterSource.COMMANDLINE:
            raise UsageError(f"--excel produit un CSV pour Excel : il ne va pas avec --format {fmt}")
        fmt = "csv"  # --excel alone means a CSV for Excel
    from .rulebook import RegionRulebook

    if not regions_dir.is_dir():
        raise UsageError(f"dossier des régions introuvable : {regions_dir} (option --regions)")
    book = RegionRulebook(regions_dir)  # each region validated when first needed
    shown = display_path(file.resolve())
    source = read(file, shown)
    evaluator = Evaluator(book, Targets(region, dispositif, campagne))
    book.load([region] if region else source.regions())  # before any output: a region in error stops here
    evaluator.check_campaign(source.places())  # so does a --campagne that no targeted region has
    batch = Batch(unit=source.unit, rank=fmt != "csv", keep_problems=fmt == "json")
    # a progress bar on a terminal only, for a batch
    shown_bar = sys.stderr.isatty() and source.total > 20
    bar: Any = click.progressbar(length=source.total, label="Évaluation", file=sys.stderr) if shown_bar else contextlib.nullcontext()

    def produce(write: Callable[[str], object]) -> bool:
        with bar:
            return write_evaluations(
                source,
                shown,
                evaluator,
                batch,
                fmt,
                write,
                excel,
                lambda p: problems_to_stderr([p]),
                (lambda: bar.update(1)) if shown_bar else (lambda: None),
            )

    if output is None:
        written = produce(sys.stdout.write)
        sys.stdout.flush()
    else:
        written = write_atomic_with(output, produce)
    if batch.skipped:
        click.echo(f"{batch.skipped} projet(s) laissé(s) de côté par les filtres --region / --dispositif.", err=True)
    if batch.read or source.problems:
        click.echo(batch.summary_fr(), err=True)
    if not written:
        kept = f" ; {output} n'est pas modifié" if output is not None and output.exists() else ""
        click.echo(f"Aucun candidat lu dans le fichier : rien n'est écrit{kept}.", err=True)
        return EXIT_PROBLEMS
    if output is not None:
        click.echo(f"Résultat écrit dans {output}", err=True)
    return EXIT_PROBLEMS if batch.problem_count else EXIT_OK


@main.command(context_settings=CONTEXT_SETTINGS, short_help="Répartir les postes d'une campagne entre subdivisions.")
@click.argument("region")
@click.option("--campagne", help="Campagne (par défaut : la plus récente de la région).")
@click.option(
    "--internes",
    type=click.Path(path_type=Path),
    help="Internes en formation par subdivision : YAML « caen: 420 » ou CSV « subdivision,internes ».",
)
@click.option("--dispositif", help="N'afficher que ce dispositif.")
@click.option("--postes", type=click.IntRange(min=0), help="Simuler avec ce nombre de postes quand les textes ne le donnent pas.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Format de sortie (par défaut : text).")
@REGIONS_OPTION
@HELP
@guarded()
def quotas(
    region: str, campagne: str | None, internes: Path | None, dispositif: str | None, postes: int | None, fmt: str, regions_dir: Path
) -> int:
    """Répartir les postes d'une campagne entre subdivisions selon la règle de la région.

    Règle « au prorata des internes en formation » : méthode des plus forts restes (chaque
    subdivision reçoit la partie entière de sa part exacte, les postes restants vont aux plus
    grands restes ; à égalité, à la subdivision qui a le plus d'internes, puis par ordre
    alphabétique). Un nombre de postes que les textes ne donnent pas reste « inconnu » : --postes
    permet une simulation, signalée comme telle.

    \b
    Exemples :
      postinternat quotas normandie --internes examples/internes-normandie.yaml --postes 20
      postinternat quotas normandie --campagne 2025 --format json
    """

    from .quotas import distribute
    from .reporters import QUOTAS, report

    result = distribute(_load_book(regions_dir, "avant de répartir les postes"), region, campagne, internes, postes, dispositif)
    report(QUOTAS, fmt, result)
    return EXIT_PROBLEMS if result.problems else EXIT_OK


@main.command(context_settings=CONTEXT_SETTINGS, short_help="Comparer deux régions, campagnes, versions ou dispositifs.")
@click.argument("left", metavar="GAUCHE")
@click.argument("right", required=False, metavar="[DROITE]")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", help="Format de sortie (par défaut : text)."
)
@click.option("--prose", is_flag=True, help="Comparer aussi les textes de présentation (descriptions, objectifs, notes, contacts).")
@REGIONS_OPTION
@HELP
@guarded(error_code=EXIT_USAGE)
def diff(left: str, right: str | None, fmt: str, prose: bool, regions_dir: Path) -> int:
    """Comparer deux régions, deux campagnes, deux versions, ou un dispositif et son cadre national.

    Chaque côté est une région (normandie), une région à une campagne (normandie@2024), un
    dispositif (normandie/asr), un dossier ou un fichier, ou une version git (HEAD~1:regions/normandie).
    Les dispositifs sont appariés par identifiant dans une région et par famille d'une région à
    l'autre ; les valeurs sont comparées après héritage et lecture des valeurs datées à la date de
    chaque campagne ; les sources sont données à côté de chaque changement. Avec un seul argument
    (un dispositif qui étend un cadre national) : ce que la région change par rapport au cadre.

    Code de sortie : 0 identiques, 1 différents, 2 erreur.

    \b
    Exemples :
      postinternat diff normandie@2024 normandie@2025
      postinternat diff normandie nouvelle-aquitaine --format markdown
      postinternat diff HEAD~1:regions/normandie regions/normandie
      postinternat diff normandie/mg-400-volet-1
    """

    from .diff import diff as run_diff
    from .diff_report import render
    from .progress import set_current_file
    from .reporters import use_colour

    set_current_file(f"{left} {right or ''}".strip())
    result = run_diff(left, right, regions_dir, Path.cwd(), prose)
    for warning in result.warnings:
        click.echo(f"Attention : {warning}", err=True)
    click.echo(render(result, fmt, use_colour() and fmt == "text"), nl=False, color=use_colour())
    return EXIT_PROBLEMS if result.changes else EXIT_OK


@main.command(context_settings=CONTEXT_SETTINGS, short_help="Comparer une famille de dispositifs entre les régions.")
@click.option("--famille", help="Une seule famille (assistant_partage_etablissements, assistant_ville_hopital, aumg...).")
@click.option(
    "--campagne",
    help="Campagne à lire dans chaque région (par défaut : la plus récente) ; une année (2025) lit aussi la campagne pluriannuelle qui la couvre (2025-2027).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown", "json", "csv"]), default="text", help="Format de sortie (par défaut : text)."
)
@REGIONS_OPTION
@HELP
@guarded()
def compare(famille: str | None, campagne: str | None, fmt: str, regions_dir: Path) -> int:
    """Comparer une famille de dispositifs entre toutes les régions.

    Un tableau par famille : les régions en colonnes, les paramètres principaux en lignes (durée,
    spécialités, répartition du temps, zones, autres conditions, rémunération, financement,
    calendrier, candidature, règles de la campagne) ; « — » quand une région n'a pas ce type de
    dispositif.

    \b
    Exemples :
      postinternat compare --famille assistant_ville_hopital
      postinternat compare --format markdown > comparaison.md
    """

    from .compare import compare as build
    from .reporters import COMPARE, report

    report(COMPARE, fmt, build(regions_dir, famille, campagne))
    return EXIT_OK


@main.group(
    cls=click.Group,
    context_settings=CONTEXT_SETTINGS,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    short_help="Créer une région, un dispositif ou une campagne.",
)
@HELP
def new() -> None:
    """Créer une région, un dispositif ou une campagne : des fichiers commentés, valides tels quels.

    Rien d'existant n'est jamais remplacé. Ce que l'outil ne peut pas savoir est écrit « À compléter »
    (postinternat validate le signale).

    \b
    Exemples :
      postinternat new region bretagne
      postinternat new dispositif bretagne asp --famille assistant_partage_etablissements
      postinternat new dispositif bretagne mg --etend mg-400-volet-1
      postinternat new campagne bretagne 2026
    """


@new.command("region", context_settings=CONTEXT_SETTINGS, short_help="Créer le dossier d'une région.")
@click.argument("slug")
@click.option("--code", help="Code INSEE de la région, si le nom du dossier n'est pas celui de la région.")
@REGIONS_OPTION
@HELP
@guarded(error_code=EXIT_USAGE)
def new_region(slug: str, code: str | None, regions_dir: Path) -> int:
    """Créer regions/SLUG/ : region.yaml (code, ARS, départements du Code officiel géographique),
    sources.yaml et zonage.yaml, et les dossiers dispositifs/ et campagnes/.

    \b
    Exemple :
      postinternat new region bretagne
    """

    from .scaffold import new_region as create

    for path in create(regions_dir, slug, code):
        click.echo(f"Créé : {path}")
    return EXIT_OK


@new.command("dispositif", context_settings=CONTEXT_SETTINGS, short_help="Créer un dispositif dans une région.")
@click.argument("region")
@click.argument("ident", metavar="ID")
@click.option("--famille", help="Famille nationale du dispositif (assistant_partage_etablissements, assistant_ville_hopital, aumg...).")
@click.option(
    "--etend",
    metavar="CADRE",
    help="Cadre national que le dispositif étend (mg-400-volet-1...) : sa famille est reprise, et les zones qu'il exige sont déclarées dans le zonage.yaml de la région.",
)
@REGIONS_OPTION
@HELP
@guarded(error_code=EXIT_USAGE)
def new_dispositif(region: str, ident: str, famille: str | None, etend: str | None, regions_dir: Path) -> int:
    """Créer regions/REGION/dispositifs/ID.yaml, avec en commentaire les champs les plus courants.

    Avec --etend, le dispositif étend un cadre national ; les catégories de zones que le cadre exige
    et que zonage.yaml ne déclare pas y sont ajoutées, « À compléter » (leur source, puis leurs
    communes avec postinternat zonage import).

    \b
    Exemples :
      postinternat new dispositif bretagne asp --famille assistant_partage_etablissements
      postinternat new dispositif bretagne mg --etend mg-400-volet-1
    """

    from .scaffold import new_dispositif as create

    result = create(regions_dir, region, ident, famille, etend=etend)
    click.echo(f"Créé : {result.path}")
    if result.zones_added:
        listed = ", ".join(f"« {code} »" for code in result.zones_added)
        words = "catégories" if len(result.zones_added) > 1 else "catégorie"
        required = "exigées" if len(result.zones_added) > 1 else "exigée"
        click.echo(f"Complété : {result.zonage} ({words} {listed} {required} par le cadre {etend}, à compléter : source et communes)")
    elif result.zonage_problem and not result.to_add:
        required = ", ".join(result.required)
        click.echo(
            f"{result.zonage} n'est pas complété : {result.zonage_problem}. Corrigez-le (postinternat validate {result.zonage}),"
            f" puis vérifiez qu'il déclare les zones exigées par le cadre {etend} : {required}.",
            err=True,
        )
        return EXIT_PROBLEMS
    elif result.to_add:
        why = result.zonage_problem or "le fichier n'a pas pu être complété tel quel (catégories écrites sur une ligne)"
        click.echo(
            f"À ajouter à la main dans {result.zonage} (le cadre {etend} exige ces zones ; {why}) :\n{result.to_add}",
            nl=False,
            err=True,
        )
        return EXIT_PROBLEMS  # the region is not valid until these zones are declared
    return EXIT_OK


@new.command("campagne", context_settings=CONTEXT_SETTINGS, short_help="Créer une campagne dans une région.")
@click.argument("region")
@click.argument("year", metavar="ANNEE")
@REGIONS_OPTION
@HELP
@guarded(error_code=EXIT_USAGE)
def new_campagne(region: str, year: str, regions_dir: Path) -> int:
    """Créer regions/REGION/campagnes/ANNEE.yaml, ouvrant les dispositifs de la région.

    \b
    Exemple :
      postinternat new campagne bretagne 2026
    """

    from .scaffold import new_campagne as create

    click.echo(f"Créé : {create(regions_dir, region, year)}")
    return EXIT_OK


@main.command(context_settings=CONTEXT_SETTINGS, short_help="Lister ce qui est à revoir (relectures, campagnes finies).")
@click.option(
    "--date",
    "--as-of",
    "as_of",
    metavar="AAAA-MM-JJ",
    help="Date de la revue, AAAA-MM-JJ ou JJ/MM/AAAA (par défaut : aujourd'hui ; --as-of est l'ancien nom).",
)
@click.option(
    "--mois",
    "months",
    type=click.IntRange(min=1, max=1200),
    default=12,
    help="Ancienneté maximale d'une relecture, en mois (par défaut : 12).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Format de sortie (par défaut : text).")
@click.argument("region", required=False, metavar="[REGION]")
@REGIONS_OPTION
@HELP
@guarded()
def outdated(region: str | None, as_of: str | None, months: int, fmt: str, regions_dir: Path) -> int:
    """Lister ce qui est à revoir : fichiers et sources non relus depuis plus de N mois (champ
    revue), régions dont la dernière campagne est terminée, relances prévues dont la date est
    passée. Sans REGION, toutes les régions et le cadre national. Code de sortie 1 quand quelque
    chose est à revoir : la commande peut tourner régulièrement (tâche planifiée, intégration
    continue).

    \b
    Exemples :
      postinternat outdated
      postinternat outdated bretagne
      postinternat outdated --date 2027-01-01 --mois 6
    """

    from datetime import date

    from .outdated import review
    from .reporters import OUTDATED, report

    when = _day_option("--date", as_of) if as_of else date.today()
    result = review(regions_dir, region, when, months)
    report(OUTDATED, fmt, result)
    return EXIT_PROBLEMS if result.failed else EXIT_OK


@main.group(
    cls=click.Group,
    context_settings=CONTEXT_SETTINGS,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    short_help="Importer le zonage d'une ARS, chercher une commune.",
)
@HELP
def zonage() -> None:
    """Importer le zonage officiel d'une ARS, chercher la zone d'une commune.

    \b
    Exemples :
      postinternat zonage import bretagne zonage-medecins.csv
      postinternat zonage lookup Caen
    """


@zonage.command("import", context_settings=CONTEXT_SETTINGS, short_help="Importer le fichier de zonage de l'ARS (CSV ou XLSX).")
@click.argument("region")
@click.argument("file", type=click.Path(path_type=Path), metavar="FICHIER")
@click.option(
    "--colonne-code",
    metavar="NOM_OU_NUMERO",
    help="Colonne du code INSEE, par son nom ou son numéro (1 = première colonne) ; par défaut : code INSEE, CODGEO, DEPCOM, code commune...",
)
@click.option(
    "--colonne-nom",
    metavar="NOM_OU_NUMERO",
    help="Colonne du nom de la commune, par son nom ou son numéro (par défaut : commune, nom, libgeo...).",
)
@click.option(
    "--colonne-categorie",
    metavar="NOM_OU_NUMERO",
    help="Colonne de la catégorie, par son nom ou son numéro (par défaut : une colonne dont le nom contient catégorie, zonage, zone ou classement).",
)
@click.option("--verifier", is_flag=True, help="Vérifier le fichier sans rien écrire.")
@REGIONS_OPTION
@HELP
@guarded()
def zonage_import(
    region: str,
    file: Path,
    colonne_code: str | None,
    colonne_nom: str | None,
    colonne_categorie: str | None,
    verifier: bool,
    regions_dir: Path,
) -> int:
    """Importer le fichier de zonage de l'ARS (CSV ou XLSX) dans regions/REGION/zonage.yaml.

    Chaque ligne donne le code INSEE de la commune, son nom et sa catégorie (ZIP, ZAC, QPV...,
    catégories déclarées dans zonage.yaml). Les codes inconnus, les communes d'une autre région et
    les doublons sont signalés avec leur numéro de ligne ; s'il y en a, rien n'est écrit. Sinon le
    bloc « communes » de zonage.yaml est remplacé (le reste du fichier est gardé), de façon atomique.

    La ligne d'en-tête est cherchée dans les 10 premières lignes (les lignes de titre au-dessus sont
    ignorées). Les lignes « Hors zonage », « Non zoné », « - » ou sans catégorie sont ignorées et
    comptées. Un fichier sans ligne d'en-tête se lit en donnant les colonnes par leur numéro :
    --colonne-code 1 --colonne-categorie 3.

    \b
    Exemples :
      postinternat zonage import bretagne zonage-medecins.csv
      postinternat zonage import bretagne arrete.xlsx --verifier
    """

    from .reporters import ZONAGE_IMPORT, report
    from .zonage_tools import import_zonage

    result = import_zonage(regions_dir, region, file, colonne_code, colonne_nom, colonne_categorie, write=not verifier)
    report(ZONAGE_IMPORT, "text", result)
    return EXIT_PROBLEMS if result.errors else EXIT_OK


@zonage.command("lookup", context_settings=CONTEXT_SETTINGS, short_help="Dire dans quelle zone est une commune.")
@click.argument("query", metavar="CODE_OU_NOM")
@REGIONS_OPTION
@HELP
@guarded()
def zonage_lookup(query: str, regions_dir: Path) -> int:
    """Dire dans quelle catégorie de zone est une commune, et selon quel arrêté.

    \b
    Exemples :
      postinternat zonage lookup 14118
      postinternat zonage lookup "Saint-Lô"
    """

    from .reporters import ZONAGE_LOOKUP, report
    from .zonage_tools import find_zone

    found = find_zone(regions_dir, query)
    report(ZONAGE_LOOKUP, "text", found)
    return EXIT_OK if found.answers else EXIT_PROBLEMS


BUILD_DATE_OPTION = click.option(
    "--date",
    "build_date",
    metavar="AAAA-MM-JJ",
    help="Date à laquelle les pages disent si chaque campagne est ouverte, close ou annoncée (par défaut : aujourd'hui).",
)


@main.group(
    cls=click.Group,
    context_settings=CONTEXT_SETTINGS,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    short_help="Construire et prévisualiser le site public.",
)
@HELP
def site() -> None:
    """Construire et prévisualiser le site public.

    \b
    Exemple :
      postinternat site build --output build/site
    """


@site.command("build", context_settings=CONTEXT_SETTINGS, short_help="Construire le site.")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=Path("build/site"),
    help="Dossier du site construit (par défaut : build/site) ; vide, nouveau, ou déjà construit par postinternat.",
)
@click.option(
    "--vecteurs",
    type=click.Path(path_type=Path),
    default=VECTORS,
    help="Vecteurs de test publiés avec les données (par défaut : ceux livrés avec l'outil).",
)
@BUILD_DATE_OPTION
@REGIONS_OPTION
@HELP
@guarded()
def site_build(output: Path, vecteurs: Path, build_date: str | None, regions_dir: Path) -> int:
    """Construire le site : une page par région et par dispositif, comparaisons, calendrier,
    données ouvertes, guide des éditeurs.

    Les pages sont produites à partir des régions validées, puis MkDocs construit le HTML en mode
    strict (liens vérifiés). En cas d'échec, le site précédent reste en place.

    Le dossier --output n'est remplacé que s'il est vide ou s'il a été construit par
    postinternat (fichier .postinternat-site) : un autre dossier, un fichier, un lien, le
    dossier courant, le dossier des régions ou le dossier personnel sont refusés.

    Chaque page dit où en est la campagne de chaque dispositif à la date de construction
    (--date, par défaut aujourd'hui) : candidatures ouvertes jusqu'à quand, campagne close ou
    annoncée. Reconstruisez le site quand les dates changent.

    \b
    Exemples :
      postinternat site build --output build/site
      postinternat site build --date 2026-12-02
    """

    from datetime import date

    from .site import build_site

    day = _day_option("--date", build_date) if build_date else date.today()
    built = build_site(regions_dir, output, vecteurs if vecteurs.exists() else None, day)
    click.echo(f"Site construit dans {built}", err=True)
    return EXIT_OK


@site.command("serve", context_settings=CONTEXT_SETTINGS, short_help="Construire le site et le prévisualiser.")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Dossier du site (par défaut : build/site ; build/brouillon avec --brouillon, jamais le dossier publié).",
)
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, help="Port local (par défaut : 8000).")
@click.option(
    "--brouillon",
    "draft",
    is_flag=True,
    help="Aperçu d'une région en cours de rédaction : textes « À compléter » admis, chaque page porte un bandeau « Brouillon ».",
)
@BUILD_DATE_OPTION
@REGIONS_OPTION
@HELP
@guarded()
def site_serve(output: Path | None, port: int, draft: bool, build_date: str | None, regions_dir: Path) -> int:
    """Construire le site puis le servir sur http://127.0.0.1:PORT/ (Ctrl-C pour arrêter).

    Avec --brouillon, une région encore en cours de rédaction (textes « À compléter » laissés par
    postinternat new) se prévisualise : chaque page le dit par un bandeau. Les erreurs bloquent
    toujours ; site build, qui publie, refuse les textes « À compléter ».

    \b
    Exemples :
      postinternat site serve --port 8000
      postinternat site serve --brouillon
    """

    import errno
    import functools
    import http.server
    from datetime import date

    from .problems import UsageError
    from .site import build_site

    day = _day_option("--date", build_date) if build_date else date.today()
    folder: list[str] = []  # the built site, known once built; the port is taken first
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=None)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), lambda *a: handler(*a, directory=folder[0]))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"le port {port} est déjà utilisé sur cette machine : choisissez-en un autre (--port {port + 1})") from exc
        raise
    with server:
        # a draft is built apart: « À compléter » pages never land in the folder a deployment publishes
        target = output or Path("build/brouillon" if draft else "build/site")
        folder.append(str(build_site(regions_dir, target, VECTORS, day, draft)))
        click.echo(f"Site disponible sur http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C pour arrêter)", err=True)
        server.serve_forever()
    return EXIT_OK


@main.group(
    cls=click.Group,
    context_settings=CONTEXT_SETTINGS,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    short_help="Exporter des données produites à partir des régions.",
)
@HELP
def export() -> None:
    """Exporter des données produites à partir des régions.

    \b
    Exemple :
      postinternat export rules --output build/donnees
    """


@export.command("rules", context_settings=CONTEXT_SETTINGS, short_help="Écrire les règles en JSON et les vecteurs de test.")
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), default=Path("build/regles"), help="Dossier de sortie (par défaut : build/regles)."
)
@click.option(
    "--vecteurs",
    type=click.Path(path_type=Path),
    default=VECTORS,
    help="Fichier source des vecteurs de test (par défaut : ceux livrés avec l'outil).",
)
@REGIONS_OPTION
@HELP
@guarded()
def export_rules(output: Path, vecteurs: Path, regions_dir: Path) -> int:
    """Écrire les règles en JSON (regles.json) et les vecteurs de test partagés (vecteurs.json).

    regles.json contient, pour chaque région, ses dispositifs, leurs conditions (avec leurs sources),
    les campagnes et le zonage : c'est ce que lit l'évaluateur du site. vecteurs.json contient des
    cas (candidat, projet, dispositif) avec le verdict et le statut de chaque condition attendus :
    les évaluateurs Python et JavaScript doivent tous deux les retrouver. Fichiers écrits de façon
    atomique, octets reproductibles.

    \b
    Exemple :
      postinternat export rules --output build/regles
    """

    from .exports import export_rules as write
    from .outputs import check_output_folder

    check_output_folder(output, ["regles.json", "vecteurs.json"], "--output", [vecteurs], (regions_dir,))
    book = _load_book(regions_dir, "avant d'exporter les règles")
    if not vecteurs.exists():
        click.echo(f"Attention : {vecteurs} introuvable : seules les règles sont exportées (option --vecteurs).", err=True)
    for path in write(book, output, vecteurs if vecteurs.exists() else None):
        click.echo(f"Écrit : {path}", err=True)
    return EXIT_OK


@main.command("codes", context_settings=CONTEXT_SETTINGS, short_help="Lister les codes des problèmes, ou expliquer l'un d'eux.")
@click.argument("code", required=False, metavar="[CODE]")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Format de sortie (par défaut : text).")
@HELP
@guarded(error_code=EXIT_USAGE)
def codes_command(code: str | None, fmt: str) -> int:
    """Lister les codes des problèmes, ou expliquer l'un d'eux.

    Chaque message de l'outil porte un code entre crochets ([yaml-syntaxe], [source-declaree]...) :
    cette commande dit ce qu'il signifie, comment corriger, et donne un exemple de message.

    \b
    Exemples :
      postinternat codes
      postinternat codes schema-inconnu
    """

    from .codes import listing
    from .reporters import CODES, report

    report(CODES, fmt, listing(code))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    main()
