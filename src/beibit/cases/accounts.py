"""Accounts and API tokens. Takes values, never an HTTP request: the API authenticates."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from beibit.cases.errors import InvalidInput, Unauthenticated
from beibit.cases.models import ApiToken, Profile, Role
from beibit.law.identifiers import iin_valid
from beibit.places.settlements import is_known_settlement


def register_organizer(
    *, email: str, password: str, full_name: str, iin: str, birth_date: dt.date, phone: str = ""
) -> AbstractBaseUser:
    """An organizer's account (email + password; IIN and birth date on the profile)."""
    user_model = get_user_model()
    email = email.strip().lower()
    if not iin_valid(iin):
        raise InvalidInput(_("This is not a valid IIN (check digit or birth date)."), field="iin")
    try:
        validate_password(password)
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages), field="password", code="weak_password") from None
    with transaction.atomic():
        if user_model.objects.filter(username=email).exists():
            raise InvalidInput(_("An account with this e-mail exists."), field="email", code="email_taken")
        user = user_model.objects.create_user(username=email, email=email, password=password)
        Profile.objects.create(
            user=user,
            role=Role.ORGANIZER,
            full_name=full_name.strip(),
            iin=iin,
            birth_date=birth_date,
            phone=phone,
        )
    return user


def create_staff(
    *, email: str, password: str, role: str, settlement: str, full_name: str = ""
) -> AbstractBaseUser:
    """An akimat officer or a maslikhat editor of one settlement (editors use the admin site), or a monitor
    (any settlement: stored without one)."""
    if role not in (Role.OFFICER, Role.MASLIKHAT_EDITOR, Role.MONITOR):
        raise InvalidInput(_("Staff are akimat officers, maslikhat editors or monitors."), field="role")
    if role == Role.MONITOR:
        settlement = ""
    elif not is_known_settlement(settlement):
        raise InvalidInput(_("Unknown settlement."), field="settlement", code="unknown_settlement")
    user_model = get_user_model()
    email = email.strip().lower()
    with transaction.atomic():
        user = user_model.objects.create_user(
            username=email, email=email, password=password, is_staff=role == Role.MASLIKHAT_EDITOR
        )
        Profile.objects.create(user=user, role=role, settlement=settlement, full_name=full_name)
    return user


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue_token(user: AbstractBaseUser | None, *, now: dt.datetime) -> tuple[str, AbstractBaseUser]:
    """A new bearer token for the account the caller authenticated (None: the credentials were wrong);
    only its digest is kept. The API authenticates with the request itself, so that django-axes counts
    failed attempts there as on the sign-in page (and locks brute force out)."""
    if user is None or getattr(user, "profile", None) is None:
        raise Unauthenticated(_("Wrong e-mail or password."), code="invalid_credentials")
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(user_id=user.pk, key_hash=token_digest(token), created_at=now)
    return token, user


def user_of_token(token: str) -> User | None:
    """The active account a bearer token (not revoked) belongs to, with its profile; None otherwise."""
    found = (
        ApiToken.objects.select_related("user__profile")
        .filter(key_hash=token_digest(token), revoked_at__isnull=True)
        .first()
    )
    if found is None or not found.user.is_active:
        return None
    return found.user


def revoke_token(token: str, *, now: dt.datetime) -> None:
    ApiToken.objects.filter(key_hash=token_digest(token), revoked_at__isnull=True).update(revoked_at=now)
