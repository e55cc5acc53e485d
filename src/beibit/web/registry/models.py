"""The import log of the registry of places: one append-only row per version imported.

Each row says who imported which file (its name and SHA-256 digest), under which maslikhat decision, from
which day, and what it changed (the ids added and the ids of earlier entries it ended). Rows are never
updated or deleted: here (save, delete, bulk update and delete) as for the case events.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beibit.cases.models import AppendOnlyModel, MaslikhatDecisionRecord


class ImportVia(models.TextChoices):
    PAGE = "page", _("upload page")
    CLI = "cli", _("command line")
    ADMIN = "admin", _("administration site")


class RegistryImport(AppendOnlyModel):
    """One import of a registry version (a GeoJSON file under a maslikhat decision)."""

    settlement = models.CharField(_("settlement"), max_length=64)
    imported_at = models.DateTimeField(_("imported at"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("imported by"),
    )
    # The account's name at the time, kept even if the account is renamed later.
    imported_by_name = models.CharField(_("imported by (name)"), max_length=254, blank=True)
    via = models.CharField(_("via"), max_length=16, choices=ImportVia.choices)
    decision = models.ForeignKey(
        MaslikhatDecisionRecord, on_delete=models.PROTECT, related_name="+", verbose_name=_("decision")
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to (inclusive)"), null=True, blank=True)
    replaced = models.BooleanField(_("replaced the entries in force"))
    file_name = models.CharField(_("file name"), max_length=255)
    file_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    file_size = models.PositiveIntegerField(_("file size (bytes)"))
    added_ids = models.JSONField(_("ids added"))
    ended_ids = models.JSONField(_("ids ended"))

    APPEND_ONLY = "the registry import log is"

    class Meta:
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")
        ordering = ("-imported_at", "-id")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["settlement", "imported_at"], name="registry_import_log"),
        ]

    def __str__(self) -> str:
        return f"{self.settlement} {self.imported_at:%Y-%m-%d %H:%M} {self.file_name}"

    @property
    def added_count(self) -> int:
        return len(self.added_ids)

    @property
    def ended_count(self) -> int:
        return len(self.ended_ids)
