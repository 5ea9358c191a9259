"""Loading a knowledge base: the shipped one loads, and every fault is named with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gba_advisor.core.api import Advisor
from gba_advisor.core.errors import AdvisorError, ExitCode, KnowledgeBaseError
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.kb.loader import (
    DATA_ENV,
    FILES,
    default_data_dir,
    load_knowledge_base,
    resolve_data_dir,
)
from gba_advisor.core.profile.loader import parse_profile, resolve_profile
from gba_advisor.core.source.document import parse_document
from gba_advisor.core.vocabulary import FunctionId, Priority

Edit = tuple[str, str, str]
"""(file name, text to replace once, replacement)."""


def copy_with(source: Path, target: Path, *edits: Edit) -> Path:
    shutil.copytree(source, target)
    for name, old, new in edits:
        path = target / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def load_faulty(source: Path, tmp_path: Path, *edits: Edit) -> KnowledgeBaseError:
    folder = copy_with(source, tmp_path / "kb", *edits)
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(folder)
    return caught.value


def every_problem(error: AdvisorError) -> list[AdvisorError]:
    return [error, *error.related]


def where(error: AdvisorError) -> tuple[str, int | None, str | None]:
    assert error.location is not None
    return Path(error.location.file).name, error.location.line, error.location.field


def test_the_shipped_knowledge_base_loads() -> None:
    kb = load_knowledge_base()

    assert set(kb.platform_ids) == {"hengqin", "qianhai", "nansha", "loop"}
    assert kb.data_dir == default_data_dir()
    assert kb.version
    assert len(kb.content_hash) == 64
    for platform in kb.platforms:
        assert set(platform.functions) == set(FunctionId)
        assert set(platform.strengths) == set(Priority)
    cited = {
        source
        for platform in kb.platforms
        for fit in platform.functions.values()
        for source in fit.sources
    }
    assert cited <= set(kb.sources)


def test_the_shipped_knowledge_base_covers_the_industries_the_spec_names() -> None:
    kb = load_knowledge_base()
    cutoff = kb.rules.fuzzy_cutoff
    named = [
        "digital economy",
        "green finance",
        "advanced manufacturing",
        "new-generation IT",
        "modern services",
        "finance",
        "logistics",
        "TCM",
    ]

    unresolved = [name for name in named if kb.sectors.resolve(name, cutoff) is None]

    assert unresolved == []


def test_the_tiny_knowledge_base_loads(tiny_kb: KnowledgeBase, tiny_kb_dir: Path) -> None:
    assert tiny_kb.platform_ids == ("alpha", "beta")
    assert tiny_kb.version == "test-1"
    assert tiny_kb.data_dir == tiny_kb_dir
    assert tiny_kb.platform("beta").short_name.en == "Beta"
    with pytest.raises(KeyError):
        tiny_kb.platform("gamma")


FAULTS = [
    pytest.param(
        ("platforms.yaml", "{sector: ai, weight", "{sector: robotics, weight"),
        "unknown sector `robotics`",
        ("platforms.yaml", 17, "platforms[0].priority_industries[0].sector"),
        id="unknown-sector",
    ),
    pytest.param(
        ("platforms.yaml", "area: {km2: 10, sources: [T1]}", "area: {km2: 10, sources: [T9]}"),
        "unknown source `T9`",
        ("platforms.yaml", 8, "platforms[0].area.sources[0]"),
        id="unknown-source",
    ),
    pytest.param(
        ("platforms.yaml", "  - id: beta\n", "  - id: alpha\n"),
        "duplicate id `alpha`",
        ("platforms.yaml", 46, "platforms[1].id"),
        id="duplicate-platform",
    ),
    pytest.param(
        (
            "platforms.yaml",
            "      tourism: {fit: 3, reason: Alpha tourism fit, sources: [T1]}\n",
            "",
        ),
        "function `tourism` is missing",
        ("platforms.yaml", 19, "platforms[0].functions"),
        id="missing-function",
    ),
    pytest.param(
        (
            "platforms.yaml",
            "      space: {level: 1, reason: Beta space baseline, sources: [T1]}\n",
            "",
        ),
        "priority `space` is missing",
        ("platforms.yaml", 71, "platforms[1].strengths"),
        id="missing-strength",
    ),
    pytest.param(
        ("sectors.yaml", "parent: tech}", "parent: techh}"),
        "unknown sector `techh`",
        ("sectors.yaml", 3, "sectors[1].parent"),
        id="unknown-parent",
    ),
    pytest.param(
        (
            "rules.yaml",
            "  synergies: []\n",
            "  synergies:\n"
            "    - id: near\n"
            "      first: {function: rd, platform: alpha}\n"
            "      second: {functions: [manufacturing], platform: gamma}\n"
            "      points: 2\n"
            "      reason: close by\n"
            "      sources: [T1]\n",
        ),
        "unknown platform `gamma`",
        ("rules.yaml", 21, "layout.synergies[0].second.platform"),
        id="unknown-synergy-platform",
    ),
    pytest.param(
        ("sources.yaml", 'date: "2020", official: true}', 'date: "2020", official: true'),
        "malformed YAML",
        ("sources.yaml", 3, None),
        id="malformed-yaml",
    ),
    pytest.param(
        (
            "platforms.yaml",
            "issuer: Test council, date: 2020-01-01",
            "issuer: Test council, date: 2020-13-45",
        ),
        "invalid value",
        ("platforms.yaml", 10, "platforms[0].plans[0].date"),
        id="impossible-date",
    ),
    pytest.param(
        (
            "platforms.yaml",
            "issuer: Test council, date: 2020-01-01",
            "issuer: Test council, date: soon",
        ),
        "valid date",
        ("platforms.yaml", 10, "platforms[0].plans[0].date"),
        id="not-a-date",
    ),
    pytest.param(
        ("platforms.yaml", "valid_until: 2025-12-31", "valid_until: end of 2025"),
        "valid date",
        ("platforms.yaml", 43, "platforms[0].incentives[0].valid_until"),
        id="not-a-date-incentive",
    ),
    pytest.param(
        ("platforms.yaml", "rd: {fit: 5,", "rd: {fit: 6,"),
        "it must be at most 5",
        ("platforms.yaml", 19, "platforms[0].functions.rd.fit"),
        id="fit-out-of-range",
    ),
    pytest.param(
        ("platforms.yaml", "rd: {fit: 5,", "rd: {fitt: 5,"),
        "unknown field `fitt`",
        ("platforms.yaml", 19, "platforms[0].functions.rd.fitt"),
        id="unknown-key",
    ),
    pytest.param(
        ("rules.yaml", "fuzzy_cutoff: 85", "fuzzy_cutof: 85"),
        "unknown field `fuzzy_cutof`",
        ("rules.yaml", 13, "fuzzy_cutof"),
        id="unknown-rules-key",
    ),
]


@pytest.mark.parametrize(("edit", "message", "location"), FAULTS)
def test_a_fault_is_named_with_file_line_and_field(
    tiny_kb_dir: Path,
    tmp_path: Path,
    edit: Edit,
    message: str,
    location: tuple[str, int, str | None],
) -> None:
    error = load_faulty(tiny_kb_dir, tmp_path, edit)

    assert type(error) is KnowledgeBaseError
    assert error.exit_code is ExitCode.INVALID_INPUT
    assert message in error.message
    assert where(error) == location
    assert error.location is not None
    assert Path(error.location.file).parent == tmp_path / "kb"


def test_an_unknown_key_gets_a_suggestion(tiny_kb_dir: Path, tmp_path: Path) -> None:
    error = load_faulty(tiny_kb_dir, tmp_path, ("platforms.yaml", "rd: {fit: 5,", "rd: {fitt: 5,"))

    assert error.suggestion == "fit"


def test_an_unknown_sector_gets_a_suggestion(tiny_kb_dir: Path, tmp_path: Path) -> None:
    error = load_faulty(
        tiny_kb_dir, tmp_path, ("platforms.yaml", "{sector: tech, weight", "{sector: tekh, weight")
    )

    assert where(error) == ("platforms.yaml", 59, "platforms[1].priority_industries[0].sector")
    assert error.suggestion == "tech"


def test_a_parent_cycle_is_reported_for_each_member(tiny_kb_dir: Path, tmp_path: Path) -> None:
    error = load_faulty(
        tiny_kb_dir,
        tmp_path,
        (
            "sectors.yaml",
            "{id: tech, name: {en: Technology, zh: 科技}, aliases: []}",
            "{id: tech, name: {en: Technology, zh: 科技}, aliases: [], parent: chips}",
        ),
    )

    problems = every_problem(error)
    assert all("parent cycle" in p.message for p in problems)
    assert sorted(where(p) for p in problems) == [
        ("sectors.yaml", 2, "sectors[0].parent"),
        ("sectors.yaml", 4, "sectors[2].parent"),
    ]
    assert "tech -> chips -> tech" in problems[0].message


def test_a_self_parent_is_a_cycle(tiny_kb_dir: Path, tmp_path: Path) -> None:
    error = load_faulty(tiny_kb_dir, tmp_path, ("sectors.yaml", "parent: tech}", "parent: ai}"))

    assert "parent cycle: ai -> ai" in error.message
    assert where(error) == ("sectors.yaml", 3, "sectors[1].parent")


def test_several_faults_are_all_reported(tiny_kb_dir: Path, tmp_path: Path) -> None:
    error = load_faulty(
        tiny_kb_dir,
        tmp_path,
        ("platforms.yaml", "{sector: ai, weight", "{sector: robotics, weight"),
        ("platforms.yaml", "area: {km2: 10, sources: [T1]}", "area: {km2: 10, sources: [T9]}"),
        ("platforms.yaml", "  - id: beta\n", "  - id: alpha\n"),
        (
            "platforms.yaml",
            "      tourism: {fit: 3, reason: Alpha tourism fit, sources: [T1]}\n",
            "",
        ),
        ("sectors.yaml", "parent: tech}", "parent: techh}"),
        (
            "rules.yaml",
            "  synergies: []\n",
            "  synergies:\n"
            "    - id: near\n"
            "      first: {function: rd, platform: omega}\n"
            "      second: {functions: [manufacturing], platform: alpha}\n"
            "      points: 2\n"
            "      reason: close by\n"
            "      sources: [T1, T2]\n",
        ),
    )

    problems = every_problem(error)
    reported = {(where(p)[0], p.message) for p in problems}
    assert reported == {
        ("platforms.yaml", "duplicate id `alpha`"),
        ("sectors.yaml", "unknown sector `techh`"),
        ("platforms.yaml", "unknown sector `robotics`"),
        ("platforms.yaml", "function `tourism` is missing"),
        ("platforms.yaml", "unknown source `T9`"),
        ("rules.yaml", "unknown source `T2`"),
        ("rules.yaml", "unknown platform `omega`"),
    }
    assert len(problems) == len(reported)
    assert all(isinstance(p, KnowledgeBaseError) for p in problems)


def test_every_shape_fault_in_a_file_is_reported(tiny_kb_dir: Path, tmp_path: Path) -> None:
    error = load_faulty(
        tiny_kb_dir,
        tmp_path,
        ("platforms.yaml", "rd: {fit: 5,", "rd: {fit: 9,"),
        ("platforms.yaml", "area: {km2: 10,", "area: {km2: -1,"),
    )

    assert sorted(where(p) for p in every_problem(error)) == [
        ("platforms.yaml", 8, "platforms[0].area.km2"),
        ("platforms.yaml", 19, "platforms[0].functions.rd.fit"),
    ]


@pytest.mark.parametrize("missing", FILES)
def test_a_missing_file_is_named(tiny_kb_dir: Path, tmp_path: Path, missing: str) -> None:
    folder = copy_with(tiny_kb_dir, tmp_path / "kb")
    (folder / missing).unlink()

    with pytest.raises(KnowledgeBaseError, match="no such file") as caught:
        load_knowledge_base(folder)

    assert caught.value.location is not None
    assert caught.value.location.file == str(folder / missing)


def test_a_missing_folder_is_a_knowledge_base_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="folder not found") as caught:
        load_knowledge_base(tmp_path / "nowhere")

    assert caught.value.hint is not None
    assert "data init" in caught.value.hint


def test_an_added_platform_is_scored(tiny_kb_dir: Path, tmp_path: Path) -> None:
    platforms = (tiny_kb_dir / "platforms.yaml").read_text(encoding="utf-8")
    beta = platforms[platforms.index("  - id: beta\n") :]
    gamma = (
        beta.replace("id: beta", "id: gamma")
        .replace("Beta", "Gamma")
        .replace("rd: {fit: 3,", "rd: {fit: 4,")
    )
    folder = copy_with(tiny_kb_dir, tmp_path / "kb")
    (folder / "platforms.yaml").write_text(platforms + gamma, encoding="utf-8")

    kb = load_knowledge_base(folder)
    document = parse_document("name: T\nhome: mainland\nsector: tech\nfunctions: [rd]\n", "p")
    result = Advisor(kb).advise(resolve_profile(parse_profile(document), document, kb))

    assert kb.platform_ids == ("alpha", "beta", "gamma")
    scores = {e.platform: e.score for e in result.by_function[FunctionId.RD]}
    assert set(scores) == {"alpha", "beta", "gamma"}
    # One fit point more (of 5) on the 20-point function criterion.
    assert scores["gamma"] - scores["beta"] == pytest.approx(4.0)
    assert result.layout.assignments[FunctionId.RD] == result.ranking[0].platform


def test_the_content_hash_follows_the_data(tiny_kb_dir: Path, tmp_path: Path) -> None:
    same = load_knowledge_base(copy_with(tiny_kb_dir, tmp_path / "same"))
    changed = load_knowledge_base(
        copy_with(
            tiny_kb_dir, tmp_path / "changed", ("platforms.yaml", "rd: {fit: 5,", "rd: {fit: 4,")
        )
    )

    assert same.content_hash == load_knowledge_base(tiny_kb_dir).content_hash
    assert changed.content_hash != same.content_hash


def test_the_environment_variable_is_honoured(
    tiny_kb_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_ENV, str(tiny_kb_dir))

    kb = load_knowledge_base()

    assert kb.data_dir == tiny_kb_dir
    assert kb.platform_ids == ("alpha", "beta")
    assert resolve_data_dir() == tiny_kb_dir


def test_the_environment_variable_names_a_broken_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "nowhere"))

    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base()

    assert caught.value.location is not None
    assert caught.value.location.file == str(tmp_path / "nowhere")


def test_an_explicit_folder_wins_over_the_environment(
    tiny_kb_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "nowhere"))

    kb = load_knowledge_base(tiny_kb_dir)

    assert kb.data_dir == tiny_kb_dir
    assert resolve_data_dir(tiny_kb_dir) == tiny_kb_dir


def test_an_empty_environment_variable_means_the_shipped_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(DATA_ENV, "")

    assert resolve_data_dir() == default_data_dir()


def test_without_the_variable_the_shipped_data_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATA_ENV, raising=False)

    assert resolve_data_dir() == default_data_dir()
    assert (default_data_dir() / "platforms.yaml").is_file()
