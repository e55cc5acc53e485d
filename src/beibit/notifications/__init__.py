"""Notifications: e-mail and SMS written to an outbox in the transaction of the case event that causes them,
then sent by a background job (issue 17; docs/architecture.md, "Notifications")."""
