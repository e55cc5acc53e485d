"""The rules, one module per article group. Importing this package registers every rule in `RULES`."""

from beibit.law.rules import (  # noqa: F401 - imported for their registrations
    campaigning,
    content,
    decree_1995,
    equipment,
    form,
    funding,
    judgement,
    organizer,
    picket_ban,
    place,
    scope,
    special_regime,
    standards,
    timing,
)
from beibit.law.rules._base import RULES, Context, Rule

__all__ = ["RULES", "Context", "Rule"]
