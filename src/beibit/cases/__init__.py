"""The case service: filings, the akimat's review clock, decisions, the silence rule and the event log.

A case is an append-only list of events (`models.CaseEvent`); its status is derived from the events and the
clock through the one transitions table in `workflow.py`. Only the actions (`actions/`, through
`log.py`) write cases and events, and `bookings.py` the bookings. Reads that find a deadline passed record the
system event first (`clock.apply_clock`).
"""
