"""Art 15: campaigning only after the review period ended, a decision letting the assembly go ahead was
received, or the organizer agreed to a proposed change (shared/law/deadlines.md, Campaigning)."""

from __future__ import annotations

import datetime as dt

from beibit.law import procedure
from beibit.law.model import Finding, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import Context, cite, finding, rule


def campaigning_from(c: Context) -> dt.date | None:
    """The day after the review deadline: the latest day from which campaigning is allowed (before any
    decision is known: `law.procedure.campaigning_from` with the review deadline alone)."""
    return procedure.campaigning_from(c.review_deadline)


@rule
def campaigning_start(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """333-VI art. 15: from when campaigning is allowed at the latest."""
    day = campaigning_from(c)
    if day is None:
        return []
    return [finding("campaigning.start", "info", cite(15, 1), campaigning_from=day.isoformat())]
