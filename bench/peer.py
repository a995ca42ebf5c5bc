#!/usr/bin/env python3
"""The python3 peer for bench/run.sh: per-worker case count and points sum
of a generated case list with the csv module, printed as CSV
worker,cases,points.

    python3 peer.py FILE [DELIMITER]

Points are summed as Decimal (a decimal comma read as a point), so the sums
are exact, as caseload's are.
"""
import csv
import sys
from decimal import Decimal


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: peer.py FILE [DELIMITER]")
    path = sys.argv[1]
    delimiter = sys.argv[2] if len(sys.argv) == 3 else ","
    cases = {}
    points = {}
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.reader(f, delimiter=delimiter, strict=True)
        header = next(rows)
        w = header.index("worker")
        p = header.index("points")
        for row in rows:
            worker = row[w]
            cases[worker] = cases.get(worker, 0) + 1
            points[worker] = points.get(worker, 0) + Decimal(
                row[p].replace(",", "."))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["worker", "cases", "points"])
    for worker in sorted(cases):
        out.writerow([worker, cases[worker], points[worker]])


if __name__ == "__main__":
    main()
