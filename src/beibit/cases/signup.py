"""An organizer's account requested through the API, without telling whether the e-mail is registered
(issue 14, fault 18).

`POST /accounts` answers the same way whether or not the address has an account; the e-mail sent to the
address says the rest. A new address gets an inactive account and a confirmation code (uid and token) that
`POST /accounts/confirm` redeems; an address that has a confirmed account gets a note that someone asked to
register it. An unconfirmed account is replaced by the latest request, since only the mailbox's owner can
confirm it (no one can hold an address they do not read). The password is hashed in every branch, so the
time taken does not tell the branches apart either.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser, User
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from beibit.cases.errors import InvalidInput
from beibit.cases.models import Profile, Role
from beibit.law.identifiers import iin_valid


def request_organizer_account(
    *, email: str, password: str, full_name: str, iin: str, birth_date: dt.date, phone: str = ""
) -> None:
    """Validate the request, then either make (or renew) an unconfirmed account and mail its confirmation
    code, or mail the holder of a confirmed account that someone asked for one. Nothing is returned that
    would tell the two apart."""
    email = email.strip().lower()
    if not iin_valid(iin):
        raise InvalidInput(_("This is not a valid IIN (check digit or birth date)."), field="iin")
    try:
        validate_password(password)
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages), field="password", code="weak_password") from None
    hashed = make_password(password)
    user_model = get_user_model()
    try:
        with transaction.atomic():
            user = user_model.objects.select_for_update().filter(username=email).first()
            if user is not None and user.is_active:
                _mail_taken(email)
                return
            if user is None:
                user = user_model.objects.create(
                    username=email, email=email, password=hashed, is_active=False
                )
            else:
                user.password = hashed
                user.save(update_fields=["password"])
            Profile.objects.update_or_create(
                user=user,
                defaults={
                    "role": Role.ORGANIZER,
                    "full_name": full_name.strip(),
                    "iin": iin,
                    "birth_date": birth_date,
                    "phone": phone,
                },
            )
            _mail_confirmation(user)
    except IntegrityError:
        return  # the same address requested at the same moment: the other request mails its owner


def confirm_organizer_account(uid: str, token: str) -> AbstractBaseUser:
    """Activate the account the code was mailed for; InvalidInput for a code that is not (or no longer)
    valid."""
    user_model = get_user_model()
    try:
        user = user_model.objects.get(pk=int(force_str(urlsafe_base64_decode(uid))))
    except (ValueError, OverflowError, user_model.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        raise InvalidInput(
            _("This confirmation code is not valid; ask for a new one by registering again."),
            field="token",
            code="invalid_token",
        )
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def _mail_confirmation(user: AbstractBaseUser) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(cast(User, user))
    body = _(
        "Someone (probably you) asked for a Beibit organizer account for this address.\n\n"
        "To confirm it, send POST /api/v1/accounts/confirm with\n"
        '{"uid": "%(uid)s", "token": "%(token)s"}\n\n'
        "If it was not you, ignore this message: the account stays inactive."
    ) % {"uid": uid, "token": token}
    send_mail(
        _("Confirm your Beibit account"), body, settings.DEFAULT_FROM_EMAIL, [str(getattr(user, "email", ""))]
    )


def _mail_taken(email: str) -> None:
    body = _(
        "Someone asked for a Beibit organizer account for this address, which already has one. "
        "If it was you, sign in with your password; nothing was changed."
    )
    send_mail(_("Your Beibit account"), body, settings.DEFAULT_FROM_EMAIL, [email])
