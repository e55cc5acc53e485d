"""The texts of the history findings (beibit.law.sanctions.HISTORY_MESSAGES) for this app's catalog, so
the pages show them in kk and ru; a test keeps the two identical."""

from __future__ import annotations

from django.utils.translation import gettext_noop

HISTORY_TEXTS: dict[str, str] = {
    "sanction.fine_not_whole_mci:mci": gettext_noop(
        "The fine of {amount} MCI is not a whole number of MCI; fines are pronounced as a whole "
        "number of MCI. Check the record against the court's decision."
    ),
    "sanction.fine_not_whole_mci:kzt": gettext_noop(
        "The fine of {amount} tenge is not a whole number of MCI at the value for fines on "
        "{offence_day} ({mci_value} tenge; it equals {in_mci} MCI). Check the record against the "
        "court's decision."
    ),
    "STD.NO_SANCTION_FOR_NO_NOTICE": gettext_noop(
        "{people} person(s) were sanctioned only because the assembly had not been notified or "
        "agreed ({article}). Under the standards the lack of notice does not by itself make taking "
        "part unlawful, and it is no ground for detention or punishment."
    ),
    "STD.JUSTIFY_LEAST_INTRUSIVE:no_reasons": gettext_noop(
        "The akimat refused without recording the facts that justify it. Under the standards the "
        "authority must show why a restriction is necessary and proportionate."
    ),
    "STD.JUSTIFY_LEAST_INTRUSIVE:no_alternative": gettext_noop(
        "The akimat refused (grounds: {grounds}) without first proposing another place or time. "
        "Under the standards a ban is a last resort, after the least intrusive measures have been "
        "considered."
    ),
    "STD.ORGANIZER_LIABILITY": gettext_noop(
        "{people} organizer(s) were sanctioned for what others did at the assembly ({article}). "
        "Under the standards organizers answer only for their own conduct or for harm they could "
        "reasonably foresee and prevent."
    ),
    "STD.TIMELY_DECISION_REMEDY:decision": gettext_noop(
        "The akimat's restrictive answer came on {decision_day}, {gap_days} day(s) before the "
        "assembly on {assembly_day}; this engine assumes a court needs at least {remedy_days} days, "
        "so it could not be reviewed in time. The standards want restrictions announced early "
        "enough for a timely review."
    ),
    "STD.SIMULTANEOUS_COUNTER": gettext_noop(
        "The akimat refused because the place was taken at that time (333-VI art. 14(1)(10)) "
        "without proposing another place or time. The standards expect simultaneous assemblies to "
        "be facilitated, with relocation or a change of time considered before a refusal."
    ),
    "STD.NO_PLEDGES": gettext_noop(
        "The record reports warnings, preventive talks or pledges demanded from people not to "
        "organise or join assemblies. The standards do not allow such pledges."
    ),
    "STD.ONLINE_SHUTDOWN": gettext_noop(
        "Internet access was disrupted around the assembly. The standards protect the online "
        "activities that go with an assembly and rule out blocking connectivity."
    ),
    "STD.MONITORS_JOURNALISTS": gettext_noop(
        "Journalists or monitors were obstructed or detained at the assembly. The standards protect "
        "their work and forbid preventing or unduly limiting it."
    ),
    "STD.DISPERSAL": gettext_noop(
        "The assembly was dispersed although the record does not show that it had turned violent. "
        "Under the standards dispersal is exceptional: only when an assembly is no longer peaceful "
        "or there is an imminent threat of serious violence, with the least force."
    ),
}
