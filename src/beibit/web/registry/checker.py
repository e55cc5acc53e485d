"""The upload checker's messages in the page's language (issue 15). `beibit.places` writes each refusal in
English for the command line and, for the messages listed here, keeps its template and parts
(`Issue.template`, `Issue.params`); the page renders the template through this app's catalog and fills in
the parts, which are the file's own values (ids, codes, dates) and stay as the file writes them. A message
without a template here is shown in English, marked as such (a test lists every template `places` emits)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beibit.places import Issue

MESSAGES: dict[str, Promise] = {
    "property {key} must be one of {allowed}, got {value}": _(
        "property {key} must be one of {allowed}, got {value}"
    ),
    "property {key} is required (use null where the decision gives no value)": _(
        "property {key} is required (use null where the decision gives no value)"
    ),
    "property {key} must be a date YYYY-MM-DD, got {value}": _(
        "property {key} must be a date YYYY-MM-DD, got {value}"
    ),
    "property {key}: {value} is not a calendar date": _("property {key}: {value} is not a calendar date"),
    "property {key} must be a non-empty string or null": _(
        "property {key} must be a non-empty string or null"
    ),
    "property 'id' must be a lowercase slug matching {pattern}, got {value}": _(
        "property 'id' must be a lowercase slug matching {pattern}, got {value}"
    ),
    "property 'settlement' is required": _("property 'settlement' is required"),
    "valid_to {valid_to} is before valid_from {valid_from}": _(
        "valid_to {valid_to} is before valid_from {valid_from}"
    ),
    "not a GeoJSON Feature (its 'type' must be 'Feature')": _(
        "not a GeoJSON Feature (its 'type' must be 'Feature')"
    ),
    "'properties' is missing or not an object": _("'properties' is missing or not an object"),
    "property 'article_9_5_subparagraph' must be 1..6, got {value}": _(
        "property 'article_9_5_subparagraph' must be 1..6, got {value}"
    ),
    "a picket-free object must be a Point, Polygon or MultiPolygon, not a LineString": _(
        "a picket-free object must be a Point, Polygon or MultiPolygon, not a LineString"
    ),
    "a route's geometry must be a LineString, not a {gtype}": _(
        "a route's geometry must be a LineString, not a {gtype}"
    ),
    "geometry is missing or not an object": _("geometry is missing or not an object"),
    "property 'name' must be an object with ru, kk and/or en strings": _(
        "property 'name' must be an object with ru, kk and/or en strings"
    ),
}


@dataclass(frozen=True)
class Shown:
    text: str
    translated: bool  # False: the checker's English, word for word


def message(issue: Issue) -> Shown:
    """The issue in the page's language when its template is known; else its English message."""
    template = MESSAGES.get(issue.template or "")
    if template is None:
        return Shown(issue.message, False)
    try:
        return Shown(str(template).format(**dict(issue.params)), True)
    except (KeyError, IndexError, ValueError):  # a translation that names a part the template lacks
        return Shown(issue.message, False)
