#!/usr/bin/env python3
"""Builds the fuzz seed corpora at run time (nothing here is committed):
file headers + first chunks, whole chunks and first-record BinXML fragments
cut from the shared samples and from evtxgen output, plus query texts.

usage: make-seeds.py OUTDIR [--samples DIR] [--evtxgen PATH]"""
import argparse
import os
import struct
import subprocess
import tempfile

HEADER = 4096
CHUNK = 65536
FIRST_RECORD = 512  # chunk offset of the first record


def chunks(data):
    for off in range(HEADER, len(data) - CHUNK + 1, CHUNK):
        c = data[off:off + CHUNK]
        if c[:8] == b"ElfChnk\0":
            yield c


def first_fragment(chunk):
    """The first record's BinXML (its templates are defined inline)."""
    if chunk[FIRST_RECORD:FIRST_RECORD + 4] != b"\x2a\x2a\0\0":
        return None
    size = struct.unpack_from("<I", chunk, FIRST_RECORD + 4)[0]
    if size < 28 or FIRST_RECORD + size > len(chunk):
        return None
    return chunk[FIRST_RECORD + 24:FIRST_RECORD + size - 4]


QUERIES = [
    "EventID == 4624",
    "EventID in (4624..4634) and Data.TargetUserName == \"SYSTEM\"",
    "Level <= 2 or Provider ~ \"Security\"",
    "not (EventID == 1) and TimeCreated > now - 2h",
    "\"text\"",
    "Data.CommandLine ~ /powershell.*-enc/i",
    "*[System[(EventID=4624 or EventID=4625)] and EventData[Data[@Name='LogonType']='3']]",
    "*[System[TimeCreated[timediff(@SystemTime) <= 86400000]]]",
    "*[System[Provider[@Name='Microsoft-Windows-Security-Auditing'] and (Level=1 or Level=2)]]",
    "<QueryList><Query Id='0'><Select Path='Security'>*[System[EventID=4624]]</Select>"
    "<Suppress Path='Security'>*[System[Level=4]]</Suppress></Query></QueryList>",
]


def write(dirname, name, data):
    os.makedirs(dirname, exist_ok=True)
    with open(os.path.join(dirname, name), "wb") as f:
        f.write(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--samples", default=os.path.join(here, "../../../shared/evtx-samples"))
    ap.add_argument("--evtxgen")
    ap.add_argument("--chunks-per-file", type=int, default=4)
    args = ap.parse_args()

    inputs = []
    if os.path.isdir(args.samples):
        for n in sorted(os.listdir(args.samples)):
            if n.endswith(".evtx"):
                with open(os.path.join(args.samples, n), "rb") as f:
                    inputs.append((n, f.read()))
    if args.evtxgen:
        with tempfile.TemporaryDirectory() as tmp:
            for seed, records in ((1, 40), (2, 400)):
                path = os.path.join(tmp, "gen.evtx")
                subprocess.run([args.evtxgen, "-q", "-o", path, "--records", str(records),
                                "--seed", str(seed)], check=True)
                with open(path, "rb") as f:
                    inputs.append(("evtxgen-%d.evtx" % seed, f.read()))

    for i, (name, data) in enumerate(inputs):
        tag = "%02d" % i
        write(os.path.join(args.out, "file"), tag, data[:HEADER + 2 * CHUNK])
        cs = list(chunks(data))
        step = max(1, len(cs) // args.chunks_per_file)
        for j, c in enumerate(cs[::step][:args.chunks_per_file]):
            write(os.path.join(args.out, "chunk"), "%s-%d" % (tag, j), c)
            frag = first_fragment(c)
            if frag:
                write(os.path.join(args.out, "binxml"), "%s-%d" % (tag, j), frag)
    # Knowledge: a small map (selector 0), the shipped knowledge files (1),
    # decoder inputs (2).
    write(os.path.join(args.out, "knowledge"), "map", b"\0" + SAMPLE_MAP.encode())
    here = os.path.dirname(os.path.abspath(__file__))
    kdir = os.path.join(here, "..", "..", "resources", "knowledge")
    for name in sorted(os.listdir(kdir)):
        if name.endswith(".yaml"):
            with open(os.path.join(kdir, name), "rb") as f:
                write(os.path.join(args.out, "knowledge"), name, b"\1" + f.read()[:4000])
    for k, v in enumerate(["3", "0xc000006d", "%%1833 %%1842", "S-1-5-18", "0x40810010",
                           "SHA1=AB,MD5=CD", "0x15"]):
        write(os.path.join(args.out, "knowledge"), "value-%d" % k, b"\2" + v.encode())
    for selector in range(3):
        for k, q in enumerate(QUERIES):
            write(os.path.join(args.out, "query"), "%d-%02d" % (selector, k),
                  bytes([selector]) + q.encode())


# A map in EvtxECmd's format, written for the fuzzer's seeds.
SAMPLE_MAP = """Author: evtxview seeds
Description: Test event
EventId: 4624
Channel: Security
Provider: Microsoft-Windows-Security-Auditing
Maps:
  -
    Property: UserName
    PropertyValue: "%user% on %host%"
    Values:
      -
        Name: user
        Value: "/Event/EventData/Data[@Name=\\"TargetUserName\\"]"
        Refine: "(?<=a)l.*"
      -
        Name: host
        Value: "/Event/System/Computer"
  -
    Property: PayloadData1
    PropertyValue: "Type %t%"
    Values:
      -
        Name: t
        Value: "/Event/EventData/Data[@Name=\\"LogonType\\"]"
Lookups:
  -
    Name: t
    Default: Unknown
    Values:
      3: Network
"""


if __name__ == "__main__":
    main()
