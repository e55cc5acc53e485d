"""The repealed Decree-Law No. 2126 of 17.03.1995 (shared/law/1995-law.md). Known from secondary sources
only, so citations name the act without an article and the finding's facts carry the source tag."""

from __future__ import annotations

from beibit.law.model import Finding, PlannedAssembly
from beibit.law.regimes import Params
from beibit.law.rules._base import Context, finding, iso, rule

SECONDARY = "S"  # 1995-law.md tag: secondary sources (NGO, UN, press)


@rule
def permission_required(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """Decree-Law 2126: every form needed the akimat's permission [S]."""
    return [finding("decree_1995.permission_required", "info", p.cite("permission_forms"), basis=SECONDARY)]


@rule
def filed_late(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """Decree-Law 2126: the application was due 10 calendar days before the event [S]."""
    if c.filed_in_time is not False:
        return []
    return [
        finding(
            "decree_1995.filed_late",
            "blocking",
            p.cite("permission_lead_calendar_days"),
            submitted_day=iso(c.submitted_day),
            last_filing_day=iso(c.last_filing_day),
            lead_days=c.lead_days,
            assembly_day=iso(c.assembly_day),
            basis=SECONDARY,
        )
    ]


@rule
def no_silence_rule(a: PlannedAssembly, p: Params, c: Context) -> list[Finding]:
    """Decree-Law 2126: no answer meant no permission [S]."""
    return [
        finding("decree_1995.no_silence_rule", "info", p.cite("permission_silence_effect"), basis=SECONDARY)
    ]
