"""What the Django apps of the domain share below all of them: the append-only log's model base and
database triggers, and the role names. Imports Django but no other part of beibit."""
