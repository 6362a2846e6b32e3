#!/usr/bin/env python3
"""Runs several commands in alternation, in a fresh random order each round,
and prints each one's median wall time and the median of the per-round
ratios against the first command.

hyperfine runs one command's runs back to back; on a shared VM whose speed
drifts over seconds, a before/after ratio then carries that drift. Pairing
runs round by round cancels most of it (PERF.md, H20).

  bench/interleaved-runs.py ROUNDS NAME='COMMAND ARGS' [NAME='...'] ...

A command may start with ENV:VAR=VALUE to run with that variable set.
"""
import os
import random
import statistics
import subprocess
import sys
import time


def parse(spec):
    name, command = spec.split("=", 1)
    env = dict(os.environ)
    if command.startswith("ENV:"):
        assignment, command = command[4:].split(" ", 1)
        key, value = assignment.split("=", 1)
        env[key] = value
    return name, command.split(), env


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    commands = [parse(spec) for spec in sys.argv[2:]]
    times = {name: [] for name, _, _ in commands}
    for _, argv, env in commands:  # warm-up: page cache, dynamic loader
        for _ in range(3):
            subprocess.run(argv, stdout=subprocess.DEVNULL, env=env, check=True)
    for _ in range(rounds):
        order = list(commands)
        random.shuffle(order)
        for name, argv, env in order:
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, env=env, check=True)
            times[name].append((time.perf_counter() - start) * 1e3)
    for name, _, _ in commands:
        t = sorted(times[name])
        print(f"{name:14s} median {statistics.median(t):6.1f} ms  "
              f"quartiles {t[len(t) // 4]:6.1f}-{t[3 * len(t) // 4]:6.1f}  min {t[0]:6.1f}")
    first = commands[0][0]
    for name, _, _ in commands[1:]:
        ratios = [a / b for a, b in zip(times[first], times[name])]
        print(f"{first}/{name}: ratio of medians "
              f"{statistics.median(times[first]) / statistics.median(times[name]):.3f}, "
              f"median of per-round ratios {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
