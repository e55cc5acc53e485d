from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import AbstractBaseUser

from beibit.cases.accounts import create_staff
from beibit.cases.models import Profile
from tests.cases.fixtures import (  # noqa: F401 - fixtures
    PASSWORD,
    astana_officer,
    fast_password_hashing,
    officer,
    organizer,
    registry_in_db,
)
from tests.web.registry.eds import EDITOR_IIN, RegistryKeys, keys


@pytest.fixture(autouse=True)
def eds(settings: Any) -> Iterator[RegistryKeys]:
    """The registry upload is signed (issue 16): the test PKI is what the server trusts."""
    settings.EDS_TRUST_DIR = str(keys().trust_dir)
    settings.EDS_ACCEPT_UNCHECKED_REVOCATION = False
    yield keys()


@pytest.fixture
def editor(registry_in_db: None) -> AbstractBaseUser:  # noqa: F811 - the fixture, by name
    """The Almaty maslikhat editor, with the IIN of the editor's test certificate in the account."""
    user = create_staff(
        email="editor@almaty.example.kz", password=PASSWORD, role="maslikhat_editor", settlement="almaty"
    )
    Profile.objects.filter(user=user).update(iin=EDITOR_IIN)
    return user
