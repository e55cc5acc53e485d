"""What the registry of places stores (the tables moved here from `cases` and `web.registry` in issue 12 keep
their names and rows).

- `MaslikhatDecisionRecord`, `RegistryEntryRecord`: the registry kept by the maslikhat editors: every record
  is one version of a place, route or picket-free object, field by field a registry GeoJSON feature.
- `RegistryImport`: the append-only import log, one row per version imported (who, which file and its
  SHA-256, which decision, from which day, what it added and ended, the editor's EDS over the file).
- `RegistryEdit`: the append-only log of edits made in the administration site, one row per change of an
  entry or a decision (who, when, the fields before and after), so that an edit leaves the trace an import
  leaves.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beibit.common.append_only import AppendOnlyModel


class MaslikhatDecisionRecord(models.Model):
    """The maslikhat decision that set places, routes or picket-free boundaries (Art 8(2))."""

    settlement = models.CharField(_("settlement"), max_length=64)
    number = models.CharField(_("number"), max_length=64, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    adilet_id = models.CharField(_("Adilet id"), max_length=64, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    registration = models.CharField(_("state registration"), max_length=64, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "cases_maslikhatdecisionrecord"  # the table's name from before the move (issue 12)
        verbose_name = _("maslikhat decision")
        verbose_name_plural = _("maslikhat decisions")

    def __str__(self) -> str:
        parts = [self.settlement]
        if self.number:
            parts.append(f"No. {self.number}")
        if self.date:
            parts.append(self.date.isoformat())
        if len(parts) == 1 and self.note:
            parts.append(self.note[:60])
        return " ".join(parts)


class RegistryType(models.TextChoices):
    SPECIALIZED_PLACE = "specialized_place", _("specialized place or route")
    PROHIBITED_OBJECT = "prohibited_object", _("object with a picket-free territory (Art 9(5))")


class RegistryEntryRecord(models.Model):
    """One version of a specialized place, route or picket-free object, as the maslikhat decided it.

    The fields are those of a registry GeoJSON feature (docs/registry.md); `beibit.places.parse_feature`
    validates each record, so the admin refuses what the registry would refuse.
    """

    entry_id = models.CharField(_("id"), max_length=128)
    settlement = models.CharField(_("settlement"), max_length=64)
    registry_type = models.CharField(_("type"), max_length=32, choices=RegistryType.choices)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        blank=True,
        help_text=_("square, park, street, route or other; empty for picket-free objects"),
    )
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    geometry = models.JSONField(_("geometry (GeoJSON, WGS 84)"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to (inclusive)"), null=True, blank=True)
    decision = models.ForeignKey(
        MaslikhatDecisionRecord, on_delete=models.PROTECT, related_name="entries", verbose_name=_("decision")
    )
    geometry_quality = models.CharField(_("geometry quality"), max_length=16, default="approximate")
    max_occupancy = models.PositiveIntegerField(_("maximum occupancy"), null=True, blank=True)
    support_requirements = models.TextField(_("support requirements"), blank=True)
    hours_opens = models.TimeField(_("opens"), null=True, blank=True)
    hours_closes = models.TimeField(_("closes"), null=True, blank=True)
    usage_limits = models.JSONField(_("usage limits"), null=True, blank=True)
    article_9_5_subparagraph = models.PositiveSmallIntegerField(
        _("Art 9(5) subparagraph"), null=True, blank=True
    )
    buffer_m = models.PositiveIntegerField(_("picket-free boundary (m)"), null=True, blank=True)
    basis = models.CharField(_("basis"), max_length=32, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source = models.JSONField(_("source"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "cases_registryentryrecord"  # the table's name from before the move (issue 12)
        verbose_name = _("registry entry")
        verbose_name_plural = _("registry entries")
        ordering = ("settlement", "entry_id", "valid_from")
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["settlement", "entry_id", "valid_from"], name="registry_entry_version_unique"
            ),
        ]

    def __str__(self) -> str:
        until = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.entry_id} ({self.valid_from.isoformat()} – {until})"


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
    # The editor's EDS over the file's exact bytes (issue 16): the CMS (base64 DER) and the verification
    # result when it was received (signer, signing time, revocation). Empty for imports made without the
    # page (the command line, the bundled data): the page accepts no unsigned upload. A nullable column
    # only, so that adding it rebuilds no table (SQLite would drop the log's triggers with the old table).
    signature = models.JSONField(_("electronic digital signature"), null=True, blank=True)

    APPEND_ONLY = "the registry import log is"

    class Meta:
        db_table = "web_registry_registryimport"  # the table's name from before the move (issue 12)
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

    @property
    def verification(self) -> dict[str, Any]:
        """The signature's verification result as recorded ({} for an unsigned import)."""
        found: dict[str, Any] = (self.signature or {}).get("verification") or {}
        return found


class EditAction(models.TextChoices):
    CREATE = "create", _("added")
    CHANGE = "change", _("changed")


class EditSubject(models.TextChoices):
    ENTRY = "entry", _("registry entry")
    DECISION = "decision", _("maslikhat decision")


class RegistryEdit(AppendOnlyModel):
    """One edit of the registry made in the administration site: the record's fields before and after."""

    settlement = models.CharField(_("settlement"), max_length=64)
    edited_at = models.DateTimeField(_("edited at"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("edited by"),
    )
    # The account's name at the time, kept even if the account is renamed later.
    edited_by_name = models.CharField(_("edited by (name)"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=EditAction.choices)
    subject = models.CharField(_("what"), max_length=16, choices=EditSubject.choices)
    object_pk = models.BigIntegerField(_("record"))
    label = models.CharField(_("id"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"))

    APPEND_ONLY = "the registry edit log is"

    class Meta:
        verbose_name = _("registry edit")
        verbose_name_plural = _("registry edits")
        ordering = ("-edited_at", "-id")
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["settlement", "edited_at"], name="registry_edit_log"),
        ]

    def __str__(self) -> str:
        return f"{self.settlement} {self.edited_at:%Y-%m-%d %H:%M} {self.action} {self.label}"

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for every field the edit changed (every field of an addition)."""
        before = self.before or {}
        return [(name, before.get(name), new) for name, new in self.after.items() if before.get(name) != new]
