"""Safe YAML loading with positions: what is accepted, what is refused, and where it is."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from gba_advisor.core.errors import ExitCode, InputError, KnowledgeBaseError, Location
from gba_advisor.core.source import text_file
from gba_advisor.core.source.document import (
    MAX_DEPTH,
    Document,
    format_key_path,
    load_document,
    parse_document,
)
from gba_advisor.core.source.text_file import read_text

NESTED = """\
name: Tiny
constraints:
  max_sites: 2
  pin:
    rd: alpha
functions:
  - rd
  - manufacturing
list_of_maps:
  - id: one
    size: 1
  - {id: two, size: 2}
"""


def refused(text: str, path: str = "profile.yaml") -> InputError:
    with pytest.raises(InputError) as caught:
        parse_document(text, path)
    return caught.value


def test_the_data_is_plain_python() -> None:
    document = parse_document(NESTED, "profile.yaml")

    assert document.data == {
        "name": "Tiny",
        "constraints": {"max_sites": 2, "pin": {"rd": "alpha"}},
        "functions": ["rd", "manufacturing"],
        "list_of_maps": [{"id": "one", "size": 1}, {"id": "two", "size": 2}],
    }
    assert document.path == "profile.yaml"


@pytest.mark.parametrize(
    ("key_path", "line", "column"),
    [
        ((), 1, 1),
        (("name",), 1, 7),
        (("constraints", "max_sites"), 3, 14),
        (("constraints", "pin", "rd"), 5, 9),
        (("functions", 0), 7, 5),
        (("functions", 1), 8, 5),
        (("list_of_maps", 0, "id"), 10, 9),
        (("list_of_maps", 0, "size"), 11, 11),
        (("list_of_maps", 1), 12, 5),
        (("list_of_maps", 1, "size"), 12, 21),
    ],
)
def test_positions_of_nested_values_are_one_based(
    key_path: tuple[str | int, ...], line: int, column: int
) -> None:
    document = parse_document(NESTED, "profile.yaml")

    assert document.positions[key_path] == (line, column)
    assert document.locate(key_path) == Location(
        "profile.yaml", line, column, format_key_path(key_path) or None
    )


def test_locate_falls_back_to_the_nearest_written_ancestor() -> None:
    document = parse_document(NESTED, "profile.yaml")

    location = document.locate(("constraints", "pin", "manufacturing"))

    assert (location.line, location.column) == (5, 5)
    assert location.field == "constraints.pin.manufacturing"


def test_a_document_without_positions_locates_at_the_start() -> None:
    document = Document("record 7", {"name": "x"})

    assert document.locate(("name",)) == Location("record 7", 1, 1, "name")


@pytest.mark.parametrize(
    ("key_path", "text"),
    [
        ((), ""),
        (("name",), "name"),
        (("constraints", "pin", "rd"), "constraints.pin.rd"),
        (("functions", 2), "functions[2]"),
        (("list_of_maps", 0, "id"), "list_of_maps[0].id"),
        ((3, "x"), "[3].x"),
    ],
)
def test_format_key_path(key_path: tuple[str | int, ...], text: str) -> None:
    assert format_key_path(key_path) == text


def test_standard_scalars_are_typed() -> None:
    document = parse_document(
        "i: 3\nf: 2.5\nb: true\nn: null\nd: 2021-01-01\ns: '007'\nu: 人工智能\n", "x.yaml"
    )

    assert document.data == {
        "i": 3,
        "f": 2.5,
        "b": True,
        "n": None,
        "d": dt.date(2021, 1, 1),
        "s": "007",
        "u": "人工智能",
    }


def test_json_is_read_as_yaml_with_positions() -> None:
    document = parse_document('{\n  "name": "Tiny",\n  "functions": ["rd"]\n}\n', "p.json")

    assert document.data == {"name": "Tiny", "functions": ["rd"]}
    assert document.positions[("functions", 0)] == (3, 17)


@pytest.mark.parametrize(
    ("text", "line", "column", "problem"),
    [
        ("name: Tiny\nfunctions: [rd, trade\n", 3, 1, "expected ',' or ']'"),
        ("name: Tiny\nhome: a: b\n", 2, 8, "mapping values are not allowed"),
        ('name: "Tiny\n', 2, 1, "unexpected end of stream"),
        ("name: Tiny\n  home: mainland\n", 2, 7, "mapping values are not allowed"),
        ("functions:\n  - rd\n - trade\n", 3, 2, "expected"),
    ],
)
def test_malformed_yaml_is_located(text: str, line: int, column: int, problem: str) -> None:
    error = refused(text)

    assert error.message.startswith("malformed YAML")
    assert problem in error.message
    assert error.location == Location("profile.yaml", line, column)
    assert error.hint is not None
    assert error.exit_code is ExitCode.INVALID_INPUT


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "  \n"])
def test_an_empty_document_is_refused(text: str) -> None:
    error = refused(text)

    assert error.message == "the file is empty"
    assert error.location == Location("profile.yaml", 1, 1)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_bytes(b"")

    with pytest.raises(InputError, match="the file is empty") as caught:
        load_document(path)

    assert caught.value.location is not None
    assert caught.value.location.file == str(path)


def test_python_tags_are_refused_without_running_anything(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"name: Tiny\nhome: !!python/object/apply:os.system ['touch {marker}']\n"

    error = refused(text)

    assert not marker.exists()
    assert "python/object/apply:os.system" in error.message
    assert "not allowed" in error.message
    assert error.location == Location("profile.yaml", 2, 7, "home")


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/name:os.system\n",
        "a: !!python/object:collections.OrderedDict {}\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
        "a: !custom value\n",
        "a: [1, !!python/tuple [2, 3]]\n",
        "!!python/str key: 1\n",
    ],
)
def test_non_standard_tags_are_refused(text: str) -> None:
    error = refused(text)

    assert "is not allowed" in error.message
    assert error.location is not None
    assert (error.location.file, error.location.line) == ("profile.yaml", 1)


def test_merge_keys_are_refused() -> None:
    error = refused("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")

    assert "merge keys" in error.message
    assert error.location is not None
    assert error.location.line == 3


def test_a_billion_laughs_is_refused_quickly() -> None:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        items = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{items}]")
    bomb = "\n".join(lines) + "\n"

    started = time.perf_counter()
    error = refused(bomb)
    elapsed = time.perf_counter() - started

    assert "expands to more than" in error.message
    assert error.hint is not None
    assert "alias" in error.hint
    # 9**10 strings if expanded: only a budget makes this return at all.
    assert elapsed < 20


def test_a_few_aliases_are_fine() -> None:
    document = parse_document("a: &x [1, 2]\nb: *x\n", "x.yaml")

    assert document.data == {"a": [1, 2], "b": [1, 2]}


def _nested_lists(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


def _nested_maps(depth: int) -> str:
    return "{k: " * depth + "1" + "}" * depth


@pytest.mark.parametrize("nest", [_nested_lists, _nested_maps])
def test_nesting_up_to_the_limit_is_accepted(nest: Callable[[int], str]) -> None:
    document = parse_document(nest(MAX_DEPTH), "deep.yaml")

    value = document.data
    for _ in range(MAX_DEPTH):
        value = value[0] if isinstance(value, list) else value["k"]
    assert value == 1


@pytest.mark.parametrize("nest", [_nested_lists, _nested_maps])
@pytest.mark.parametrize("extra", [1, 10])
def test_nesting_deeper_than_the_limit_is_refused(nest: Callable[[int], str], extra: int) -> None:
    error = refused(nest(MAX_DEPTH + extra))

    assert error.message == f"nesting is deeper than the limit of {MAX_DEPTH}"
    assert error.location is not None
    assert error.location.line == 1


def test_pathological_nesting_is_refused_not_crashed() -> None:
    error = refused(_nested_lists(20_000))

    assert "nesting" in error.message
    assert error.location is not None
    assert error.location.line == 1


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("name: A\nhome: mainland\nname: B\n", 3, "name"),
        ("constraints:\n  max_sites: 1\n  max_sites: 2\n", 3, "constraints.max_sites"),
        ("items:\n  - {id: x, id: y}\n", 2, "items[0].id"),
    ],
)
def test_duplicate_keys_are_refused(text: str, line: int, field: str) -> None:
    error = refused(text)

    assert "written twice" in error.message
    assert error.location is not None
    assert (error.location.line, error.location.field) == (line, field)


def test_a_key_must_be_a_scalar() -> None:
    error = refused("? [a, b]\n: 1\n")

    assert "a key must be a plain word" in error.message


def test_an_impossible_date_is_refused_with_its_place() -> None:
    error = refused("plans:\n  - date: 2021-13-45\n")

    assert "invalid value" in error.message
    assert error.location == Location("profile.yaml", 2, 11, "plans[0].date")


def test_read_text_decodes_utf8_and_drops_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes("\ufeffname: 人工智能\n".encode())

    assert read_text(path) == "name: 人工智能\n"


def test_read_text_refuses_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"name: ok\nhome: M\xfcnchen\n")

    with pytest.raises(InputError, match="not valid UTF-8") as caught:
        read_text(path)

    assert "0xfc" in caught.value.message
    assert caught.value.location == Location(str(path), 2)
    assert caught.value.hint == "save the file as UTF-8"


def test_read_text_refuses_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"name: ok\x00\x01\x02\n")

    with pytest.raises(InputError, match="binary file"):
        read_text(path)


def test_read_text_refuses_a_file_over_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_file, "MAX_FILE_BYTES", 16)
    at_limit = tmp_path / "ok.yaml"
    at_limit.write_bytes(b"name: abcdefghi\n")
    too_big = tmp_path / "big.yaml"
    too_big.write_bytes(b"name: abcdefghij\n")

    assert read_text(at_limit) == "name: abcdefghi\n"
    with pytest.raises(InputError, match="the limit is 16") as caught:
        read_text(too_big)
    assert "17 bytes" in caught.value.message
    assert caught.value.hint is not None


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder") as caught:
        load_document(tmp_path)

    assert caught.value.location == Location(str(tmp_path))


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"

    with pytest.raises(InputError, match="no such file") as caught:
        load_document(missing)

    assert caught.value.location == Location(str(missing))
    assert caught.value.exit_code == 3


def test_load_document_reads_positions_and_uses_the_display_name(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(NESTED, encoding="utf-8")

    document = load_document(path, display="client.yaml")

    assert document.path == "client.yaml"
    assert document.locate(("functions", 1)) == Location("client.yaml", 8, 5, "functions[1]")


@pytest.mark.parametrize(
    "content", [b"a: [1\n", b"", b"\x00", b"\xff\xfe", b"a: !!python/name:os.system\n"]
)
def test_the_error_class_is_the_callers(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "platforms.yaml"
    path.write_bytes(content)

    with pytest.raises(KnowledgeBaseError):
        load_document(path, error_class=KnowledgeBaseError)
