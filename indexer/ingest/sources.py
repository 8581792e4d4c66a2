"""Finding the article files under the paths a user gives, with the settings that apply to each.

A folder may hold a ``newsindex-source.json`` file naming its source, time zone, format and field
mapping, e.g. ``{"source": "RT", "timezone": "Europe/Moscow"}``; the nearest such file above an article
applies to it. That keeps per-source knowledge (RT prints Moscow time) out of the code.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import SOURCE_SETTINGS_FILE
from ..models import Skipped

#: Project documentation that sits beside article files in downloaded collections.
_DOC_STEMS = frozenset({"readme", "license", "licence", "copying", "changelog", "source", "notice", "authors"})


@dataclass(frozen=True, slots=True)
class SourceSettings:
    source: str | None = None
    timezone: str | None = None
    format: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)

    def merged(self, **overrides: object) -> "SourceSettings":
        """These settings with every non-empty override applied (CLI options beat folder files)."""
        values = {k: v for k, v in overrides.items() if v}
        return SourceSettings(**{**{f: getattr(self, f) for f in self.__slots__}, **values})


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path  # absolute, resolved: the key for incremental reindexing
    display: str  # the path as the user's argument spelled it: shown and stored as ``source_file``
    settings: SourceSettings


def is_documentation(path: Path) -> bool:
    """README, LICENSE, SOURCE.txt and the like: text files about a collection, not articles in it."""
    return path.stem.lower() in _DOC_STEMS or path.suffix.lower() in {".md", ".rst"}


def _read_settings(path: Path) -> SourceSettings:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("must be a JSON object")
    fields = data.get("fields") or {}
    if not isinstance(fields, dict):
        raise ValueError('"fields" must map names to names')
    return SourceSettings(
        source=_opt_str(data.get("source")), timezone=_opt_str(data.get("timezone")),
        format=_opt_str(data.get("format")), fields={str(k): str(v) for k, v in fields.items()},
    )


def _opt_str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


class _SettingsCache:
    """Resolves the settings for a directory once, walking up to the root the user gave."""

    def __init__(self, problems: list[Skipped]) -> None:
        self._cache: dict[Path, SourceSettings] = {}
        self._problems = problems

    def for_dir(self, directory: Path, root: Path) -> SourceSettings:
        if directory in self._cache:
            return self._cache[directory]
        candidate = directory / SOURCE_SETTINGS_FILE
        if candidate.is_file():
            try:
                settings = _read_settings(candidate)
            except (OSError, ValueError) as exc:
                self._problems.append(Skipped(str(candidate), f"bad settings file: {exc}"))
                settings = SourceSettings()
        elif directory == root or directory.parent == directory:
            settings = SourceSettings()
        else:
            settings = self.for_dir(directory.parent, root)
        self._cache[directory] = settings
        return settings


def discover(roots: Sequence[Path], problems: list[Skipped]) -> Iterator[SourceFile]:
    """Every candidate file under ``roots`` (recursively, sorted, hidden entries and settings files left out).

    Paths that do not exist are reported in ``problems`` rather than raised, so one typo does not
    stop a nightly reindex of everything else.
    """
    cache = _SettingsCache(problems)
    seen: set[Path] = set()
    for root in roots:
        if not root.exists():
            problems.append(Skipped(str(root), "path does not exist"))
            continue
        if root.is_file():
            resolved = root.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield SourceFile(resolved, str(root), cache.for_dir(resolved.parent, resolved.parent))
            continue
        yield from _walk(root, cache, seen)


def _walk(root: Path, cache: _SettingsCache, seen: set[Path]) -> Iterator[SourceFile]:
    real_root = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        directory = Path(dirpath)
        for name in sorted(filenames):
            if name.startswith(".") or name == SOURCE_SETTINGS_FILE:
                continue
            path = directory / name
            resolved = path.resolve()
            if resolved in seen or not resolved.is_file():
                continue
            seen.add(resolved)
            yield SourceFile(resolved, str(path), cache.for_dir(resolved.parent, real_root))
