"""Les parts de temps d'un dispositif sont cohérentes.

Pour chaque lieu d'exercice : le minimum ne dépasse pas le maximum, une valeur fixe et les valeurs
admises respectent ce minimum et ce maximum, les demi-journées aussi. Entre lieux : quand chaque lieu
a une part fixe, les parts font 100 % ; la somme des minimums ne dépasse pas 100 % ; quand chaque lieu
a un maximum, la somme des maximums atteint au moins 100 %. (Les bornes 0–100 sont vérifiées par le
schéma.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..context import Context
from ..formatting import pct
from ..problems import Problem

ID = "quotite-coherente"


def _fmt(value: float) -> str:
    return pct(value)


def check(ctx: Context) -> Iterator[Problem]:
    for eff in ctx.effective.values():
        lieux = eff.data.get("lieux") or []
        fixed: list[float] = []
        mins: list[float] = []
        maxs: list[float] = []
        shares = 0
        for i, lieu in enumerate(lieux):
            q: dict[str, Any] = lieu.get("quotite") or {}
            role = lieu.get("role", f"n°{i + 1}")
            low, high, value, allowed = q.get("min"), q.get("max"), q.get("valeur"), q.get("valeurs")
            path = ("lieux", i, "quotite")
            if q:
                shares += 1
            if low is not None and high is not None and low > high:
                yield ctx.at_effective(
                    eff, path + ("min",), ID, f"lieu « {role} » : le minimum ({_fmt(low)}) dépasse le maximum ({_fmt(high)})"
                )
            if value is not None:
                if (low is not None and value < low) or (high is not None and value > high):
                    yield ctx.at_effective(
                        eff, path + ("valeur",), ID, f"lieu « {role} » : la part fixe {_fmt(value)} sort des bornes min/max du même lieu"
                    )
                fixed.append(value)
            for j, v in enumerate(allowed or []):
                if (low is not None and v < low) or (high is not None and v > high):
                    yield ctx.at_effective(
                        eff, path + ("valeurs", j), ID, f"lieu « {role} » : la valeur admise {_fmt(v)} sort des bornes min/max du même lieu"
                    )
            if allowed and len(set(allowed)) != len(allowed):
                yield ctx.at_effective(eff, path + ("valeurs",), ID, f"lieu « {role} » : une valeur admise est écrite deux fois")
            lows = [
                x for x in ([low] if low is not None else []) + ([value] if value is not None else []) + ([min(allowed)] if allowed else [])
            ]
            highs = [
                x
                for x in ([high] if high is not None else []) + ([value] if value is not None else []) + ([max(allowed)] if allowed else [])
            ]
            if lows:
                mins.append(max(lows))
            if highs:
                maxs.append(min(highs))
            dj = lieu.get("demi_journees") or {}
            if dj.get("min") is not None and dj.get("max") is not None and dj["min"] > dj["max"]:
                yield ctx.at_effective(
                    eff,
                    ("lieux", i, "demi_journees", "min"),
                    ID,
                    f"lieu « {role} » : le minimum de demi-journées ({dj['min']}) dépasse le maximum ({dj['max']})",
                )
        if len(lieux) >= 2 and len(fixed) == len(lieux) and abs(sum(fixed) - 100) > 1e-9:
            parts = " + ".join(_fmt(v) for v in fixed)
            yield ctx.at_effective(eff, ("lieux",), ID, f"les parts fixes des lieux ({parts}) font {_fmt(sum(fixed))} au lieu de 100 %")
        elif mins and sum(mins) > 100 + 1e-9:
            yield ctx.at_effective(eff, ("lieux",), ID, f"les minimums de temps des lieux font {_fmt(sum(mins))}, plus de 100 %")
        elif len(lieux) >= 2 and len(maxs) == len(lieux) and shares == len(lieux) and sum(maxs) < 100 - 1e-9:
            yield ctx.at_effective(
                eff, ("lieux",), ID, f"les maximums de temps des lieux ne font que {_fmt(sum(maxs))} : le temps ne peut pas atteindre 100 %"
            )
