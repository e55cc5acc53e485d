"""The outbox for administrators: every message with its attempts; the failed ones filtered in one click."""

from __future__ import annotations

from typing import ClassVar

from django.contrib import admin

from beibit.notifications.models import Attempt, OutboxMessage


class AttemptInline(admin.TabularInline[Attempt, OutboxMessage]):
    model = Attempt
    extra = 0
    can_delete = False
    readonly_fields = ("number", "started_at", "finished_at", "ok", "detail")

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin[OutboxMessage]):
    list_display = (
        "created_at",
        "kind",
        "case",
        "address",
        "channel",
        "status",
        "attempts",
        "sent_at",
        "delivery_status",
    )
    list_filter = ("status", "channel", "delivery_status", "kind", "legal")
    search_fields = ("address", "kind", "provider_id")
    readonly_fields: ClassVar[list[str]] = [f.name for f in OutboxMessage._meta.fields]
    inlines = (AttemptInline,)

    def has_add_permission(self, request: object) -> bool:
        return False
