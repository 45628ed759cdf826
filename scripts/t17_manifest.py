"""Write a manifest giving every article of some Timeline17 folders the outlet its folder names.

    python scripts/t17_manifest.py OUT.csv DATA/H1N1_bbc DATA/H1N1_guardian DATA/H1N1_reuters

A folder ``<topic>_<outlet>`` (``H1N1_bbc``) gives its ``InputDocs/<date>/<file>`` articles that
outlet (``OUTLETS`` spells the known ones as readers do); the file column is the path from the
folder's parent, which the manifest matches as a path suffix. This is what a user with one feed per
outlet would supply; ``storyline eval findings --gold h1n1`` is measured on a build made with it.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUTLETS = {"bbc": "BBC", "guardian": "The Guardian", "reuters": "Reuters", "cnn": "CNN", "foxnews": "Fox News",
           "washingtonpost": "The Washington Post"}


def rows(folders: list[Path]) -> list[tuple[str, str]]:
    out = []
    for folder in folders:
        key = folder.name.rsplit("_", 1)[-1].lower()
        outlet = OUTLETS.get(key, key)
        for path in sorted((folder / "InputDocs").glob("*/*")):
            out.append((path.relative_to(folder.parent).as_posix(), outlet))
    return out


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    with open(argv[0], "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "outlet"])
        writer.writerows(rows([Path(p) for p in argv[1:]]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
