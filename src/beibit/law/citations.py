"""A citation as a reader of each language writes it (issue 15): the one label the pages, the documents and
the command line print for a `Citation`. The contract's JSON keeps the codes (`act: "333-VI"`, `article: 11`);
only people read these.

    kk  «№ 333-VI Заң, 11-бап 1-тармақ 3) тармақша»   «ЖТЕ № 37, 21-параграф»   «ӘҚБтК, 488-бап 1-бөлік»
    ru  «Закон № 333-VI, ст. 11 п. 1 пп. 3»            «ЗОП № 37, п. 21»          «КоАП, ст. 488 ч. 1»
    en  "Law No. 333-VI, Art 11(1)(3)"                  "GC37, para. 21"           "CAO, Art 488(1)"

Kazakh legal writing puts the number before the unit with a hyphen (11-бап, 1-тармақ) and closes a
subparagraph's number with a bracket (3) тармақша); Russian abbreviates the unit before the number (ст., п.,
пп.; ч. for a code's part). An act the table does not know keeps its code, which is then what the reader sees.
Pure: no Django, no catalogs (the forms of these labels are fixed by legal usage, not wording to reword).
"""

from __future__ import annotations

from typing import Final

from beibit.law.model import Citation

#: The act's name as a citation opens, per language. `part` marks codes whose articles have parts (бөлік,
#: часть) rather than paragraphs (тармақ, пункт): the CAO and the APPK.
_ACTS: Final[dict[str, dict[str, str]]] = {
    "333-VI": {"kk": "№ 333-VI Заң", "ru": "Закон № 333-VI", "en": "Law No. 333-VI"},
    "CAO": {"kk": "ӘҚБтК", "ru": "КоАП", "en": "CAO"},
    "CrC": {"kk": "ҚК", "ru": "УК", "en": "Criminal Code"},
    "APPK": {"kk": "ҚР ӘРПК", "ru": "АППК РК", "en": "APPK"},
    "CC-61-NP": {
        "kk": "ҚР Конституциялық Сотының 2025 жылғы 20 қаңтардағы № 61-НҚ нормативтік қаулысы",
        "ru": "Нормативное постановление Конституционного Суда РК от 20.01.2025 № 61-НП",
        "en": "Constitutional Court Normative Resolution No. 61-NP of 20.01.2025",
    },
    "GC37": {"kk": "ЖТЕ № 37", "ru": "ЗОП № 37", "en": "GC37"},
    "ODIHR": {
        "kk": "ЕҚЫҰ ДИАҚБ нұсқаулығы",
        "ru": "Руководящие принципы БДИПЧ ОБСЕ",
        "en": "ODIHR Guidelines",
    },
    "ICCPR": {"kk": "АСҚХП", "ru": "МПГПП", "en": "ICCPR"},
    "holidays-law": {
        "kk": "«Қазақстан Республикасындағы мерекелер туралы» Заң",
        "ru": "Закон «О праздниках в Республике Казахстан»",
        "en": "Law on Holidays in the Republic of Kazakhstan",
    },
    "2126": {
        "kk": "1995 жылғы 17 наурыздағы № 2126 Заң күші бар Жарлық",
        "ru": "Указ, имеющий силу закона, № 2126 от 17 марта 1995 г.",
        "en": "Decree-Law No. 2126 of 17 March 1995",
    },
}
#: An act cited as a whole, where its short name would not tell a reader what it is.
_WHOLE: Final[dict[str, dict[str, str]]] = {
    "APPK": {
        "kk": "Қазақстан Республикасының Әкімшілік рәсімдік-процестік кодексі (ӘРПК)",
        "ru": "Административный процедурно-процессуальный кодекс Республики Казахстан (АППК)",
        "en": "Administrative Procedural and Process Code (APPK)",
    },
    "CAO": {
        "kk": "Қазақстан Республикасының Әкімшілік құқық бұзушылық туралы кодексі",
        "ru": "Кодекс Республики Казахстан об административных правонарушениях",
        "en": "Code of Administrative Offences (CAO)",
    },
}
#: Codes whose articles are divided into parts, not paragraphs.
_PARTS: Final = frozenset({"CAO", "APPK", "CrC"})
#: Documents numbered by paragraph alone (no articles): GC37 and the ODIHR Guidelines.
_PARAGRAPHED: Final = frozenset({"GC37", "ODIHR"})


def act_label(act: str, lang: str = "en") -> str:
    """The act's name as a citation opens it; an unknown act keeps its code."""
    names = _ACTS.get(act)
    return names.get(lang, names["en"]) if names else act


def _kk(c: Citation) -> str:
    unit = "бөлік" if c.act in _PARTS else "тармақ"
    parts = [f"{c.article}-бап"]
    if c.paragraph is not None:
        parts.append(f"{c.paragraph}-{unit}")
    if c.subparagraph is not None:
        parts.append(f"{c.subparagraph}) тармақша")
    return " ".join(parts)


def _ru(c: Citation) -> str:
    unit = "ч." if c.act in _PARTS else "п."
    parts = [f"ст. {c.article}"]
    if c.paragraph is not None:
        parts.append(f"{unit} {c.paragraph}")
    if c.subparagraph is not None:
        parts.append(f"пп. {c.subparagraph}")
    return " ".join(parts)


def _en(c: Citation) -> str:
    ref = f"Art {c.article}"
    if c.paragraph is not None:
        ref += f"({c.paragraph})"
    if c.subparagraph is not None:
        ref += f"({c.subparagraph})"
    return ref


def _paragraph(number: int, lang: str) -> str:
    return {"kk": f"{number}-параграф", "ru": f"п. {number}"}.get(lang, f"para. {number}")


def citation_label(c: Citation, lang: str = "en") -> str:
    """The citation in `lang`: the act, then the article, paragraph and subparagraph as that language writes
    them. Art 1's definitions (a subparagraph without a paragraph) read as Art 1(4)."""
    if c.article is not None and c.paragraph is None and c.subparagraph is not None:
        c = Citation(act=c.act, article=c.article, paragraph=c.subparagraph, item=c.item)
    act = act_label(c.act, lang)
    if c.article is not None:
        ref = {"kk": _kk, "ru": _ru}.get(lang, _en)(c)
        written = f"{act}, {ref}"
    elif c.paragraph is not None:
        written = f"{act}, {_paragraph(c.paragraph, lang)}"
    else:
        whole = _WHOLE.get(c.act)
        written = whole.get(lang, whole["en"]) if whole else act
    return f"{written} {c.item}" if c.item else written
