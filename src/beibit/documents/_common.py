"""Values more than one document prints the same way: local hours, the date-and-time line, citations of
Law 333-VI, the creation date of the PDF."""

from __future__ import annotations

import datetime as dt

from beibit.documents.i18n import Lang, date_text, text, time_text
from beibit.law.calendar import zone
from beibit.law.fact_words import settlement_label
from beibit.law.model import Citation
from beibit.law.settlements import zone_of

ACT = "333-VI"


def law(article: int, paragraph: int | None = None, subparagraph: int | None = None) -> Citation:
    return Citation(act=ACT, article=article, paragraph=paragraph, subparagraph=subparagraph)


def appk(article: int, paragraph: int | None = None) -> Citation:
    """The Administrative Procedural and Process Code (No. 350-VI), as the regimes cite it ("APPK")."""
    return Citation(act="APPK", article=article, paragraph=paragraph)


def local(moment: dt.datetime, settlement: str | None) -> dt.datetime:
    """Art 9(4) hours are the settlement's local time; so are the dates printed (deadlines.md)."""
    return moment.astimezone(zone(zone_of(settlement)))


def when_text(starts_at: dt.datetime, ends_at: dt.datetime, settlement: str | None, lang: Lang) -> str:
    start, end = local(starts_at, settlement), local(ends_at, settlement)
    if start.date() == end.date():
        return text(
            "doc.date_time",
            lang,
            date=date_text(start.date(), lang),
            start=time_text(start),
            end=time_text(end),
        )
    return text(
        "doc.date_time_overnight",
        lang,
        start_date=date_text(start.date(), lang),
        start=time_text(start),
        end_date=date_text(end.date(), lang),
        end=time_text(end),
    )


def zone_note(moment: dt.datetime, settlement: str | None, lang: Lang) -> str:
    shown = local(moment, settlement)
    offset = shown.strftime("%z")  # "+0500"
    # The place is named as its reader names it (Алматы), not by its IANA zone (Asia/Almaty).
    where = settlement_label(settlement, lang) if settlement else zone_of(settlement)
    return text("doc.local_time_zone", lang, zone=where, offset=f"{offset[:3]}:{offset[3:]}")


def on_day(day: dt.date) -> dt.datetime:
    """A document's date as the PDF's creation moment (noon UTC keeps the day the same in every zone of
    Kazakhstan and avoids any clock)."""
    return dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=dt.UTC)
