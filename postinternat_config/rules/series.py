"""Les séries de valeurs datées sont en ordre, sans trou ni chevauchement.

Une série ``valeurs: [{depuis, jusqu_au, valeur}]`` doit être triée par date de début, chaque
``jusqu_au`` ne précède pas son ``depuis``, deux périodes ne se chevauchent pas, et quand une période
a une fin, la suivante commence le lendemain (sinon il y a un trou : aucune valeur ces jours-là).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from ..context import Context
from ..dates import parse_date
from ..problems import Problem

ID = "serie-datee"


def check(ctx: Context) -> Iterator[Problem]:
    for _kind, doc in ctx.valid_docs():
        for path, value in ctx.blocks(doc.data):
            if not (isinstance(value.get("valeurs"), list) and path and path[-1] != "quotite"):
                continue
            items = value["valeurs"]
            previous = None
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    continue
                start, end = parse_date(item.get("depuis")), parse_date(item.get("jusqu_au"))
                here = path + ("valeurs", i)
                if start is None:
                    continue
                if end is not None and end < start:
                    yield ctx.at(doc, here + ("jusqu_au",), ID, f"période {i + 1} : la fin ({end}) précède le début ({start})")
                if previous is not None:
                    p_start, p_end, p_index = previous
                    if start <= p_start:
                        yield ctx.at(
                            doc,
                            here + ("depuis",),
                            ID,
                            f"période {i + 1} : elle commence le {start}, pas après la période {p_index + 1} (le {p_start}) : triez la série par date",
                        )
                    elif p_end is not None and start <= p_end:
                        yield ctx.at(
                            doc,
                            here + ("depuis",),
                            ID,
                            f"période {i + 1} : elle commence le {start}, avant la fin de la période {p_index + 1} (le {p_end}) : les périodes se chevauchent",
                        )
                    elif p_end is not None and start > p_end + timedelta(days=1):
                        yield ctx.at(
                            doc,
                            here + ("depuis",),
                            ID,
                            f"période {i + 1} : trou entre le {p_end + timedelta(days=1)} et le {start - timedelta(days=1)} (aucune valeur ces jours-là)",
                        )
                previous = (start, end, i)
