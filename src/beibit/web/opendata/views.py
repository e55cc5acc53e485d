"""The open-data pages: the downloads with the data dictionary, the statistics (server-rendered SVG charts,
each with its table and CSV), the law report of a settlement, and the organizer's consent to publish a
case's purpose and group name. Thin: the numbers come from `exports`, `statistics`, `report`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beibit.cases import queries
from beibit.cases.clock import apply_clock_on_read
from beibit.cases.errors import CaseError, Forbidden, NotFound
from beibit.opendata import charts, consent, counts, dictionary, exports, report
from beibit.places.settlements import SETTLEMENTS, is_known_settlement
from beibit.registry.store import registry_from_db
from beibit.web.labels import settlement_name
from beibit.web.registry import display as registry_display


def _now() -> dt.datetime:
    return timezone.now()


def report_settlements() -> list[dict[str, str]]:
    """The settlements whose registry holds data: those a law report can measure."""
    registry = registry_from_db()
    known = set(registry.settlements())
    return [{"id": s.id, "name": settlement_name(s.id)} for s in SETTLEMENTS if s.id in known]


def downloads(request: HttpRequest) -> HttpResponse:
    apply_clock_on_read(_now())
    files = [
        {
            "url": "/api/v1/open-data/register.csv",
            "name": "register.csv",
            "format": "CSV",
            "what": _("One row per filed case, with every field of the data dictionary."),
        },
        {
            "url": "/api/v1/open-data/register.json",
            "name": "register.json",
            "format": "JSON",
            "what": _("The same rows as JSON, lists and objects kept as they are."),
        },
        {
            "url": "/api/v1/open-data/acled.csv",
            "name": "acled.csv",
            "format": "CSV",
            "what": _("Assemblies that were held, one event each, in the columns of the ACLED dataset."),
        },
        {
            "url": "/api/v1/open-data/register.geojson",
            "name": "register.geojson",
            "format": "GeoJSON",
            "what": _("Each case with a known place as a point or, for a route, a line."),
        },
        {
            "url": "/api/v1/open-data/statistics",
            "name": "statistics",
            "format": "JSON",
            "what": _("The counts of the statistics page, by settlement, form, ground and month."),
        },
        {
            "url": "/api/v1/open-data/chain-heads.json",
            "name": "chain-heads.json",
            "format": "JSON",
            "what": _(
                "The last link of every tamper-evident log: cases, monitoring records and registry imports. "
                "Keep a copy: if the history before it is ever rewritten, the copy proves it."
            ),
        },
    ]
    return render(
        request,
        "opendata/downloads.html",
        {"files": files, "settlements": report_settlements(), "count": exports.filed_cases().count()},
    )


#: A value the files hold (a code, a field or file name): Latin letters, digits, "_", "-", "." and "=".
_CODE_TOKEN = re.compile(r"(?<![A-Za-z0-9_/])(\??[A-Za-z](?:[A-Za-z0-9_.=-]*[A-Za-z0-9_=])?)(?![A-Za-z0-9_])")


def _coded(text: object) -> SafeString:
    """A meaning with the codes it names (values of the files: `yes`, `no_answer`, `url`) marked as code:
    in a Kazakh or Russian sentence they are values to match, not words to read."""
    return mark_safe(_CODE_TOKEN.sub(r'<code translate="no">\1</code>', str(escape(str(text)))))  # noqa: S308


def data_dictionary(request: HttpRequest) -> HttpResponse:
    def shown(fields: Sequence[Any]) -> list[dict[str, object]]:
        return [
            {
                "name": f.name,
                "type_label": f.type_label,
                "meaning": _coded(f.meaning),
                "maps_to": getattr(f, "maps_to", ""),
            }
            for f in fields
        ]

    return render(
        request,
        "opendata/dictionary.html",
        {
            "fields": shown(dictionary.fields()),
            "acled_fields": shown(dictionary.acled_fields()),
            "separator": exports.LIST_SEPARATOR,
        },
    )


def _statistics() -> counts.Statistics:
    apply_clock_on_read(_now())
    return counts.compute(exports.datasets())


def statistics_page(request: HttpRequest) -> HttpResponse:
    stats = _statistics()
    totals = {m: counts.plain(v) for m, v in stats.totals.items()}
    return render(
        request,
        "opendata/statistics.html",
        {"charts": charts.charts(stats), "totals": totals},
    )


def statistics_csv(request: HttpRequest, chart: str) -> HttpResponse:
    if chart not in charts.SPEC_IDS:
        raise Http404
    built = charts.build(charts.spec_of(chart), _statistics())
    columns, rows = charts.csv_rows(built)
    body = exports.csv_text(columns, [dict(zip(columns, r, strict=True)) for r in rows])
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="beibit-{chart}.csv"'
    return response


def law_report_page(request: HttpRequest, settlement: str) -> HttpResponse:
    if not is_known_settlement(settlement):
        raise Http404
    today = queries.local_today(_now(), settlement)
    registry = registry_from_db()
    lang = registry_display.language()
    apply_clock_on_read(_now(), settlement=settlement)
    figures = report.law_report(registry, settlement, today, lang)
    entries = registry.entries_in_force(settlement, today) if figures.has_registry else []
    kind_labels = {
        "square": _("square"),
        "park": _("park"),
        "street": _("street"),
        "route": _("specialized route"),
        "other": _("other place"),
    }
    return render(
        request,
        "opendata/law_report.html",
        {
            "r": figures,
            "settlement_name": settlement_name(settlement),
            "settlements": report_settlements(),
            "map_layer": registry_display.map_layer(registry, entries),
            "principles": {
                "S11": report.PLACE_PUBLIC_SPACE,
                "S12": report.SIGHT_AND_SOUND,
                "S13": report.NO_PERIMETER_ZONES,
                "S16": report.NUMBERS,
                "S21": report.SIMULTANEOUS_COUNTER,
                "S9": report.JUSTIFY_LEAST_INTRUSIVE,
            },
            "place_rows": [{"p": p, "kind": kind_labels[p.kind]} for p in (*figures.places, *figures.routes)],
        },
    )


# --- the organizer's consent to publication ---------------------------------------------------------------


class ConsentForm(forms.Form):
    publish_purpose = forms.BooleanField(
        label=gettext_lazy("Publish the purpose of the assembly as I filed it"), required=False
    )
    group_name = forms.CharField(
        label=gettext_lazy("Name of the group or organization to publish"),
        help_text=gettext_lazy(
            "Leave empty to publish no name. Never a person's name, identification number, e-mail or phone."
        ),
        required=False,
        max_length=200,
    )


@login_required
def consent_page(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = consent.own_filed_case(case_id, request.user)  # type: ignore[arg-type]
    except NotFound:
        raise Http404 from None
    except Forbidden:
        raise PermissionDenied from None
    current = consent.consent_of(case)
    initial: dict[str, Any] = (
        {"publish_purpose": current.publish_purpose, "group_name": current.group_name} if current else {}
    )
    form = ConsentForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            consent.give(
                case.pk,
                request.user,  # type: ignore[arg-type]
                publish_purpose=form.cleaned_data["publish_purpose"],
                group_name=form.cleaned_data["group_name"],
                now=_now(),
            )
        except CaseError as error:
            form.add_error("group_name" if error.field == "group_name" else None, error.message)
        else:
            messages.success(request, _("Saved: the open data show what you agreed to publish."))
            return redirect("opendata:consent", case_id=case.pk)
    return render(request, "opendata/consent.html", {"case": case, "form": form, "consent": current})
