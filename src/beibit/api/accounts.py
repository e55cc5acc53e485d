"""Accounts and tokens: an organizer registers with e-mail and password (IIN and birth date on the profile);
staff accounts are made by the administrator (`beibit manage createstaff` or the demo)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from beibit.api.auth import TokenAuth
from beibit.api.common import ERRORS, now, user_of
from beibit.api.schemas import (
    AccountOut,
    ConfirmationIn,
    OrganizerRegistrationIn,
    RegistrationOut,
    TokenIn,
    TokenOut,
)
from beibit.cases import accounts, signup, tokens

router = Router(tags=["accounts"])


def _account(user: Any) -> dict[str, Any]:
    profile = user.profile
    return {
        "id": user.pk,
        "email": user.email,
        "role": profile.role,
        "settlement": profile.settlement or None,
    }


@router.post(
    "/accounts",
    response={202: RegistrationOut, **ERRORS},
    summary="Register as an organizer (confirmed by the code mailed to the address)",
)
def register_organizer(request: HttpRequest, payload: OrganizerRegistrationIn) -> Status[dict[str, Any]]:
    signup.request_organizer_account(
        email=payload.email,
        password=payload.password,
        full_name=payload.full_name,
        iin=payload.iin,
        birth_date=payload.birth_date,
        phone=payload.phone,
    )
    # The same answer whether or not the address has an account: the e-mail says the rest.
    return Status(202, {"message": _("An e-mail with the next step was sent to the address.")})


@router.post(
    "/accounts/confirm",
    response={200: AccountOut, **ERRORS},
    summary="Confirm a new account with the code from its e-mail",
)
def confirm_account(request: HttpRequest, payload: ConfirmationIn) -> dict[str, Any]:
    return _account(signup.confirm_organizer_account(payload.uid, payload.token))


@router.post("/auth/token", response={200: TokenOut, **ERRORS}, summary="Get a bearer token for the API")
def create_token(request: HttpRequest, payload: TokenIn) -> dict[str, Any]:
    moment = now()
    # authenticate() with the request: django-axes counts failed attempts here as on the sign-in page.
    found = authenticate(request, username=payload.email.strip().lower(), password=payload.password)
    token, user = accounts.issue_token(found, now=moment)
    account = _account(user)
    return {
        "token": token,
        "role": account["role"],
        "settlement": account["settlement"],
        "expires_at": moment + tokens.lifetime(),
    }


@router.post(
    "/auth/token/rotate",
    auth=TokenAuth(),
    response={200: TokenOut, **ERRORS},
    summary="Replace this token with a new one (this one is revoked)",
)
def rotate_token(request: HttpRequest) -> dict[str, Any]:
    token, successor = accounts.rotate_token(_bearer(request), now=now())
    account = _account(user_of(request))
    return {
        "token": token,
        "role": account["role"],
        "settlement": account["settlement"],
        "expires_at": tokens.expires_at(successor),
    }


def _bearer(request: HttpRequest) -> str:
    header = request.headers.get("Authorization", "")
    return header.split(" ", 1)[1].strip() if " " in header else ""


@router.delete("/auth/token", auth=TokenAuth(), response={204: None, **ERRORS}, summary="Revoke this token")
def delete_token(request: HttpRequest) -> Status[None]:
    accounts.revoke_token(_bearer(request), now=now())
    return Status(204, None)


@router.get(
    "/me", auth=TokenAuth(), response={200: AccountOut, **ERRORS}, summary="The account of this token"
)
def me(request: HttpRequest) -> dict[str, Any]:
    return _account(user_of(request))
