#!/usr/bin/env python3
"""Mutation test: seeded damaged copies of the shared samples (bit flips,
truncations, zeroed or 0xFF ranges, swapped chunks) through evtxdump (an
ASan/UBSan build). Checks: no crash, no hang, no sanitizer report, and every
record of a chunk the mutation left intact is written exactly as when that
chunk is read on its own from the unmutated file; and the CSV timeline of
the damaged file with --recover (-o csv) parses, every row as wide as its
header.

usage: mutate.py --evtxdump BUILD/bin/evtxdump [--count 1000] [--seed 1]
                 [--samples DIR] [--timeout 10] [--jobs 2] [--keep DIR]"""
import argparse
import collections
import concurrent.futures
import csv
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile

HEADER = 4096
CHUNK = 65536
ENV = dict(os.environ,
           ASAN_OPTIONS="detect_leaks=1:exitcode=99:abort_on_error=0",
           UBSAN_OPTIONS="halt_on_error=1:exitcode=98:print_stacktrace=1")


def run(evtxdump, path, timeout):
    """(status, stdout lines, stderr): status is ok, crash, hang or sanitizer."""
    try:
        p = subprocess.run([evtxdump, "-t", "1", "-o", "jsonl", path], env=ENV,
                           capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "hang", [], b""
    if b"Sanitizer" in p.stderr or b"runtime error:" in p.stderr or p.returncode in (98, 99):
        return "sanitizer", [], p.stderr
    if p.returncode < 0:
        return "crash", [], p.stderr
    return "ok", p.stdout.splitlines(), p.stderr


def run_csv(evtxdump, path, timeout):
    """Status of `-o csv --recover` on a damaged file: ok, crash, hang,
    sanitizer, or 'unparsable' when the CSV does not read as RFC 4180 with
    every row as wide as the header."""
    try:
        p = subprocess.run([evtxdump, "-t", "1", "-o", "csv", "--recover", path], env=ENV,
                           capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "hang"
    if b"Sanitizer" in p.stderr or b"runtime error:" in p.stderr or p.returncode in (98, 99):
        return "sanitizer"
    if p.returncode < 0:
        return "crash"
    if p.returncode != 0:
        return "ok"  # refused the file (no header): nothing written to parse
    try:
        rows = list(csv.reader(io.StringIO(p.stdout.decode("utf-8"), newline=""), strict=True))
    except (csv.Error, UnicodeDecodeError):
        return "unparsable"
    if not rows or any(len(r) != len(rows[0]) for r in rows):
        return "unparsable"
    return "ok"


def chunk_count(size):
    return max(0, (size - HEADER + CHUNK - 1) // CHUNK)


def mutate(rng, data):
    """Returns (mutated bytes, kind, {new chunk index: original chunk index}
    for chunks whose bytes are untouched, header untouched?)."""
    data = bytearray(data)
    n = chunk_count(len(data))
    touched = set()
    header_touched = False

    def touch(lo, hi):  # byte range [lo, hi)
        nonlocal header_touched
        if lo < HEADER:
            header_touched = True
        for c in range(max(0, (lo - HEADER) // CHUNK), (max(lo, hi - 1) - HEADER) // CHUNK + 1):
            touched.add(c)

    kind = rng.choice(["bitflip", "bitflip", "truncate", "zero", "ff", "swap"])
    moved = {c: c for c in range(n)}
    # Most mutations keep off the file header so chunks still get read.
    lo_bound = 0 if rng.random() < 0.1 else HEADER
    if kind == "bitflip":
        for _ in range(rng.randint(1, 16)):
            pos = rng.randrange(lo_bound, len(data))
            data[pos] ^= 1 << rng.randrange(8)
            touch(pos, pos + 1)
    elif kind == "truncate":
        cut = rng.randrange(lo_bound, len(data))
        del data[cut:]
        touch(cut, HEADER + n * CHUNK)
    elif kind in ("zero", "ff"):
        pos = rng.randrange(lo_bound, len(data))
        length = min(len(data) - pos, rng.choice([1, 8, 64, 512, 4096, 65536]))
        data[pos:pos + length] = (b"\0" if kind == "zero" else b"\xff") * length
        touch(pos, pos + length)
    elif kind == "swap" and n >= 2:
        a, b = rng.sample(range(n), 2)
        ra = slice(HEADER + a * CHUNK, HEADER + (a + 1) * CHUNK)
        rb = slice(HEADER + b * CHUNK, HEADER + (b + 1) * CHUNK)
        if len(data[rb]) == CHUNK and len(data[ra]) == CHUNK:
            data[ra], data[rb] = bytes(data[rb]), bytes(data[ra])
            moved[a], moved[b] = b, a  # whole chunks moved: still intact
    intact = {c: o for c, o in moved.items() if c not in touched and o not in touched}
    return bytes(data), kind, intact, header_touched


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--evtxdump", required=True)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--samples", default=os.path.join(here, "../../../shared/evtx-samples"))
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", help="copy failing inputs here")
    args = ap.parse_args()

    if not os.path.isdir(args.samples):
        # Like the Qt tests: without ../shared there is nothing to mutate,
        # which fails a CI run (CI=true) and is skipped elsewhere.
        if os.environ.get("CI") == "true":
            print("mutate: FAILED, no samples at", args.samples, "(CI=true)")
            return 1
        print("mutate: skipped, no samples at", args.samples)
        return 0
    samples = sorted(os.path.join(args.samples, n) for n in os.listdir(args.samples)
                     if n.endswith(".evtx"))
    if not samples:
        print("no samples in", args.samples)
        return 0
    tmp = tempfile.mkdtemp(prefix="evtx-mutate-")
    try:
        # Baseline: each chunk read on its own (the file header + that chunk).
        print("baseline: %d samples" % len(samples), flush=True)
        originals, baseline = {}, {}
        jobs = []
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            for s in samples:
                with open(s, "rb") as f:
                    data = f.read()
                originals[s] = data
                for c in range(chunk_count(len(data))):
                    path = os.path.join(tmp, "base-%d-%d.evtx" % (len(jobs), c))
                    with open(path, "wb") as f:
                        f.write(data[:HEADER] + data[HEADER + c * CHUNK:HEADER + (c + 1) * CHUNK])
                    jobs.append((s, c, pool.submit(run, args.evtxdump, path, args.timeout * 6)))
            for s, c, fut in jobs:
                status, lines, err = fut.result()
                if status != "ok":
                    print("baseline %s chunk %d: %s\n%s" % (s, c, status, err.decode(errors="replace")))
                    return 1
                baseline[(s, c)] = collections.Counter(lines)

        rng = random.Random(args.seed)
        cases = []
        for i in range(args.count):
            s = rng.choice(samples)
            data, kind, intact, header_touched = mutate(rng, originals[s])
            cases.append((i, s, kind, intact, header_touched, data))

        def check(case):
            i, s, kind, intact, header_touched, data = case
            path = os.path.join(tmp, "m%d.evtx" % i)
            with open(path, "wb") as f:
                f.write(data)
            status, lines, err = run(args.evtxdump, path, args.timeout)
            if status == "ok":
                csv_status = run_csv(args.evtxdump, path, args.timeout)
                if csv_status != "ok":
                    status, err = "csv " + csv_status, b"-o csv --recover: " + csv_status.encode()
            result = {"status": status, "kind": kind, "chunks": 0, "records": 0, "lost": 0}
            if status == "ok" and not header_touched:
                got = collections.Counter(lines)
                for new, old in intact.items():
                    want = baseline[(s, old)]
                    missing = want - got
                    result["chunks"] += 1
                    result["records"] += sum(want.values())
                    result["lost"] += sum(missing.values())
            if (status != "ok" or result["lost"]) and args.keep:
                os.makedirs(args.keep, exist_ok=True)
                shutil.copy(path, os.path.join(args.keep, "m%d-%s-%s.evtx" % (i, kind, status)))
                with open(os.path.join(args.keep, "m%d.stderr" % i), "wb") as f:
                    f.write(err)
            os.unlink(path)
            result["detail"] = (i, os.path.basename(s), err[-2000:])
            return result

        totals = collections.Counter()
        kinds = collections.Counter()
        failures = []
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            for r in pool.map(check, cases):
                totals[r["status"]] += 1
                kinds[r["kind"]] += 1
                for k in ("chunks", "records", "lost"):
                    totals[k] += r[k]
                if r["status"] != "ok" or r["lost"]:
                    failures.append(r)
        print("mutations: %d (%s)" % (args.count, ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
        csv_failures = sum(n for k, n in totals.items() if str(k).startswith("csv "))
        print("ok %d, crash %d, hang %d, sanitizer %d, csv (--recover) not parsing or failing %d"
              % (totals["ok"], totals["crash"], totals["hang"], totals["sanitizer"], csv_failures))
        print("intact chunks compared %d, their records %d, records not read identically %d"
              % (totals["chunks"], totals["records"], totals["lost"]))
        for r in failures[:20]:
            i, name, err = r["detail"]
            print("FAIL #%d %s %s %s lost=%d\n%s" % (i, name, r["kind"], r["status"], r["lost"],
                                                    err.decode(errors="replace")))
        return 1 if failures else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
