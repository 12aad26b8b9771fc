"""Build articles/data/refids.txt.gz, the compact index of every Cablegate reference id, from ../shared.

Usage: python -m articles.nlp.build_refid_index [SOURCE_CSV_GZ] [TARGET]

The source is cablemap's cable2month.csv.gz (BSD-3-Clause, see articles/data/SOURCE.md): one
`REFERENCE_ID,MONTH` row per cable of the 2010-2011 release. The target groups the ids by
two-digit year and origin, one line each, serials ascending:

    09ISLAMABAD<TAB>1:1 10:1 24:1 ... 365:2 ...

i.e. `serial:month` pairs. Rows whose id does not follow the official pattern (a handful of
garbled ids such as `06SECTION01OF02HARARE628`) are left out and counted on stdout.
"""

from __future__ import annotations

import gzip
import re
import sys
from collections import defaultdict
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = PROJECT_DIR.parent / "shared" / "corpus" / "cablegate-refid-index" / "cable2month.csv.gz"
DEFAULT_TARGET = PROJECT_DIR / "articles" / "data" / "refids.txt.gz"

_OFFICIAL = re.compile(r"(\d{2})([A-Z]+)(\d+)")


def build_index(source: Path, target: Path) -> tuple[int, int]:
    """Write the grouped index to `target`; return (ids written, rows skipped)."""
    groups: dict[str, dict[int, int]] = defaultdict(dict)
    skipped = 0
    with gzip.open(source, "rt", encoding="ascii") as rows:
        for row in rows:
            row = row.strip()
            if not row:
                continue
            refid, _, month = row.partition(",")
            m = _OFFICIAL.fullmatch(refid)
            if not m or not month.isdigit() or not 1 <= int(month) <= 12:
                skipped += 1
                continue
            groups[m.group(1) + m.group(2)][int(m.group(3))] = int(month)
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    # mtime=0 keeps the file byte-identical across rebuilds of the same source.
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        for prefix in sorted(groups):
            serials = groups[prefix]
            pairs = " ".join(f"{serial}:{serials[serial]}" for serial in sorted(serials))
            out.write(f"{prefix}\t{pairs}\n".encode("ascii"))
            written += len(serials)
    return written, skipped


def main(argv: list[str]) -> None:
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    target = Path(argv[1]) if len(argv) > 1 else DEFAULT_TARGET
    written, skipped = build_index(source, target)
    print(f"{target}: {written} reference ids ({skipped} malformed rows skipped), {target.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
