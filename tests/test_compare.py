"""`beibit compare`: the standards regime as a fourth column, and point by point where Law 333-VI
(kz-333-vi) and the international standards part ways for the same facts (issue 7, section 1)."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beibit.cli import main
from beibit.law.evaluate import evaluate
from beibit.law.model import Evaluation, PlannedAssembly
from beibit.law.regimes import REGIME_IDS, load_regime, regime_in_force
from beibit.places import default_registry

ROOT = Path(__file__).resolve().parents[1]
BASES: dict[str, Any] = yaml.safe_load(
    (ROOT / "tests" / "scenarios" / "_bases.yaml").read_text(encoding="utf-8")
)
AS_OF = "2026-11-28"
REGISTRY = default_registry()
ALMATY_2 = [76.9415, 43.2716]
AKIMAT = [76.9456, 43.2375]  # Almaty city akimat (registry: 400 m picket-free boundary from 2024-08-28)


def facts(base: str, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASES[base])
    data.update(changes)
    return json.loads(json.dumps(data, default=str))


def run(argv: list[str], data: dict[str, Any]) -> tuple[int, str]:
    out = io.StringIO()
    code = main(argv, stdin=io.BytesIO(json.dumps(data).encode()), out=out)
    return code, out.getvalue()


def compare(data: dict[str, Any], *extra: str) -> dict[str, Any]:
    code, output = run(["compare", "-", "--json", "--as-of", AS_OF, *extra], data)
    assert code == 0, output
    result: dict[str, Any] = json.loads(output)
    return result


def entry(result: dict[str, Any], regime: str) -> dict[str, Any]:
    found: dict[str, Any] = next(e for e in result["comparison"] if e["regime"] == regime)
    return found


def divergence(result: dict[str, Any], code: str) -> dict[str, Any]:
    found = [d for d in result["divergences"] if d["code"] == code]
    assert found, f"no divergence {code}: {[d['code'] for d in result['divergences']]}"
    return found[0]


def codes(evaluation: dict[str, Any]) -> list[str]:
    return [f["code"] for f in evaluation["findings"]]


# --- the comparison's shape -----------------------------------------------------------------------------


def test_standards_is_the_fourth_column_and_the_existing_keys_stay() -> None:
    result = compare(facts("complete_rally"))
    assert set(result) == {"contract_version", "comparison", "divergences"}
    assert result["contract_version"] == 1
    assert [e["regime"] for e in result["comparison"]] == [
        "kz-333-vi",
        "kz-333-vi-2020",
        "kz-1995",
        "standards",
    ]
    assert all(set(e) in ({"regime", "evaluation"}, {"regime", "error"}) for e in result["comparison"])
    standards = entry(result, "standards")["evaluation"]
    assert standards["regime"]["id"] == "standards"
    assert standards["refusal_grounds"] == []


def test_every_divergence_names_both_sides_with_citations() -> None:
    result = compare(facts("complete_march"))
    assert result["divergences"]
    for item in result["divergences"]:
        assert set(item) == {"topic", "code", "law", "standards"}
        assert item["law"]["regime"] == "kz-333-vi"
        assert item["law"]["citation"]["act"] == "333-VI" and item["law"]["says"]
        assert item["standards"]["citation"]["act"] == "GC37"
        assert isinstance(item["standards"]["citation"]["paragraph"], int)
        assert item["standards"]["code"] == item["code"] and item["standards"]["says"]


# --- where the two regimes part ways ---------------------------------------------------------------------


def test_march_approval_required_versus_notification_at_most() -> None:
    result = compare(facts("complete_march"))
    assert entry(result, "kz-333-vi")["evaluation"]["procedure"] == "application_for_approval"
    assert entry(result, "standards")["evaluation"]["procedure"] == "notification"
    item = divergence(result, "STD.NOTIF_NOT_AUTH")
    assert item["law"]["citation"] | {} == {
        "act": "333-VI",
        "article": 12,
        "paragraph": 1,
        "subparagraph": None,
        "item": None,
    }
    assert item["standards"]["citation"]["paragraph"] == 70
    assert divergence(result, "STD.PRESUMPTION_SILENCE")["standards"]["citation"]["paragraph"] == 73


def test_foreign_organizer_refused_versus_protected() -> None:
    person = {"full_name": "Ivan Petrov", "citizenship": "RU", "residence": "Astana"}
    result = compare(facts("complete_rally", organizer={"persons": [person]}))
    national = entry(result, "kz-333-vi")["evaluation"]
    assert "14.1.6" in national["refusal_grounds"]
    assert "organizer.not_citizen" in codes(national)
    standards = entry(result, "standards")["evaluation"]
    assert standards["refusal_grounds"] == []
    item = divergence(result, "STD.EVERYONE")
    assert item["law"]["code"] == "organizer.not_citizen"
    assert item["law"]["refusal_ground"] == "14.1.6"
    assert item["law"]["citation"]["article"] == 1 and item["law"]["citation"]["subparagraph"] == 4
    assert item["standards"]["citation"]["paragraph"] == 5


def test_picket_300_m_from_a_railway_station_prohibited_zone_versus_sight_and_sound() -> None:
    # Almaty-2 station: a transport facility the law itself names (9(5)(2)), boundary 400 m (V24R0001755).
    data = facts(
        "almaty_picket_2025",
        place={"address": "below the Almaty-2 station", "point": [76.9415, 43.26890]},
        target={"name": "Almaty-2 railway station", "point": ALMATY_2},
    )
    result = compare(data)
    national = entry(result, "kz-333-vi")["evaluation"]
    assert "14.1.8" in national["refusal_grounds"]
    zone = divergence(result, "STD.NO_PERIMETER_ZONES")
    assert zone["law"]["code"] == "place.picket_in_prohibited_territory"
    assert zone["law"]["refusal_ground"] == "14.1.8"
    assert zone["law"]["citation"]["article"] == 9 and zone["law"]["citation"]["paragraph"] == 5
    assert zone["law"]["citation"]["subparagraph"] == 2
    assert zone["standards"]["citation"]["paragraph"] == 56
    zones = [d["standards"]["says"] for d in result["divergences"] if d["code"] == "STD.NO_PERIMETER_ZONES"]
    assert any("300 m from Almaty-2 railway station, inside the 400 m boundary" in says for says in zones)
    sight = divergence(result, "STD.SIGHT_AND_SOUND")
    assert sight["standards"]["citation"]["paragraph"] == 22
    assert entry(result, "standards")["evaluation"]["refusal_grounds"] == []


def test_picket_300_m_from_the_akimat_is_an_info_under_the_law_a_no_go_zone_under_the_standards() -> None:
    # Only the project's reading classes the akimat under 9(5)(3): no ground under the Law (333-VI.md [D]).
    data = facts(
        "almaty_picket_2025",
        place={"address": "near the akimat", "point": [76.9456, 43.24020]},
        target={"name": "Almaty city akimat", "point": AKIMAT},
    )
    result = compare(data)
    national = entry(result, "kz-333-vi")["evaluation"]
    assert "14.1.8" not in national["refusal_grounds"]
    zone = divergence(result, "STD.NO_PERIMETER_ZONES")
    assert zone["law"]["code"] == "place.near_project_reading_object"
    assert zone["law"]["refusal_ground"] is None


def test_one_person_picket_notification_versus_none_required() -> None:
    result = compare(facts("complete_picket"))
    assert entry(result, "kz-333-vi")["evaluation"]["procedure"] == "notification"
    standards = entry(result, "standards")["evaluation"]
    assert standards["procedure"] == "none_required"
    assert standards["deadlines"]["last_filing_day"] is None
    item = divergence(result, "STD.MINIMAL_IMPACT_EXEMPT")
    assert item["law"]["citation"]["article"] == 10
    assert item["standards"]["citation"]["paragraph"] == 72


def test_late_filing_of_an_urgent_assembly_refused_versus_protected() -> None:
    data = facts(
        "complete_rally",
        submitted_at="2026-12-17T10:00:00+05:00",
        occasion={"description": "bus fares raised overnight", "occurred_on": "2026-12-15"},
    )
    result = compare(data)
    national = entry(result, "kz-333-vi")["evaluation"]
    assert national["deadlines"]["filed_in_time"] is False
    assert "14.1.4" in national["refusal_grounds"]
    assert entry(result, "standards")["evaluation"]["refusal_grounds"] == []
    item = divergence(result, "STD.SPONTANEOUS")
    assert item["law"]["code"] == "timing.filed_late"
    assert item["law"]["refusal_ground"] == "14.1.4"
    assert item["standards"]["citation"]["paragraph"] == 14


def test_where_they_agree_there_is_no_divergence_on_that_point() -> None:
    result = compare(facts("complete_rally"))
    found = {d["code"] for d in result["divergences"]}
    assert not found & {"STD.NOTIF_NOT_AUTH", "STD.EVERYONE", "STD.NO_PERIMETER_ZONES", "STD.SPONTANEOUS"}


# --- the table, languages, dates ------------------------------------------------------------------------


def test_table_shows_the_fourth_column_and_lists_the_divergences_under_it() -> None:
    code, table = run(["compare", "-", "--as-of", AS_OF], facts("complete_march"))
    assert code == 0
    header = table.splitlines()[0]
    assert header.split()[-1] == "standards"
    assert "where Law 333-VI and the standards part ways:" in table
    assert "prior permission (STD.NOTIF_NOT_AUTH)" in table
    assert "kz-333-vi, 333-VI art. 12(1):" in table
    assert "standards, GC37 para. 70:" in table


def test_foreign_organizer_table_names_the_refusal_ground_and_art_1_4() -> None:
    person = {"full_name": "Ivan Petrov", "citizenship": "RU", "residence": "Astana"}
    code, table = run(
        ["compare", "-", "--as-of", AS_OF], facts("complete_rally", organizer={"persons": [person]})
    )
    assert code == 0
    assert "kz-333-vi, 333-VI art. 1(4) [14.1.6]:" in table


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_divergences_are_translated(lang: str) -> None:
    english = compare(facts("complete_march"))
    other = compare(facts("complete_march"), "--lang", lang)
    assert [d["code"] for d in english["divergences"]] == [d["code"] for d in other["divergences"]]
    for a, b in zip(english["divergences"], other["divergences"], strict=True):
        assert a["topic"] != b["topic"]
        assert a["law"]["says"] != b["law"]["says"]
        assert a["standards"]["says"] != b["standards"]["says"]


def test_facts_before_gc37_are_not_in_force_for_the_standards_regime() -> None:
    data = facts(
        "complete_rally",
        starts_at="2020-06-30T11:00:00+06:00",
        ends_at="2020-06-30T13:00:00+06:00",
        submitted_at="2020-06-19T10:00:00+06:00",
    )
    result = compare(data)
    assert entry(result, "standards")["error"]["code"] == "not_in_force"
    assert "evaluation" in entry(result, "kz-333-vi-2020")
    assert result["divergences"] == []
    code, output = run(["check", "-", "--regime", "standards"], data)
    assert code == 2 and json.loads(output)["error"]["code"] == "not_in_force"


def test_check_with_regime_standards() -> None:
    code, output = run(["check", "-", "--regime", "standards", "--as-of", AS_OF], facts("complete_picket"))
    assert code == 0
    result = json.loads(output)
    assert result["regime"]["id"] == "standards"
    assert result["procedure"] == "none_required"
    assert all(f["code"].startswith("STD.") for f in result["findings"])
    assert all(f["citation"]["act"] == "GC37" for f in result["findings"])


# --- the standards regime is never chosen by date ---------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2006, 4, 24),
        dt.date(2020, 6, 5),
        dt.date(2020, 7, 23),
        dt.date(2025, 1, 20),
        dt.date(2030, 1, 1),
    ],
)
def test_standards_is_never_the_regime_in_force(day: dt.date) -> None:
    assert regime_in_force(day).id != "standards"
    assert load_regime("standards").in_force_on(day) or day < dt.date(2006, 4, 24)


def test_regime_ids_keep_the_national_three_first() -> None:
    assert REGIME_IDS[:3] == ("kz-333-vi", "kz-333-vi-2020", "kz-1995")
    assert REGIME_IDS[3] == "standards"
    assert load_regime("standards").kind == "standards"
    assert all(load_regime(r).kind == "national" for r in REGIME_IDS[:3])


def test_a_filing_without_regime_is_evaluated_under_the_law_not_the_standards() -> None:
    assembly = PlannedAssembly.model_validate(facts("complete_rally"))
    evaluation = evaluate(assembly, as_of=dt.date(2026, 11, 28))
    assert evaluation.regime.id == "kz-333-vi"
    assert not any(f.code.startswith("STD.") for f in evaluation.findings)


# --- whatever the facts, the lens answers, and never with a refusal ground ---------------------------------

_POINTS = st.sampled_from([[76.9456, 43.2375], [76.9456, 43.24020], [76.890, 43.260], [76.9061, 43.2418]])


@st.composite
def _variants(draw: st.DrawFn) -> dict[str, Any]:
    data = facts(draw(st.sampled_from(sorted(BASES))))
    day = draw(st.dates(min_value=dt.date(2020, 9, 1), max_value=dt.date(2027, 12, 31)))
    hour = draw(st.integers(min_value=6, max_value=21))
    start = dt.datetime.combine(day, dt.time(hour), dt.timezone(dt.timedelta(hours=5)))
    data["starts_at"] = start.isoformat()
    data["ends_at"] = (start + dt.timedelta(hours=draw(st.integers(1, 4)))).isoformat()
    data["submitted_at"] = (start - dt.timedelta(days=draw(st.integers(0, 25)))).isoformat()
    data["form"] = draw(st.sampled_from(["picket", "meeting", "rally", "demonstration", "march"]))
    data["expected_participants"] = draw(st.integers(min_value=1, max_value=2000))
    data["settlement"] = draw(st.sampled_from(["almaty", "astana", "karaganda"]))
    data["place"] = {"address": "somewhere", "point": draw(_POINTS)}
    if draw(st.booleans()):
        data["target"] = {"name": "the akimat", "point": draw(_POINTS)}
    if draw(st.booleans()):
        data["occasion"] = {"occurred_on": (day - dt.timedelta(days=draw(st.integers(0, 20)))).isoformat()}
    if draw(st.booleans()):
        data["organizer"] = {
            "persons": [{"full_name": "X", "citizenship": draw(st.sampled_from(["KZ", "RU", None]))}]
        }
    data["indoors"] = draw(st.booleans())
    return data


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_variants())
def test_the_standards_regime_answers_any_facts_without_refusal_grounds(data: dict[str, Any]) -> None:
    assembly = PlannedAssembly.model_validate(data)
    evaluation = evaluate(assembly, regime="standards", as_of=dt.date(2026, 11, 28), registry=REGISTRY)
    Evaluation.model_validate(evaluation.model_dump())
    assert evaluation.refusal_grounds == []
    assert evaluation.procedure in ("notification", "none_required")
    assert all(f.code.startswith("STD.") and f.citation.act == "GC37" for f in evaluation.findings)
    assert all(f.severity in ("warning", "info") for f in evaluation.findings)
    assert all(f.facts.get("law_says") for f in evaluation.findings)
