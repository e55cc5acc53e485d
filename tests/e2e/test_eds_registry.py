# ruff: noqa: F811 - the signing fixtures are imported by name and used as arguments
"""Issue 16 in the browser: the maslikhat editor signs a registry upload through the NCALayer stand-in
(`beibit demo-signer`), the server verifies it over the file's bytes and imports, and the history page shows
who signed; a key of someone else imports nothing and the page says why, in Kazakh. No 5xx on the way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases.accounts import create_staff
from beibit.cases.models import Profile
from beibit.registry.models import RegistryImport
from beibit.signatures.testpki import Holder, build_demo_pki
from tests.cases.fixtures import PASSWORD
from tests.e2e.conftest import screenshot, sign_in
from tests.e2e.signing import eds_settings, signer, tls_page  # noqa: F401 - fixtures
from tests.web.registry.geojson import collection, court, route, square

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR = "editor@almaty.example.kz"
EDITOR_IIN = "790303400006"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    holders = {
        "editor": Holder(
            "SADYKOVA", "GULNAR", EDITOR_IIN, organization="ALMATY MASLIHATY", bin="990240000000"
        ),
        "marat": Holder("SERIKOV", "MARAT", "841125400003"),
    }
    return build_demo_pki(tmp_path_factory.mktemp("registry-pki"), holders, dt.datetime.now(dt.UTC))


@pytest.fixture
def editor(registry_in_db: None) -> AbstractBaseUser:
    user = create_staff(email=EDITOR, password=PASSWORD, role="maslikhat_editor", settlement="almaty")
    Profile.objects.filter(user=user).update(iin=EDITOR_IIN)
    return user


def _upload(page: Any, served: str, file: Path, *, fresh: bool = True) -> Any:
    if fresh:
        response = page.goto(f"{served}/registry/upload/")
        assert response is not None and response.status < 500
        page.fill("#upload-form input[name=decision_number]", "77/5-VIII")
        page.fill("#upload-form input[name=decision_date]", "2026-11-20")
        page.fill("#upload-form input[name=valid_from]", "2026-12-01")
        page.select_option("#upload-form select[name=geometry_quality]", "official")
    page.set_input_files("#upload-form input[name=file]", str(file))
    with page.expect_navigation(timeout=30_000) as navigation:
        page.click("#eds-upload")
    return navigation.value


def test_the_editor_signs_the_upload_and_the_history_shows_it(
    served: str, tls_page: Any, editor: AbstractBaseUser, pki: Path, eds_settings: Any, tmp_path: Path
) -> None:
    page = tls_page
    file = tmp_path / "decision-77.geojson"
    file.write_bytes(collection(square()))
    for url in signer(pki, "editor"):
        eds_settings(url)
        sign_in(page, served, EDITOR)
        page.goto(f"{served}/registry/upload/")
        screenshot(page, "registry-upload-signed-kk")
        response = _upload(page, served, file)
        assert response is not None and response.status < 500
        assert "/registry/?on=2026-12-01" in page.url, page.url
        # The registry in Kazakh: the new square by its Kazakh name, its decision by number and date.
        main = page.inner_text("main")
        assert "Сынақ алаңы" in main and "2026 жылғы 20 қарашадағы № 77/5-VIII шешім" in main
        screenshot(page, "registry-index-kk")
    log = RegistryImport.objects.get()
    assert log.verification["signer"]["iin"] == EDITOR_IIN
    response = page.goto(f"{served}/registry/history/")
    assert response is not None and response.status == 200
    cell = page.inner_text("#import-log td.signature")
    assert "SADYKOVA GULNAR" in cell and EDITOR_IIN in cell and "қол қойған" in cell
    screenshot(page, "registry-history-signed-kk")


def test_someone_elses_key_imports_nothing(
    served: str, tls_page: Any, editor: AbstractBaseUser, pki: Path, eds_settings: Any, tmp_path: Path
) -> None:
    page = tls_page
    file = tmp_path / "decision-77.geojson"
    file.write_bytes(collection(square()))
    for url in signer(pki, "marat"):
        eds_settings(url)
        sign_in(page, served, EDITOR)
        response = _upload(page, served, file)
        assert response is not None and response.status == 422
        text = page.inner_text("#signature-error")
        assert "ЖСН" in text and "ештеңе импортталмады" in text
        screenshot(page, "registry-upload-refused-kk")
    assert not RegistryImport.objects.exists()


def test_a_signed_file_with_a_broken_feature_is_refused_naming_it_then_a_valid_one_goes_live(
    served: str, tls_page: Any, editor: AbstractBaseUser, pki: Path, eds_settings: Any, tmp_path: Path
) -> None:
    """A valid signature does not make a broken file importable: the whole file is refused, each broken
    feature named; the same form with a valid file then imports and the history lists it, not the other."""
    page = tls_page
    broken = tmp_path / "broken.geojson"
    broken.write_bytes(collection(square(), route(kind="square"), court(article_9_5_subparagraph=8)))
    valid = tmp_path / "decision-77.geojson"
    valid.write_bytes(collection(square(), route(), court()))
    for url in signer(pki, "editor"):
        eds_settings(url)
        sign_in(page, served, EDITOR)
        response = _upload(page, served, broken)
        assert response is not None and 400 <= response.status < 500
        issues = page.locator("#file-issues")  # the browser speaks Kazakh: "feature #1" is "№1 объект"
        assert issues.is_visible()
        text = issues.inner_text()
        assert "№1 объект" in text and "almaty-test-route" in text
        assert "№2 объект" in text and "almaty-test-court" in text
        assert page.get_attribute("#id_file", "aria-invalid") == "true"
        screenshot(page, "registry-upload-error")
        assert not RegistryImport.objects.exists()

        assert page.input_value("#upload-form input[name=decision_number]") == "77/5-VIII"  # kept
        response = _upload(page, served, valid, fresh=False)
        assert response is not None and response.status < 500
        assert "/registry/?on=2026-12-01" in page.url, page.url
        listed = page.locator("#registry-table").inner_text()
        assert "almaty-imanov-square" not in listed  # replaced from the new version's first day
    response = page.goto(f"{served}/registry/history/")
    assert response is not None and response.status == 200
    log = page.locator("#import-log").inner_text()
    assert "decision-77.geojson" in log and EDITOR in log and "broken.geojson" not in log
    screenshot(page, "registry-history")
