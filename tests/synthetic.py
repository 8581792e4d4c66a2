"""Generated fictional articles for tests that need volume (crash drills, concurrency).

Every name and place here is invented. Articles are deterministic for a given seed, so a failing
test can be reproduced.
"""

from __future__ import annotations

import random
from pathlib import Path

PLACES = ["Port Osran", "Lorvant", "Sarn Valley", "Wexmoor", "Halsk", "Kestrel City", "Valdoria"]
PEOPLE = ["Talia Brennick", "Dario Vesk", "Ines Maldero", "Rolf Aberlin", "Edda Strome", "Moira Callant"]
SUBJECTS = ["harbour expansion", "water rationing", "rail strike", "vaccination drive", "data breach",
            "missile-defence treaty", "regional election", "football takeover"]
WORDS = ("council budget plan vote officials residents protest agreement talks minister report inquiry "
         "funding court ruling workers union deal border radar treaty reservoir drought clinic patients "
         "election campaign ballot fans stadium investors customers regulator fine lawsuit").split()


def article_text(rng: random.Random, n: int) -> str:
    place, person, subject = rng.choice(PLACES), rng.choice(PEOPLE), rng.choice(SUBJECTS)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2024)
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60)))
        paragraphs.append(f"The {subject} in {place} drew comment on {words}. "
                          f"\"We will keep working on the {subject},\" said {person}.")
    return (f"{day} {['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'][month-1]}, "
            f"{year} 10:{n % 60:02d}\n\n{place} {subject} update number {n}\n\n" + "\n\n".join(paragraphs) + "\n")


def write_articles(directory: Path, count: int, seed: int = 7, start: int = 0) -> list[Path]:
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = directory / f"article-{n:05d}.txt"
        path.write_text(article_text(rng, n), encoding="utf-8")
        paths.append(path)
    return paths
