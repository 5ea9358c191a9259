"""`gba-advisor schema profile|result|summary|batch-error`: print a JSON Schema.

The schemas are generated from the pydantic models that validate profiles and describe
results, so what this prints is what the tool accepts and writes.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from gba_advisor.cli.guard import guarded
from gba_advisor.cli.helpdoc import examples
from gba_advisor.cli.options import Version

EXAMPLES = examples(
    (
        "the profile format, for an editor or a validator",
        "gba-advisor schema profile > profile.schema.json",
    ),
    ("what match --format json writes", "gba-advisor schema result"),
)


class SchemaName(StrEnum):
    PROFILE = "profile"
    RESULT = "result"
    SUMMARY = "summary"
    BATCH_ERROR = "batch-error"


def schema(
    name: Annotated[
        SchemaName,
        typer.Argument(
            help="profile: the input file; result: match --format json and each batch line; "
            "summary: a batch --summary line; batch-error: a batch error line.",
            case_sensitive=False,
            metavar="NAME",
        ),
    ],
    version: Version = False,
) -> None:
    """Print the JSON Schema of the profile format, the JSON result or a batch line."""
    with guarded():
        from gba_advisor.cli.output import writing_stdout
        from gba_advisor.core.schemas import schema_text

        text = schema_text(name.value)
        with writing_stdout():
            sys.stdout.write(text)
