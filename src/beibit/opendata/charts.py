"""The charts of the statistics page: which numbers each shows, their labels, and the geometry of a
server-rendered SVG bar chart (horizontal bars, one group per category, one bar per series). The template
draws the SVG and the table of the same numbers; `csv_rows` gives them for download."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beibit.law.model import Citation
from beibit.opendata import counts as st
from beibit.web import labels

MEASURE_LABELS: dict[str, Promise] = {
    "filings": gettext_lazy("Filings"),
    "proceed": gettext_lazy("May proceed"),
    "proceed_restricted": gettext_lazy("May proceed with restrictions"),
    "alternative_proposed": gettext_lazy("Another place or time proposed"),
    "refused": gettext_lazy("Refused"),
    "deemed_agreed": gettext_lazy("Deemed agreed by silence"),
    "withdrawn": gettext_lazy("Withdrawn"),
    "pending": gettext_lazy("Awaiting an answer"),
    "refused_after_proposal": gettext_lazy("Refused after a proposal"),
    "overdue": gettext_lazy("No answer in time (application)"),
    "late_decisions": gettext_lazy("Decided after the deadline"),
    "monitored": gettext_lazy("Monitored assemblies"),
    "held": gettext_lazy("Held"),
    "detained": gettext_lazy("People detained"),
    "fined_count": gettext_lazy("People fined"),
    "fine_mci": gettext_lazy("Fines (MCI)"),
    "fine_kzt": gettext_lazy("Fines (tenge)"),
    "admin_arrest_days": gettext_lazy("Days of administrative arrest"),
}
FORM_LABELS: dict[str, Promise] = {**labels.FORM_LABELS, "unknown": gettext_lazy("form not known")}
DIMENSION_LABELS: dict[str, Promise] = {
    "settlement": gettext_lazy("Settlement"),
    "form": gettext_lazy("Form"),
    "month": gettext_lazy("Month of the assembly"),
    "ground": gettext_lazy("Ground of refusal"),
    "outcome": gettext_lazy("Outcome"),
    "clock": gettext_lazy("Event"),
}


@dataclass(frozen=True)
class Spec:
    id: str
    title: Promise
    dimension: str  # a statistics dimension, or "outcome"/"clock": categories are measures of the totals
    measures: tuple[str, ...]
    citation: tuple[Citation, ...] = ()

    def cited(self) -> str:
        """The provisions in the reader's language («№ 333-VI Заң, 11-бап 1-тармақ; ...»)."""
        return "; ".join(labels.cite(c) for c in self.citation)


def _law(article: int, paragraph: int) -> Citation:
    return Citation(act="333-VI", article=article, paragraph=paragraph)


_CAO_488 = Citation(act="CAO", article=488)

SPECS: tuple[Spec, ...] = (
    Spec(
        "outcomes",
        gettext_lazy("Outcomes of the filings"),
        "outcome",
        st.OUTCOMES,
        (
            _law(11, 1),
            _law(13, 1),
        ),
    ),
    Spec(
        "clock",
        gettext_lazy("Refusals after a proposal, silence and late decisions"),
        "clock",
        st.CLOCK,
        (
            _law(11, 1),
            _law(11, 3),
            _law(13, 1),
            _law(13, 3),
        ),
    ),
    Spec("by-month", gettext_lazy("Filings and refusals by month"), "month", ("filings", "refused")),
    Spec(
        "by-settlement",
        gettext_lazy("Filings and refusals by settlement"),
        "settlement",
        ("filings", "refused"),
    ),
    Spec("by-form", gettext_lazy("Filings and refusals by form"), "form", ("filings", "refused")),
    Spec(
        "by-ground",
        gettext_lazy("Refusals by ground"),
        "ground",
        ("refused", "refused_after_proposal", "late_decisions"),
        (_law(14, 1),),
    ),
    Spec(
        "sanctions-by-settlement",
        gettext_lazy("Detentions and fines by settlement"),
        "settlement",
        ("detained", "fined_count"),
        (_CAO_488,),
    ),
    Spec(
        "sanctions-by-month",
        gettext_lazy("Detentions and fines by month"),
        "month",
        ("detained", "fined_count"),
        (_CAO_488,),
    ),
    Spec(
        "sanctions-by-ground",
        gettext_lazy("Sanctions after a refusal, by ground"),
        "ground",
        ("detained", "fined_count"),
        (_CAO_488,),
    ),
    Spec(
        "fines-by-settlement",
        gettext_lazy("Fines in MCI by settlement"),
        "settlement",
        ("fine_mci",),
        (_CAO_488,),
    ),
    Spec(
        "arrests-by-settlement",
        gettext_lazy("Days of administrative arrest by settlement"),
        "settlement",
        ("admin_arrest_days",),
        (_CAO_488,),
    ),
)
SPEC_IDS = frozenset(s.id for s in SPECS)


