"""A person's page of messages: what Beibit sent them and when, and what they chose to receive."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beibit.cases.models import Profile, Role
from beibit.notifications.models import OutboxMessage, Preferences, Status
from beibit.notifications.queries import report_label
from beibit.notifications.sms import FAILED_STATUSES
from beibit.notifications.texts import REMINDER_KINDS, kind_label
from beibit.places.settlements import is_known_settlement

LANGUAGE_CHOICES = (("kk", "Қазақша"), ("ru", "Русский"), ("en", "English"))


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language of messages"), choices=LANGUAGE_CHOICES)
    reminders = forms.BooleanField(
        label=gettext_lazy(
            "Reminders (deadlines on the next working day and today, the assembly's day, "
            "the end of the appeal period)"
        ),
        required=False,
        help_text=gettext_lazy("Notices the law attaches a consequence to are always sent."),
    )
    sms = forms.BooleanField(
        label=gettext_lazy("SMS as well as e-mail, to the mobile number of the account"), required=False
    )
    follows = forms.CharField(
        label=gettext_lazy(
            "Settlements whose new filings and decisions you follow (monitors; codes, comma-separated)"
        ),
        required=False,
        max_length=500,
    )

    def clean_follows(self) -> str:
        codes = [c.strip() for c in str(self.cleaned_data.get("follows") or "").split(",") if c.strip()]
        unknown = [c for c in codes if not is_known_settlement(c)]
        if unknown:
            raise forms.ValidationError(_("Unknown settlement: %(codes)s") % {"codes": ", ".join(unknown)})
        return ",".join(dict.fromkeys(codes))


@login_required
def sent(request: HttpRequest) -> HttpResponse:
    user_id: int = request.user.pk or 0  # login_required: always a signed-in account
    prefs = Preferences.objects.filter(user_id=user_id).first() or Preferences(user_id=user_id)
    profile = Profile.objects.filter(user_id=user_id).first()
    is_monitor = profile is not None and profile.role == Role.MONITOR
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            prefs.language = form.cleaned_data["language"]
            prefs.reminders = form.cleaned_data["reminders"]
            prefs.sms = form.cleaned_data["sms"]
            if is_monitor:
                prefs.follows = form.cleaned_data["follows"]
            prefs.save()
            messages.success(request, _("Your choices are saved."))
            return redirect("notifications:sent")
        status = 422
    else:
        form = PreferencesForm(initial=prefs.as_dict())
        status = 200
    if not is_monitor:
        del form.fields["follows"]
    rows = [
        {
            "when": m.sent_at or m.created_at,
            "kind": kind_label(m.kind),
            "case_id": m.case_id,
            "channel": m.get_channel_display(),
            "address": m.address,
            "status": m.get_status_display(),
            "delivered": m.status == Status.SENT,
            "reminder": m.kind in REMINDER_KINDS,
            "subject": m.subject,
            "report": report_label(m.delivery_status),
            "report_failed": m.delivery_status in FAILED_STATUSES,
        }
        for m in OutboxMessage.objects.filter(recipient_id=user_id).order_by("-created_at", "-pk")[:200]
    ]
    return render(request, "notifications/sent.html", {"rows": rows, "form": form}, status=status)
