"""The log of edits made to the registry in the administration site: what an edit changed, as an import's
row says what an import changed. One append-only `RegistryEdit` row per addition or change of an entry or a
maslikhat decision, written in the transaction of the edit itself."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from beibit.registry.models import EditAction, EditSubject, RegistryEdit, RegistryEntryRecord

# Bookkeeping columns the record keeps for itself; the log's own row says who and when.
_NOT_LOGGED = frozenset({"id", "updated_at", "updated_by_id"})


def snapshot(record: models.Model) -> dict[str, Any]:
    """The record's stored fields as JSON values (dates and times as ISO text, a decision by its id)."""
    fields = {
        field.attname: field.value_from_object(record)
        for field in record._meta.concrete_fields
        if field.attname not in _NOT_LOGGED
    }
    loaded: dict[str, Any] = json.loads(json.dumps(fields, cls=DjangoJSONEncoder))
    return loaded


def _label(record: models.Model, subject: EditSubject) -> str:
    if subject == EditSubject.ENTRY and isinstance(record, RegistryEntryRecord):
        return f"{record.entry_id} ({record.valid_from.isoformat()})"
    return str(record)[:300]


def record_edit(
    record: models.Model,
    subject: EditSubject,
    *,
    before: dict[str, Any] | None,
    user: AbstractBaseUser | AnonymousUser | None,
    now: dt.datetime | None = None,
) -> RegistryEdit | None:
    """Append the edit of `record` (saved already; `before`: its snapshot before the edit, None when it was
    added) to the log. A save that changed nothing is not an edit and leaves no row."""
    after = snapshot(record)
    if before is not None and before == after:
        return None
    account: Any = user if user is not None and user.is_authenticated else None
    return RegistryEdit.objects.create(
        settlement=str(getattr(record, "settlement", "")),
        edited_at=now or timezone.now(),
        edited_by=account,
        edited_by_name=account.get_username() if account is not None else "",
        action=EditAction.CREATE if before is None else EditAction.CHANGE,
        subject=subject,
        object_pk=int(record.pk),
        label=_label(record, subject),
        before=before,
        after=after,
    )
