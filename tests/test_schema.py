"""The JSON Schemas: generated from the models, shipped as files, and true of real output.

Every example profile must validate against the profile schema, and every JSON result (each
example through `match`, the golden file, batch summaries and error lines) against its schema
with a real JSON Schema validator, and back through the pydantic model without a key lost.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ValidationError
from typer.testing import CliRunner

from gba_advisor.cli.app import app
from gba_advisor.core.profile.schema import PROFILE_SCHEMA_FILE
from gba_advisor.core.result.json_schema import ErrorLine, Result, Summary
from gba_advisor.core.schemas import SCHEMAS, schema_file, schema_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
# The golden `match` result, on the tiny knowledge base (tests/cli/test_match.py).
GOLDEN_JSON = ROOT / "tests" / "golden" / "tiny" / "match.json"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GBA_ADVISOR_CACHE", str(tmp_path / "kb-cache"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def validator(name: str) -> Draft202012Validator:
    schema = json.loads(schema_text(name))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def assert_valid(name: str, model: type[BaseModel], data: Any) -> None:
    """Valid for the JSON Schema, and the model gives back exactly the keys it was given."""
    errors = [e.message for e in validator(name).iter_errors(data)]
    assert errors == []
    assert model.model_validate(data).model_dump(mode="json", exclude_unset=True) == data


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_the_shipped_schema_file_is_the_generated_one(name: str) -> None:
    shipped = schema_file(name)
    if UPDATE:
        shipped.write_text(schema_text(name), encoding="utf-8")
    assert shipped.read_text(encoding="utf-8") == schema_text(name)


def test_init_names_the_shipped_profile_schema() -> None:
    assert schema_file("profile") == PROFILE_SCHEMA_FILE
    assert PROFILE_SCHEMA_FILE.is_file()


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_the_schema_command_prints_it(name: str) -> None:
    code, out, err = run("schema", name)
    assert (code, err) == (0, "")
    assert out == schema_text(name)
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_an_unknown_schema_name_is_a_usage_error() -> None:
    code, out, err = run("schema", "profiles")
    assert (code, out) == (2, "")
    assert "profile" in err


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_profile_validates(example: Path) -> None:
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    assert [e.message for e in validator("profile").iter_errors(data)] == []


def test_the_profile_schema_rejects_what_the_loader_rejects() -> None:
    data = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    check = validator("profile")
    assert list(check.iter_errors({**data, "fuctions": ["rd"]}))
    assert list(check.iter_errors({**data, "functions": ["marketing"]}))
    assert list(check.iter_errors({**data, "priorities": {"tax": 6}}))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_every_json_result_validates(example: Path) -> None:
    code, out, err = run("match", str(example), "--as-of", "2026-11-26", "--format", "json")
    assert code == 0, err
    assert_valid("result", Result, json.loads(out))


def test_a_result_with_robustness_validates() -> None:
    example = str(EXAMPLES[0])
    code, out, err = run("match", example, "--format", "json", "--robustness", "--draws", "20")
    assert code == 0, err
    data = json.loads(out)
    assert {"robustness", "counterfactuals"} <= set(data)
    assert_valid("result", Result, data)


def test_the_golden_json_result_validates() -> None:
    assert_valid("result", Result, json.loads(GOLDEN_JSON.read_text(encoding="utf-8")))


def test_batch_summaries_and_error_lines_validate(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    lines = [json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))) for path in EXAMPLES]
    lines.append('{"name": "X", "home": "mars", "sector": "AI", "functions": ["rd"]}')
    lines.append(
        '{"name": "X", "home": "mainland", "sector": "AI", "functions": ["rd"], '
        '"constraints": {"exclude": ["hengqin", "qianhai", "nansha", "loop"]}}'
    )
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run("batch", str(source), "--summary", "--as-of", "2026-11-26")
    assert code == 3
    *summaries, invalid, walled = (json.loads(line) for line in out.splitlines())
    assert len(summaries) == len(EXAMPLES)
    for summary in summaries:
        assert_valid("summary", Summary, summary)
    assert_valid("batch-error", ErrorLine, invalid)
    assert_valid("batch-error", ErrorLine, walled)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.update(extra=1),
        lambda d: d.pop("layout"),
        lambda d: d["ranking"][0].update(score=101.0),
        lambda d: d["by_function"].update(marketing=[]),
        lambda d: d["layout"]["assignments"].update(rd=7),
        lambda d: d["ranking"][0]["contributions"][0].pop("source"),
        lambda d: d["warnings"].append({"code": "x"}),
    ],
)
def test_the_result_schema_rejects_a_damaged_result(damage: Any) -> None:
    data = json.loads(GOLDEN_JSON.read_text(encoding="utf-8"))
    damage(broken := copy.deepcopy(data))
    assert list(validator("result").iter_errors(broken))
    with pytest.raises(ValidationError):
        Result.model_validate(broken)
