"""The MCI by date, fines converted on the offence day, and the history-bound standards principles."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from beibit.law.sanctions import (
    HISTORY_MESSAGES,
    HISTORY_PRINCIPLES,
    History,
    MciUnknown,
    SanctionFacts,
    bundled_mci_text,
    convert_fine,
    history_findings,
    mci_on,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "law" / "mci.yaml"
D = dt.date


def test_bundled_mci_equals_the_shared_file() -> None:
    assert SHARED.exists(), "CI runs with ../shared beside the repo"
    assert bundled_mci_text() == SHARED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("day", "purpose", "value"),
    [
        (D(2019, 12, 31), "fines_taxes", 2525),
        (D(2020, 1, 1), "fines_taxes", 2651),
        (D(2020, 3, 31), "fines_taxes", 2651),  # 2020: 2,651 until 31 March
        (D(2020, 4, 1), "fines_taxes", 2778),  # ... 2,778 from 1 April
        (D(2021, 12, 31), "fines_taxes", 2917),
        (D(2022, 1, 1), "fines_taxes", 3063),
        (D(2022, 3, 31), "fines_taxes", 3063),
        (D(2022, 4, 1), "fines_taxes", 3063),  # fines stayed at 3,063 for all of 2022
        (D(2022, 12, 31), "fines_taxes", 3063),
        (D(2022, 4, 1), "social_payments", 3180),  # the spring 2022 value was for social payments only
        (D(2022, 3, 31), "social_payments", 3063),
        (D(2023, 1, 1), "fines_taxes", 3450),
        (D(2026, 11, 28), "fines_taxes", 4325),
    ],
)
def test_mci_on_a_day(day: dt.date, purpose: str, value: int) -> None:
    assert mci_on(day, purpose).value == value  # type: ignore[arg-type]


def test_no_mci_before_the_first_entry() -> None:
    with pytest.raises(MciUnknown):
        mci_on(D(2018, 12, 31))


@pytest.mark.parametrize(
    ("amount", "unit", "day", "in_mci", "in_kzt", "flagged"),
    [
        (50, "mci", D(2020, 3, 31), Decimal(50), Decimal(132550), False),
        (50, "mci", D(2020, 4, 1), Decimal(50), Decimal(138900), False),
        (50, "mci", D(2022, 6, 1), Decimal(50), Decimal(153150), False),  # 50 x 3,063, not 3,180
        (153150, "kzt", D(2022, 6, 1), Decimal(50), Decimal(153150), False),
        (159000, "kzt", D(2022, 6, 1), Decimal("51.9099"), Decimal(159000), True),  # 50 x 3,180: flagged
        (138900, "kzt", D(2020, 3, 31), Decimal("52.3953"), Decimal(138900), True),  # April's MCI in March
        (138900, "kzt", D(2020, 4, 1), Decimal(50), Decimal(138900), False),
        (Decimal("12.5"), "mci", D(2024, 5, 1), Decimal("12.5"), Decimal(46150), True),
        (0, "kzt", D(2024, 5, 1), Decimal(0), Decimal(0), False),
    ],
)
def test_fine_conversion(
    amount: object, unit: str, day: dt.date, in_mci: Decimal, in_kzt: Decimal, flagged: bool
) -> None:
    fine = convert_fine(amount, unit, day)  # type: ignore[arg-type]
    assert fine.in_mci == in_mci
    assert fine.in_kzt == in_kzt
    assert fine.flagged is flagged
    finding = fine.finding()
    if flagged:
        assert finding is not None
        assert finding.code == "sanction.fine_not_whole_mci"
        assert (finding.citation.act, finding.citation.article, finding.citation.paragraph) == ("CAO", 41, 1)
        assert str(fine.mci.value) in finding.message or unit == "mci"
    else:
        assert finding is None


def test_a_negative_fine_is_refused() -> None:
    with pytest.raises(ValueError):
        convert_fine(-1, "mci", D(2024, 1, 1))


NO_NOTICE = SanctionFacts(people=3, kind="administrative", article="CAO art. 488(1)", basis="no_notice")


@pytest.mark.parametrize(
    ("history", "codes", "paragraphs"),
    [
        (History(), [], []),
        (History(sanctions=(NO_NOTICE,)), ["STD.NO_SANCTION_FOR_NO_NOTICE"], [71]),
        (
            History(sanctions=(SanctionFacts(1, "administrative", "CAO art. 488(2)", basis="conduct"),)),
            [],
            [],
        ),
        (
            History(decision="refuse", refusal_grounds=("14.1.4",), reasons_given=False),
            ["STD.JUSTIFY_LEAST_INTRUSIVE"],
            [36],
        ),
        (History(decision="refuse", refusal_grounds=("14.1.4",)), ["STD.JUSTIFY_LEAST_INTRUSIVE"], [36]),
        (History(decision="refuse", refusal_grounds=("14.1.4",), alternative_offered=True), [], []),
        (History(decision="refuse", refusal_grounds=("14.1.10",)), ["STD.SIMULTANEOUS_COUNTER"], [26]),
        (History(decision="refuse", refusal_grounds=("14.1.10",), alternative_offered=True), [], []),
        (
            History(
                sanctions=(
                    SanctionFacts(1, "administrative", "CAO art. 488(3)", "conduct", "organizer", True),
                )
            ),
            ["STD.ORGANIZER_LIABILITY"],
            [65],
        ),
        (
            History(
                decision="propose",
                decision_day=D(2026, 4, 10),
                assembly_day=D(2026, 4, 15),
            ),
            ["STD.TIMELY_DECISION_REMEDY"],
            [72],
        ),
        (History(decision="propose", decision_day=D(2026, 3, 1), assembly_day=D(2026, 4, 15)), [], []),
        (History(decision="approve", decision_day=D(2026, 4, 14), assembly_day=D(2026, 4, 15)), [], []),
        (History(pledges_or_warnings=True), ["STD.NO_PLEDGES"], [66]),
        (History(internet_disrupted=True), ["STD.ONLINE_SHUTDOWN"], [34]),
        (History(journalists_obstructed=True), ["STD.MONITORS_JOURNALISTS"], [30]),
        (History(dispersal=True), ["STD.DISPERSAL"], [85]),
        (History(dispersal=True, turned_violent="yes"), [], []),
    ],
)
def test_history_findings(history: History, codes: list[str], paragraphs: list[int]) -> None:
    findings = history_findings(history)
    assert [f.code for f in findings] == codes
    assert [f.citation.paragraph for f in findings] == paragraphs
    for f in findings:
        assert f.citation.act == "GC37"
        assert f.severity == "warning"
        assert f.facts["gc37"] == HISTORY_PRINCIPLES[f.code].gc37
        assert "{" not in f.message


def test_a_dispersal_with_detentions_and_fines_for_no_notice() -> None:
    history = History(held="yes", dispersal=True, detentions=3, sanctions=(NO_NOTICE,))
    findings = history_findings(history)
    assert [f.code for f in findings] == ["STD.NO_SANCTION_FOR_NO_NOTICE", "STD.DISPERSAL"]
    assert "3 person(s)" in findings[0].message
    assert "CAO art. 488(1)" in findings[0].message


def test_timely_review_reads_the_regime_estimate() -> None:
    from beibit.law.regimes import load_regime

    remedy = load_regime("standards").params(D(2026, 1, 1)).integer("realistic_remedy_calendar_days")
    day = D(2026, 1, 1)
    just_in_time = History(
        decision="refuse",
        reasons_given=True,
        alternative_offered=True,
        decision_day=day,
        assembly_day=day + dt.timedelta(days=remedy),
    )
    too_late = History(
        decision="refuse",
        reasons_given=True,
        alternative_offered=True,
        decision_day=day,
        assembly_day=day + dt.timedelta(days=remedy - 1),
    )
    assert history_findings(just_in_time) == []
    assert [f.facts["gap_days"] for f in history_findings(too_late)] == [remedy - 1]


def test_every_message_key_is_used() -> None:
    codes = {key.split(":")[0] for key in HISTORY_MESSAGES}
    assert codes == {*HISTORY_PRINCIPLES, "sanction.fine_not_whole_mci"}
