"""Which Art 14(1) refusal grounds an evaluation establishes, and which a refusal names without them.

A refusal must be reasoned and justified (Art 14(2)). For the grounds that rest on facts - the organizer
(14(1)(2)), the deadline (4), the content (5), the funding (7), the special regime and the picket-free places
(8), the occupancy norm (9), and another event or works at the place (10) - the facts are in the case: a
refusal naming one of them that the evaluation of the case as recorded does not establish contradicts the
record (docs/interpretations.md, "No refusal on a ground the facts disprove"). The grounds that need an
official's judgement - the aims (1), a threat (3), documents found false or not meeting the requirements (6)
- rest on the written reasons instead.

Pure: no Django, no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable

from beibit.law.model import Evaluation

#: Grounds the facts of the case establish or disprove.
FACT_GROUNDS: tuple[str, ...] = ("14.1.2", "14.1.4", "14.1.5", "14.1.7", "14.1.8", "14.1.9", "14.1.10")
#: Grounds resting on the official's judgement and the written reasons.
JUDGEMENT_GROUNDS: tuple[str, ...] = ("14.1.1", "14.1.3", "14.1.6")
#: Findings saying that another event or works are planned at the place at that time (Art 14(1)(10)); under
#: CC 61-NP the engine reports the conflict as a warning, and the ground stands once an alternative was
#: offered and declined (the case service checks that part).
_OTHER_EVENT_AT_PLACE = frozenset({"place.occupied", "place.occupied_offer_alternative"})


def established_grounds(evaluation: Evaluation) -> frozenset[str]:
    """The fact grounds the evaluation establishes: its `refusal_grounds`, and 14.1.10 where it found
    another event or works planned at the place."""
    grounds = set(evaluation.refusal_grounds)
    if any(f.code in _OTHER_EVENT_AT_PLACE for f in evaluation.findings):
        grounds.add("14.1.10")
    return frozenset(grounds)


def unsupported_grounds(named: Iterable[str], evaluation: Evaluation) -> list[str]:
    """The fact grounds among `named` that the evaluation does not establish, in the order named."""
    established = established_grounds(evaluation)
    return [g for g in named if g in FACT_GROUNDS and g not in established]
