"""The wheel ships the knowledge base, and an installed wheel finds it without the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_FILES = ("platforms.yaml", "sectors.yaml", "sources.yaml", "rules.yaml")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    completed = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    (built,) = out.glob("gba_advisor-*.whl")
    return built


@pytest.fixture(scope="module")
def unpacked(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def test_the_wheel_holds_the_package_and_the_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())

    for name in DATA_FILES:
        assert f"gba_advisor/data/{name}" in names
    assert "gba_advisor/__init__.py" in names
    assert "gba_advisor/core/api.py" in names
    assert "gba_advisor/core/kb/loader.py" in names
    assert not any(name.startswith(("tests/", "src/", "data/")) for name in names)


def test_the_wheel_data_is_the_repository_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        for name in DATA_FILES:
            shipped = archive.read(f"gba_advisor/data/{name}")
            assert shipped == (REPO_ROOT / "data" / name).read_bytes(), name


def test_the_wheel_declares_the_command(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [n for n in archive.namelist() if n.endswith("entry_points.txt")]
        text = archive.read(entry_points).decode()

    assert "gba-advisor = gba_advisor.cli.app:main" in text


PROBE = """
import json, sys
sys.path.insert(0, sys.argv[1])
import gba_advisor
from gba_advisor import load_knowledge_base
kb = load_knowledge_base()
print(json.dumps({
    "module": gba_advisor.__file__,
    "data_dir": str(kb.data_dir),
    "platforms": list(kb.platform_ids),
}))
"""


def test_the_unpacked_wheel_loads_its_own_data(unpacked: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "GBA_ADVISOR_DATA"}}

    completed = subprocess.run(
        [sys.executable, "-c", PROBE, str(unpacked)],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    found = json.loads(completed.stdout)
    assert Path(found["module"]).resolve().is_relative_to(unpacked.resolve())
    assert Path(found["data_dir"]).resolve() == (unpacked / "gba_advisor" / "data").resolve()
    assert sorted(found["platforms"]) == ["hengqin", "loop", "nansha", "qianhai"]
