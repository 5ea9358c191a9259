"""Exit-4 errors name the profile file and the constraint, and hint at the fix that fits.

In the tiny knowledge base alpha cannot host manufacturing (a hard gate); beta hosts all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from gba_advisor.core.api import Advisor
from gba_advisor.core.errors import NoLayoutError
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.loader import load_knowledge_base
from gba_advisor.core.profile.loader import load_profile

AS_OF = dt.date(2024, 1, 1)
BASE = "name: Tiny\nhome: mainland\nsector: ai\n"


def no_layout(
    tmp_path: Path,
    kb: KnowledgeBase,
    text: str,
    *,
    exclude: Sequence[str] = (),
    max_sites: int | None = None,
) -> NoLayoutError:
    path = tmp_path / "client.yaml"
    path.write_text(BASE + text, encoding="utf-8")
    profile = load_profile(path, kb)
    with pytest.raises(NoLayoutError) as caught:
        Advisor(kb, AS_OF).advise(profile, exclude=exclude, max_sites=max_sites)
    error = caught.value
    assert error.location is not None
    assert error.location.file == str(path)
    assert error.location.line is not None
    assert str(error).startswith(f"{path}:{error.location.line}:")
    return error


def test_a_pin_to_an_excluded_platform_names_the_pin_and_the_profiles_exclusion(
    tmp_path: Path, tiny_kb: KnowledgeBase
) -> None:
    error = no_layout(
        tmp_path, tiny_kb, "functions: [rd]\nconstraints: {pin: {rd: beta}, exclude: [beta]}\n"
    )

    assert error.message == "rd is pinned to beta, which is also excluded"
    assert error.location is not None
    assert error.location.field == "constraints.pin.rd"
    assert error.hint == "remove beta from `constraints.exclude`, or pin rd to alpha"


def test_an_exclusion_from_the_command_line_is_named_as_such(
    tmp_path: Path, tiny_kb: KnowledgeBase
) -> None:
    error = no_layout(
        tmp_path, tiny_kb, "functions: [rd]\nconstraints: {pin: {rd: beta}}\n", exclude=["beta"]
    )

    assert error.hint == "drop `--exclude beta`, or pin rd to alpha"


def test_a_pin_with_no_exclusion_never_hints_at_removing_one(
    tmp_path: Path, tiny_kb: KnowledgeBase
) -> None:
    error = no_layout(
        tmp_path,
        tiny_kb,
        "functions: [rd, manufacturing]\nconstraints: {pin: {manufacturing: alpha}}\n",
    )

    assert error.message.startswith("manufacturing is pinned to alpha, which cannot host it")
    assert error.hint == "pin manufacturing to beta"
    assert "exclu" not in error.hint


def test_pins_beyond_max_sites_say_how_far_to_raise_it(
    tmp_path: Path, tiny_kb: KnowledgeBase
) -> None:
    pins = "functions: [rd, trade]\nconstraints: {pin: {rd: alpha, trade: beta}"
    in_profile = no_layout(tmp_path, tiny_kb, pins + ", max_sites: 1}\n")
    on_line = no_layout(tmp_path, tiny_kb, pins + "}\n", max_sites=1)

    assert in_profile.message == "the pins use 2 platforms (alpha, beta) but max_sites is 1"
    assert in_profile.hint == "raise `constraints.max_sites` to 2, or pin fewer functions"
    assert on_line.hint == "raise `--max-sites` to 2, or pin fewer functions"


def test_excluding_every_host_names_them_and_where_each_was_excluded(
    tmp_path: Path, tiny_kb: KnowledgeBase
) -> None:
    error = no_layout(
        tmp_path, tiny_kb, "functions: [rd]\nconstraints: {exclude: [alpha]}\n", exclude=["beta"]
    )

    assert error.message == (
        "no platform left that can host rd: every one that can (alpha, beta) is excluded"
    )
    assert error.location is not None
    assert error.location.field == "constraints.exclude"
    assert error.hint == "remove alpha from `constraints.exclude`, or drop `--exclude beta`"


def test_an_exit_4_error_points_at_the_line_of_the_constraint(tmp_path: Path) -> None:
    path = tmp_path / "client.yaml"
    path.write_text(
        "name: X\nhome: mainland\nsector: robotics\nfunctions: [rd, manufacturing]\n"
        "constraints:\n  max_sites: 1\n  pin:\n    rd: loop\n    manufacturing: nansha\n",
        encoding="utf-8",
    )
    kb = load_knowledge_base()

    with pytest.raises(NoLayoutError) as caught:
        Advisor(kb).advise(load_profile(path, kb))

    where = caught.value.location
    assert where is not None
    assert (where.file, where.line, where.field) == (str(path), 7, "constraints.pin")
