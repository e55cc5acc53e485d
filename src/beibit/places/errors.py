"""Errors of the registry: every refusal names the file, the feature (index and id) and the reason."""

from __future__ import annotations

from dataclasses import dataclass


class RegistryError(Exception):
    """Something about the registry or a query on it is wrong; the message says what."""


class UnknownSettlementError(RegistryError):
    """A settlement id that the registry's settlement table does not know."""

    def __init__(self, settlement: str) -> None:
        super().__init__(f"unknown settlement {settlement!r}; see beibit.places.settlements.SETTLEMENTS")
        self.settlement = settlement


@dataclass(frozen=True, slots=True)
class Issue:
    """One reason why a file or a feature is refused."""

    source: str
    message: str
    index: int | None = None
    feature_id: str | None = None
    # The message as a template with its parts (issue 15): pages render it in the reader's language; the
    # command line prints `message`, the template filled in English. None for messages without a template.
    template: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        where = self.source
        if self.index is not None:
            where += f": feature #{self.index}"
            if self.feature_id is not None:
                where += f" (id {self.feature_id!r})"
        return f"{where}: {self.message}"


class RegistryValidationError(RegistryError):
    """A file or a set of entries is refused as a whole; `issues` lists every reason found."""

    def __init__(self, issues: list[Issue] | tuple[Issue, ...]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        lines = [str(issue) for issue in self.issues]
        head = "registry data refused" if len(lines) != 1 else "registry data refused: " + lines[0]
        super().__init__(head if len(lines) == 1 else head + ":\n  " + "\n  ".join(lines))
