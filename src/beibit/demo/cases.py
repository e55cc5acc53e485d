"""Demo data: accounts of every role for Almaty and Astana, and a story of cases in every status.

Loaded only by `beibit demo` into the demo database (never by a migration). The story is played through the
services with `now` set in the past, day by day, so every case's log is what the law's clock would have
produced: a notification nobody answered is deemed agreed by silence, an application is overdue, a rally
is refused on 14(1)(10) after its organizer declined the other place offered, and so on. Dates are relative
to the moment the demo is loaded; past days are moved back to the nearest working day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from beibit.cases.accounts import create_staff, register_organizer
from beibit.cases.actions.answer import answer_proposal
from beibit.cases.actions.appeal import record_appeal
from beibit.cases.actions.assembly import appoint_representative, record_held, suspend, terminate
from beibit.cases.actions.booking import enter_akimat_booking
from beibit.cases.actions.decision import record_decision, record_delivery
from beibit.cases.actions.filing import create_case, submit, withdraw
from beibit.cases.clock import apply_clock
from beibit.cases.inputs import (
    AkimatBookingInput,
    AppealInput,
    DecisionInput,
    DeliveryInput,
    HeldInput,
    ProposalInput,
    RepresentativeInput,
    SuspensionInput,
    TerminationInput,
)
from beibit.cases.models import Case
from beibit.law import procedure
from beibit.law.calendar import default_calendar, zone
from beibit.law.model import PlannedAssembly
from beibit.law.regimes import regime_in_force
from beibit.places import default_registry
from beibit.registry.store import load_registry_into_db

PASSWORD = "beibit-demo-2026"  # noqa: S105 - printed for the demo database only
ALMATY_TZ = zone("Asia/Almaty")


@dataclass(frozen=True, slots=True)
class Login:
    role: str
    settlement: str
    email: str


@dataclass(frozen=True, slots=True)
class DemoLogins:
    password: str
    accounts: tuple[Login, ...]
    cases: int


ACCOUNTS = (
    Login("organizer", "almaty", "aigerim@demo.beibit.kz"),
    Login("officer", "almaty", "officer.almaty@demo.beibit.kz"),
    Login("maslikhat_editor", "almaty", "maslikhat.almaty@demo.beibit.kz"),
    Login("organizer", "astana", "nurlan@demo.beibit.kz"),
    Login("officer", "astana", "officer.astana@demo.beibit.kz"),
    Login("maslikhat_editor", "astana", "maslikhat.astana@demo.beibit.kz"),
    Login("monitor", "", "monitor@demo.beibit.kz"),  # any settlement (beibit.demo.monitoring)
)
AIGERIM, NURLAN = "aigerim@demo.beibit.kz", "nurlan@demo.beibit.kz"
RESIDENCES = {AIGERIM: "Алматы қаласы, Абай даңғылы, 10", NURLAN: "Астана қаласы, Қабанбай батыр даңғылы, 5"}
ORGANIZERS = {
    "aigerim@demo.beibit.kz": ("Айгерім Төлегенова", "850612300451", dt.date(1985, 6, 12), "+77011234567"),
    "nurlan@demo.beibit.kz": ("Нұрлан Әбенов", "900101400453", dt.date(1990, 1, 1), "+77017654321"),
}


class Story:
    """Times relative to the demo's `now`, in Almaty/Astana local time."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.today = now.astimezone(ALMATY_TZ).date()
        self.calendar = default_calendar()

    def past(self, days_ago: int, hour: int = 10, minute: int = 0) -> dt.datetime:
        """A working day `days_ago` back (or the nearest working day before it) at hour:minute."""
        day = self.calendar.working_day_before(
            self.today - dt.timedelta(days=days_ago) + dt.timedelta(days=1), 1
        )
        return dt.datetime.combine(day, dt.time(hour, minute), ALMATY_TZ)

    def on(self, days: int, hour: int, minute: int = 0) -> str:
        """A calendar day `days` from today (negative: back) at hour:minute, as RFC 3339."""
        day = self.today + dt.timedelta(days=days)
        return dt.datetime.combine(day, dt.time(hour, minute), ALMATY_TZ).isoformat()

    def at_day(self, days: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.fromisoformat(self.on(days, hour, minute))


def _organizer_section(email: str) -> dict[str, Any]:
    name, iin, born, phone = ORGANIZERS[email]
    return {
        "kind": "citizen",
        "persons": [
            {
                "full_name": name,
                "iin": iin,
                "birth_date": born.isoformat(),
                "citizenship": "KZ",
                "residence": RESIDENCES[email],
            }
        ],
        "contacts": {"email": email, "phone": phone},
    }


def _assembly(
    email: str, form: str, settlement: str, where: dict[str, Any], starts: str, ends: str, **more: Any
) -> PlannedAssembly:
    data: dict[str, Any] = {
        "form": form,
        "purpose": "Қаладағы саябақтар мен жасыл аймақтар жоспарын көпшілік болып талқылау",
        "organizer": _organizer_section(email),
        "settlement": settlement,
        "starts_at": starts,
        "ends_at": ends,
        "expected_participants": 120,
        "equipment": {
            "sound_amplification": False,
            "posters_banners": True,
            "vehicles": False,
            "structures": False,
        },
        "regulations": "Ашылуы, үш баяндама, жабылуы",
        "personal_data_consent": True,
        "funding_sources": [{"kind": "own_funds", "name": "ұйымдастырушы"}],
        "signed_by": "organizer",
        **where,
        **more,
    }
    day = dt.date.fromisoformat(starts[:10])
    if procedure.needs_application(form, regime_in_force(day).params(day)):  # Art 12(2)(7): order measures
        data.setdefault(
            "public_order_measures",
            "Таңғыш таққан он ерікті тәртіп сақшысы; алғашқы көмек қобдишасы; ауыз су",
        )
    return PlannedAssembly.model_validate(data)


def _accounts() -> dict[str, AbstractBaseUser]:
    users: dict[str, AbstractBaseUser] = {}
    for login in ACCOUNTS:
        if login.role == "organizer":
            name, iin, born, phone = ORGANIZERS[login.email]
            users[login.email] = register_organizer(
                email=login.email, password=PASSWORD, full_name=name, iin=iin, birth_date=born, phone=phone
            )
        else:
            users[login.email] = create_staff(
                email=login.email, password=PASSWORD, role=login.role, settlement=login.settlement
            )
    return users


REASONS_PLACE = (
    "Иманов атындағы саябақ сол уақытта орындарды пайдалану күнтізбесіне енгізілген «Қала күні» "
    "концертімен бос емес; бос әрі жеткілікті кең Ганди саябағы ұсынылды (№ 333-VI Заң, 11-бап 1-тармақ "
    "3) тармақша), ұйымдастырушы ұсынысқа келіспеді."
)
REASONS_LATE = (
    "Хабарлама берудің соңғы күнінен кейін тіркелді: митингіге дейін кемінде бес жұмыс күні бұрын беру "
    "керек (№ 333-VI Заң, 10-бап 1-тармақ)."
)


@dataclass
class _Player:
    """Plays the demo's cases through the case actions, counting the cases made."""

    s: Story
    u: dict[str, AbstractBaseUser]
    made: int = 0

    def file(self, who: AbstractBaseUser, assembly: PlannedAssembly, when: dt.datetime) -> Case:
        self.made += 1
        case = create_case(who, assembly, now=when - dt.timedelta(minutes=30))
        return submit(case.pk, who, now=when)


IMANOV = {"place": {"specialized_place_id": "almaty-imanov-square"}}
SARY_ARKA = {"place": {"specialized_place_id": "almaty-sary-arka-square"}}
GANDHI = {"place": {"specialized_place_id": "almaty-gandhi-park"}}
ZHAMBYL = {"route": {"specialized_route_id": "almaty-route-zhambyl"}}
WRITERS = {"route": {"specialized_route_id": "astana-route-writers-alley"}}
SARYARKA = {"place": {"specialized_place_id": "astana-saryarka-square"}}
PUSHKIN = {"place": {"specialized_place_id": "astana-kudaiberdiuly-pushkin-square"}}


def _play_almaty_first(p: _Player) -> None:
    """Almaty: a draft, registered, silence, go-ahead and a refusal after a declined proposal (1-5)."""
    s = p.s
    file = p.file
    aigerim = p.u[AIGERIM]
    alm = p.u["officer.almaty@demo.beibit.kz"]
    # 1. Almaty, draft: not yet filed.
    create_case(aigerim, _assembly(AIGERIM, "rally", "almaty", IMANOV, s.on(30, 11), s.on(30, 13)), now=s.now)
    p.made += 1

    # 2. Almaty, registered: filed within the hour, the akimat has working days left.
    file(
        aigerim,
        _assembly(AIGERIM, "rally", "almaty", IMANOV, s.on(21, 11), s.on(21, 13)),
        s.now - dt.timedelta(hours=1),
    )

    # 3. Almaty, deemed agreed by silence: filed three weeks ago, no answer sent by the review deadline.
    file(
        aigerim,
        _assembly(AIGERIM, "meeting", "almaty", SARY_ARKA, s.on(10, 15), s.on(10, 17)),
        s.past(20),
    )

    # 4. Almaty, may proceed (Art 11(1)(1)), answer sent by e-mail and registered mail.
    t = s.past(6)
    case = file(aigerim, _assembly(AIGERIM, "meeting", "almaty", GANDHI, s.on(12, 10), s.on(12, 12)), t)
    record_decision(case.pk, alm, DecisionInput("proceed"), now=t + dt.timedelta(hours=2))
    delivery = DeliveryInput(
        "email", t + dt.timedelta(hours=3), registered_mail_sent_on=(t + dt.timedelta(hours=3)).date()
    )
    record_delivery(case.pk, alm, delivery, now=t + dt.timedelta(hours=3))

    # 5. Almaty, refused on 14(1)(10) after a declined proposal (CC 61-NP: another place offered first).
    t0 = s.past(12)
    enter_akimat_booking(
        alm,
        AkimatBookingInput(
            "cultural_event",
            "almaty-imanov-square",
            s.at_day(14, 10),
            s.at_day(14, 14),
            "«Қала күні» концерті",
            3000,
        ),
        now=t0,
    )
    t = s.past(10)
    case = file(aigerim, _assembly(AIGERIM, "rally", "almaty", IMANOV, s.on(14, 11), s.on(14, 13)), t)
    offer = ProposalInput(
        place_id="almaty-gandhi-park", note="Иманов атындағы саябақ «Қала күні» концертімен бос емес"
    )
    record_decision(case.pk, alm, DecisionInput("propose", proposal=offer), now=t + dt.timedelta(hours=2))
    record_delivery(
        case.pk,
        alm,
        DeliveryInput("e_document", t + dt.timedelta(hours=2, minutes=5)),
        now=t + dt.timedelta(hours=2, minutes=10),
    )
    answer_proposal(case.pk, aigerim, agree=False, now=t + dt.timedelta(hours=4))
    record_decision(
        case.pk, alm, DecisionInput("refuse", ("14.1.10",), REASONS_PLACE), now=t + dt.timedelta(hours=6)
    )
    record_delivery(
        case.pk,
        alm,
        DeliveryInput("hand", t + dt.timedelta(hours=6, minutes=30)),
        now=t + dt.timedelta(hours=7),
    )


def _play_almaty_later(p: _Player) -> None:
    """Almaty: proposals pending and declined, a withdrawal (6-8)."""
    s = p.s
    file = p.file
    aigerim = p.u[AIGERIM]
    alm = p.u["officer.almaty@demo.beibit.kz"]
    # 6. Almaty, proposal pending: another time offered an hour ago.
    t = s.past(2)
    case = file(aigerim, _assembly(AIGERIM, "rally", "almaty", SARY_ARKA, s.on(20, 10), s.on(20, 12)), t)
    later = ProposalInput(
        starts_at=s.at_day(20, 15),
        ends_at=s.at_day(20, 17),
        note="таңертеңгі уақыт көшелерді тазалауға арналған",
    )
    proposed_at = max(s.now - dt.timedelta(hours=1), t + dt.timedelta(hours=1))
    record_decision(case.pk, alm, DecisionInput("propose", proposal=later), now=proposed_at)
    sent = DeliveryInput(
        "email",
        proposed_at + dt.timedelta(minutes=5),
        registered_mail_sent_on=(proposed_at + dt.timedelta(minutes=5)).astimezone(ALMATY_TZ).date(),
    )
    record_delivery(case.pk, alm, sent, now=proposed_at + dt.timedelta(minutes=10))

    # 7. Almaty, proposal declined: the akimat is now to refuse.
    t = s.past(4)
    case = file(aigerim, _assembly(AIGERIM, "rally", "almaty", GANDHI, s.on(18, 17), s.on(18, 19)), t)
    record_decision(
        case.pk,
        alm,
        DecisionInput(
            "propose", proposal=ProposalInput(starts_at=s.at_day(18, 11), ends_at=s.at_day(18, 13))
        ),
        now=t + dt.timedelta(hours=2),
    )
    record_delivery(
        case.pk,
        alm,
        DeliveryInput("hand", t + dt.timedelta(hours=2, minutes=30)),
        now=t + dt.timedelta(hours=3),
    )
    answer_proposal(case.pk, aigerim, agree=False, now=t + dt.timedelta(hours=5))

    # 8. Almaty, withdrawn by the organizer (Art 5(2)).
    t = s.past(5)
    case = file(aigerim, _assembly(AIGERIM, "march", "almaty", ZHAMBYL, s.on(25, 11), s.on(25, 12)), t)
    withdraw(case.pk, aigerim, reason="Ұйымдастырушылар шеруді кейінге қалдырды", now=s.past(3))


def _play_almaty_terminated(p: _Player) -> None:
    """Almaty: held, terminated when its time ran out, appealed (9)."""
    s = p.s
    file = p.file
    aigerim = p.u[AIGERIM]
    alm = p.u["officer.almaty@demo.beibit.kz"]
    # 9. Almaty, held and terminated when its time ran out (Art 18(1)(6)); appealed.
    t = s.past(30)
    case = file(aigerim, _assembly(AIGERIM, "meeting", "almaty", GANDHI, s.on(-10, 11), s.on(-10, 13)), t)
    record_decision(case.pk, alm, DecisionInput("proceed"), now=t + dt.timedelta(hours=2))
    record_delivery(
        case.pk,
        alm,
        DeliveryInput("e_document", t + dt.timedelta(hours=2, minutes=5)),
        now=t + dt.timedelta(hours=2, minutes=6),
    )
    appoint_representative(
        case.pk,
        alm,
        RepresentativeInput("Серік Ахметов", "ішкі саясат бөлімінің бас маманы"),
        now=t + dt.timedelta(days=2),
    )
    record_held(
        case.pk,
        alm,
        HeldInput(observed_participants_low=90, observed_participants_high=140),
        now=s.at_day(-10, 11, 30),
    )
    terminate(
        case.pk,
        alm,
        TerminationInput(
            "18.1.6",
            "Жиналысқа белгіленген уақыт бітті, ал қатысушылар тарамады",
            s.at_day(-10, 13, 5),
            s.at_day(-10, 13, 25),
        ),
        now=s.at_day(-10, 13, 6),
    )
    record_appeal(
        case.pk,
        aigerim,
        AppealInput("higher_body", "Алматы облысының әкімдігі", s.past(5).date()),
        now=s.past(5),
    )


def _play_astana_first(p: _Player) -> None:
    """Astana: approvals, an overdue application, an agreed proposal (10-13)."""
    s = p.s
    file = p.file
    nurlan = p.u[NURLAN]
    ast = p.u["officer.astana@demo.beibit.kz"]
    # 10. Astana, approved march (Art 13(1)(1)).
    t = s.past(25)
    case = file(nurlan, _assembly(NURLAN, "march", "astana", WRITERS, s.on(5, 11), s.on(5, 12, 30)), t)
    record_decision(case.pk, ast, DecisionInput("approve"), now=t + dt.timedelta(hours=3))
    record_delivery(
        case.pk, ast, DeliveryInput("hand", t + dt.timedelta(hours=4)), now=t + dt.timedelta(hours=4)
    )

    # 11. Astana, demonstration approved without sound amplification and vehicles (Art 13(1)(2)).
    t = s.past(22)
    demo_with_cars = _assembly(
        NURLAN,
        "demonstration",
        "astana",
        WRITERS,
        s.on(8, 11),
        s.on(8, 12),
        equipment={
            "sound_amplification": True,
            "posters_banners": True,
            "vehicles": True,
            "structures": False,
        },
        vehicles={"count": 10, "categories": ["B"], "route_length_m": 900},
    )
    case = file(nurlan, demo_with_cars, t)
    record_decision(case.pk, ast, DecisionInput("approve_restricted"), now=t + dt.timedelta(hours=5))

    # 12. Astana, overdue application: no answer, and no approval by silence.
    file(nurlan, _assembly(NURLAN, "march", "astana", WRITERS, s.on(3, 15), s.on(3, 16)), s.past(30))

    # 13. Astana, proposal agreed: the march goes on at the time offered.
    t = s.past(15)
    case = file(nurlan, _assembly(NURLAN, "march", "astana", WRITERS, s.on(16, 18), s.on(16, 19, 30)), t)
    record_decision(
        case.pk,
        ast,
        DecisionInput(
            "propose", proposal=ProposalInput(starts_at=s.at_day(16, 12), ends_at=s.at_day(16, 13, 30))
        ),
        now=t + dt.timedelta(hours=2),
    )
    record_delivery(
        case.pk,
        ast,
        DeliveryInput("e_document", t + dt.timedelta(hours=2, minutes=5)),
        now=t + dt.timedelta(hours=2, minutes=6),
    )
    answer_proposal(case.pk, nurlan, agree=True, now=t + dt.timedelta(hours=5))


def _play_astana_later(p: _Player) -> None:
    """Astana: a late filing refused and appealed, held, suspended, a proposal left unanswered (14-17)."""
    s = p.s
    file = p.file
    nurlan = p.u[NURLAN]
    ast = p.u["officer.astana@demo.beibit.kz"]
    # 14. Astana, refused: filed too late (Art 10(1) -> 14(1)(4)); appealed.
    t = s.past(3)
    case = file(nurlan, _assembly(NURLAN, "rally", "astana", PUSHKIN, s.on(2, 11), s.on(2, 12)), t)
    record_decision(
        case.pk, ast, DecisionInput("refuse", ("14.1.4",), REASONS_LATE), now=t + dt.timedelta(hours=4)
    )
    record_delivery(
        case.pk,
        ast,
        DeliveryInput("registered_mail", t + dt.timedelta(hours=5), delivered_on=s.past(1).date()),
        now=s.past(1, 16),
    )
    record_appeal(
        case.pk,
        nurlan,
        AppealInput("higher_body", "Астана қаласының әкімдігі (әкімге шағым)", s.past(1).date()),
        now=s.past(1, 17),
    )

    # 15. Astana, held.
    t = s.past(20)
    case = file(nurlan, _assembly(NURLAN, "rally", "astana", SARYARKA, s.on(-2, 11), s.on(-2, 12)), t)
    record_decision(case.pk, ast, DecisionInput("proceed"), now=t + dt.timedelta(hours=2))
    record_held(
        case.pk,
        ast,
        HeldInput(observed_participants_low=60, observed_participants_high=80),
        now=s.at_day(-2, 11, 45),
    )

    # 16. Astana, suspended (Art 17): the breach was not yet removed.
    t = s.past(21)
    case = file(nurlan, _assembly(NURLAN, "meeting", "astana", PUSHKIN, s.on(-1, 11), s.on(-1, 13)), t)
    record_decision(case.pk, ast, DecisionInput("proceed"), now=t + dt.timedelta(hours=2))
    record_held(case.pk, ast, HeldInput(), now=s.at_day(-1, 11, 20))
    suspend(
        case.pk,
        ast,
        SuspensionInput(
            "Қатысушылар даңғылдың жүру бөлігін жауып тастады",
            s.at_day(-1, 11, 30),
            s.at_day(-1, 11, 40),
            s.at_day(-1, 12, 10),
        ),
        now=s.at_day(-1, 11, 41),
    )

    # 17. Astana, proposal left unanswered: lapsed.
    t = s.past(12)
    case = file(nurlan, _assembly(NURLAN, "rally", "astana", SARYARKA, s.on(15, 11), s.on(15, 12)), t)
    record_decision(
        case.pk,
        ast,
        DecisionInput("propose", proposal=ProposalInput(place_id="astana-zheruyyk-park")),
        now=t + dt.timedelta(hours=2),
    )
    sent_at = t + dt.timedelta(hours=2, minutes=5)
    record_delivery(
        case.pk, ast, DeliveryInput("sms", sent_at, registered_mail_sent_on=sent_at.date()), now=sent_at
    )


def _play(s: Story, u: dict[str, AbstractBaseUser]) -> int:
    player = _Player(s, u)
    for play in (
        _play_almaty_first,
        _play_almaty_later,
        _play_almaty_terminated,
        _play_astana_first,
        _play_astana_later,
    ):
        play(player)
    apply_clock(s.now)  # silence, overdue and lapsed proposals up to now
    return player.made


def load_case_demo(*, now: dt.datetime, out: IO[str]) -> DemoLogins:
    """Load the registry and, unless already there, the demo accounts and cases."""
    added = load_registry_into_db(default_registry())
    out.write(f"registry: {added} entries added from data/registry\n")
    cases = 0
    if not get_user_model().objects.filter(email=ACCOUNTS[0].email).exists():
        with transaction.atomic():
            users = _accounts()
        cases = _play(Story(now), users)
        out.write(f"demo: {len(ACCOUNTS)} accounts and {cases} cases loaded\n")
    else:
        out.write("demo: accounts already present, nothing loaded\n")
    return DemoLogins(PASSWORD, ACCOUNTS, cases)
