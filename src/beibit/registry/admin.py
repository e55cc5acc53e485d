"""Django admin: the maslikhat editor keeps the registry of places of the own settlement (Art 8(2)).

An editor sees and edits only the own settlement's decisions and entries. Entries are never deleted: a place
that is no longer specialized gets a `valid_to`, so a decision taken while it was in force can still be
checked against the registry as it stood. Every save is validated as the file registry validates a feature
(`beibit.places.parse_feature`) and against the settlement's other entries (no overlapping validity of one
id). Every addition or change is written to the append-only edit log (`RegistryEdit`: who, when, the fields
before and after) in the same transaction as the change itself; the history page shows it beside the imports.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from beibit.common.roles import MASLIKHAT_EDITOR
from beibit.places import Registry, RegistryError
from beibit.places.settlements import settlement_ids
from beibit.registry.edits import record_edit, snapshot
from beibit.registry.models import EditSubject, MaslikhatDecisionRecord, RegistryEntryRecord
from beibit.registry.store import clear_cache, record_entry


def _editor_settlement(user: AbstractBaseUser | AnonymousUser) -> str | None:
    """The settlement an editor works for; None for superusers (all) and for anyone else."""
    profile = getattr(user, "profile", None)
    if profile is not None and profile.role == MASLIKHAT_EDITOR and user.is_active:
        return str(profile.settlement)
    return None


def _may_edit_registry(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(getattr(user, "is_superuser", False)) or _editor_settlement(user) is not None


class _SettlementScoped(admin.ModelAdmin):  # type: ignore[type-arg]
    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        found = super().get_queryset(request)
        settlement = _editor_settlement(request.user)
        if settlement is not None and not request.user.is_superuser:
            found = found.filter(settlement=settlement)
        return found

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _may_edit_registry(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _may_edit_registry(request.user) and self._own(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _may_edit_registry(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _may_edit_registry(request.user) and self._own(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # end a validity period instead

    def _own(self, request: HttpRequest, obj: Any) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        return bool(obj.settlement == _editor_settlement(request.user))

    subject: EditSubject

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Save and log the edit in one transaction: the edit log's row holds the fields before and after."""
        with transaction.atomic():
            before = snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
            super().save_model(request, obj, form, change)
            record_edit(obj, self.subject, before=before, user=request.user)
        clear_cache()  # this process at once; the others within RECHECK_SECONDS

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        settlement = _editor_settlement(request.user)
        choices = [(s, s) for s in settlement_ids()]
        if settlement is not None and not request.user.is_superuser:
            choices = [(settlement, settlement)]
        if "settlement" in form.base_fields:
            form.base_fields["settlement"] = forms.ChoiceField(choices=choices, label=_("settlement"))
        if "decision" in form.base_fields and settlement is not None and not request.user.is_superuser:
            field = form.base_fields["decision"]
            field.queryset = MaslikhatDecisionRecord.objects.filter(settlement=settlement)  # type: ignore[attr-defined]
        return form


@admin.register(MaslikhatDecisionRecord)
class MaslikhatDecisionAdmin(_SettlementScoped):
    subject = EditSubject.DECISION
    list_display = ("settlement", "number", "date", "registration", "adilet_id")
    list_filter = ("settlement",)
    search_fields = ("number", "note", "adilet_id")


class RegistryEntryForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = RegistryEntryRecord
        fields = (  # every field but updated_by, which the admin sets itself
            "entry_id",
            "settlement",
            "registry_type",
            "kind",
            "name_ru",
            "name_kk",
            "name_en",
            "geometry",
            "valid_from",
            "valid_to",
            "decision",
            "geometry_quality",
            "max_occupancy",
            "support_requirements",
            "hours_opens",
            "hours_closes",
            "usage_limits",
            "article_9_5_subparagraph",
            "buffer_m",
            "basis",
            "notes",
            "source",
        )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.errors:
            return cleaned
        record: RegistryEntryRecord = self.instance
        for name, value in cleaned.items():
            setattr(record, name, value)
        if record.decision_id and record.decision.settlement != record.settlement:
            raise forms.ValidationError(_("The decision belongs to another settlement."))
        try:
            entry = record_entry(record)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        others = RegistryEntryRecord.objects.filter(settlement=record.settlement).select_related("decision")
        if record.pk:
            others = others.exclude(pk=record.pk)
        try:
            Registry([*(record_entry(other) for other in others), entry])
        except (RegistryError, ValueError) as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned


@admin.register(RegistryEntryRecord)
class RegistryEntryAdmin(_SettlementScoped):
    subject = EditSubject.ENTRY
    form = RegistryEntryForm
    list_display = (
        "entry_id",
        "settlement",
        "registry_type",
        "kind",
        "valid_from",
        "valid_to",
        "max_occupancy",
    )
    list_filter = ("settlement", "registry_type", "kind")
    search_fields = ("entry_id", "name_ru", "name_kk", "name_en")
    ordering = ("settlement", "entry_id", "valid_from")

    def save_model(self, request: HttpRequest, obj: RegistryEntryRecord, form: Any, change: bool) -> None:
        obj.updated_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
