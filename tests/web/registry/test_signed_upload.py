"""Issue 16: the maslikhat editor's registry upload is signed with EDS over the file's exact bytes. The server
verifies the CMS (path to the trusted root, validity, revocation, the signing key) and that the certificate
names the editor (the IIN in the account), keeps the signature in the import log and shows it on the history
page; anything else is refused with a translated message and nothing is imported. No unsigned upload."""

from __future__ import annotations

import base64
import hashlib
from html import unescape
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from beibit.registry.models import RegistryEntryRecord, RegistryImport
from beibit.signatures import load_trust, verify
from tests.web.registry.eds import EDITOR_IIN, RegistryKeys, sign
from tests.web.registry.geojson import collection, square
from tests.web.registry.test_views import client_for, form_data

pytestmark = pytest.mark.django_db


def _client(user: AbstractBaseUser, lang: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(user)
    return client


def test_a_signed_upload_is_imported_with_its_signature(editor: AbstractBaseUser, eds: RegistryKeys) -> None:
    content = collection(square())
    response = client_for(editor).post(reverse("registry:upload"), form_data(content))
    assert response.status_code == 302
    log = RegistryImport.objects.get()
    assert log.signature is not None
    assert log.signature["document_sha256"] == hashlib.sha256(content).hexdigest() == log.file_sha256
    assert log.verification["signer"]["iin"] == EDITOR_IIN
    assert log.verification["revocation"] == "good"
    # What is kept is a real CMS over the file: it verifies again, outside the service.
    cms = base64.b64decode(log.signature["cms"])
    again = verify(cms, trust=load_trust(eds.trust_dir), data=content, purpose="sign")
    assert again.valid and again.signer is not None and again.signer.iin == EDITOR_IIN
    history = unescape(client_for(editor).get(reverse("registry:history")).content.decode())
    assert "signed by" in history and "SADYKOVA GULNAR" in history and EDITOR_IIN in history
    assert "not revoked" in history


def _refused(editor: AbstractBaseUser, data: dict[str, Any], lang: str = "en") -> str:
    before = RegistryEntryRecord.objects.count()
    response = _client(editor, lang).post(reverse("registry:upload"), data)
    assert response.status_code == 422
    assert RegistryEntryRecord.objects.count() == before and not RegistryImport.objects.exists()
    html = unescape(response.content.decode())
    return html[html.index('id="signature-error"') :]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("stranger", "is not the IIN of your account"),
        ("revoked", "has been revoked"),
        ("expired", "has expired"),
        ("untrusted", "was not issued by the National Certification Authority"),
        ("editor_auth", "authentication key (AUTH)"),
    ],
)
def test_a_signature_by_another_key_is_refused(
    editor: AbstractBaseUser, eds: RegistryKeys, who: str, expected: str
) -> None:
    content = collection(square())
    assert expected in _refused(editor, form_data(content, signature=sign(content, getattr(eds, who))))


def test_a_file_changed_after_signing_is_refused(editor: AbstractBaseUser) -> None:
    signed_one, uploaded = collection(square()), collection(square(max_occupancy=5000))
    data = form_data(uploaded, signature=sign(signed_one))
    assert "another file than the one uploaded" in _refused(editor, data)
    # An attached signature over the other file: its content is not the upload.
    data = form_data(uploaded, signature=sign(signed_one, attach=True))
    assert "Sign" in _refused(editor, data)


@pytest.mark.parametrize("signature", ["", "   ", "bm90IGEgQ01T"])
def test_no_unsigned_upload(editor: AbstractBaseUser, signature: str) -> None:
    content = collection(square())
    text = _refused(editor, form_data(content, signature=signature))
    assert "Sign" in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("kk", "ЖСН есептік жазбаңыздағы ЖСН-ге сәйкес келмейді"),
        ("ru", "ИИН в сертификате не совпадает с ИИН вашей учётной записи"),
    ],
)
def test_the_refusal_is_in_the_readers_language(
    editor: AbstractBaseUser, eds: RegistryKeys, lang: str, expected: str
) -> None:
    content = collection(square())
    text = _refused(editor, form_data(content, signature=sign(content, eds.stranger)), lang)
    assert expected in text
    assert "nothing was imported" not in text and "IIN in the certificate" not in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("kk", "Қолтаңба жүктелген файлға емес, басқа файлға"), ("ru", "Подпись сделана под другим файлом")],
)
def test_the_changed_file_refusal_is_translated(editor: AbstractBaseUser, lang: str, expected: str) -> None:
    data = form_data(collection(square(max_occupancy=5000)), signature=sign(collection(square())))
    assert expected in _refused(editor, data, lang)


def test_the_document_to_sign_is_the_files_exact_bytes(editor: AbstractBaseUser) -> None:
    content = b"\xef\xbb\xbf" + collection(square())  # a BOM too: the bytes, not a re-encoding
    data = form_data(content)
    del data["signature"]
    response = client_for(editor).post(reverse("registry:upload_document"), data)
    assert response.status_code == 200
    assert base64.b64decode(response.json()["document"]) == content
    incomplete = {k: v for k, v in form_data(content).items() if k not in ("file", "signature")}
    response = client_for(editor).post(reverse("registry:upload_document"), incomplete)
    assert response.status_code == 422 and "file" in response.json()["errors"]
    assert client_for(editor).get(reverse("registry:upload_document")).status_code == 405


def test_without_a_configured_trust_there_is_no_upload(editor: AbstractBaseUser, settings: Any) -> None:
    settings.EDS_TRUST_DIR = ""
    page = client_for(editor).get(reverse("registry:upload")).content.decode()
    assert 'id="eds-not-configured"' in page and 'id="upload-form"' not in page
    content = collection(square())
    assert "Sign the file with your EDS" in _refused(editor, form_data(content))


def test_the_upload_page_offers_signing_only(editor: AbstractBaseUser) -> None:
    page = client_for(editor).get(reverse("registry:upload")).content.decode()
    assert 'data-eds-document="/registry/upload/document/"' in page
    assert 'id="eds-upload"' in page and 'type="submit"' not in page[page.index('id="upload-form"') :]


def test_a_file_too_large_for_the_page_is_refused_before_signing(editor: AbstractBaseUser) -> None:
    big = SimpleUploadedFile("big.geojson", b" " * (5 * 1024 * 1024 + 1), content_type="application/geo+json")
    data = {**form_data(b"{}"), "file": big}
    del data["signature"]
    response = client_for(editor).post(reverse("registry:upload_document"), data)
    assert response.status_code == 422 and "file" in response.json()["errors"]
