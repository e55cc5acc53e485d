"""Where Law 333-VI and the international standards part ways for one set of facts (`beibit compare`).

Each finding of the `standards` regime measures one provision of the national law in force for the facts
and carries that side in its facts (`law_*`, rules/standards.py). A divergence puts the two side by side:
what the Law says, with its citation (the national finding's own text where there is one, else a short
statement of the rule), and what the standards say, with the GC37 paragraph.
"""

from __future__ import annotations

from typing import Any, Final

from beibit.law.messages import label, template
from beibit.law.model import Citation, Evaluation, Finding

#: The topic of each standards principle the engine decides, as the comparison names it (a LABELS entry).
TOPICS: Final[dict[str, str]] = {
    "STD.NOTIF_NOT_AUTH": "prior permission",
    "STD.NOTIF_BURDEN": "burden of the procedure",
    "STD.LEAD_TIME": "advance notice",
    "STD.MINIMAL_IMPACT_EXEMPT": "minimal-impact assemblies",
    "STD.SPONTANEOUS": "spontaneous assemblies",
    "STD.EVERYONE": "who may assemble",
    "STD.PLACE_PUBLIC_SPACE": "public space",
    "STD.SIGHT_AND_SOUND": "sight and sound",
    "STD.NO_PERIMETER_ZONES": "no-go zones",
    "STD.TIME": "time limits",
    "STD.MANNER_EQUIPMENT": "manner and equipment",
    "STD.NUMBERS": "numbers",
    "STD.COSTS": "costs of public services",
    "STD.TIMELY_DECISION_REMEDY": "timely decision and remedy",
    "STD.PRESUMPTION_SILENCE": "presumption and silence",
}


def reference(c: Citation) -> str:
    """A citation as text, with Art 1's subparagraphs that have no paragraph ("333-VI art. 1(4)") and GC37's
    paragraphs ("GC37 para. 70")."""
    if c.article is not None and c.paragraph is None and c.subparagraph is not None:
        return f"{c.act} art. {c.article}({c.subparagraph})"
    return str(c)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def law_citation(f: Finding) -> Citation:
    """The provision of the national law a standards finding measures."""
    facts = f.facts
    return Citation(
        act=str(facts.get("law_act") or ""),
        article=_int(facts.get("law_article")),
        paragraph=_int(facts.get("law_paragraph")),
        subparagraph=_int(facts.get("law_subparagraph")),
    )


def law_says(f: Finding, lang: str = "en") -> str:
    """What the national law says, in `lang`: the text of the national finding the standards finding
    answers, or a short statement of the rule (messages `law.*`)."""
    key = str(f.facts.get("law_says") or "")
    return template(key, lang).format_map(f.facts)


def divergences(standards: Evaluation, lang: str = "en") -> list[dict[str, Any]]:
    """One entry per finding of a `standards` evaluation (its messages already in `lang`)."""
    found: list[dict[str, Any]] = []
    for f in standards.findings:
        if f.code not in TOPICS or "law_says" not in f.facts:
            continue
        found.append(
            {
                "topic": label(TOPICS[f.code], lang),
                "code": f.code,
                "law": {
                    "regime": f.facts.get("law_regime"),
                    "code": f.facts.get("law_code"),
                    "refusal_ground": f.facts.get("law_ground"),
                    "citation": law_citation(f).model_dump(mode="json"),
                    "says": law_says(f, lang),
                },
                "standards": {
                    "code": f.code,
                    "severity": f.severity,
                    "citation": f.citation.model_dump(mode="json"),
                    "says": f.message,
                },
            }
        )
    return found
