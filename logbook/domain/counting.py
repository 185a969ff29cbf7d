"""The counting every report shares: clinical hours and days per site, procedures per name and level."""

from __future__ import annotations

from logbook.domain.involvement import LEVELS


def count_hours(table: dict, key: object, hours: float, day: str, **names: str | None) -> None:
    """Add clinical hours on a day to the row of `table` at `key`, made on first sight with `names` (e.g. site=...)."""
    row = table.get(key)
    if row is None:
        row = table[key] = {**names, "hours": 0.0, "days": set()}
    row["hours"] += hours
    row["days"].add(day)


def count_procedure(table: dict, key: object, name: str, role: str, count: int) -> None:
    """Add procedures done at a level to the row of `table` at `key` (the first spelling of the name is kept)."""
    row = table.get(key)
    if row is None:
        row = table[key] = {"procedure": name, "by_role": dict.fromkeys(LEVELS, 0), "total": 0}
    row["by_role"][role] += count
    row["total"] += count
