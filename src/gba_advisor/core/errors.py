"""Typed errors of the advisor.

Every failure a user can cause is an `AdvisorError` that knows where it happened (file, line,
column, field), what was expected and what to try instead. Foreign exceptions (YAML, pydantic,
OS) are translated into these where they happen; the CLI renders them once, at the edge.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from gba_advisor.core.frozen import frozen


class ExitCode(IntEnum):
    """The SPEC's exit codes."""

    OK = 0
    BUG = 1
    USAGE = 2
    INVALID_INPUT = 3
    NO_LAYOUT = 4


@frozen
class Location:
    """Where in which file a problem is. Lines and columns are 1-based."""

    file: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "field": self.field}

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return place


class AdvisorError(Exception):
    """Base of every error a user can cause; carries location, hint and suggestion."""

    exit_code: ExitCode = ExitCode.BUG

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        hint: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint
        self.suggestion = suggestion
        self.related: tuple[AdvisorError, ...] = ()
        """Further problems found in the same pass, reported after this one."""

    def to_dict(self) -> dict[str, Any]:
        """The problem as data, in the one shape every command writes errors in (a batch error
        line, `data check --format json`): kind and exit code, message, location, hint,
        suggestion, the text the terminal shows, and the problems found in the same pass."""
        return {**self._fields(), "related": [other._fields() for other in self.related]}

    def _fields(self) -> dict[str, Any]:
        code = ExitCode(self.exit_code)
        return {
            "kind": code.name.lower(),
            "exit_code": int(code),
            "message": self.message,
            "location": None if self.location is None else self.location.to_dict(),
            "hint": self.hint,
            "suggestion": self.suggestion,
            "text": str(self),
        }

    def __str__(self) -> str:
        parts = [f"{self.location}: " if self.location else "", self.message]
        if self.location and self.location.field:
            parts.append(f" (field `{self.location.field}`)")
        if self.suggestion:
            parts.append(f"; did you mean `{self.suggestion}`?")
        return "".join(parts)


class InputError(AdvisorError):
    """A profile or another input file is invalid."""

    exit_code = ExitCode.INVALID_INPUT


class KnowledgeBaseError(AdvisorError):
    """The knowledge base (data files) is invalid."""

    exit_code = ExitCode.INVALID_INPUT


class NoLayoutError(AdvisorError):
    """No assignment of functions to platforms satisfies the constraints."""

    exit_code = ExitCode.NO_LAYOUT


class OutputError(AdvisorError):
    """A file (or standard output) could not be written: a full disk, a missing folder."""

    exit_code = ExitCode.INVALID_INPUT
