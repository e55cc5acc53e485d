from tests.cases.fixtures import (  # noqa: F401 - fixtures
    astana_officer,
    editor,
    fast_password_hashing,
    officer,
    organizer,
    registry_in_db,
)
