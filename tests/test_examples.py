"""The shipped examples: each layout pinned, with why it is right.

The reasons cite the source article (`SEED`, shared/seed) and the reference facts (`[S#]`),
the same ids the knowledge base cites. Together the examples use all four platforms.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gba_advisor.core.api import Advisor, load_knowledge_base, load_profile

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
AS_OF = dt.date(2026, 11, 26)

EXPECTED = {
    # SEED: "they can set up their innovation and R&D centers in the Loop Cooperation Zone and
    # other branches in Nansha" - the article's own multi-point layout. The Loop's 3.89 km^2
    # cannot host volume manufacturing [S102]; Nansha (~803 km^2) faces the world [S77].
    "tech_rd_loop_branches_nansha.yaml": {
        "rd": "loop",
        "manufacturing": "nansha",
        "trade": "nansha",
    },
    # Hengqin's positioning is Macao's diversification, with TCM "Made in Macau" in the zone
    # [S11] and the GMTCM Park [S12]; it serves Macao and the Portuguese-speaking countries [S35].
    "macao_tcm.yaml": {"rd": "hengqin", "manufacturing": "hengqin", "trade": "hengqin"},
    # Qianhai: "relying on Hong Kong", modern services led by finance and professional services
    # [S42][S48], connectivity with Hong Kong's financial markets [S66].
    "hk_financial_services.yaml": {
        "headquarters": "qianhai",
        "finance": "qianhai",
        "services": "qianhai",
    },
    # Nansha: "facing the world", shipping and logistics, NEV and high-end equipment, a
    # going-global base and Belt-and-Road link [S77][S84][S86], with the space to build [S80].
    "world_manufacturer.yaml": {
        "manufacturing": "nansha",
        "logistics": "nansha",
        "trade": "nansha",
        "headquarters": "nansha",
    },
    # Hengqin: cultural tourism, conventions and exhibitions with support for Macao exhibition
    # organisers [S2][S13]; Macao-first partner [S4].
    "macao_mice_group.yaml": {
        "headquarters": "hengqin",
        "services": "hengqin",
        "tourism": "hengqin",
    },
    # The Loop: wet labs in the HK Park [S106], joint clinical trials [S126], cross-border
    # samples and data [S123]; the only platform themed purely on science and technology [S112].
    "hk_biotech_startup.yaml": {"rd": "loop", "headquarters": "loop"},
}


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor(load_knowledge_base(), AS_OF)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_layout(advisor: Advisor, name: str) -> None:
    profile = load_profile(EXAMPLES / name, advisor.knowledge_base)
    result = advisor.advise(profile)
    assert {f.value: p for f, p in result.layout.assignments.items()} == EXPECTED[name]
    assert len(result.alternatives) >= 2


def test_every_example_is_pinned_and_all_platforms_are_used() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == sorted(EXPECTED)
    used = {platform for layout in EXPECTED.values() for platform in layout.values()}
    assert used == {"hengqin", "qianhai", "nansha", "loop"}
