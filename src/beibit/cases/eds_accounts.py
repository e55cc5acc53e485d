"""Sign in with EDS: the browser signs a one-time server nonce with the AUTH key (NCA RK's authentication
certificate: digitalSignature + keyEncipherment, EKU clientAuth); the server verifies it and finds the
account by the IIN in the certificate, or creates an organizer's account for it (no password: it signs in
with EDS only). Staff accounts are found by their recorded IIN too, never created."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from beibit.cases.chain import canonical_json
from beibit.cases.models import Profile, Role
from beibit.cases.signed import SignatureRefused, current_trust, decode_signature, refusal_text
from beibit.law.identifiers import iin_birth_date, iin_valid
from beibit.signatures import ErrorCode, verify

#: How long a nonce may be signed after it was issued.
NONCE_LIFETIME = dt.timedelta(minutes=5)


def new_nonce() -> str:
    return secrets.token_hex(32)


def sign_in_document(nonce: str) -> bytes:
    """The bytes signed to sign in: the nonce and what it is for (a signature made for anything else —
    a filing, another site's sign-in — never doubles as one)."""
    return canonical_json({"act": "sign_in", "service": "beibit", "nonce": nonce}).encode("ascii")


def _refuse(code: ErrorCode) -> SignatureRefused:
    return SignatureRefused(refusal_text(code), field="signature", code=f"eds_{code.value}")


def account_for(
    signature: str | bytes, *, nonce: str, issued_at: dt.datetime, now: dt.datetime
) -> AbstractBaseUser:
    """The account the AUTH signature over `nonce` signs in; SignatureRefused when it does not hold."""
    raw = decode_signature(signature)
    if now - issued_at > NONCE_LIFETIME or now < issued_at:
        raise SignatureRefused(
            str(_("The sign-in request has expired. Sign in again.")),
            field="signature",
            code="eds_nonce_expired",
        )
    result = verify(raw, trust=current_trust(), data=sign_in_document(nonce), at=now, purpose="auth")
    if result.errors:
        raise _refuse(result.errors[0].code)
    if result.revocation == "not_checked" and not settings.EDS_ACCEPT_UNCHECKED_REVOCATION:
        raise _refuse(ErrorCode.REVOCATION_NOT_CHECKED)
    assert result.signer is not None
    iin = result.signer.iin
    if iin is None or not iin_valid(iin):
        raise _refuse(ErrorCode.IIN_MISMATCH)
    profiles = list(Profile.objects.filter(iin=iin).select_related("user").order_by("pk"))
    active = [p for p in profiles if p.user.is_active]
    if active:
        # An organizer's account first (the same person may also work for an akimat).
        chosen = next((p for p in active if p.role == Role.ORGANIZER), active[0])
        return chosen.user
    if profiles:
        raise SignatureRefused(
            str(_("This account is blocked.")), field="signature", code="eds_account_blocked"
        )
    return _create_organizer(iin, result.signer.name)


def _create_organizer(iin: str, name: str) -> AbstractBaseUser:
    user_model = get_user_model()
    username = f"eds-{iin}"
    try:
        with transaction.atomic():
            user = user_model.objects.create_user(username=username, email="", password=None)
            Profile.objects.create(
                user=user,
                role=Role.ORGANIZER,
                iin=iin,
                full_name=name.title(),
                birth_date=iin_birth_date(iin),
            )
    except IntegrityError:  # the same person signing in twice at once: the first one made it
        user = user_model.objects.get(username=username)
    return user
