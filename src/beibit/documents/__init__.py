"""PDF documents of a case, in Kazakh, Russian or English: the filing as filed (333-VI Art 10(3) / 12(2)),
the akimat's decision letter (Art 11(1), 13(1), 14) and a draft appeal (Art 19; APPK).

Pure Python: no Django, no clock (every date is passed in), fonts shipped in `fonts/`, texts in the gettext
catalogs of `locale/`.
"""

from beibit.documents.appeal import render_appeal
from beibit.documents.deadlines import (
    AnswerDeadline,
    AppealDeadline,
    appeal_deadline,
    proposal_answer_deadline,
)
from beibit.documents.decision import render_decision
from beibit.documents.filing import render_filing
from beibit.documents.i18n import LANGUAGES
from beibit.documents.model import OUTCOMES_BY_TRACK, AppealDraft, DecisionLetter, Outcome

__all__ = [
    "LANGUAGES",
    "OUTCOMES_BY_TRACK",
    "AnswerDeadline",
    "AppealDeadline",
    "AppealDraft",
    "DecisionLetter",
    "Outcome",
    "appeal_deadline",
    "proposal_answer_deadline",
    "render_appeal",
    "render_decision",
    "render_filing",
]
