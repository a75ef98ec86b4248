"""The published facts the demo is built from (saima/demo/fixtures/facts.yaml, a copy of
../shared/demo/facts.yaml) and small helpers to read them."""

from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

FACTS_PATH = Path(__file__).parent / "fixtures" / "facts.yaml"
WAN_PER_YI = Decimal(10000)


@cache
def facts() -> dict:
    return yaml.safe_load(FACTS_PATH.read_text(encoding="utf-8"))


def yi_to_wan(value) -> Decimal:
    """亿元 → 万元, exactly (1023.5 → 10235000). YAML floats are read through their text."""
    return Decimal(str(value)) * WAN_PER_YI


def plan(region: str, year: int) -> dict:
    return next(p for p in facts()["plans"] if p["region"] == region and p["year"] == year)


def progress(region: str, as_of: date, key: str) -> dict:
    return next(
        p for p in facts()["progress"] if p["region"] == region and p["as_of"] == as_of and key in p
    )


def stage_counts(region: str) -> list[dict]:
    return [s for s in facts()["stage_counts"] if s["region"] == region]


def groundbreaking(region: str, name_part: str) -> dict:
    return next(
        g for g in facts()["groundbreakings"] if g["region"] == region and name_part in g["name"]
    )


def named(name: str) -> dict:
    return next(p for p in facts()["projects"] if p["name"] == name)


def reserve(region: str) -> dict:
    return next(r for r in facts()["reserves"] if r["region"] == region)
