"""The demo data (`beibit demo`): accounts, cases and monitoring records made through the real actions.

A composition module: it may import every app; no app imports it. `load_demo` seeds the case service and
then the monitoring records (which refer to the demo cases)."""

from __future__ import annotations

import datetime as dt
from typing import IO

from beibit.demo.cases import DemoLogins, load_case_demo
from beibit.demo.monitoring import load_monitoring_demo


def load_demo(*, now: dt.datetime, out: IO[str]) -> DemoLogins:
    """The registry, the demo accounts and cases, then the monitoring records (each only once)."""
    logins = load_case_demo(now=now, out=out)
    load_monitoring_demo(now=now, out=out)
    return logins
