"""The organizer's consent to publish a case's purpose and a group name (the only writer of
`PublicationConsent`). Only the case's own organizer gives or changes it; a name that looks like an
identification number, an e-mail address or a phone number is refused, since the register names no person."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.models import AbstractBaseUser, User
from django.db import transaction
from django.utils.translation import gettext as _

from beibit.cases.errors import Forbidden, InvalidInput, NotFound
from beibit.cases.models import Case
from beibit.opendata.models import PublicationConsent

_DIGITS = re.compile(r"\d{6,}")
_EMAIL = re.compile(r"\S+@\S+")


def check_group_name(name: str) -> str:
    name = " ".join(name.split())
    if _DIGITS.search(name.replace(" ", "").replace("-", "").replace("+", "")) or _EMAIL.search(name):
        raise InvalidInput(
            _("Give the group's or organization's name only: no identification numbers, e-mail or phone."),
            field="group_name",
        )
    return name


def consent_of(case: Case) -> PublicationConsent | None:
    return PublicationConsent.objects.filter(case=case).first()


def own_filed_case(case_id: int, user: AbstractBaseUser) -> Case:
    case = Case.objects.filter(pk=case_id, submitted_at__isnull=False).first()
    if case is None:
        raise NotFound(_("No such case."))
    if case.organizer_id != user.pk:
        raise Forbidden(_("Only the case's organizer decides what is published."))
    return case


def give(
    case_id: int, user: User, *, publish_purpose: bool, group_name: str, now: dt.datetime
) -> PublicationConsent:
    """Record (or change, or withdraw by leaving both empty) what the organizer agrees to publish."""
    name = check_group_name(group_name)
    with transaction.atomic():
        case = own_filed_case(case_id, user)
        consent, _created = PublicationConsent.objects.update_or_create(
            case=case,
            defaults={
                "publish_purpose": publish_purpose,
                "group_name": name,
                "given_by": user,
                "updated_at": now,
            },
        )
    return consent
