"""Rendering evaluations: text (for a commission member), Markdown, JSON (stable) and CSV.

A :class:`Report` writes its format piece by piece, as the outcomes come: the CSV one row per
evaluation or input row in error, the JSON one evaluation at a time (the bytes are those of one
``json.dumps`` of the whole), the text one block per evaluation; what needs the whole run (the
ranking, the problems, the counts) comes at the end."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import Any

from . import labels
from .candidates import Source
from .engine import ConditionResult, Evaluation, deadline_alert
from .evaluation import VERDICT_ORDER, Batch, Evaluator, Outcome, evaluate_entries, ranking
from .explain import funding_text, lieux_of, missing_fr, pay_text
from .formatting import date_numeric as french_date
from .problems import Problem
from .variants import variant, variant_text

JSON_VERSION = 1


def condition_dict(result: ConditionResult) -> dict[str, Any]:
    cond = result.condition
    data: dict[str, Any] = {"id": cond["id"], "type": cond["type"], "statut": result.status, "message": result.message}
    if result.outcome.missing:
        data["manquants"] = list(result.outcome.missing)
    if cond.get("source"):
        data["source"] = cond["source"]
    if result.outcome.children:
        data["conditions"] = [condition_dict(child) for child in result.children]
    return data


def evaluation_dict(evaluation: Evaluation, line: int, with_variant: bool = True) -> dict[str, Any]:
    """One evaluation as data (``with_variant``: compute the nearest eligible variant, which the CSV
    does not show)."""
    rules = evaluation.rules
    campagne = evaluation.campagne()
    return {
        "candidat": evaluation.candidat.get("id"),
        "projet": evaluation.projet.get("id"),
        "ligne": line,
        "region": rules["region"],
        "dispositif": rules["dispositif"],
        "nom": rules["nom"],
        "campagne": campagne["id"] if campagne else None,
        "verdict": evaluation.verdict,
        "manquants": list(evaluation.missing),
        "alertes": evaluation.alertes(),
        "conditions": [condition_dict(r) for r in evaluation.results],
        "a_verifier": rules["a_verifier"],
        "priorites": evaluation.priorites(),
        "delai": evaluation.delai(),
        "remuneration": evaluation.remuneration(),
        "financement": evaluation.financement(),
        "regles_campagne": list((campagne or {}).get("regles") or []),
        "variante": variant(evaluation) if with_variant else None,
    }


def _json_nested(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it ``level`` levels deep."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)


CSV_HEADER = [
    "candidat",
    "projet",
    "ligne",
    "region",
    "dispositif",
    "campagne",
    "verdict",
    "verdict_libelle",
    "conditions_non_remplies",
    "manquants",
    "alertes",
    "a_verifier",
    "priorites_remplies",
    "delai",
    "financement",
]


def _funding_text(items: list[dict[str, Any]]) -> str:
    return " ; ".join(funding_text(f, with_purpose=False) for f in items)


def _csv_row(e: Evaluation, line: int) -> list[Any]:
    data = evaluation_dict(e, line, with_variant=False)
    return [
        data["candidat"],
        data["projet"] or "",
        line,
        data["region"],
        data["dispositif"],
        data["campagne"] or "",
        data["verdict"],
        labels.verdict(data["verdict"]),
        " | ".join(c["message"] for c in data["conditions"] if c["statut"] == "ko"),
        " | ".join(missing_fr(m, lieux_of(e.rules["conditions"])) for m in data["manquants"]),
        " | ".join(data["alertes"]),
        " | ".join(a["texte"] for a in data["a_verifier"]),
        " | ".join(p["libelle"] for p in data["priorites"] if p["statut"] == "remplie"),
        labels.delai(data["delai"]["statut"]),
        _funding_text(data["financement"]),
    ]


def _source_line(source: dict[str, Any] | None) -> str:
    if not source:
        return ""
    text = str(source.get("titre", source.get("id", "")))
    if source.get("emetteur"):
        text += f" ({source['emetteur']})"
    if source.get("extrait"):
        text += f" : « {source['extrait']} »"
    return text


def _delai_text(delai: dict[str, Any]) -> str:
    text = labels.delai(delai["statut"])
    if delai.get("date_limite"):
        inclusive = {True: ", jour inclus", False: ", jour exclu", None: ""}[delai.get("incluse")]
        text += f" (date limite {french_date(delai['date_limite'])}{inclusive}"
        if delai.get("date_candidature"):
            text += f" ; dépôt le {french_date(delai['date_candidature'])}"
        elif delai["statut"] == "inconnu":
            text += " ; date de dépôt non renseignée"
        text += ")"
        if delai["statut"] == "inconnu" and delai.get("date_candidature"):
            text += " : dépôt le jour même, et le texte ne dit pas si ce jour est accepté"
    return text


def _conditions_lines(results: list[dict[str, Any]], indent: str, markdown: bool) -> list[str]:
    lines = []
    mark = {"ok": "[x]", "ko": "[ ]", "inconnu": "[?]"} if not markdown else {"ok": "✅", "ko": "❌", "inconnu": "❔"}
    for c in results:
        lines.append(f"{indent}{'- ' if markdown else ''}{mark[c['statut']]} {c['message']}")
        if c.get("source") and c["statut"] != "ok":
            lines.append(f"{indent}  {'' if markdown else ''}Source : {_source_line(c['source'])}")
        if c.get("conditions"):
            lines.extend(_conditions_lines(c["conditions"], indent + "    ", markdown))
    return lines


def _text_evaluation(e: dict[str, Any], markdown: bool, region_name: str, lieux: dict[str, str]) -> list[str]:
    """One evaluation in words: the region by its name, each lieu by its label (ids are for JSON)."""
    lines: list[str] = []
    who = str(e["candidat"]) + (f", projet {e['projet']}" if e["projet"] else "")
    title = f"{who} — {e['nom']} ({region_name}"
    title += f", campagne {e['campagne']})" if e["campagne"] else ")"
    lines.append(f"{'## ' if markdown else ''}{title}")
    if not markdown:
        lines.append("=" * len(title))
    verdict = f"Verdict : {labels.verdict(e['verdict']).upper()}"
    lines.append(f"**{verdict}**" if markdown else verdict)
    if e["manquants"]:
        lines.append("Informations manquantes : " + ", ".join(missing_fr(m, lieux) for m in e["manquants"]))
    if e["variante"]:
        lines.append(variant_text(e["variante"]))
    for alert in e["alertes"]:
        lines.append(f"Attention : {alert}")
    lines.append("")
    lines.append("Conditions :")
    lines.extend(_conditions_lines(e["conditions"], "  ", markdown))
    if e["a_verifier"]:
        lines.append("")
        lines.append("À vérifier par l'ARS :")
        for item in e["a_verifier"]:
            lines.append(f"  - {item['texte']}")
    if e["priorites"]:
        lines.append("")
        lines.append("Priorités :")
        for p in e["priorites"]:
            lines.append(f"  - {p['libelle']} : {labels.priorite(p['statut'])}")
    if e["regles_campagne"]:
        lines.append("")
        lines.append(f"Règles de la campagne {e['campagne']} :")
        for rule in e["regles_campagne"]:
            lines.append(f"  - {rule['texte']}")
    lines.append("")
    lines.append(f"Délai : {_delai_text(e['delai'])}")
    if e["remuneration"]:
        lines.append("Rémunération selon les textes :")
        for item in e["remuneration"]:
            lines.append(f"  - {pay_text(item)}")
            source = item.get("source") or {}
            if source:
                lines.append(f"    Source : {_source_line(source)}" + (f" ({source['note']})" if source.get("note") else ""))
    else:
        lines.append("Rémunération : non précisée par les textes")
    if e["financement"]:
        lines.append("Financement prévu par les règles :")
        for f in e["financement"]:
            lines.append(f"  - {_funding_text([f])}" + (f" — {f['objet']}" if f.get("objet") else ""))
            source = f.get("source") or {}
            if source:
                lines.append(f"    Source : {_source_line(source)}" + (f" ({source['note']})" if source.get("note") else ""))
    lines.append("")
    return lines


def _text_survey(outcome: Outcome, markdown: bool) -> list[str]:
    """One project against every dispositif of every region: eligible first, then « à compléter »
    with what is missing, then « non éligible » with the reason and the nearest eligible variant."""
    data = [(e, evaluation_dict(e, outcome.line)) for e in outcome.evaluations]
    regions = {e.compiled.region.get("nom") or e.rules["region"] for e, _d in data}
    who = str(outcome.candidat_id) + (f", projet {outcome.projet_id}" if outcome.projet_id else "")
    title = f"{who} — où suis-je éligible ? {len(data)} dispositifs de {len(regions)} région{'s' if len(regions) > 1 else ''}"
    lines = [f"{'## ' if markdown else ''}{title}"]
    if not markdown:
        lines.append("=" * len(title))
    for verdict in VERDICT_ORDER:
        head = labels.verdict(verdict).capitalize()
        group = [(e, d) for e, d in data if d["verdict"] == verdict]
        if not group:
            continue
        lines.append("")
        lines.append(f"{'### ' if markdown else ''}{head} ({len(group)}) :")
        for e, d in group:
            name = f"{e.compiled.region.get('nom') or d['region']} — {d['nom']}" + (f" (campagne {d['campagne']})" if d["campagne"] else "")
            if verdict == "a_completer":
                name += " : manque " + ", ".join(missing_fr(m, lieux_of(e.rules["conditions"])) for m in d["manquants"])
            elif verdict == "non_eligible":
                name += " : " + " ".join(c["message"] for c in d["conditions"] if c["statut"] == "ko")
            lines.append(f"  - {name}")
            if verdict == "eligible":
                lines.append(f"    Délai : {_delai_text(d['delai'])}")
                # the deadline line already says when the project is late or no campaign recruits
                said = deadline_alert(d["delai"])
                lines.extend(f"    Attention : {alert}" for alert in d["alertes"] if alert != said)
            if d["variante"]:
                lines.append(f"    {variant_text(d['variante'])}")
    lines.append("")
    return lines


def _text_ranking(ranking_data: list[dict[str, Any]], markdown: bool) -> list[str]:
    h1, h2 = ("# ", "## ") if markdown else ("", "")
    lines = [f"{h1}Aide au classement pour la commission"]
    lines.append(
        "Ce classement aide la commission ; ce n'est pas sa décision. Seules les candidatures éligibles y figurent, sans celles déposées hors délai ;"
        " celles dont le dépôt dans les délais reste à vérifier le disent."
    )
    lines.append("")
    for group in ranking_data:
        posts = group["postes"]
        count = len(group["candidatures"])
        lines.append(
            f"{h2}{group['nom']} ({group['nom_region']}, campagne {group['campagne'] or '?'}) : {count} candidature{'s' if count > 1 else ''} éligible{'s' if count > 1 else ''}, postes : {posts}"
        )
        for note in group.get("remarques") or []:
            lines.append(f"  ({note})")
        for rank, row in enumerate(group["candidatures"], start=1):
            met = ", ".join(row["priorites_remplies"]) or "aucune priorité remplie"
            within = "" if not isinstance(posts, int) else (" (dans la limite des postes)" if rank <= posts else " (au-delà des postes)")
            check = " — délai à vérifier" if row.get("delai_a_verifier") else ""
            lines.append(f"  {rank}. {row['candidat']}{' / ' + row['projet'] if row['projet'] else ''} — {met}{within}{check}")
        lines.append("")
    return lines


class Report:
    """One output format, written as the outcomes come through ``write`` (a function that takes
    text): :meth:`outcome` for each entry (its problems are the batch's, and the CSV's rows
    « erreur »), then :meth:`finish` with the run's :class:`Batch`; a problem of the whole file is
    never written as an entry. One subclass per format (:data:`REPORTS`)."""

    def __init__(self, write: Callable[[str], object], excel: bool = False) -> None:
        self._write = write
        self.excel = excel
        self._count = 0

    def outcome(self, outcome: Outcome) -> None:
        for evaluation in outcome.evaluations:
            self.evaluation(evaluation, outcome.line)
            self._count += 1

    def evaluation(self, evaluation: Evaluation, line: int) -> None:
        raise NotImplementedError

    def finish(self, batch: Batch) -> None:
        raise NotImplementedError


class CsvReport(Report):
    """One row per evaluation, and one row « erreur » per input row or candidate that could not be
    read, with all its problems (« | » between them), so that none is missing from the file and the
    rows « erreur » are those the summary counts; a problem of the whole file, such as an unknown
    column, is no candidate's row: it goes to the standard error. ``excel``: a byte order mark
    and « ; »."""

    def __init__(self, write: Callable[[str], object], excel: bool = False) -> None:
        super().__init__(write, excel)
        from .csvsafe import writer as csv_writer

        self._buffer = io.StringIO()
        self._csv = csv_writer(self._buffer, lineterminator="\r\n" if excel else "\n", delimiter=";" if excel else ",")
        if excel:
            self._write("\ufeff")
        self._row(CSV_HEADER)

    def _row(self, row: list[Any]) -> None:
        self._csv.writerow(row)
        self._write(self._buffer.getvalue())
        self._buffer.seek(0)
        self._buffer.truncate()

    def outcome(self, outcome: Outcome) -> None:
        for evaluation in outcome.evaluations:
            self.evaluation(evaluation, outcome.line)
            self._count += 1
        if outcome.problems:
            region, dispositif = outcome.cible
            self._row(
                [
                    outcome.candidat_id or "",
                    outcome.projet_id or "",
                    outcome.line,
                    region or "",
                    dispositif or "",
                    "",
                    "erreur",
                    "erreur de lecture",
                    " | ".join(problem.format() for problem in outcome.problems),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )

    def evaluation(self, evaluation: Evaluation, line: int) -> None:
        self._row(_csv_row(evaluation, line))

    def finish(self, batch: Batch) -> None:
        return


class JsonReport(Report):
    """The stable JSON document (version 1), its evaluations written one by one."""

    def __init__(self, write: Callable[[str], object], excel: bool = False) -> None:
        super().__init__(write, excel)
        self._write('{\n  "version": ' + json.dumps(JSON_VERSION) + ',\n  "evaluations": [')

    def evaluation(self, evaluation: Evaluation, line: int) -> None:
        self._write(("\n" if not self._count else ",\n") + "    " + _json_nested(evaluation_dict(evaluation, line), 2))

    def finish(self, batch: Batch) -> None:
        self._write(("\n  ]" if self._count else "]") + ",\n")
        tail = batch.as_dict()
        self._write(",\n".join(f"  {json.dumps(key)}: {_json_nested(value, 1)}" for key, value in tail.items()) + "\n}\n")


_ITEM = re.compile(r"(- |\d+\. )(.*)")


def markdown_blocks(lines: list[str]) -> list[str]:
    """The lines of the text report as Markdown that renders them as they read: each line of text
    its own paragraph (« Verdict », « Variante… », « Attention… » are not run together), a list
    after a blank line, nested items indented by four spaces, and a line that continues an item
    (« Source : … ») as a nested item."""
    out: list[str] = []
    levels: list[int] = []  # the indentation of each open list level
    in_list = False

    def block() -> None:
        if out and out[-1] != "":
            out.append("")

    for line in lines:
        text = line.lstrip(" ")
        if not text:
            continue  # blocks are separated below, one blank line each
        indent = len(line) - len(text)
        item = _ITEM.match(text)
        if (indent == 0 and not (item and in_list)) or (not item and not levels):
            block()  # a heading or a line of text (an indented remark under no item): a block of its own
            out.append(text)
            levels, in_list = [], False
            continue
        if not in_list:
            block()
            in_list = True
        if item:
            while levels and levels[-1] > indent:
                levels.pop()
            if not levels or levels[-1] < indent:
                levels.append(indent)
            out.append("    " * (len(levels) - 1) + item.group(1) + item.group(2))
        else:  # continues the item above it
            out.append("    " * len([level for level in levels if level < indent]) + "- " + text)
    return out + ([""] if lines and not lines[-1].strip() else [])


class TextReport(Report):
    """Text for a commission member (or Markdown), then the aid to ranking of a batch."""

    markdown = False

    def __init__(self, write: Callable[[str], object], excel: bool = False) -> None:
        super().__init__(write, excel)
        self._tail = ""  # trailing blank lines held back (the output ends with one newline)
        self._surveys = 0  # projects tried against every region (no ranking for them alone)

    def _text(self, text: str) -> None:
        """As ``"\\n".join(lines).rstrip() + "\\n"`` of the whole output."""
        text = self._tail + text
        kept = text.rstrip()
        self._tail = text[len(kept) :]
        if kept:
            self._write(kept)

    def _blocks(self, lines: list[str]) -> list[str]:
        return markdown_blocks(lines) if self.markdown else lines

    def outcome(self, outcome: Outcome) -> None:
        if not outcome.survey:
            super().outcome(outcome)
            return
        self._text(("\n" if self._count else "") + "\n".join(self._blocks(_text_survey(outcome, self.markdown))))
        self._count += len(outcome.evaluations)
        self._surveys += 1

    def evaluation(self, evaluation: Evaluation, line: int) -> None:
        region_name = str(evaluation.compiled.region.get("nom") or evaluation.rules["region"])
        lines = _text_evaluation(evaluation_dict(evaluation, line), self.markdown, region_name, lieux_of(evaluation.rules["conditions"]))
        self._text(("\n" if self._count else "") + "\n".join(self._blocks(lines)))

    def finish(self, batch: Batch) -> None:
        ranking_data = ranking(batch)
        if ranking_data and self._count > 1 and self._surveys < batch.read:
            self._text(("\n" if self._count else "") + "\n".join(self._blocks(_text_ranking(ranking_data, self.markdown))))
        self._write("\n")


class MarkdownReport(TextReport):
    markdown = True


REPORTS: dict[str, type[Report]] = {"text": TextReport, "markdown": MarkdownReport, "json": JsonReport, "csv": CsvReport}


def write_evaluations(
    source: Source,
    shown: str,
    evaluator: Evaluator,
    batch: Batch,
    fmt: str,
    write: Callable[[str], object],
    excel: bool = False,
    on_problem: Callable[[Problem], object] = lambda _p: None,
    on_entry: Callable[[], object] = lambda: None,
) -> bool:
    """Evaluate ``source`` (``shown``: its name in messages) entry by entry, writing the ``fmt`` output through ``write`` as it goes
    (held back until there is something to report: an evaluation or a row in error, so that a file
    without any row or candidate, or unreadable as a whole, writes nothing);
    ``batch`` gathers the counts. Each problem goes to ``on_problem`` as it is found, ``on_entry``
    is called after each entry (a progress bar). False when there is nothing to write."""
    from .outputs import Held

    held = Held(write)
    report = REPORTS[fmt](held.write, excel)
    for problem in source.problems:  # the file as a whole (an unknown column...): no candidate's row in any table
        on_problem(problem)
        batch.add_file_problem(problem)
    for outcome in evaluate_entries(source.entries(), shown, evaluator):
        for problem in outcome.problems:
            on_problem(problem)
        batch.add(outcome)
        report.outcome(outcome)
        if outcome.evaluations or outcome.problems:
            held.release()
        on_entry()
    if not batch.read:
        return False  # no row or candidate at all: the problems of the file went to the terminal
    report.finish(batch)
    held.release()
    return True


__all__ = ["REPORTS", "Report", "evaluation_dict", "write_evaluations"]
