"""Fuzzing the faults of issue 13: 5,000 generated profiles (under the `ci` hypothesis profile)
as YAML text, seven in eight with a fault planted where a value was: an integer of thousands of
digits in hex, octal, binary or decimal, a schema version written `true`, `1.0` or `0x1`,
control bytes in text. Each is read, validated, resolved and advised like `match` does, and its
error rendered like the CLI renders it. (The profiles start valid: the broken profiles of
test_fuzz_profiles.py are slower to make, and their own faults are covered there.)

Every case must end in a result or in exit 3 or 4 with a short message (the huge value is never
printed in full); never exit 1, never a hang (no case may take 5 seconds).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import yaml
from fuzz_checks import assert_reported
from fuzz_strategies import locate, scaled, valid_profiles, walk
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gba_advisor.cli.errors import format_error
from gba_advisor.core.api import Advisor, load_knowledge_base
from gba_advisor.core.errors import AdvisorError
from gba_advisor.core.profile.loader import parse_profile, resolve_profile
from gba_advisor.core.result.model import AdvisorResult
from gba_advisor.core.source.document import parse_document
from gba_advisor.core.vocabulary import FunctionId

KB = load_knowledge_base()
ADVISOR = Advisor(KB, dt.date(2026, 6, 1))
SECTORS = sorted(KB.sectors.sectors)
PLACEHOLDER = "FAULT-PLACEHOLDER"
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
CASES = scaled(5_000)
"""5,000 under `ci` (every pytest run), 100,000 under `long`, 500 under `dev`."""
LONGEST_MESSAGE = 4_000
"""An error message, excerpt included, is a few lines: never the thousands of digits."""


def huge_integer(seed: int) -> str:
    """An integer literal that Python could not print (more than 4,300 digits)."""
    rng = random.Random(seed)
    notation = rng.choice(["hex", "octal", "binary", "decimal", "negative"])
    bits = rng.randint(14_600, 20_000)  # 10**4300 is about 2**14284
    value = rng.getrandbits(bits) | (1 << (bits - 1))
    if notation == "hex":
        return f"0x{value:x}"
    if notation == "octal":
        return f"0{value:o}"
    if notation == "binary":
        return f"0b{value:b}"
    sign = "-" if notation == "negative" else ""
    return sign + "9" * rng.randint(4_301, 6_000) + str(rng.getrandbits(64))


FAULTS = st.one_of(
    st.integers(0, 2**32).map(huge_integer),
    st.sampled_from(["true", "1.0", "0x1", "0b1", "01", "1_0", "190:20:30", "0o7", ".inf"]),
    st.sampled_from(['"\\e[2J\\a"', '"\\x9b31m"', '"\\0"', "'\\u202e'"]),
)


@st.composite
def faulty_texts(draw: st.DrawFn) -> str:
    """A profile's YAML text, with (most of the time) one value replaced by a fault."""
    data: Any = draw(valid_profiles(SECTORS))
    if draw(st.integers(0, 7)) == 0:
        return dump(data)
    paths = [path for path in walk(data) if path]
    if not paths or draw(st.booleans()):
        data["schema_version"] = PLACEHOLDER
    else:
        parent, key = locate(data, draw(st.sampled_from(paths)))
        parent[key] = PLACEHOLDER
    return dump(data).replace(PLACEHOLDER, draw(FAULTS), 1)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False)


@settings(
    max_examples=CASES,
    deadline=dt.timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(faulty_texts())
def test_a_faulty_profile_is_advised_or_refused_never_a_bug(text: str) -> None:
    outcome = advise_text(text)

    if isinstance(outcome, AdvisorError):
        assert_reported(outcome)
        message = format_error(outcome)
        assert len(message) <= LONGEST_MESSAGE + 200 * len(outcome.related), message[:300]
        event(f"exit {int(outcome.exit_code)}")
    else:
        result, functions = outcome
        event("exit 0")
        assert set(result.layout.assignments) == set(functions)
        assert all(0 <= entry.score <= 100 for entry in result.ranking)


def advise_text(text: str) -> AdvisorError | tuple[AdvisorResult, tuple[FunctionId, ...]]:
    """What `match` would do with `text`; anything but an AdvisorError propagates (a bug)."""
    try:
        document = parse_document(text, "generated.yaml")
        profile = resolve_profile(parse_profile(document), document, KB)
        return ADVISOR.advise(profile, explain=False), profile.functions
    except AdvisorError as error:
        return error
