"""`{{ decision|decision_title }}`: a maslikhat decision (a record or an entry's decision) named by its
number and date in the page's language (`beibit.web.labels.decision_title`)."""

from __future__ import annotations

from typing import Any

from django import template

from beibit.web import labels

register = template.Library()


@register.filter
def decision_title(decision: Any) -> str:
    return labels.decision_title(getattr(decision, "number", None), getattr(decision, "date", None))
