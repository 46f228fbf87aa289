"""One exception tree for the whole project.

`UserError` and its subclasses are shown to people as plain messages without a traceback,
each with a stable exit code; anything else is a bug.
"""

from __future__ import annotations


class BackstrideError(Exception):
    """Base of every error backstride raises on purpose."""


class UserError(BackstrideError):
    """A problem the user can fix; shown without a traceback."""

    exit_code = 2

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class CaseInputError(UserError):
    """A case that does not follow the assessment contract."""


class KnowledgeBaseError(BackstrideError):
    """The bundled knowledge base is inconsistent: a packaging bug, reported with every problem."""

    exit_code = 3

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            f"{len(problems)} problem(s) in the knowledge base:\n" + "\n".join(problems)
        )
        self.problems = problems


class ActivityFileError(UserError):
    """An activity file that cannot be imported (corrupt, empty or unsupported)."""


class StorageError(UserError):
    """The database cannot be opened or migrated."""
