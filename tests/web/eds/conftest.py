from tests.cases.fixtures import (  # noqa: F401 - fixtures
    fast_password_hashing,
    officer,
    organizer,
    registry_in_db,
)
