"""Placeholder; the real alias table lands from the extraction work."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence


def build_alias_table(speaker_lists: Iterable[Sequence[str]]) -> dict[str, str]:
    return {}


def canonical_speaker(name: str, table: Mapping[str, str]) -> str:
    return table.get(name.lower(), name)
