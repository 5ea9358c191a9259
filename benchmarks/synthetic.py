"""Seeded synthetic profiles for the benchmarks: a trade-fair list, not a uniform grid.

Sectors come from the shipped taxonomy and are written the ways people write them (id, English
or Chinese name, alias, now and then a typo that needs fuzzy matching). Each sector family
brings its usual functions (a biotech places R&D and manufacturing, a fund places finance and
headquarters); homes, markets, R&D needs, priorities and constraints follow plausible
frequencies. About 0.5 % of the records are broken the way real exports are (a misspelt field,
an unknown function), so the error path is measured too.

Run: python benchmarks/synthetic.py COUNT OUT.jsonl|OUT.csv [--seed N]
Generated files belong in a temporary folder, never in the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from gba_advisor.core.kb.loader import resolve_data_dir

SEED = 20261126
FAMILY_FUNCTIONS = {
    "advanced_manufacturing": ["manufacturing", "rd", "trade", "logistics", "headquarters"],
    "new_energy": ["manufacturing", "rd", "trade", "headquarters"],
    "new_materials": ["manufacturing", "rd", "trade"],
    "energy_conservation_and_environment": ["services", "manufacturing", "rd", "headquarters"],
    "new_generation_it": ["rd", "headquarters", "services", "trade"],
    "biotechnology_and_medicine": ["rd", "manufacturing", "headquarters", "trade"],
    "food_and_big_health": ["manufacturing", "trade", "logistics", "services"],
    "marine_science_and_technology": ["rd", "manufacturing", "services"],
    "modern_services": ["services", "headquarters", "trade"],
    "finance": ["finance", "headquarters", "services"],
    "shipping_and_logistics": ["logistics", "trade", "headquarters", "services"],
    "trade_and_commerce": ["trade", "logistics", "headquarters"],
    "cultural_tourism_and_exhibitions": ["tourism", "services", "headquarters"],
    "real_estate_and_construction": ["services", "headquarters", "finance"],
}
HOMES = ["mainland", "hong_kong", "macao", "taiwan", "foreign"]
HOME_WEIGHTS = [45, 20, 8, 5, 22]
COUNTRIES = ["Germany", "Japan", "Singapore", "France", "United States", "Portugal", "Brazil"]
MARKETS = [
    "mainland",
    "hong_kong",
    "macao",
    "portuguese_speaking",
    "asean",
    "belt_and_road",
    "europe",
    "north_america",
    "global",
]
MARKET_WEIGHTS = [40, 10, 4, 4, 10, 8, 10, 7, 7]
RD_NEEDS = [
    "wet_lab",
    "pilot_production",
    "clinical_trials",
    "cross_border_data",
    "cross_border_samples",
    "university_partnership",
    "international_talent",
]
PRIORITIES = [
    "tax",
    "talent",
    "market_access",
    "cross_border",
    "space",
    "cost",
    "research",
    "finance_access",
]
PLATFORMS = ["hengqin", "qianhai", "nansha", "loop"]
CSV_LIST_FIELDS = ("secondary_sectors", "functions", "rd_needs", "target_markets")


def sectors() -> list[dict[str, Any]]:
    """The shipped taxonomy, each sector with its family (its root ancestor)."""
    data = yaml.safe_load((resolve_data_dir() / "sectors.yaml").read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in data["sectors"]}
    for sector in data["sectors"]:
        root = sector
        while root.get("parent"):
            root = by_id[root["parent"]]
        sector["family"] = root["id"]
    return [s for s in data["sectors"] if s["family"] in FAMILY_FUNCTIONS]


def written(sector: dict[str, Any], rng: random.Random) -> str:
    """How a person would type the sector."""
    roll = rng.random()
    if roll < 0.45:
        return str(sector["id"])
    if roll < 0.65:
        return str(sector["name"]["en"])
    if roll < 0.82 and sector.get("aliases"):
        return str(rng.choice(sector["aliases"]))
    if roll < 0.95:
        return str(sector["name"]["zh"])
    name = str(sector["name"]["en"])
    cut = rng.randrange(1, len(name))
    return name[:cut] + name[cut + 1 :]


def profile(index: int, rng: random.Random, taxonomy: list[dict[str, Any]]) -> dict[str, Any]:
    sector = rng.choice(taxonomy)
    pool = FAMILY_FUNCTIONS[sector["family"]]
    count = min(len(pool), rng.choices([1, 2, 3, 4], weights=[25, 35, 25, 15])[0])
    functions = rng.sample(pool, count)
    home = rng.choices(HOMES, weights=HOME_WEIGHTS)[0]
    data: dict[str, Any] = {
        "name": f"Company {index:07d}",
        "home": home,
        "sector": written(sector, rng),
        "functions": functions,
    }
    if home == "foreign":
        data["home_country"] = rng.choice(COUNTRIES)
    if rng.random() < 0.3:
        data["secondary_sectors"] = [written(rng.choice(taxonomy), rng)]
    if "rd" in functions:
        data["rd_intensity"] = rng.choice(["low", "medium", "high"])
        data["rd_needs"] = rng.sample(RD_NEEDS, rng.randrange(0, 4))
    markets = set(rng.choices(MARKETS, weights=MARKET_WEIGHTS, k=rng.randrange(1, 4)))
    data["target_markets"] = sorted(markets)
    if rng.random() < 0.6:
        data["priorities"] = {p: rng.randrange(0, 6) for p in rng.sample(PRIORITIES, 4)}
    constraints: dict[str, Any] = {}
    if rng.random() < 0.2:
        constraints["max_sites"] = rng.choice([1, 2])
    if rng.random() < 0.05:
        constraints["exclude"] = [rng.choice(PLATFORMS)]
    if rng.random() < 0.03 and "headquarters" in functions:
        constraints["pin"] = {"headquarters": rng.choice(PLATFORMS)}
    if constraints:
        data["constraints"] = constraints
    if rng.random() < 0.005:
        _break(data, rng)
    return data


def _break(data: dict[str, Any], rng: random.Random) -> None:
    if rng.random() < 0.5:
        data["fuctions"] = data.pop("functions")
    else:
        data["functions"] = [*data["functions"], "marketing"]


def profiles(count: int, seed: int = SEED) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    taxonomy = sectors()
    for index in range(count):
        yield profile(index, rng, taxonomy)


def write_jsonl(path: Path, count: int, seed: int = SEED) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for data in profiles(count, seed):
            out.write(json.dumps(data, ensure_ascii=False) + "\n")
    return path


def write_csv(path: Path, count: int, seed: int = SEED) -> Path:
    columns = [
        "name",
        "home",
        "home_country",
        "sector",
        "secondary_sectors",
        "functions",
        "rd_intensity",
        "rd_needs",
        "target_markets",
        *(f"priorities.{p}" for p in PRIORITIES),
        "constraints.max_sites",
        "constraints.exclude",
        "constraints.pin",
    ]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for data in profiles(count, seed):
            data.pop("fuctions", None)
            writer.writerow([_cell(data, column) for column in columns])
    return path


def _cell(data: dict[str, Any], column: str) -> str:
    outer, _, inner = column.partition(".")
    value = data.get(outer, {}).get(inner) if inner else data.get(column)
    if value is None:
        return ""
    if isinstance(value, dict):
        return ";".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    write = write_csv if args.out.suffix == ".csv" else write_jsonl
    write(args.out, args.count, args.seed)


if __name__ == "__main__":
    main()
