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
        source=_opt_str(data.get("source")), timezone=_check_zone(_opt_str(data.get("timezone"))),
        format=_opt_str(data.get("format")), fields={str(k): str(v) for k, v in fields.items()},
    )


def _check_zone(name: str | None) -> str | None:
    """``name`` if it is an IANA time zone; else ValueError with the reason (never a silent UTC)."""
    if name is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(f'"timezone" {name[:60]!r} is not an IANA time zone name (such as "Europe/Moscow" '
                         'or "UTC"); dates in this folder were read in UTC') from None
    return name


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


def discover(roots: Sequence[Path], problems: list[Skipped], *, follow_links: bool = False) -> Iterator[SourceFile]:
    """Every candidate file under ``roots`` (recursively, sorted, hidden entries and settings files left out).

    Paths that do not exist are reported in ``problems`` rather than raised, so one typo does not
    stop a nightly reindex of everything else. Symbolic links are not followed unless ``follow_links``;
    even then only to files and folders inside the given roots, never twice into one folder, so a link
    loop or a link to ``/etc/passwd`` cannot reach the index. Every refused link is reported with why.
    """
    cache = _SettingsCache(problems)
    seen: set[Path] = set()
    real_roots = [r.resolve() for r in roots if r.exists()]
    for root in roots:
        if not root.exists():
            reason = "dangling symbolic link" if root.is_symlink() else "path does not exist"
            problems.append(Skipped(str(root), reason))
            continue
        if root.is_file():
            resolved = root.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield SourceFile(resolved, str(root), cache.for_dir(resolved.parent, resolved.parent))
            continue
        yield from _Walk(root, real_roots, cache, seen, problems, follow_links).files()


def _inside(path: Path, roots: Sequence[Path]) -> Path | None:
    """The root that holds ``path`` (resolved), or None."""
    for root in roots:
        if path == root or root in path.parents:
            return root
    return None


_NOT_FOLLOWED = "not followed (--follow-links follows links that stay inside the given paths)"


@dataclass
class _Walk:
    """A depth-first walk of one root that never loops and never leaves the roots (see :func:`discover`)."""

    root: Path
    real_roots: Sequence[Path]
    cache: _SettingsCache
    seen: set[Path]
    problems: list[Skipped]
    follow: bool

    def files(self) -> Iterator[SourceFile]:
        real_root = self.root.resolve()
        walked: set[Path] = {real_root}
        stack: list[tuple[Path, Path]] = [(self.root, real_root)]  # (as the user's path spells it, real path)
        while stack:
            shown, real = stack.pop()
            try:
                entries = sorted(os.scandir(shown), key=lambda e: e.name)
            except OSError as exc:
                self.problems.append(Skipped(str(shown), f"unreadable folder: {exc.strerror or exc}"))
                continue
            subdirs: list[tuple[Path, Path]] = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                path = shown / entry.name
                if entry.is_symlink():
                    target = self._link_target(path, real, walked)
                    if target is None:
                        continue
                    if target.is_dir():
                        walked.add(target)
                        subdirs.append((path, target))
                        continue
                    resolved = target
                elif entry.is_dir(follow_symlinks=False):
                    target = real / entry.name
                    if target not in walked:
                        walked.add(target)
                        subdirs.append((path, target))
                    continue
                elif entry.is_file(follow_symlinks=False):
                    resolved = real / entry.name
                else:
                    self.problems.append(Skipped(str(path), "not a regular file (a pipe, socket or device)"))
                    continue
                if entry.name == SOURCE_SETTINGS_FILE or resolved in self.seen:
                    continue
                self.seen.add(resolved)
                root = _inside(resolved, self.real_roots) or real_root
                yield SourceFile(resolved, str(path), self.cache.for_dir(resolved.parent, root))
            stack.extend(reversed(subdirs))

    def _link_target(self, path: Path, real_dir: Path, walked: set[Path]) -> Path | None:
        """Where the link at ``path`` leads, if it may be followed; else None, with the reason reported."""
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            return self._refuse(path, "dangling symbolic link (its target does not exist)")
        except (OSError, RuntimeError):  # ELOOP, or "Symlink loop" from pathlib
            return self._refuse(path, "symbolic link loop")
        is_dir = target.is_dir()
        if not self.follow:
            return self._refuse(path, f"symbolic link to a {'folder' if is_dir else 'file'}: {_NOT_FOLLOWED}")
        if _inside(target, self.real_roots) is None:
            return self._refuse(path, "symbolic link to outside the given paths: not followed")
        if is_dir and (target == real_dir or target in real_dir.parents):
            return self._refuse(path, "symbolic link loop (it leads back to a folder above it)")
        if is_dir and target in walked:
            return self._refuse(path, "symbolic link to a folder already walked: not followed twice")
        if not is_dir and not target.is_file():
            return self._refuse(path, "symbolic link to something that is not a regular file")
        return target

    def _refuse(self, path: Path, reason: str) -> None:
        self.problems.append(Skipped(str(path), reason))
        return None
