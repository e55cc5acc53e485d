"""Accounts and tokens: an organizer registers with e-mail and password (IIN and birth date on the profile);
staff accounts are made by the administrator (`beibit manage createstaff` or the demo)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest
from ninja import Router, Status

from beibit.api.auth import TokenAuth
from beibit.api.common import ERRORS, now, user_of
from beibit.api.schemas import AccountOut, OrganizerRegistrationIn, TokenIn, TokenOut
from beibit.cases import accounts

router = Router(tags=["accounts"])


def _account(user: Any) -> dict[str, Any]:
    profile = user.profile
    return {
        "id": user.pk,
        "email": user.email,
        "role": profile.role,
        "settlement": profile.settlement or None,
    }


@router.post("/accounts", response={201: AccountOut, **ERRORS}, summary="Register as an organizer")
def register_organizer(request: HttpRequest, payload: OrganizerRegistrationIn) -> Status[dict[str, Any]]:
    user = accounts.register_organizer(
        email=payload.email,
        password=payload.password,
        full_name=payload.full_name,
        iin=payload.iin,
        birth_date=payload.birth_date,
        phone=payload.phone,
    )
    return Status(201, _account(user))


@router.post("/auth/token", response={200: TokenOut, **ERRORS}, summary="Get a bearer token for the API")
def create_token(request: HttpRequest, payload: TokenIn) -> dict[str, Any]:
    # authenticate() with the request: django-axes counts failed attempts here as on the sign-in page.
    found = authenticate(request, username=payload.email.strip().lower(), password=payload.password)
    token, user = accounts.issue_token(found, now=now())
    account = _account(user)
    return {"token": token, "role": account["role"], "settlement": account["settlement"]}


@router.delete("/auth/token", auth=TokenAuth(), response={204: None, **ERRORS}, summary="Revoke this token")
def delete_token(request: HttpRequest) -> Status[None]:
    header = request.headers.get("Authorization", "")
    accounts.revoke_token(header.split(" ", 1)[1].strip() if " " in header else "", now=now())
    return Status(204, None)


@router.get(
    "/me", auth=TokenAuth(), response={200: AccountOut, **ERRORS}, summary="The account of this token"
)
def me(request: HttpRequest) -> dict[str, Any]:
    return _account(user_of(request))
