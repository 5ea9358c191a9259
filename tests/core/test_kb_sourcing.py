"""Issue 12, "Sources a client can check": official means the issuer's own address, a mirror says
so, and `unofficial_only_notes` names every fact that rests on unofficial sources alone."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from gba_advisor.core.kb.check import examine_folder
from gba_advisor.core.kb.loader import default_data_dir
from gba_advisor.core.kb.schema import Source
from gba_advisor.core.kb.sourcing import unofficial_only_notes

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "fixtures" / "tiny_kb"
SHIPPED = default_data_dir()
GOVERNMENT_HOSTS = ("gov.cn", "gov.hk", "gov.mo", "szqh.com.cn")
"""Where an official address may be: the governments' domains, and the Qianhai Authority's own."""

SOURCES = """\
sources:
  - {id: T1, title: The plan, publisher: Test council, official: true,
     url: "https://www.test.gov.cn/plan.htm"}
  - {id: T2, title: The plan (copy), publisher: A forum, official: false,
     url: "https://forum.example/plan", mirror_of: "Test council plan of 2020"}
  - {id: T3, title: A report on the plan, publisher: A newspaper, official: false}
"""


def shipped_sources() -> dict[str, Source]:
    files = examine_folder(SHIPPED).files
    assert files is not None
    return {source.id: source for source in files.sources.sources}


def tiny_copy(tmp_path: Path, sources: str = SOURCES) -> Path:
    """The tiny knowledge base with an official T1, a mirror T2 and a report T3; the area cites
    only the mirror and the first positioning only the report, the rest cite T1."""
    folder = tmp_path / "kb"
    shutil.copytree(TINY, folder)
    (folder / "sources.yaml").write_text(sources, encoding="utf-8")
    platforms = folder / "platforms.yaml"
    text = platforms.read_text(encoding="utf-8")
    text = text.replace("area: {km2: 10, sources: [T1]}", "area: {km2: 10, sources: [T2]}", 1)
    text = text.replace(
        "{text: A test platform, sources: [T1]}", "{text: A test platform, sources: [T3]}", 1
    )
    platforms.write_text(text, encoding="utf-8")
    return folder


def line_of(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


def test_every_official_source_is_at_a_government_address() -> None:
    official = {i: s.url for i, s in shipped_sources().items() if s.official}

    assert official, "the shipped data cites official sources"
    for source_id, url in official.items():
        host = urlsplit(url or "").hostname or ""
        assert host.endswith(GOVERNMENT_HOSTS), f"{source_id} is official at {url}"


@pytest.mark.parametrize(
    ("source_id", "copied"),
    [("S102", "Guofa [2023] No.12"), ("S71", "Yinfa [2023] No.42"), ("S3", "Master Plan")],
)
def test_the_plan_texts_on_other_sites_are_mirrors_not_official(
    source_id: str, copied: str
) -> None:
    source = shipped_sources()[source_id]

    assert source.official is False
    assert source.kind == "mirror"
    assert copied in (source.mirror_of or "")


def test_a_mirror_in_the_reference_is_replaced_by_the_official_address() -> None:
    source = shipped_sources()["S50"]

    assert source.url == "https://www.news.gov.hk/eng/2023/08/20230829/20230829_175521_490.html"
    assert source.kind == "official"


def test_kind_tells_official_mirror_and_secondary_apart() -> None:
    kinds = {
        Source(id="A", title="t", publisher="p", official=True).kind,
        Source(id="B", title="t", publisher="p", mirror_of="the plan").kind,
        Source(id="C", title="t", publisher="p").kind,
    }

    assert kinds == {"official", "mirror", "secondary"}


def test_a_mirror_marked_official_is_a_located_problem(tmp_path: Path) -> None:
    folder = tiny_copy(
        tmp_path, SOURCES.replace("A forum, official: false", "A forum, official: true")
    )

    problems = examine_folder(folder).problems

    assert len(problems) == 1
    assert "a mirror is not official" in problems[0].message
    assert problems[0].location is not None
    assert Path(problems[0].location.file).name == "sources.yaml"
    assert problems[0].location.line == 4


def test_notes_name_each_fact_with_only_unofficial_sources(tmp_path: Path) -> None:
    folder = tiny_copy(tmp_path)
    platforms = folder / "platforms.yaml"

    notes = unofficial_only_notes(examine_folder(folder))

    assert [(n.code, n.location.line, n.location.field) for n in notes] == [
        ("unofficial_only", line_of(platforms, "sources: [T2]"), "platforms[0].area.sources"),
        (
            "unofficial_only",
            line_of(platforms, "sources: [T3]"),
            "platforms[0].positioning[0].sources",
        ),
    ]
    assert notes[0].message == (
        "Alpha, area: only unofficial sources: T2 (T2: mirror of an official text); "
        "cite the issuer's own address beside them"
    )
    assert notes[1].message.startswith("Alpha, positioning[0]: only unofficial sources: T3;")


def test_one_official_source_beside_unofficial_ones_is_enough(tmp_path: Path) -> None:
    folder = tiny_copy(tmp_path)
    platforms = folder / "platforms.yaml"
    text = platforms.read_text(encoding="utf-8")
    platforms.write_text(
        text.replace("sources: [T2]", "sources: [T2, T1]").replace("[T3]", "[T3, T1]"),
        encoding="utf-8",
    )

    assert unofficial_only_notes(examine_folder(folder)) == ()


def test_an_incentive_is_named_by_its_id(tmp_path: Path) -> None:
    notes = unofficial_only_notes(examine_folder(SHIPPED))

    loop_cit = [n for n in notes if "`loop_cit_15`" in n.message]
    assert len(loop_cit) == 1
    assert loop_cit[0].location.field == "platforms[3].incentives[0].sources"
    assert loop_cit[0].message.startswith("the Loop, incentives[0] `loop_cit_15`: only unofficial")


def test_no_notes_for_a_knowledge_base_with_problems(tmp_path: Path) -> None:
    folder = tiny_copy(tmp_path)
    (folder / "rules.yaml").write_text("not: [valid", encoding="utf-8")

    assert unofficial_only_notes(examine_folder(folder)) == ()
