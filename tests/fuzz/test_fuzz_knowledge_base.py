"""Fuzzing the knowledge base: mutations of the shipped data are either reported, each with a
file and a line, or they leave a knowledge base that advises like any other: a result that
meets the SPEC's invariants, or exit 3 or 4; never a bug.

A case is a small plan (which file, which value, what to do to it) applied in the test, so that
hypothesis keeps and prints plans, not copies of a 1,200-line file.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import defaultdict
from typing import Any

from fuzz_checks import assert_spec_invariants, outcome
from fuzz_strategies import DATA_GROWTH, junk, locate, near, scaled, walk
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gba_advisor.core.api import Advisor
from gba_advisor.core.errors import AdvisorError, KnowledgeBaseError
from gba_advisor.core.kb.check import FILES, examine_documents
from gba_advisor.core.kb.loader import compile_knowledge_base, default_data_dir
from gba_advisor.core.profile.loader import parse_profile, resolve_profile
from gba_advisor.core.source.document import Document, KeyPath, load_document, parse_document
from gba_advisor.core.vocabulary import FunctionId

SHIPPED = default_data_dir()
DOCUMENTS = {name: load_document(SHIPPED / name, display=name) for name in FILES}
PATHS = {name: list(walk(document.data))[1:] for name, document in DOCUMENTS.items()}
TEXTS = {name: (SHIPPED / name).read_text(encoding="utf-8") for name in FILES}
SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
ACTIONS = ["replace", "near", "other", "delete", "duplicate", "rename", "grow"]


def _strings_by_key() -> dict[str, dict[str, list[str]]]:
    """Per file, the strings written under each key name: swapping one for another makes
    realistic dangling references and duplicate ids."""
    pools: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for name, document in DOCUMENTS.items():
        for path in PATHS[name]:
            parent, key = locate(document.data, path)
            value = parent[key]
            label = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
            if isinstance(value, str) and len(value) <= 40:
                pools[name][label].add(value)
    return {n: {k: sorted(v) for k, v in keys.items()} for n, keys in pools.items()}


POOLS = _strings_by_key()
Mutation = tuple[str, KeyPath, str, Any]


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    name = draw(st.sampled_from([*FILES, "platforms.yaml", "platforms.yaml"]))
    path = PATHS[name][draw(st.integers(0, len(PATHS[name]) - 1))]
    parent, key = locate(DOCUMENTS[name].data, path)
    value = parent[key]
    action = draw(st.sampled_from(ACTIONS))
    payload: Any = None
    if action == "replace":
        payload = draw(junk())
    elif action == "near":
        payload = draw(near(value))
    elif action == "other":
        label = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
        pool = POOLS.get(name, {}).get(label) or ["nothing"]
        payload = draw(st.sampled_from(pool))
    elif action == "rename":
        payload = draw(st.sampled_from([f"{key}s", str(key)[:-1] or "x", "[red]k", "sources"]))
    elif action == "grow":
        payload = draw(st.sampled_from(DATA_GROWTH))
    return name, path, action, payload


def apply(data: dict[str, Any], mutation: Mutation) -> None:
    """Apply one mutation in place; a path an earlier mutation removed is skipped."""
    name, path, action, payload = mutation
    try:
        parent, key = locate(data[name], path)
        value = parent[key]
    except (KeyError, IndexError, TypeError):
        return
    if action == "delete":
        del parent[key]
    elif action == "duplicate":
        if isinstance(parent, list):
            parent.append(copy.deepcopy(value))
    elif action == "rename":
        if isinstance(parent, dict) and payload not in parent:
            parent[payload] = parent.pop(key)
    elif action == "grow":
        parent[key] = [value] * payload
    else:
        parent[key] = payload


def documents_after(plan: list[Mutation]) -> dict[str, Document]:
    touched = {name for name, *_ in plan}
    data = {name: copy.deepcopy(DOCUMENTS[name].data) for name in touched}
    for mutation in plan:
        apply(data, mutation)
    return {
        name: Document(name, data[name], document.positions, document.key_positions)
        if name in data
        else document
        for name, document in DOCUMENTS.items()
    }


def advise_all(documents: dict[str, Document], picks: list[int]) -> None:
    """Check the documents; if they pass, advise a few profiles with the compiled data."""
    examination = examine_documents(documents)
    if examination.files is None:
        event("knowledge base refused")
        assert examination.problems
        for problem in examination.problems:
            assert isinstance(problem, KnowledgeBaseError)
            assert problem.message.strip()
            assert problem.location is not None
            assert problem.location.file in FILES
            assert problem.location.line is not None
            assert problem.location.line >= 1
        return
    event("knowledge base accepted")
    kb = compile_knowledge_base(examination.files, SHIPPED, "fuzz")
    advisor = Advisor(kb, dt.date(2026, 6, 1))
    sectors = sorted(kb.sectors.sectors)
    functions = [f.value for f in FunctionId]
    for pick in picks:
        chosen = [functions[i] for i in range(len(functions)) if pick >> i & 1] or ["rd"]
        text = (
            f"name: Fuzz\nhome: hong_kong\nsector: {sectors[pick % len(sectors)]}\n"
            f"functions: [{', '.join(chosen)}]\nrd_needs: [wet_lab]\n"
            "target_markets: [mainland, global]\n"
        )
        document = parse_document(text, "fuzz.yaml")

        def advise(document: Document = document) -> Any:
            return advisor.advise(resolve_profile(parse_profile(document), document, kb))

        result = outcome(advise)
        if isinstance(result, AdvisorError):
            event(f"advice refused: exit {int(result.exit_code)}")
        else:
            assert_spec_invariants(result, chosen, kb.platform_ids)


@settings(max_examples=scaled(500), suppress_health_check=SLOW_OK)
@given(st.lists(mutations(), min_size=1, max_size=3), st.lists(st.integers(0, 255), max_size=2))
def test_any_mutation_is_reported_with_a_place_or_advises_correctly(
    plan: list[Mutation], picks: list[int]
) -> None:
    advise_all(documents_after(plan), picks or [1])


@settings(max_examples=scaled(200), suppress_health_check=SLOW_OK)
@given(
    st.sampled_from(["rules.yaml", "sectors.yaml"]),
    st.lists(
        st.tuples(
            st.floats(0, 1),
            st.sampled_from(["", ":", "- ", "[", "{", "&a ", "*a", "!!str ", "\t", "'", "\n  "]),
            st.integers(0, 4),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_any_text_edit_of_a_data_file_is_reported_or_harmless(
    name: str, edits: list[tuple[float, str, int]]
) -> None:
    text = TEXTS[name]
    for where, noise, cut in edits:
        at = int(where * len(text))
        text = text[:at] + noise + text[at + cut :]
    parsed = _parsed(text, name)

    if isinstance(parsed, KnowledgeBaseError):
        event("file refused")
        assert parsed.location is not None
        assert parsed.location.file == name
        assert parsed.message.strip()
    else:
        advise_all({**DOCUMENTS, name: parsed}, [3])


def _parsed(text: str, name: str) -> Document | KnowledgeBaseError:
    try:
        return parse_document(text, name, KnowledgeBaseError)
    except KnowledgeBaseError as error:
        return error


def test_the_unmutated_documents_pass() -> None:
    examination = examine_documents(DOCUMENTS)

    assert examination.problems == ()
    assert examination.files is not None
