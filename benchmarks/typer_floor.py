"""The framework's floor for `gba-advisor match PROFILE --format json`: a Typer command with the
same arguments and options that reads the profile, validates it with a pydantic model of the
same fields, and prints it as JSON. It advises nothing: what `match` costs above this is ours.

Run: python benchmarks/typer_floor.py PROFILE --format json   (benchmarks/startup.py times it)
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
import yaml
from pydantic import BaseModel, ConfigDict, Field


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    YAML = "yaml"
    MARKDOWN = "markdown"


class Profile(BaseModel):
    """The profile's fields (SPEC), validated as the loader does, without the knowledge base."""

    model_config = ConfigDict(extra="forbid")

    schema_version: int = 1
    name: str = Field(min_length=1)
    home: str
    home_country: str | None = None
    sector: str = Field(min_length=1)
    secondary_sectors: list[str] = []
    functions: list[str] = Field(min_length=1)
    rd_intensity: str = "medium"
    rd_needs: list[str] = []
    target_markets: list[str] = ["mainland"]
    priorities: dict[str, int] = {}
    constraints: dict[str, object] = {}


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command()
def match(
    profile: Annotated[Path, typer.Argument(metavar="PROFILE")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", case_sensitive=False)
    ] = OutputFormat.TABLE,
    explain: Annotated[bool, typer.Option("--explain")] = False,
    max_sites: Annotated[int | None, typer.Option("--max-sites", min=1)] = None,
    exclude: Annotated[list[str] | None, typer.Option("--exclude")] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    robustness: Annotated[bool, typer.Option("--robustness")] = False,
    seed: Annotated[int, typer.Option("--seed")] = 2026,
    draws: Annotated[int, typer.Option("--draws", min=1)] = 2000,
) -> None:
    """Validate the profile and print it: the floor every real command stands on."""
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    print(json.dumps(Profile.model_validate(data).model_dump(), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    app()
