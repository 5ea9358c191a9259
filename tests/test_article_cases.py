"""The source article's own cases hold for plain profiles, with no field that points at them.

The experts quoted in the seed article say: R&D and innovation centres in the Loop with other
branches in Nansha; Hengqin is built around serving Macao (its economic diversification, with
the Portuguese-speaking countries through Macao); Qianhai around Hong Kong's modern services.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gba_advisor import Advisor, load_knowledge_base, load_profile

AS_OF = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("profile", "layout"),
    [
        (
            "name: Software\nhome: foreign\nsector: software\nrd_intensity: high\n"
            "functions: [rd, manufacturing, trade]\n",
            {"rd": "loop", "manufacturing": "nansha", "trade": "nansha"},
        ),
        (
            "name: Software\nhome: foreign\nsector: software\nrd_intensity: high\n"
            "functions: [rd]\n",
            {"rd": "loop"},
        ),
        (
            "name: HK advisers\nhome: hong_kong\nsector: professional services\n"
            "functions: [services]\n",
            {"services": "qianhai"},
        ),
        (
            "name: Macao maker\nhome: macao\nsector: TCM\nfunctions: [manufacturing]\n",
            {"manufacturing": "hengqin"},
        ),
        (
            "name: Lusophone trader\nhome: mainland\nsector: trade\nfunctions: [trade]\n"
            "target_markets: [portuguese_speaking]\n",
            {"trade": "hengqin"},
        ),
    ],
    ids=["rd-loop-branches-nansha", "rd-loop", "hk-services", "macao-tcm", "lusophone-trade"],
)
def test_the_articles_case_holds(tmp_path: Path, profile: str, layout: dict[str, str]) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text(profile, encoding="utf-8")
    kb = load_knowledge_base()

    result = Advisor(kb, AS_OF).advise(load_profile(path, kb))

    assert {f.value: p for f, p in result.layout.assignments.items()} == layout
