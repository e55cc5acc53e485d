"""Who acts: an account with its role and settlement."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from beibit.cases.errors import Forbidden
from beibit.cases.models import Profile

SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class Actor:
    user: AbstractBaseUser
    role: str
    settlement: str

    @property
    def user_id(self) -> int:
        pk: int = self.user.pk
        return pk


def actor_of(user: AbstractBaseUser, role: str | None = None) -> Actor:
    """The acting account with its role; Forbidden if it has no profile or not the role required."""
    profile: Profile | None = getattr(user, "profile", None)
    if profile is None or not user.is_active:
        raise Forbidden(_("This account has no role in Beibit."))
    if role is not None and profile.role != role:
        raise Forbidden(_("This action is for another role."))
    return Actor(user, profile.role, profile.settlement)


def as_actor(who: Actor | AbstractBaseUser, role: str) -> Actor:
    actor = who if isinstance(who, Actor) else actor_of(who)
    if actor.role != role:
        raise Forbidden(_("This action is for another role."))
    return actor