def category_label(dimension: str, key: str) -> tuple[str, bool]:
    """The label of a category and whether it is a name or code (not to be translated)."""
    if dimension in ("outcome", "clock"):
        return str(MEASURE_LABELS[key]), False
    if dimension == "form":
        return str(FORM_LABELS.get(key, key)), key not in FORM_LABELS
    if dimension == "settlement":
        return labels.settlement_name(key), True
    if dimension == "ground":
        if key == st.NO_REFUSAL:
            return _("Filed, not refused"), False
        if key == st.UNFILED:
            return _("Never filed"), False
        return _("Art 14(1)(%(n)s)") % {"n": key.rsplit(".", 1)[1]}, False
    if key == "unknown":
        return _("not known"), False
    return key, True


# --- geometry ---------------------------------------------------------------------------------------------

WIDTH = 640
LABEL_W = 250
BAR_W = 330
BAR_H = 14
GAP = 10
TOP = 8


@dataclass(frozen=True)
class Bar:
    series: int
    x: int
    y: int
    width: float
    height: int
    value: str
    value_x: float
    value_y: int


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    no_translate: bool
    values: tuple[str, ...]
    label_y: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    spec: Spec
    dimension_label: str
    series: tuple[tuple[str, str], ...]  # (measure, label)
    rows: tuple[Row, ...]
    height: int
    width: int = WIDTH
    label_x: int = LABEL_W - 8

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def empty(self) -> bool:
        return not self.rows


def _text(value: int | Decimal) -> str:
    plain = st.plain(value)
    return f"{plain:g}" if isinstance(plain, float) else str(plain)


def _data(spec: Spec, stats: st.Statistics) -> list[tuple[str, list[int | Decimal]]]:
    if spec.dimension in ("outcome", "clock"):
        return [(m, [stats.totals[m]]) for m in spec.measures]
    rows = stats.rows(spec.dimension)
    if spec.dimension == "ground" and spec.id == "by-ground":
        rows = [(k, r) for k, r in rows if k.startswith("14.")]
    if spec.dimension == "ground" and spec.id == "sanctions-by-ground":
        rows = [(k, r) for k, r in rows if any(r[m] for m in spec.measures)]
    return [(k, [r[m] for m in spec.measures]) for k, r in rows]


def build(spec: Spec, stats: st.Statistics) -> Chart:
    data = _data(spec, stats)
    single = spec.dimension in ("outcome", "clock")
    measures = ("count",) if single else spec.measures
    n = len(measures)
    peak = max((float(v) for _k, values in data for v in values), default=0.0) or 1.0
    rows: list[Row] = []
    y = TOP
    for key, values in data:
        label, no_translate = category_label(spec.dimension, key)
        bars = []
        for i, value in enumerate(values):
            by = y + i * BAR_H
            width = round(BAR_W * float(value) / peak, 1)
            bars.append(
                Bar(i + 1, LABEL_W, by, width, BAR_H - 2, _text(value), LABEL_W + width + 4, by + BAR_H - 4)
            )
        rows.append(
            Row(
                key,
                label,
                no_translate,
                tuple(_text(v) for v in values),
                y + (n * BAR_H) // 2 + 4,
                tuple(bars),
            )
        )
        y += n * BAR_H + GAP
    series = (
        (("count", str(_("Number"))),)
        if single
        else tuple((m, str(MEASURE_LABELS[m])) for m in spec.measures)
    )
    return Chart(spec, str(DIMENSION_LABELS[spec.dimension]), series, tuple(rows), max(y, TOP + GAP))


def charts(stats: st.Statistics) -> list[Chart]:
    return [build(spec, stats) for spec in SPECS]


def spec_of(chart_id: str) -> Spec:
    return next(s for s in SPECS if s.id == chart_id)


def csv_rows(chart: Chart) -> tuple[list[str], list[Sequence[str]]]:
    """The numbers behind a chart: the category's code, then one column per series (the measures' codes)."""
    key_column = "measure" if chart.spec.dimension in ("outcome", "clock") else chart.spec.dimension
    columns = [key_column, *(m for m, _label in chart.series)]
    return columns, [[row.key, *row.values] for row in chart.rows]
