"""What running Beibit in production needs: request ids and JSON logs, health and readiness probes, the
clock job's last run, the database roles, and signed anchors of the hash chains (docs/deploy.md)."""
