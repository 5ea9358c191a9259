"""Profiles: every mistake a user can make is located, explained and, if near, corrected."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from gba_advisor.core.errors import AdvisorError, InputError
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.sectors import MatchMethod
from gba_advisor.core.profile.loader import (
    ResolvedProfile,
    load_profile,
    parse_profile,
    profile_from_data,
    resolve_profile,
)
from gba_advisor.core.profile.schema import Profile
from gba_advisor.core.source.document import parse_document
from gba_advisor.core.vocabulary import FunctionId, Market, RdIntensity, RdNeed

FILE = "client.yaml"
BASE = """\
name: Tiny
home: mainland
sector: ai
functions: [rd]
"""


def resolve(text: str, kb: KnowledgeBase) -> ResolvedProfile:
    document = parse_document(text, FILE)
    return resolve_profile(parse_profile(document), document, kb)


def refused(text: str, kb: KnowledgeBase) -> InputError:
    with pytest.raises(InputError) as caught:
        resolve(text, kb)
    return caught.value


def every_problem(error: AdvisorError) -> list[AdvisorError]:
    return [error, *error.related]


def test_a_minimal_profile_gets_the_documented_defaults(tiny_kb: KnowledgeBase) -> None:
    resolved = resolve(BASE, tiny_kb)
    profile = resolved.profile

    assert profile.schema_version == 1
    assert profile.rd_intensity is RdIntensity.MEDIUM
    assert resolved.target_markets == (Market.MAINLAND,)
    assert resolved.rd_needs == ()
    assert resolved.secondary_sectors == ()
    assert resolved.exclude == frozenset()
    assert profile.constraints.max_sites is None
    assert profile.constraints.pin == {}
    assert profile.priorities.model_dump() == {
        "tax": 3,
        "talent": 3,
        "market_access": 3,
        "cross_border": 3,
        "space": 3,
        "cost": 3,
        "research": 3,
        "finance_access": 3,
    }
    assert resolved.origin == FILE


@pytest.mark.parametrize(
    ("extra", "line", "field", "suggestion", "message"),
    [
        pytest.param(
            "prioritys: {tax: 5}\n",
            5,
            "prioritys",
            "priorities",
            "unknown field `prioritys`",
            id="unknown-top-level-key",
        ),
        pytest.param(
            "priorities: {taxes: 5}\n",
            5,
            "priorities.taxes",
            "tax",
            "unknown field `taxes`",
            id="unknown-priority",
        ),
        pytest.param(
            "constraints: {maxsites: 2}\n",
            5,
            "constraints.maxsites",
            "max_sites",
            "unknown field `maxsites`",
            id="unknown-constraint",
        ),
        pytest.param(
            "priorities:\n  tax: 6\n",
            6,
            "priorities.tax",
            None,
            "it must be at most 5",
            id="priority-6",
        ),
        pytest.param(
            "priorities:\n  tax: -1\n",
            6,
            "priorities.tax",
            None,
            "it must be at least 0",
            id="priority-minus-1",
        ),
        pytest.param(
            "priorities:\n  tax: high\n",
            6,
            "priorities.tax",
            None,
            "expected a whole number",
            id="priority-word",
        ),
        pytest.param(
            "priorities:\n  tax: true\n",
            6,
            "priorities.tax",
            None,
            "expected a whole number",
            id="priority-bool",
        ),
        pytest.param(
            "priorities: 5\n",
            5,
            "priorities",
            None,
            "got 5",
            id="priorities-scalar",
        ),
        pytest.param(
            "rd_intensity: extreme\n",
            5,
            "rd_intensity",
            None,
            "'extreme' is not a valid choice",
            id="bad-enum",
        ),
        pytest.param(
            "rd_needs: [wet_lab, wetlab]\n",
            5,
            "rd_needs[1]",
            "wet_lab",
            "'wetlab' is not a valid choice",
            id="rd-need-typo",
        ),
        pytest.param(
            "target_markets: [europ]\n",
            5,
            "target_markets[0]",
            "europe",
            "'europ' is not a valid choice",
            id="market-typo",
        ),
        pytest.param(
            "constraints:\n  max_sites: 0\n",
            6,
            "constraints.max_sites",
            None,
            "it must be at least 1",
            id="max-sites-0",
        ),
        pytest.param(
            "constraints:\n  max_sites: '2'\n",
            6,
            "constraints.max_sites",
            None,
            "expected a whole number",
            id="max-sites-string",
        ),
        pytest.param(
            "constraints:\n  exclude: [alpah]\n",
            6,
            "constraints.exclude[0]",
            "alpha",
            "unknown platform `alpah`",
            id="exclude-typo",
        ),
        pytest.param(
            "constraints:\n  exclude: [beta, alpah]\n",
            6,
            "constraints.exclude[1]",
            "alpha",
            "unknown platform `alpah`",
            id="exclude-typo-second",
        ),
        pytest.param(
            "constraints:\n  pin:\n    rd: alpah\n",
            7,
            "constraints.pin.rd",
            "alpha",
            "unknown platform `alpah`",
            id="pin-platform-typo",
        ),
        pytest.param(
            "constraints:\n  pin: {rdd: alpha}\n",
            6,
            "constraints.pin.rdd",
            "rd",
            "'rdd' is not a valid choice",
            id="pin-function-typo",
        ),
        pytest.param(
            "home_country: [Germany]\n",
            5,
            "home_country",
            None,
            "expected text",
            id="wrong-type-text",
        ),
        pytest.param(
            "schema_version: 2\n",
            5,
            "schema_version",
            None,
            "not a valid choice",
            id="schema-version",
        ),
    ],
)
def test_a_mistake_is_located_explained_and_suggested(
    tiny_kb: KnowledgeBase,
    extra: str,
    line: int,
    field: str,
    suggestion: str | None,
    message: str,
) -> None:
    error = refused(BASE + extra, tiny_kb)

    assert type(error) is InputError
    assert error.exit_code == 3
    assert message in error.message
    assert error.location is not None
    assert error.location.file == FILE
    assert error.location.line == line
    assert error.location.column is not None
    assert error.location.field == field
    assert error.suggestion == suggestion
    if suggestion is not None:
        assert f"did you mean `{suggestion}`?" in str(error)
    assert str(error).startswith(f"{FILE}:{line}:")


@pytest.mark.parametrize(
    ("functions", "line", "column", "field", "suggestion", "message"),
    [
        ("functions: [rd, manufacture]\n", 4, 17, "functions[1]", "manufacturing", "'manufacture'"),
        ("functions:\n  - rd\n  - manufacture\n", 6, 5, "functions[1]", "manufacturing", ""),
        ("functions: [hq]\n", 4, 13, "functions[0]", None, "'hq' is not a valid choice"),
        ("functions: rd\n", 4, 12, "functions", None, "expected a list"),
        ("functions: []\n", 4, 12, "functions", None, "at least 1 item"),
        ("functions: [rd, trade, rd]\n", 4, 12, "functions", None, "listed more than once: rd"),
        ("functions: {rd: 1}\n", 4, 12, "functions", None, "expected a list"),
    ],
)
def test_function_mistakes(
    tiny_kb: KnowledgeBase,
    functions: str,
    line: int,
    column: int,
    field: str,
    suggestion: str | None,
    message: str,
) -> None:
    text = "name: Tiny\nhome: mainland\nsector: ai\n" + functions

    error = refused(text, tiny_kb)

    assert message in error.message
    assert error.location is not None
    assert (error.location.file, error.location.line, error.location.column) == (
        FILE,
        line,
        column,
    )
    assert error.location.field == field
    assert error.suggestion == suggestion
    if "not a valid choice" in error.message:
        assert error.hint is not None
        assert "manufacturing" in error.hint


@pytest.mark.parametrize(
    ("listing", "repeated"),
    [
        ("rd_needs: [wet_lab, clinical_trials, wet_lab]\n", "rd_needs"),
        ("target_markets: [europe, asean, europe]\n", "target_markets"),
        ("secondary_sectors: [chips, food, chips]\n", "secondary_sectors"),
    ],
)
def test_repeated_list_items_are_refused(
    tiny_kb: KnowledgeBase, listing: str, repeated: str
) -> None:
    error = refused(BASE + listing, tiny_kb)

    assert "listed more than once" in error.message
    assert error.location is not None
    assert (error.location.line, error.location.field) == (5, repeated)


def test_a_misspelt_required_key_is_reported_with_its_suggestion(tiny_kb: KnowledgeBase) -> None:
    error = refused("name: Tiny\nhome: mainland\nsector: ai\nfuctions: [rd]\n", tiny_kb)

    problems = {(p.location.field if p.location else None): p for p in every_problem(error)}
    assert set(problems) == {"functions", "fuctions"}
    # The typo comes first: it is the cause of the missing field.
    assert error is problems["fuctions"]
    assert "required field is missing" in problems["functions"].message
    typo = problems["fuctions"]
    assert typo.suggestion == "functions"
    assert typo.location is not None
    assert (typo.location.file, typo.location.line) == (FILE, 4)
    assert typo.hint is not None
    assert "functions" in typo.hint


@pytest.mark.parametrize("missing", ["name", "home", "sector", "functions"])
def test_each_required_field_is_required(tiny_kb: KnowledgeBase, missing: str) -> None:
    lines = [line for line in BASE.splitlines() if not line.startswith(f"{missing}:")]

    error = refused("\n".join(lines) + "\n", tiny_kb)

    assert error.message == "this required field is missing"
    assert error.location is not None
    assert (error.location.file, error.location.field) == (FILE, missing)
    assert error.related == ()


def test_all_shape_problems_are_reported_at_once(tiny_kb: KnowledgeBase) -> None:
    text = BASE + "priorities: {tax: 9, talent: -2}\nrd_intensity: huge\nextra: 1\n"

    error = refused(text, tiny_kb)

    fields = sorted(
        p.location.field for p in every_problem(error) if p.location and p.location.field
    )
    assert fields == ["extra", "priorities.talent", "priorities.tax", "rd_intensity"]
    assert all(isinstance(p, InputError) for p in every_problem(error))


def test_an_unknown_key_is_located_at_the_key(tiny_kb: KnowledgeBase) -> None:
    """The unknown key is on line 5; its value starts on line 6."""
    error = refused(BASE + "prioritys:\n  tax: 5\n", tiny_kb)

    assert error.suggestion == "priorities"
    assert error.location is not None
    assert (error.location.line, error.location.column) == (5, 1)


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("- name: Tiny\n- home: mainland\n", "a list"),
        ("just some words\n", "`'just some words'`"),
        ("42\n", "`42`"),
    ],
)
def test_a_profile_must_be_a_mapping(tiny_kb: KnowledgeBase, text: str, holds: str) -> None:
    error = refused(text, tiny_kb)

    assert "a profile must be a mapping" in error.message
    assert error.message.endswith(holds)
    assert error.location is not None
    assert (error.location.file, error.location.line, error.location.column) == (FILE, 1, 1)
    assert error.hint is not None
    assert error.exit_code == 3


def test_load_profile_names_the_file_it_read(tiny_kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "client.yaml"
    path.write_text(BASE + "constraints:\n  exclude: [gamma]\n", encoding="utf-8")

    with pytest.raises(InputError) as caught:
        load_profile(path, tiny_kb)

    assert caught.value.location is not None
    assert caught.value.location.file == str(path)
    assert caught.value.location.line == 6
    assert caught.value.hint == "known platforms: alpha, beta"


def test_load_profile_reads_json(tiny_kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "client.json"
    path.write_text(
        '{"name": "Tiny", "home": "mainland", "sector": "ai", "functions": ["trade", "rd"]}',
        encoding="utf-8",
    )

    resolved = load_profile(path, tiny_kb)

    assert resolved.functions == (FunctionId.RD, FunctionId.TRADE)
    assert resolved.origin == str(path)


def test_a_record_without_positions_is_still_named(tiny_kb: KnowledgeBase) -> None:
    document = profile_from_data({"name": "Tiny", "home": "moon"}, "input.jsonl:3")

    with pytest.raises(InputError) as caught:
        parse_profile(document)

    problems = every_problem(caught.value)
    assert {p.location.file for p in problems if p.location} == {"input.jsonl:3"}
    assert {p.location.field for p in problems if p.location} == {"home", "sector", "functions"}


@pytest.mark.parametrize(
    ("query", "sector_id", "method"),
    [
        ("ai", "ai", MatchMethod.ID),
        ("chips", "chips", MatchMethod.ID),
        ("Artificial intelligence", "ai", MatchMethod.NAME),
        ("人工智能", "ai", MatchMethod.NAME),
        ("集成电路", "chips", MatchMethod.NAME),
        ("IC", "chips", MatchMethod.ALIAS),
        ("ic", "chips", MatchMethod.ALIAS),
        # `AI` is an alias, but folding case makes it the id itself.
        ("AI", "ai", MatchMethod.ID),
        ("ARTIFICIAL-INTELLIGENCE", "ai", MatchMethod.NAME),
        ("artificial_intelligence", "ai", MatchMethod.NAME),
        ("  Artificial   intelligence ", "ai", MatchMethod.NAME),
        ("integrated/circuits", "chips", MatchMethod.NAME),
        ("Technology", "tech", MatchMethod.NAME),
    ],
)
def test_sector_resolution_exact(
    tiny_kb: KnowledgeBase, query: str, sector_id: str, method: MatchMethod
) -> None:
    resolved = resolve(BASE.replace("sector: ai", f"sector: {query!r}"), tiny_kb)

    assert resolved.sector.sector_id == sector_id
    assert resolved.sector.method is method
    assert resolved.sector.exact
    assert resolved.sector.score == 100.0
    assert resolved.sector.query == query.strip()


@pytest.mark.parametrize(
    ("query", "sector_id"),
    [("artifical inteligence", "ai"), ("technolgy", "tech"), ("integrated circuit", "chips")],
)
def test_sector_resolution_fuzzy_is_flagged(
    tiny_kb: KnowledgeBase, query: str, sector_id: str
) -> None:
    resolved = resolve(BASE.replace("sector: ai", f"sector: {query}"), tiny_kb)

    assert resolved.sector.sector_id == sector_id
    assert resolved.sector.method is MatchMethod.FUZZY
    assert not resolved.sector.exact
    assert tiny_kb.rules.fuzzy_cutoff <= resolved.sector.score < 100


def test_secondary_sectors_are_resolved_too(tiny_kb: KnowledgeBase) -> None:
    resolved = resolve(BASE + "secondary_sectors: [食品, IC, technolgy]\n", tiny_kb)

    assert [(r.sector_id, r.method) for r in resolved.secondary_sectors] == [
        ("chips", MatchMethod.ALIAS),
        ("food", MatchMethod.NAME),
        ("tech", MatchMethod.FUZZY),
    ]


@pytest.mark.parametrize("field", ["sector", "secondary_sectors"])
def test_a_sector_nothing_matches_lists_the_closest(tiny_kb: KnowledgeBase, field: str) -> None:
    text = (
        BASE.replace("sector: ai", "sector: quantum banking")
        if field == "sector"
        else BASE + "secondary_sectors: [food, quantum banking]\n"
    )

    error = refused(text, tiny_kb)

    assert error.message == "no sector matches 'quantum banking'"
    assert error.location is not None
    assert error.location.file == FILE
    assert error.location.line == (3 if field == "sector" else 5)
    assert error.location.field == ("sector" if field == "sector" else "secondary_sectors[1]")
    assert error.hint is not None
    assert error.hint.startswith("closest sectors: ")
    listed = error.hint.removeprefix("closest sectors: ").split(";")[0]
    assert {item.split(" (")[0] for item in listed.split(", ")} <= {"ai", "chips", "food", "tech"}
    assert len(listed.split(", ")) >= 1


ORDERS = [
    ("[rd, manufacturing, trade]", "[europe, mainland, asean]", "[wet_lab, clinical_trials]"),
    ("[trade, rd, manufacturing]", "[asean, europe, mainland]", "[clinical_trials, wet_lab]"),
    ("[manufacturing, trade, rd]", "[mainland, asean, europe]", "[wet_lab, clinical_trials]"),
]


def test_list_order_does_not_change_the_resolved_profile(tiny_kb: KnowledgeBase) -> None:
    resolved = [
        resolve(
            "name: Tiny\nhome: mainland\nsector: ai\n"
            f"functions: {functions}\ntarget_markets: {markets}\nrd_needs: {needs}\n"
            "secondary_sectors: [food, chips]\nconstraints: {exclude: [beta, alpha]}\n",
            tiny_kb,
        )
        for functions, markets, needs in ORDERS
    ]

    first = resolved[0]
    assert first.functions == (FunctionId.RD, FunctionId.MANUFACTURING, FunctionId.TRADE)
    assert first.target_markets == (Market.MAINLAND, Market.ASEAN, Market.EUROPE)
    assert first.rd_needs == (RdNeed.WET_LAB, RdNeed.CLINICAL_TRIALS)
    assert [r.sector_id for r in first.secondary_sectors] == ["chips", "food"]
    assert first.exclude == frozenset({"alpha", "beta"})
    for other in resolved[1:]:
        assert other.functions == first.functions
        assert other.target_markets == first.target_markets
        assert other.rd_needs == first.rd_needs
        assert other.secondary_sectors == first.secondary_sectors
        assert other.exclude == first.exclude


def test_every_permutation_of_functions_resolves_alike(tiny_kb: KnowledgeBase) -> None:
    functions = ["tourism", "rd", "logistics", "headquarters"]
    seen = {
        resolve(
            BASE.replace("functions: [rd]", f"functions: [{', '.join(order)}]"), tiny_kb
        ).functions
        for order in itertools.permutations(functions)
    }

    assert seen == {
        (FunctionId.RD, FunctionId.HEADQUARTERS, FunctionId.LOGISTICS, FunctionId.TOURISM)
    }


def test_synonyms_in_secondary_sectors_count_once_in_any_order(tiny_kb: KnowledgeBase) -> None:
    """`IC` and `Integrated circuits` are one sector: it must not weigh twice or vary by order."""
    resolved = [
        resolve(BASE + f"secondary_sectors: [{', '.join(order)}]\n", tiny_kb)
        for order in itertools.permutations(["IC", "food", "Integrated circuits"])
    ]

    assert {tuple(r.sector_id for r in p.secondary_sectors) for p in resolved} == {
        ("chips", "food")
    }
    assert len({p.secondary_sectors for p in resolved}) == 1


def test_the_profile_model_is_frozen_and_strict() -> None:
    profile = Profile.model_validate(
        {"name": "  Tiny  ", "home": "mainland", "sector": "ai", "functions": ["rd"]}
    )

    assert profile.name == "Tiny"
    with pytest.raises(ValueError, match="frozen"):
        profile.name = "Other"  # type: ignore[misc]
