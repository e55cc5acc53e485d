"""The case service: filings, the akimat's review clock, decisions, the silence rule and the event log.

A case is an append-only list of events (`models.CaseEvent`); its status is derived from the events and the
clock through the one transitions table in `workflow.py`. Only `services.py` writes cases, events and
bookings. Reads that find a deadline passed record the system event first (`services.apply_clock`).
"""
