from tests.cases.fixtures import (  # noqa: F401 - fixtures
    astana_officer,
    fast_password_hashing,
    filed,
    officer,
    organizer,
    other_organizer,
    registry_in_db,
)
