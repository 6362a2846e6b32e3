#!/usr/bin/env python3
"""Share of records the knowledge base describes, over a set of logs.

Runs `evtxdump -o csv` on each log and counts rows whose MapDescription is
filled; lists the (provider, event id) pairs left undescribed, by count.
Usage: bench/knowledge_coverage.py [--evtxdump PATH] LOG.evtx...
Prints Markdown (resources/knowledge/COVERAGE.md is its output).
"""
import argparse
import collections
import csv
import io
import subprocess
import sys


def rows_of(evtxdump, path):
    out = subprocess.run([evtxdump, "-t", "0", "-o", "csv", path], check=True,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    return csv.DictReader(io.StringIO(out.decode("utf-8"), newline=""))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--evtxdump", default="build/bin/evtxdump")
    parser.add_argument("logs", nargs="+")
    args = parser.parse_args()
    total = described = 0
    unknown = collections.Counter()
    per_log = []
    for path in args.logs:
        n = d = 0
        for row in rows_of(args.evtxdump, path):
            n += 1
            if row["MapDescription"]:
                d += 1
            else:
                unknown[(row["Provider"], row["EventId"])] += 1
        per_log.append((path, n, d))
        total += n
        described += d
    share = 100.0 * described / total if total else 0.0
    print(f"Records described: **{described:,} of {total:,} ({share:.2f} %)** over "
          f"{len(args.logs)} logs; {len(unknown)} (provider, event id) pairs unknown.\n")
    print("| log | records | described |\n|---|---:|---:|")
    for path, n, d in per_log:
        print(f"| {path.split('/')[-1]} | {n:,} | {d:,} ({100.0 * d / n if n else 0:.1f} %) |")
    print("\nUnknown pairs, by records:\n\n| records | provider | event id |\n|---:|---|---:|")
    for (provider, event_id), n in unknown.most_common():
        print(f"| {n:,} | {provider} | {event_id} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
