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

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Names(Strict):
    en: str = Field(min_length=1)
    """English name."""
    zh: str = Field(min_length=1)
    """Chinese name."""
