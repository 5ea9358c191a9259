"""gba-advisor: where in the Greater Bay Area to put each of an enterprise's operations.

The library API (the CLI is a thin client of it)::

    from gba_advisor import Advisor, load_knowledge_base, load_profile
    kb = load_knowledge_base()
    result = Advisor(kb).advise(load_profile(path, kb))
    result.to_dict()  # the SPEC's JSON

    for outcome in advise_many(profiles):  # mappings or paths; errors yielded, not raised
        ...

Names are imported lazily so that `gba-advisor --help` does not pay for pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Advisor",
    "AdvisorResult",
    "__version__",
    "advise",
    "advise_many",
    "load_knowledge_base",
    "load_profile",
]

if TYPE_CHECKING:
    from gba_advisor.batch.job import advise_many
    from gba_advisor.core.api import Advisor, advise, load_knowledge_base, load_profile
    from gba_advisor.core.result.model import AdvisorResult


def __getattr__(name: str) -> Any:
    if name in {"Advisor", "advise", "load_knowledge_base", "load_profile"}:
        from gba_advisor.core import api

        return getattr(api, name)
    if name == "advise_many":
        from gba_advisor.batch.job import advise_many

        return advise_many
    if name == "AdvisorResult":
        from gba_advisor.core.result.model import AdvisorResult

        return AdvisorResult
    raise AttributeError(name)
