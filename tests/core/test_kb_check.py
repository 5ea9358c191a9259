"""`check_knowledge_base`: faults seeded into copies of the shipped data, each reported with its
file, line and field, all of them in one pass.

Expected lines are not hard-coded: each fault names an anchor, a text of the faulty file whose
first occurrence is where the problem must be reported, so the tests survive edits of the data.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from gba_advisor.core.errors import AdvisorError, ExitCode, KnowledgeBaseError
from gba_advisor.core.kb.check import (
    FILES,
    check_knowledge_base,
    examine_documents,
    examine_folder,
)
from gba_advisor.core.kb.loader import default_data_dir, load_knowledge_base
from gba_advisor.core.kb.staleness import dated_notes
from gba_advisor.core.source.document import load_document

SHIPPED = default_data_dir()


@dataclass(frozen=True)
class Edit:
    """Replace `old` by `new` in `file`: the first occurrence, or every one with `count=0`."""

    file: str
    old: str
    new: str
    count: int = 1
    regex: bool = False

    def apply(self, text: str) -> str:
        pattern = self.old if self.regex else re.escape(self.old)
        changed, done = re.subn(pattern, lambda _: self.new, text, count=self.count)
        assert done, f"{self.old!r} not found in {self.file}"
        return changed


@dataclass(frozen=True)
class Fault:
    """A fault, and where and how `data check` must report it."""

    edits: tuple[Edit, ...]
    file: str
    anchor: str
    """The problem's line is the line of the first occurrence of this text (plus `offset`)."""
    message: str
    field: str | None = None
    offset: int = 0
    suggestion: str | None = None

    def expected_line(self, folder: Path) -> int:
        text = (folder / self.file).read_text(encoding="utf-8")
        assert self.anchor in text, f"anchor {self.anchor!r} not in {self.file}"
        return text[: text.index(self.anchor)].count("\n") + 1 + self.offset


