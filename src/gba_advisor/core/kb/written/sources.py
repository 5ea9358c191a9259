"""sources.yaml: the documents every fact cites, and how far their addresses can be trusted."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from gba_advisor.core.kb.schema.sources import source_kind
from gba_advisor.core.kb.written.common import SourceId, Strict


class Source(Strict):
    id: SourceId
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    date: str | None = None
    """As printed on the page ("19 Feb 2019", "2024")."""
    url: str | None = None
    official: bool = False
    """True only when `url` is the address of a government, a regulator or the body that issued
    the text (gov.cn, gov.hk, gov.mo, a zone authority's own site); false for news, firms, trade
    press and for any copy of an official text on another site."""
    mirror_of: str | None = Field(default=None, min_length=1)
    """For a mirror, an unofficial copy of an official text (a plan or notice reposted on another
    site): which text it copies and who issued it, so a reader can look for the original. A
    mirror is never `official`; it is listed as "mirror of an official text"."""

    @model_validator(mode="after")
    def _mirror_is_not_official(self) -> Source:
        if self.official and self.mirror_of is not None:
            raise ValueError(
                "a mirror is not official: set `official: false`, or drop `mirror_of` if the "
                "address is the issuer's own"
            )
        return self

    @property
    def kind(self) -> Literal["official", "mirror", "secondary"]:
        """How far a reader can trust the address: the issuer's own, a copy, or a report."""
        return source_kind(self.official, self.mirror_of)


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)
