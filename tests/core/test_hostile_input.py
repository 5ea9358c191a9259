"""Hostile and broken input: a clear error and the documented exit code, never a traceback,
a hang or a crash.

Each case goes through the command line, as a user would meet it: `match PROFILE` for profiles,
`data check` and `match --data-dir` for knowledge bases. The limits are those of
`gba_advisor.core.source.document` (file size, nesting, aliases) and of the profile schema (lists).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gba_advisor.cli.app import app
from gba_advisor.core.kb.loader import DATA_ENV, default_data_dir
from gba_advisor.core.profile.schema import MAX_LIST
from gba_advisor.core.source.document import MAX_DEPTH, MAX_NODES
from gba_advisor.core.source.text_file import MAX_FILE_BYTES

SHIPPED = default_data_dir()
VALID = "name: Hostile Test\nhome: mainland\nsector: robotics\nfunctions: [rd, manufacturing]\n"
AS_OF = "2026-06-01"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1", DATA_ENV: ""}
    )
    return result.exit_code, result.stdout, result.stderr


def refused(path: Path, *message: str, command: tuple[str, ...] = ("match",)) -> str:
    """Run the command on `path`; assert exit 3, nothing on stdout, no traceback, the message."""
    code, out, err = run(*command, str(path))
    assert (code, out) == (3, ""), err
    assert "Traceback" not in err
    assert "internal error" not in err
    for part in message:
        assert part in err
    return err


def bomb() -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, content: str | bytes, name: str = "client.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- profiles ----------------------------------------------------------------------------------

PROFILES: dict[str, tuple[str | bytes, tuple[str, ...]]] = {
    "python-object-tag": (
        "name: !!python/object/apply:os.system ['echo pwned']\nhome: mainland\n",
        ("the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",),
    ),
    "python-name-tag": ("name: !!python/name:os.system\n", ("is not allowed",)),
    "custom-tag": ("name: !vault secret\n", ("the YAML tag '!vault' is not allowed",)),
    "billion-laughs": (bomb(), (f"the document expands to more than {MAX_NODES:,} values",)),
    "merge-key": ("base: &b {home: mainland}\n<<: *b\nname: X\n", ("merge keys (<<)",)),
    "nul-bytes": (b"name: X\x00\x01\x02\nhome: mainland\n", ("is a binary file",)),
    "utf16": (
        "name: X\nhome: mainland\n".encode("utf-16"),
        ("is UTF-16 text", "save the file as UTF-8"),
    ),
    "latin1": (b"name: M\xfcller GmbH\nhome: foreign\n", ("is not valid UTF-8 (byte 0xfc",)),
    "random-bytes": (bytes(range(256)) * 4, ("is a binary file",)),
    "nested-past-the-limit": (
        "name: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n",
        (f"nesting is deeper than the limit of {MAX_DEPTH}",),
    ),
    "pathologically-nested": ("name: " + "[" * 100_000 + "\n", ("nesting",)),
    "10000-functions": (
        VALID.replace("[rd, manufacturing]", "[" + ", ".join(["rd"] * 10_000) + "]"),
        (f"the list has 10000 items; at most {MAX_LIST} items are allowed",),
    ),
    "10000-unknown-functions": (
        VALID.replace("[rd, manufacturing]", "[" + ", ".join(f"f{i}" for i in range(10_000)) + "]"),
        (f"at most {MAX_LIST} items",),
    ),
    "10000-unknown-keys": (
        VALID + "".join(f"key{i}: 1\n" for i in range(10_000)),
        ("unknown field `key0`", "... and 9979 more problems"),
    ),
    "4mb-name": (
        VALID.replace("Hostile Test", "A" * 4_000_000),
        ("at most 200 characters are allowed",),
    ),
    "nan-priority": (VALID + "priorities: {tax: .nan}\n", ("field: priorities.tax",)),
    "infinite-priority": (VALID + "priorities: {tax: .inf}\n", ("field: priorities.tax",)),
    "overflowing-float": (VALID + "priorities: {talent: 1.0e+999}\n", ("priorities.talent",)),
    "huge-integer": (VALID + "priorities: {tax: " + "9" * 50 + "}\n", ("it must be at most 5",)),
    "infinite-max-sites": (VALID + "constraints: {max_sites: .inf}\n", ("constraints.max_sites",)),
    "nan-name": (VALID.replace("name: Hostile Test", "name: .nan"), ("expected text",)),
    "a-list": ("- name: X\n- home: mainland\n", ("must be a mapping",)),
    "a-scalar": ("just words\n", ("must be a mapping",)),
    "complex-key": ("? [a, b]\n: 1\n", ("a key must be a plain word",)),
    "duplicate-key": (VALID + "name: Again\n", ("key `name` is written twice",)),
    "empty": ("", ("the file is empty",)),
    "comments-only": ("# nothing here\n\n", ("the file is empty",)),
    "markup-in-unknown-sector": (
        VALID.replace("robotics", "'[red]zzz[/red] [link=x]'"),
        ("no sector matches '[red]zzz[/red] [link=x]'",),
    ),
    "escape-in-unknown-sector": (
        VALID.replace("robotics", '"zzz\\e[2J"'),
        ("no sector matches 'zzz\\x1b[2J'",),
    ),
}


@pytest.mark.parametrize("case", sorted(PROFILES))
def test_a_hostile_profile_exits_3_with_a_message(tmp_path: Path, case: str) -> None:
    content, message = PROFILES[case]

    err = refused(write(tmp_path, content), *message)

    assert "\x1b" not in err
    assert len(err) < 40_000  # a 4 MB line is not echoed back


def test_a_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    profile = write(tmp_path, f"name: !!python/object/apply:os.system ['touch {marker}']\n")

    refused(profile, "is not allowed")

    assert not marker.exists()


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk

    refused(big, f"file is 52,428,800 bytes; the limit is {MAX_FILE_BYTES:,}")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_not_read_forever() -> None:
    refused(Path("/dev/zero"), "/dev/zero: is a device, not a regular file")


def test_a_folder_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    refused(tmp_path, "is a folder, not a file")
    refused(tmp_path / "nope.yaml", "no such file")


@pytest.mark.parametrize(
    ("output_format", "shown"),
    [
        ("table", "[red]Evil[/red] [link=http://example.invalid]x[/link] \\x1b[2J [/x]"),
        ("json", '"name": "[red]Evil[/red] [link=http://example.invalid]x[/link] \\u001b[2J [/x]"'),
        ("yaml", 'name: "[red]Evil[/red] [link=http://example.invalid]x[/link] \\e[2J [/x]"'),
        ("markdown", "\\[red\\]Evil\\[/red\\] \\[link=http://example.invalid\\]x\\[/link\\]"),
    ],
)
def test_markup_and_escapes_in_a_profile_are_shown_literally(
    tmp_path: Path, output_format: str, shown: str
) -> None:
    name = '"[red]Evil[/red] [link=http://example.invalid]x[/link] \\e[2J [/x]"'
    profile = write(tmp_path, VALID.replace("Hostile Test", name))

    code, out, err = run("match", str(profile), "-f", output_format, "--as-of", AS_OF)

    assert code == 0, err
    assert shown in out
    assert "\x1b" not in out
    assert "\x1b" not in err


# --- knowledge bases ---------------------------------------------------------------------------


def kb_with(tmp_path: Path, name: str, change: Callable[[str], str | bytes]) -> Path:
    folder = tmp_path / "kb"
    shutil.copytree(SHIPPED, folder)
    changed = change((folder / name).read_text(encoding="utf-8"))
    if isinstance(changed, bytes):
        (folder / name).write_bytes(changed)
    else:
        (folder / name).write_text(changed, encoding="utf-8")
    return folder


KNOWLEDGE_BASES: dict[str, tuple[str, Callable[[str], str | bytes], str]] = {
    "python-tag": (
        "platforms.yaml",
        lambda t: t.replace('version: "2026.1"', "version: !!python/object/apply:os.getcwd []"),
        "is not allowed",
    ),
    "billion-laughs": ("sectors.yaml", lambda t: t + "\n" + bomb(), "expands to more than"),
    "binary": ("rules.yaml", lambda t: t.encode() + b"\x00", "is a binary file"),
    "latin1": ("sources.yaml", lambda t: t.encode() + b"# caf\xe9\n", "is not valid UTF-8"),
    "deep-nesting": (
        "rules.yaml",
        lambda t: t + "deep: " + "[" * 200 + "]" * 200 + "\n",
        "nesting",
    ),
    "nan-weight": (
        "rules.yaml",
        lambda t: t.replace("    weight: 25\n", "    weight: .nan\n", 1),
        "finite number",
    ),
    "infinite-area": (
        "platforms.yaml",
        lambda t: t.replace("km2: 106", "km2: .inf", 1),
        "finite number",
    ),
    "not-a-mapping": ("sectors.yaml", lambda _: "- a\n- list\n", "must be a mapping"),
    "empty": ("sources.yaml", lambda _: "", "the file is empty"),
}


@pytest.mark.parametrize("case", sorted(KNOWLEDGE_BASES))
@pytest.mark.parametrize("command", ["check", "match"])
def test_a_hostile_knowledge_base_exits_3_with_a_message(
    tmp_path: Path, case: str, command: str
) -> None:
    name, change, message = KNOWLEDGE_BASES[case]
    folder = kb_with(tmp_path, name, change)
    profile = write(tmp_path, VALID)

    if command == "check":
        err = refused(folder, message, command=("data", "check", "--data-dir"))
    else:
        err = refused(profile, message, command=("match", "--data-dir", str(folder)))

    assert f"{folder / name}:" in err or f"{folder / name}" in err


def test_a_50_mb_data_file_is_refused(tmp_path: Path) -> None:
    folder = kb_with(tmp_path, "sources.yaml", lambda t: t)
    with (folder / "sources.yaml").open("ab") as handle:
        handle.truncate(50 * 1024 * 1024)

    refused(folder, "the limit is 5,242,880", command=("data", "check", "--data-dir"))


def _hostile_name(text: str) -> str:
    return text.replace(
        'short_name: {en: "Nansha"', 'short_name: {en: "[bold]Nan[/bold]sha [/x] \\e[2J"', 1
    )


@pytest.mark.parametrize("output_format", ["json", "yaml"])
def test_markup_in_a_platform_name_is_data_in_json_and_yaml(
    tmp_path: Path, output_format: str
) -> None:
    folder = kb_with(tmp_path, "platforms.yaml", _hostile_name)
    profile = write(tmp_path, VALID)

    code, out, err = run(
        "match", str(profile), "--data-dir", str(folder), "-f", output_format, "--as-of", AS_OF
    )

    assert code == 0, err
    assert "[bold]Nan[/bold]sha [/x]" in out
    assert "\x1b" not in out


def test_markup_in_a_platform_name_is_shown_literally_in_the_table(tmp_path: Path) -> None:
    folder = kb_with(tmp_path, "platforms.yaml", _hostile_name)
    profile = write(tmp_path, VALID)

    code, out, err = run("match", str(profile), "--data-dir", str(folder), "--as-of", AS_OF)

    assert code == 0, err
    assert "[bold]Nan[/bold]sha [/x] \\x1b[2J" in out


def test_an_escape_in_a_platform_name_is_made_visible_in_markdown(tmp_path: Path) -> None:
    folder = kb_with(tmp_path, "platforms.yaml", _hostile_name)
    profile = write(tmp_path, VALID)

    code, out, err = run(
        "match", str(profile), "--data-dir", str(folder), "-f", "markdown", "--as-of", AS_OF
    )

    assert code == 0, err
    assert "\x1b" not in out
