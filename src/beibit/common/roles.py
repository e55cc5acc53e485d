"""The role names an account's profile holds (`beibit.cases.models.Role` labels them): the registry's admin,
which lies below the case service, asks for the maslikhat editor's role by this name."""

from __future__ import annotations

MASLIKHAT_EDITOR = "maslikhat_editor"