def seeded(tmp_path: Path, *faults: Fault) -> Path:
    folder = tmp_path / "kb"
    shutil.copytree(SHIPPED, folder)
    for fault in faults:
        for edit in fault.edits:
            path = folder / edit.file
            path.write_text(edit.apply(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def one(file: str, old: str, new: str) -> tuple[Edit, ...]:
    return (Edit(file, old, new),)


P, S, SRC, R = FILES
BLOCK = r"(        .*\n)+"

FAULTS = {
    "unknown-sector": Fault(
        one(
            P,
            "{sector: integrated_circuits, weight: 0.8",
            "{sector: integrated_circuit, weight: 0.8",
        ),
        P,
        "{sector: integrated_circuit,",
        "unknown sector `integrated_circuit`",
        "platforms[0].priority_industries[1].sector",
        suggestion="integrated_circuits",
    ),
    "unknown-function": Fault(
        one(P, "      tourism:\n        fit: 5\n", "      tourismus:\n        fit: 5\n"),
        P,
        "tourismus:",
        "'tourismus' is not a valid choice",
        "platforms[0].functions.tourismus",
    ),
    "missing-function": Fault(
        (Edit(P, r"      headquarters:\n" + BLOCK, "", regex=True),),
        P,
        "    functions:\n",
        "function `headquarters` is missing",
        "platforms[0].functions",
        offset=1,
    ),
    "unknown-source": Fault(
        one(P, "sources: [S2, S13, S32]", "sources: [S2, S13, S999]"),
        P,
        "S999",
        "unknown source `S999`",
        "platforms[0].functions.tourism.sources[2]",
    ),
    "duplicate-platform": Fault(
        one(P, "  - id: qianhai\n", "  - id: hengqin\n"),
        P,
        '  - id: hengqin\n    name: {en: "Qianhai',
        "duplicate id `hengqin`",
        "platforms[1].id",
    ),
    "duplicate-source": Fault(
        one(SRC, "  - id: S129\n", "  - id: S128\n"),
        SRC,
        '  - id: S128\n    title: "About 60 enterprises',
        "duplicate id `S128`",
    ),
    "empty-sources": Fault(
        one(P, "sources: [S2, S9, S10, S4, S90]", "sources: []"),
        P,
        "sources: []",
        "a fact without a source: `sources` is empty",
        "platforms[0].area.sources",
    ),
    "no-sources-key": Fault(
        one(P, "        sources: [S13, S21, S25]\n", ""),
        P,
        "      logistics:\n        fit: 2",
        "a fact without a source: `sources` is missing",
        "platforms[0].functions.logistics.sources",
        offset=1,
    ),
    "plan-date-not-a-date": Fault(
        one(P, "        date: 2021-09-05\n", "        date: 5 Sep 2021\n"),
        P,
        "date: 5 Sep 2021",
        "'5 Sep 2021' is not a valid date",
        "platforms[0].plans[0].date",
    ),
    "incentive-end-not-a-date": Fault(
        one(P, "        valid_until: 2025-12-31\n", "        valid_until: end of 2025\n"),
        P,
        "valid_until: end of 2025",
        "'end of 2025' is not a valid date (YYYY-MM-DD) or 'unverified'",
        "platforms[0].incentives[3].valid_until",
    ),
    "weight-too-high": Fault(
        one(R, "    weight: 30\n", "    weight: 300\n"),
        R,
        "weight: 300",
        "it must be at most 100",
        "criteria.sector_fit.weight",
    ),
    "weight-negative": Fault(
        one(R, "    weight: 25\n", "    weight: -25\n"),
        R,
        "weight: -25",
        "it must be at least 0",
        "criteria.function_fit.weight",
    ),
    "no-weight-at-all": Fault(
        (Edit(R, r"weight: \d+", "weight: 0", count=0, regex=True),),
        R,
        "  sector_fit:",
        "no criterion carries weight for rd, headquarters, manufacturing",
        "criteria",
    ),
    "a-function-row-weighing-nothing": Fault(
        (
            Edit(
                R,
                "{sector_fit: 24, secondary_sector_fit: 4, function_fit: 36, market_gateway: 8,\n"
                "              home_affinity: 20, rd_needs: 0, rd_intensity: 0, priorities: 14}",
                "{sector_fit: 0, secondary_sector_fit: 0, function_fit: 0, market_gateway: 0,\n"
                "              home_affinity: 0, rd_needs: 0, rd_intensity: 0, priorities: 0}",
            ),
        ),
        R,
        "  tourism:",
        "every criterion weighs 0 for tourism",
        "by_function.tourism.weights",
        offset=6,
    ),
    "missing-strength": Fault(
        (Edit(P, r"      space:\n" + BLOCK, "", regex=True),),
        P,
        "    strengths:\n",
        "priority `space` is missing",
        "platforms[0].strengths",
        offset=1,
    ),
    "parent-cycle": Fault(
        one(S, "    parent: null\n", "    parent: high_end_equipment\n"),
        S,
        "parent: high_end_equipment",
        "parent cycle: advanced_manufacturing -> high_end_equipment -> advanced_manufacturing",
        "sectors[0].parent",
    ),
    "unknown-parent": Fault(
        one(S, "    parent: advanced_manufacturing\n", "    parent: advanced_manufactoring\n"),
        S,
        "advanced_manufactoring",
        "unknown sector `advanced_manufactoring`",
        "sectors[1].parent",
        suggestion="advanced_manufacturing",
    ),
    "synergy-unknown-platform": Fault(
        one(R, "platform: nansha}", "platform: nanshaa}"),
        R,
        "nanshaa",
        "unknown platform `nanshaa`",
        "layout.synergies[0].second.platform",
        suggestion="nansha",
    ),
    "misspelt-rules-key": Fault(
        one(R, "fuzzy_cutoff: 85", "fuzzy_cutof: 85"),
        R,
        "fuzzy_cutof:",
        "unknown field `fuzzy_cutof`",
        "fuzzy_cutof",
        suggestion="fuzzy_cutoff",
    ),
    "level-out-of-range": Fault(
        one(P, "        level: 1.0\n", "        level: 1.5\n"),
        P,
        "level: 1.5",
        "it must be at most 1",
    ),
    "level-nan": Fault(
        one(P, "        level: 0.8\n", "        level: .nan\n"),
        P,
        "level: .nan",
        "finite number",
    ),
    "ends-before-it-starts": Fault(
        one(
            P,
            "        valid_from: 2021-01-01\n        valid_until: 2025-12-31\n",
            "        valid_from: 2026-01-01\n        valid_until: 2025-12-31\n",
        ),
        P,
        "        valid_from: 2026-01-01\n",
        "ends (2025-12-31) before it starts (2026-01-01)",
        "platforms[0].incentives[3].valid_until",
        offset=1,
    ),
    "duplicate-incentive": Fault(
        one(
            P,
            "      - id: hengqin_cit_outbound_investment_exemption\n",
            "      - id: hengqin_cit_15\n        # copied\n",
        ),
        P,
        "      - id: hengqin_cit_15\n        # copied",
        "duplicate id `hengqin_cit_15`",
        "platforms[0].incentives[1].id",
    ),
    "ambiguous-alias": Fault(
        one(S, "factory, OEM]", "factory, OEM, machinery]"),
        S,
        "      machinery, 机械",
        "`machinery` also names sector `advanced_manufacturing`",
    ),
    "unquoted-version": Fault(
        one(P, 'version: "2026.1"', "version: 2026.1"),
        P,
        "version: 2026.1",
        "expected text",
        "version",
    ),
    "boost-typo": Fault(
        one(P, "boosts: {tax: 3}", "boosts: {taxes: 3}"),
        P,
        "boosts: {taxes: 3}",
        "'taxes' is not a valid choice",
        suggestion="tax",
    ),
    "fit-out-of-range": Fault(
        one(P, "        fit: 5\n", "        fit: 6\n"),
        P,
        "fit: 6",
        "it must be at most 5",
    ),
    "area-not-a-number": Fault(
        one(P, "km2: 106", "km2: about 106"),
        P,
        "about 106",
        "expected a number",
        "platforms[0].area.km2",
    ),
}

FATAL_TO_THE_FILE = {
    "impossible-date": Fault(
        one(P, "valid_from: 2021-01-01", "valid_from: 2021-02-30"),
        P,
        "2021-02-30",
        "invalid value",
        "platforms[0].incentives[0].valid_from",
    ),
    "python-tag": Fault(
        one(
            SRC, "    official: false\n", '    official: !!python/object/apply:os.system ["true"]\n'
        ),
        SRC,
        "!!python",
        "is not allowed",
    ),
    "malformed-yaml": Fault(
        one(R, "fuzzy_cutoff: 85", "fuzzy_cutoff: [85"),
        R,
        "expiry_warning_days",
        "malformed YAML",
    ),
}
"""Faults after which the file cannot be read at all: reported alone for that file."""


def reported(problems: list[AdvisorError], fault: Fault, folder: Path) -> AdvisorError:
    """The problem that reports `fault`, asserting its file, line and field."""
    line = fault.expected_line(folder)
    for problem in problems:
        assert problem.location is not None
        place = Path(problem.location.file)
        if fault.message in problem.message and place == folder / fault.file:
            assert problem.location.line == line, (problem, line)
            if fault.field is not None:
                assert problem.location.field == fault.field
            if fault.suggestion is not None:
                assert problem.suggestion == fault.suggestion
            return problem
    raise AssertionError(f"{fault.message!r} not reported; got {[str(p) for p in problems]}")


def test_the_shipped_knowledge_base_is_clean() -> None:
    assert check_knowledge_base(SHIPPED) == []


@pytest.mark.parametrize("name", sorted({**FAULTS, **FATAL_TO_THE_FILE}))
def test_a_seeded_fault_is_reported_with_file_line_and_field(tmp_path: Path, name: str) -> None:
    fault = {**FAULTS, **FATAL_TO_THE_FILE}[name]
    folder = seeded(tmp_path, fault)

    problems = check_knowledge_base(folder)

    problem = reported(problems, fault, folder)
    assert isinstance(problem, KnowledgeBaseError)
    assert problem.exit_code is ExitCode.INVALID_INPUT


def test_every_seeded_fault_is_reported_in_one_pass(tmp_path: Path) -> None:
    chosen = [
        fault
        for name, fault in FAULTS.items()
        # These edit the same text as others (or undo them); each is covered on its own above.
        if name
        not in {"unknown-function", "no-weight-at-all", "parent-cycle", "ends-before-it-starts"}
    ]
    assert len(chosen) >= 15
    folder = seeded(tmp_path, *chosen)

    problems = check_knowledge_base(folder)

    for fault in chosen:
        reported(problems, fault, folder)
    # Sorted by file (in FILES order), then line.
    keys = [
        (FILES.index(Path(p.location.file).name), p.location.line or 0)
        for p in problems
        if p.location is not None
    ]
    assert keys == sorted(keys)


def test_the_loader_raises_the_same_problems(tmp_path: Path) -> None:
    folder = seeded(tmp_path, FAULTS["unknown-sector"], FAULTS["weight-too-high"])

    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(folder)

    assert [str(p) for p in [caught.value, *caught.value.related]] == [
        str(p) for p in check_knowledge_base(folder)
    ]


def test_an_unreadable_file_does_not_hide_problems_in_the_others(tmp_path: Path) -> None:
    folder = seeded(tmp_path, FAULTS["unknown-parent"], FAULTS["weight-too-high"])
    (folder / "sources.yaml").write_bytes(b"\x00\x01binary")

    problems = check_knowledge_base(folder)

    messages = {(Path(p.location.file).name, p.message) for p in problems if p.location}
    assert ("sources.yaml", "is a binary file, not YAML or JSON text") in messages
    assert ("sectors.yaml", "unknown sector `advanced_manufactoring`") in messages
    assert any(f == "rules.yaml" and "it must be at most 100" in m for f, m in messages)
    # With sources.yaml unreadable, citations cannot be checked: none is reported as unknown.
    assert not any("unknown source" in m for _, m in messages)


def test_a_misspelt_key_is_not_also_reported_missing(tmp_path: Path) -> None:
    folder = seeded(tmp_path, FAULTS["misspelt-rules-key"])

    problems = check_knowledge_base(folder)

    assert [p.message for p in problems] == ["unknown field `fuzzy_cutof`"]


def test_a_fact_without_a_source_says_what_to_do(tmp_path: Path) -> None:
    folder = seeded(tmp_path, FAULTS["empty-sources"])

    (problem,) = check_knowledge_base(folder)

    assert problem.hint is not None
    assert "sources.yaml" in problem.hint


def test_an_unquoted_version_gets_a_hint_to_quote_it(tmp_path: Path) -> None:
    folder = seeded(tmp_path, FAULTS["unquoted-version"])

    (problem,) = check_knowledge_base(folder)

    assert problem.hint == 'YAML read 2026.1 as a number or date: write it in quotes, "2026.1"'


def test_a_missing_file_is_one_problem_among_others(tmp_path: Path) -> None:
    folder = seeded(tmp_path, FAULTS["weight-too-high"])
    (folder / "sectors.yaml").unlink()

    problems = check_knowledge_base(folder)

    assert [(Path(p.location.file).name, p.message) for p in problems if p.location] == [
        ("sectors.yaml", "no such file"),
        ("rules.yaml", "300 is out of range: it must be at most 100"),
    ]


def test_a_missing_folder_is_one_problem(tmp_path: Path) -> None:
    problems = check_knowledge_base(tmp_path / "nowhere")

    assert [p.message for p in problems] == ["knowledge base folder not found"]
    assert problems[0].hint is not None
    assert "data init" in problems[0].hint


def test_a_file_instead_of_a_folder_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "kb").write_text("x", encoding="utf-8")

    assert [p.message for p in check_knowledge_base(tmp_path / "kb")] == ["is not a folder"]


def test_a_file_that_is_not_a_mapping_is_named(tmp_path: Path) -> None:
    folder = seeded(tmp_path)
    (folder / "rules.yaml").write_text("- just\n- a list\n", encoding="utf-8")

    (problem,) = check_knowledge_base(folder)

    assert problem.message.startswith("the file must be a mapping with the keys criteria")
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (1, 1)


def test_documents_in_memory_are_checked_like_files() -> None:
    documents = {name: load_document(SHIPPED / name) for name in FILES}
    broken = dict(documents["rules.yaml"].data, fuzzy_cutoff=-1)
    documents["rules.yaml"] = documents["rules.yaml"].__class__(
        "rules.yaml", broken, documents["rules.yaml"].positions
    )

    examination = examine_documents(documents)

    assert examination.files is None
    assert [p.location.field for p in examination.problems if p.location] == ["fuzzy_cutoff"]


def test_a_clean_examination_carries_the_validated_files() -> None:
    examination = examine_folder(SHIPPED)

    assert examination.problems == ()
    assert examination.files is not None
    assert {p.id for p in examination.files.platforms.platforms} == {
        "hengqin",
        "qianhai",
        "nansha",
        "loop",
    }


def _until_line(incentive_id: str) -> int:
    """The line of `valid_until` of the first incentive with this id in the shipped data."""
    lines = (SHIPPED / "platforms.yaml").read_text(encoding="utf-8").splitlines()
    start = lines.index(f"      - id: {incentive_id}")
    return next(n for n in range(start, len(lines)) if "valid_until:" in lines[n]) + 1


def test_dated_notes_list_the_reference_s_expiring_incentives() -> None:
    notes = dated_notes(examine_folder(SHIPPED), dt.date(2026, 6, 1))

    by_line = {note.location.line: note for note in notes}
    expired = by_line[_until_line("qianhai_cit_15")]
    assert expired.code == "expired"
    assert "ended 2025-12-31" in expired.message
    expiring = by_line[_until_line("nansha_cit_15_launch_areas")]
    assert expiring.code == "expiring"
    assert "ends 2026-12-31, in 213 days" in expiring.message
    unverified = by_line[_until_line("hengqin_cit_15")]
    assert unverified.code == "end_unverified"
    assert all(Path(note.location.file).name == "platforms.yaml" for note in notes)


def test_dated_notes_follow_the_date() -> None:
    examination = examine_folder(SHIPPED)

    early = {n.location.line: n.code for n in dated_notes(examination, dt.date(2024, 1, 1))}
    late = {n.location.line: n.code for n in dated_notes(examination, dt.date(2030, 1, 1))}

    assert early.get(_until_line("qianhai_cit_15")) is None  # in force, 2 years to go
    assert late[_until_line("qianhai_cit_15")] == "expired"
    assert late[_until_line("nansha_cit_15_launch_areas")] == "expired"
