"""What every model of the written knowledge base shares: strictness, value types, names."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
SourceId = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_-]*$", max_length=32)]
SourceIds = Annotated[list[SourceId], Field(min_length=1)]
Unit = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Weight = Annotated[float, Field(ge=0.0, le=100.0, allow_inf_nan=False)]


class Strict(BaseModel):
    """Base of every written model: unknown keys are errors, values are immutable."""

    # Built on first validation, not at import: only loading the YAML needs the validators (a
    # knowledge base from the cache holds plain records, `kb.schema`, and never imports this).
    # The attribute docstrings document the YAML for readers of this code; nothing reads them
    # at run time, and pydantic's reading of them (use_attribute_docstrings) cost 25 ms more.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Names(Strict):
    en: str = Field(min_length=1)
    """English name."""
    zh: str = Field(min_length=1)
    """Chinese name."""
