"""Profile mistakes read as plain sentences with a hint, never in pydantic's words.

The three messages issue 12 quotes ("List should have at least 1 item after validation, not 0",
"Input should be a valid integer (got '5')", "Value error, ...") each have a case here, and a
sweep over common slips checks that no pydantic phrasing reaches the reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gba_advisor.core.errors import InputError
from gba_advisor.core.kb.knowledge_base import KnowledgeBase
from gba_advisor.core.profile.loader import load_profile
from gba_advisor.core.source.text_file import read_text

BASE = "name: X\nhome: mainland\nsector: ai\n"
PYDANTIC_WORDING = (
    "Input should",
    "should have at",
    "after validation",
    "Value error",
    "valid integer",
    "valid list",
    "valid string",
    "valid dictionary",
)


def refused(tmp_path: Path, text: str | bytes, kb: KnowledgeBase) -> InputError:
    path = tmp_path / "client.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_profile(path, kb)
    return caught.value


@pytest.mark.parametrize(
    ("extra", "message", "hint"),
    [
        pytest.param(
            "functions: []\n",
            "the list is empty: at least 1 item is needed",
            "add at least 1 of: rd, headquarters, manufacturing",
            id="empty-functions",
        ),
        pytest.param(
            "functions: [rd]\npriorities: {tax: '5'}\n",
            "expected a whole number, but '5' is written as text (in quotes)",
            "remove the quotes: write 5",
            id="quoted-number",
        ),
        pytest.param(
            "functions: [rd, trade, rd]\n",
            "listed more than once: rd",
            "list each value once",
            id="repeated-function",
        ),
        pytest.param(
            "functions: [rd]\npriorities: {tax: 9}\n",
            "9 is out of range: it must be at most 5",
            "use a whole number from 0 to 5",
            id="out-of-range",
        ),
        pytest.param(
            "functions: [rd]\npriorities: {tax: 2.5}\n",
            "expected a whole number, not 2.5",
            "write a whole number from 0 to 5",
            id="fraction",
        ),
        pytest.param(
            "functions: rd\n",
            "expected a list, got 'rd'",
            "write a list in brackets, like `[rd]`",
            id="scalar-for-list",
        ),
        pytest.param(
            "functions: [rd]\nhome_country: 49\n",
            "expected text, but YAML read 49 as a number",
            'put it in quotes: "49"',
            id="number-for-text",
        ),
        pytest.param(
            "functions: [rd]\nconstraints: {max_sites: two}\n",
            "expected a whole number, got 'two'",
            "write a whole number from 1 to 64",
            id="word-for-max-sites",
        ),
        pytest.param(
            "functions: [rd]\npriorities: 3\n",
            "expected a mapping of `key: value` fields, got 3",
            "keys allowed here: cost, cross_border",
            id="scalar-for-mapping",
        ),
    ],
)
def test_a_mistake_is_a_plain_sentence_with_a_hint(
    tmp_path: Path, tiny_kb: KnowledgeBase, extra: str, message: str, hint: str
) -> None:
    error = refused(tmp_path, BASE + extra, tiny_kb)

    assert error.message == message
    assert error.hint is not None
    assert hint in error.hint
    assert not any(words in error.message for words in PYDANTIC_WORDING)


@pytest.mark.parametrize(
    "extra",
    [
        "functions: []\n",
        "functions: {rd: 1}\n",
        "functions: [rd]\npriorities: {tax: '5'}\n",
        "functions: [rd]\npriorities: {tax: true}\n",
        "functions: [rd]\npriorities: {tax: -1}\n",
        "functions: [rd]\nconstraints: {max_sites: 0}\n",
        "functions: [rd]\nconstraints: {max_sites: 1.5}\n",
        "functions: [rd]\nconstraints: {exclude: alpha}\n",
        "functions: [rd]\nconstraints: {pin: [rd]}\n",
        "functions: [rd]\nsecondary_sectors: ['']\n",
        "functions: [rd]\nhome_country: ''\n",
        "functions: [rd]\nhome_country: [Germany]\n",
        "functions: [rd]\ntarget_markets: [europe, europe]\n",
        "functions: [rd]\nrd_needs: wet_lab\n",
        "functions: [rd]\nconstraints: 2\n",
        "functions: [" + ", ".join(["rd"] * 70) + "]\n",
    ],
)
def test_no_pydantic_wording_reaches_the_reader(
    tmp_path: Path, tiny_kb: KnowledgeBase, extra: str
) -> None:
    error = refused(tmp_path, BASE + extra, tiny_kb)

    for problem in (error, *error.related):
        assert not any(words in str(problem) for words in PYDANTIC_WORDING), str(problem)
        assert problem.hint, str(problem)


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16LE"),
        ("utf-16-be", "UTF-16BE"),
        ("utf-32", "UTF-32"),
    ],
)
def test_a_utf16_file_is_named_so_with_how_to_save_it(
    tmp_path: Path, encoding: str, named: str
) -> None:
    path = tmp_path / "client.yaml"
    path.write_bytes((BASE + "functions: [rd]\n").encode(encoding))

    with pytest.raises(InputError) as caught:
        read_text(path)

    assert caught.value.message == f"is {named} text; gba-advisor reads UTF-8"
    assert caught.value.hint is not None
    assert "save the file as UTF-8" in caught.value.hint
    assert f"iconv -f {named} -t UTF-8" in caught.value.hint
    assert "binary" not in caught.value.message


@pytest.mark.parametrize(
    "raw", [b"name: X\x00\x01\x02\nhome: mainland\n", bytes(range(256)) * 4, b"\x00\x00\x00\x00"]
)
def test_binary_data_is_still_called_binary(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "client.yaml"
    path.write_bytes(raw)

    with pytest.raises(InputError, match="is a binary file"):
        read_text(path)
