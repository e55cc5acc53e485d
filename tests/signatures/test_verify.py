"""Verification accepts a good NCA RK-style signature and rejects each fault with its own code."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from asn1crypto import cms

from beibit.signatures import ErrorCode, Trust, verify
from beibit.signatures.testpki import Pki, sign_cms
from beibit.signatures.trust import load_trust, read_crl
from beibit.signatures.verify import MESSAGES
from tests.signatures.conftest import AIGERIM, DIRECTOR, Keys

FILING = b'{"assembly":{"form":"picket"},"case":"42"}'


def codes(result: object) -> list[str]:
    return result.codes()  # type: ignore[attr-defined,no-any-return]


def test_a_good_individual_signature_is_valid_with_its_signer(keys: Keys) -> None:
    result = verify(
        sign_cms(FILING, keys.individual), trust=keys.trust(), data=FILING, expected_iin=AIGERIM.iin
    )
    assert result.valid, result.errors
    assert result.signer is not None
    assert result.signer.name == "TULEGENOVA AIGERIM SERIKQYZY"
    assert result.signer.iin == AIGERIM.iin
    assert result.signer.bin is None
    assert result.signer.subject_type == "individual"
    assert result.signer.certificate_serial == format(keys.individual.certificate.serial_number, "x")
    assert "TEST ISSUING CA" in result.signer.issuer
    assert result.revocation == "good"
    assert result.revocation_checked_at == result.verified_at
    assert result.content == FILING
    assert result.signed_at is not None
    assert abs(result.signed_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_a_legal_entity_signature_names_its_bin_and_must_match_it(keys: Keys) -> None:
    signature = sign_cms(FILING, keys.legal_entity)
    good = verify(signature, trust=keys.trust(), expected_iin=DIRECTOR.iin, expected_bin=DIRECTOR.bin)
    assert good.valid, good.errors
    assert good.signer is not None
    assert (good.signer.bin, good.signer.subject_type) == (DIRECTOR.bin, "legal_entity")
    assert good.signer.organization == DIRECTOR.organization
    wrong = verify(signature, trust=keys.trust(), expected_bin="999999999999")
    assert codes(wrong) == ["bin_mismatch"]


def test_detached_signature_verifies_against_the_data(keys: Keys) -> None:
    signature = sign_cms(FILING, keys.individual, attach=False)
    assert verify(signature, trust=keys.trust(), data=FILING).valid
    assert codes(verify(signature, trust=keys.trust(), data=FILING + b" ")) == ["other_data"]
    assert codes(verify(signature, trust=keys.trust())) == ["data_missing"]
    assert verify(signature, trust=keys.trust()).unreadable


def test_attached_signature_over_other_content_than_expected(keys: Keys) -> None:
    signature = sign_cms(b'{"case":"41"}', keys.individual)
    assert codes(verify(signature, trust=keys.trust(), data=FILING)) == ["other_data"]


def test_tampered_content_is_rejected(keys: Keys) -> None:
    info = cms.ContentInfo.load(sign_cms(FILING, keys.individual))
    info["content"]["encap_content_info"]["content"] = FILING.replace(b"picket", b"rally!")
    assert codes(verify(info.dump(force=True), trust=keys.trust())) == ["content_altered"]


def test_a_forged_signature_value_is_rejected(keys: Keys) -> None:
    info = cms.ContentInfo.load(sign_cms(FILING, keys.individual))
    signer = info["content"]["signer_infos"][0]
    value = bytearray(signer["signature"].native)
    value[10] ^= 0xFF
    signer["signature"] = bytes(value)
    assert codes(verify(info.dump(force=True), trust=keys.trust(), data=FILING)) == ["signature_invalid"]


def test_another_key_under_the_same_certificate_is_rejected(keys: Keys) -> None:
    # A signature made with the AUTH key but carrying the signing certificate: the value does not match.
    from beibit.signatures.testpki import Identity

    mixed = Identity(keys.individual_auth.key, keys.individual.certificate, keys.individual.chain)
    assert codes(verify(sign_cms(FILING, mixed), trust=keys.trust())) == ["signature_invalid"]


def test_a_signature_by_an_untrusted_root_is_rejected(keys: Keys) -> None:
    result = verify(sign_cms(FILING, keys.foreign), trust=keys.trust(), expected_iin=AIGERIM.iin)
    assert codes(result) == ["untrusted"]


def test_nothing_is_trusted_without_anchors(keys: Keys) -> None:
    assert codes(verify(sign_cms(FILING, keys.individual), trust=Trust(()))) == ["untrusted"]


def test_an_expired_certificate_is_rejected(keys: Keys) -> None:
    result = verify(sign_cms(FILING, keys.expired), trust=keys.trust())
    assert "expired" in codes(result)
    assert set(codes(result)) == {"expired"}


def test_validity_is_judged_at_the_moment_given(keys: Keys) -> None:
    """An outside tool may verify at the day of filing (`--at`): the expired key was valid a year ago."""
    a_year_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=200)
    signature = sign_cms(FILING, keys.expired, signing_time=a_year_ago)
    assert verify(signature, trust=keys.trust(crls=False), at=a_year_ago + dt.timedelta(minutes=1)).valid


def test_a_revoked_certificate_is_rejected_when_the_crl_is_known(keys: Keys) -> None:
    result = verify(sign_cms(FILING, keys.revoked), trust=keys.trust())
    assert codes(result) == ["revoked"]
    assert result.revocation == "revoked"


def test_without_a_revocation_source_the_status_is_not_checked_and_still_valid(keys: Keys) -> None:
    result = verify(sign_cms(FILING, keys.revoked), trust=keys.trust(crls=False))
    assert result.valid
    assert (result.revocation, result.revocation_checked_at) == ("not_checked", None)


def test_a_stale_crl_gives_not_checked(keys: Keys) -> None:
    stale = keys.pki.crls(valid_for=dt.timedelta(minutes=-30))  # next update passed
    base = keys.trust(crls=False)
    trust = Trust(base.anchors, base.intermediates, tuple(read_crl(c) for c in stale))
    result = verify(sign_cms(FILING, keys.individual), trust=trust)
    assert result.valid
    assert result.revocation == "not_checked"


def test_an_auth_key_cannot_sign_a_filing_but_can_sign_in(keys: Keys) -> None:
    signature = sign_cms(b"nonce", keys.individual_auth)
    assert codes(verify(signature, trust=keys.trust())) == ["auth_key"]
    assert verify(signature, trust=keys.trust(), purpose="auth").valid
    assert codes(verify(sign_cms(b"nonce", keys.individual), trust=keys.trust(), purpose="auth")) == [
        "not_auth_key"
    ]


def test_an_iin_that_does_not_match_is_rejected(keys: Keys) -> None:
    result = verify(sign_cms(FILING, keys.individual), trust=keys.trust(), expected_iin="010203400567")
    assert codes(result) == ["iin_mismatch"]


@pytest.mark.parametrize(
    "junk",
    [b"", b"hello", b"\x30\x03\x02\x01\x01", b"-----BEGIN CMS-----\nAAAA\n-----END CMS-----\n", b"\x00" * 50],
)
def test_what_is_not_a_cms_is_unreadable(keys: Keys, junk: bytes) -> None:
    result = verify(junk, trust=keys.trust(), data=FILING)
    assert codes(result) == ["not_cms"]
    assert result.unreadable


def test_a_certificate_is_not_a_cms(keys: Keys) -> None:
    assert codes(verify(keys.individual.der, trust=keys.trust(), data=FILING)) == ["not_cms"]


def test_base64_and_pem_as_ncalayer_returns_them(keys: Keys) -> None:
    der = sign_cms(FILING, keys.individual)
    b64 = base64.b64encode(der)
    wrapped = b"\r\n".join(b64[i : i + 64] for i in range(0, len(b64), 64))
    pem = b"-----BEGIN CMS-----\n" + wrapped + b"\n-----END CMS-----\n"
    for form in (b64, wrapped, pem):
        assert verify(form, trust=keys.trust(), data=FILING).valid


def test_a_signing_time_in_the_future_is_rejected(keys: Keys) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    result = verify(sign_cms(FILING, keys.individual, signing_time=later), trust=keys.trust())
    assert codes(result) == ["signing_time_in_future"]


def test_gost_keys_are_refused_with_a_clear_error_never_accepted(keys: Keys) -> None:
    info = cms.ContentInfo.load(sign_cms(FILING, keys.individual))
    cert = info["content"]["certificates"][0].chosen
    cert["tbs_certificate"]["subject_public_key_info"]["algorithm"]["algorithm"] = "1.2.398.3.10.1.1.1.1"
    info["content"]["signer_infos"][0]["digest_algorithm"]["algorithm"] = "1.2.398.3.10.1.3.1"
    result = verify(info.dump(force=True), trust=keys.trust(), data=FILING)
    assert codes(result) == ["unsupported_key_type"]
    assert "RSA key or file on paper" in result.errors[0].message


def test_every_error_code_has_a_message() -> None:
    assert set(MESSAGES) == set(ErrorCode)


def test_the_trust_directory_sorts_anchors_from_intermediates(keys: Keys) -> None:
    trust = load_trust(keys.trust_dir)
    assert len(trust.anchors) == 1 and len(trust.intermediates) == 1 and len(trust.crls) == 2
    assert trust.checks_revocation


def test_another_pki_with_the_same_names_is_not_trusted(keys: Keys) -> None:
    """Trust is in the keys, not the names: a rogue CA copying the TEST names is still untrusted."""
    rogue = Pki(keys.pki.now, label="TEST").issue(AIGERIM)
    assert codes(verify(sign_cms(FILING, rogue), trust=keys.trust())) == ["untrusted"]


def test_der_ending_in_a_whitespace_byte_is_read_as_it_is(keys: Keys) -> None:
    """DER is never stripped: a signature value ending in 0x20 or 0x0a is as likely as any other byte."""
    for attempt in range(2000):
        signature = sign_cms(FILING + str(attempt).encode(), keys.individual)
        if signature[-1:] in (b" ", b"\n", b"\r", b"\t", b"\x0b", b"\x0c"):
            break
    else:
        pytest.fail("no signature ended in a whitespace byte")
    assert verify(signature, trust=keys.trust()).valid


def test_verifies_inside_a_running_event_loop(keys: Keys) -> None:
    """An async caller (or a thread that runs a loop) still gets a full verification."""
    import asyncio
    import concurrent.futures

    async def inside() -> list[str]:
        return verify(sign_cms(FILING, keys.revoked), trust=keys.trust()).codes()

    # In a thread of its own: the test session's main thread may already run a loop (Playwright's).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(asyncio.run, inside()).result() == ["revoked"]
