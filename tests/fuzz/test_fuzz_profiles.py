"""Fuzzing profiles: for any profile, valid or not, advice either succeeds with a result that
meets the SPEC's invariants or fails with exit 3 or 4 and a message; never a bug (exit 1).

Three levels, cheapest first: parsed data straight into the core; YAML text (mutated at the
character level) through the YAML reader; and whole command lines through `gba-advisor match`.
The knowledge base is loaded once: loading it per case would cost more than the cases.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from fuzz_checks import assert_reported, assert_spec_invariants, outcome
from fuzz_strategies import broken_profiles, scaled, valid_profiles
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gba_advisor.cli.app import app
from gba_advisor.core import api
from gba_advisor.core.api import Advisor, load_knowledge_base
from gba_advisor.core.errors import AdvisorError
from gba_advisor.core.profile.loader import parse_profile, resolve_profile
from gba_advisor.core.source.document import Document, parse_document
from gba_advisor.render.markdown import to_markdown

KB = load_knowledge_base()
ADVISOR = Advisor(KB, dt.date(2026, 6, 1))
SECTORS = sorted(KB.sectors.sectors)
ANY_PROFILE = st.one_of(valid_profiles(SECTORS), broken_profiles(SECTORS))
SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]


def advise_document(document: Document) -> Any:
    return ADVISOR.advise(resolve_profile(parse_profile(document), document, KB))


def functions_of(document: Document) -> list[str]:
    return list(document.data["functions"])


@settings(max_examples=scaled(700), suppress_health_check=SLOW_OK)
@given(ANY_PROFILE)
def test_any_profile_data_gives_a_valid_result_or_a_documented_error(data: Any) -> None:
    document = Document("generated.yaml", data, {})

    result = outcome(lambda: advise_document(document))

    event(f"exit {int(result.exit_code)}" if isinstance(result, AdvisorError) else "exit 0")
    if not isinstance(result, AdvisorError):
        assert_spec_invariants(result, functions_of(document), KB.platform_ids)
        to_markdown(result, explain=True)


@settings(max_examples=scaled(200), suppress_health_check=SLOW_OK)
@given(valid_profiles(SECTORS))
def test_a_valid_profile_without_constraints_always_gets_a_layout(data: dict[str, Any]) -> None:
    data = {key: value for key, value in data.items() if key != "constraints"}
    document = Document("generated.yaml", data, {})

    result = advise_document(document)

    assert_spec_invariants(result, data["functions"], KB.platform_ids)


def yaml_text(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def profile_texts(draw: st.DrawFn) -> str:
    """YAML text of a profile, sometimes with characters inserted, deleted or swapped."""
    text = yaml_text(draw(ANY_PROFILE))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        noise = draw(st.sampled_from(["", ":", "[", "]", "{", "- ", "&a ", "*a", "!!", "\t", "'"]))
        cut = draw(st.integers(0, 3))
        text = text[:at] + noise + text[at + cut :]
    return text


@settings(max_examples=scaled(300), suppress_health_check=SLOW_OK)
@given(profile_texts())
def test_any_profile_text_gives_a_valid_result_or_a_documented_error(text: str) -> None:
    def advise() -> Any:
        return advise_document(parse_document(text, "generated.yaml"))

    result = outcome(advise)

    event(f"exit {int(result.exit_code)}" if isinstance(result, AdvisorError) else "exit 0")
    if not isinstance(result, AdvisorError):
        document = parse_document(text, "generated.yaml")
        assert_spec_invariants(result, functions_of(document), KB.platform_ids)


WORKDIR = Path(tempfile.mkdtemp(prefix="gba-fuzz-"))
atexit.register(shutil.rmtree, WORKDIR, True)


@settings(max_examples=scaled(200), suppress_health_check=SLOW_OK)
@given(profile_texts(), st.sampled_from(["table", "json", "yaml", "markdown"]), st.booleans())
def test_match_never_exits_1_and_never_shows_a_traceback(
    text: str, output_format: str, explain: bool
) -> None:
    profile = WORKDIR / "client.yaml"
    profile.write_text(text, encoding="utf-8")
    args = ["match", str(profile), "-f", output_format, "--as-of", "2026-06-01"]

    with mock.patch.object(api, "load_knowledge_base", return_value=KB):
        result = CliRunner().invoke(
            app, [*args, *(["--explain"] if explain else [])], env={"COLUMNS": "100"}
        )

    event(f"exit {result.exit_code}")
    assert result.exit_code in (0, 3, 4), result.stderr
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stdout
    assert "\x1b" not in result.stderr
    if result.exit_code:
        assert result.stdout == ""
        assert result.stderr.startswith("error: ")
    elif output_format == "json":
        data = json.loads(result.stdout)
        assert set(data["layout"]["assignments"]) == set(data["profile"]["functions"])


def test_the_reporting_check_rejects_a_bug() -> None:
    """`outcome` lets anything but an AdvisorError through: that is how a bug fails a case."""

    def buggy() -> Any:
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        outcome(buggy)
    with pytest.raises(AssertionError):
        assert_reported(AdvisorError("the base class exits 1, as a bug"))
