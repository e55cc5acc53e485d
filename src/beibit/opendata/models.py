"""What the open data store of their own: the organizer's consent to publish a case's purpose text and a group
or legal entity's name (register-export.md: both only with consent).

This consent is separate from the consent to the processing of personal data that a filing carries
(Art 10(3)(11), 12(2)(11)): that one lets the akimat process the data, not the public read them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beibit.cases.models import Case


class PublicationConsent(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="publication_consent")
    publish_purpose = models.BooleanField(_("publish the purpose of the assembly"), default=False)
    group_name = models.CharField(
        _("name of the group or organization to publish"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to publish no name. Never a person's name or identification number."),
    )
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("consent to publication")
        verbose_name_plural = _("consents to publication")

    def __str__(self) -> str:
        return f"publication consent for case {self.case_id}"
