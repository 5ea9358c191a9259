"""The output formats of `match` and `report`. Kept free of heavy imports: the CLI needs them
to parse options."""

from __future__ import annotations

from enum import StrEnum


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    YAML = "yaml"
    MARKDOWN = "markdown"


class ReportFormat(StrEnum):
    """The formats of the client memo (`report`)."""

    HTML = "html"
    MARKDOWN = "markdown"
