#!/usr/bin/env python3
"""Measure packaging's SpecifierSet.contains rate on the contains corpus.

    PYENV_VERSION=3.13.0 python3 bench_packaging.py [--repeat N]

The counterpart of BenchmarkSpecifierContains in bench_test.go: the same
cells (every specifier set x version x prereleases mode of contains.tsv.gz),
with specifier sets and versions parsed once, outside the timed loop. Cells
where packaging raises (marked lower case in the corpus) are evaluated with
the documented prereleases value, as the generator does. Prints cells/s.
"""

import argparse
import gzip
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VENDOR = os.path.join(
    sys.prefix, "lib", "python%d.%d" % sys.version_info[:2], "site-packages", "pip", "_vendor"
)
sys.path.insert(0, VENDOR)

import packaging  # noqa: E402
from packaging.specifiers import SpecifierSet  # noqa: E402
from packaging.version import Version  # noqa: E402

assert packaging.__file__.startswith(VENDOR), packaging.__file__


def unescape(s):
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch != "\\":
            out.append(ch)
        elif s[i + 1] == "\\":
            out.append("\\")
            i += 1
        elif s[i + 1] == "t":
            out.append("\t")
            i += 1
        else:  # \u{HEX}
            end = s.index("}", i)
            out.append(chr(int(s[i + 3:end], 16)))
            i = end
        i += 1
    return "".join(out)


def load():
    """Returns a list of (set, versions, mode, expected) groups."""
    groups, probes = [], []
    with gzip.open(os.path.join(HERE, "contains.tsv.gz"), "rt") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("B "):
                probes = []
            elif line.startswith("P "):
                probes.append(Version(unescape(line[2:])))
            elif line.startswith("S "):
                spec, none, true, false = line[2:].split("\t")
                ss = SpecifierSet(unescape(spec))
                for mode, res in ((None, none), (True, true), (False, false)):
                    if mode is None and res[:1].islower():
                        # packaging may raise here: use the documented value
                        mode = any(s.prereleases for s in ss if s.operator != "===" or _valid(s.version))
                    groups.append((ss, probes, mode, res))
    return groups


def _valid(s):
    try:
        Version(s)
        return True
    except ValueError:
        return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    groups = load()
    cells = sum(len(p) for _, p, _, _ in groups)
    best = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        wrong = 0
        for ss, probes, mode, res in groups:
            contains = ss.contains
            for v, want in zip(probes, res):
                if contains(v, prereleases=mode) != (want in "Tt"):
                    wrong += 1
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    assert wrong == 0, wrong
    print("packaging %s: %d cells in %.2f s: %.0f cells/s" % (
        packaging.__version__, cells, best, cells / best))


if __name__ == "__main__":
    main()
