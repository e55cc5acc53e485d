"""Django admin: cases, events and bookings are shown read-only to superusers: they are written by the
actions only. The registry's admin is in `beibit.registry.admin`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from beibit.cases.models import Booking, Case, CaseEvent


class _ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    """Cases, events and bookings change only through the services; the admin only shows them."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(_ReadOnly):
    list_display = ("id", "settlement", "form", "status", "registration_day", "review_deadline")
    list_filter = ("settlement", "status", "form")


@admin.register(CaseEvent)
class CaseEventAdmin(_ReadOnly):
    list_display = ("case", "seq", "kind", "effective_on", "occurred_at", "actor_role")
    list_filter = ("kind",)


@admin.register(Booking)
class BookingAdmin(_ReadOnly):
    list_display = ("id", "settlement", "place_id", "kind", "starts_at", "ends_at", "released_at")
    list_filter = ("settlement", "kind")
