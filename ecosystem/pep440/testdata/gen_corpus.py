#!/usr/bin/env python3
"""Generate the PEP 440 conformance corpus from Python's packaging.

Run from this directory:

    PYENV_VERSION=3.13.0 python3 gen_corpus.py

Options: --out DIR writes elsewhere, --seed N and --scale K (multiplies the
random parts) make a larger or different corpus; the Go tests check such a
directory when PEP440_CORPUS=DIR is set. The committed corpus is the default
(seed 440, scale 1).

The reference is the packaging that pip vendors (>= 24; Debian's 23.0 has
epoch bugs). Inputs are the real version strings and requirement specifiers
of InvenioRDM under shared/realworld, hand-written PEP 440 edge cases, and
seeded random spellings and mutations. The output is deterministic.

Files written (fields separated by tabs; every string field is escaped:
backslash as \\\\, tab as \\t, any character outside printable ASCII as
\\u{HEX}):

versions.tsv   input, status, str, public, base_version, flags, epoch,
               release, pre, post, dev, local
               status: ok | invalid | x (packaging raised something other
               than InvalidVersion, i.e. Python's 4300-digit int limit; the
               other fields then hold packaging's answer with the limit
               lifted, which is what the Go code is documented to give).
               flags: p is_prerelease, P is_postrelease, d is_devrelease.
               "-" marks an empty field.
ordering.tsv   a, b, cmp (-1, 0, 1), and "x" when packaging could only
               compare them with the int limit lifted.
specifiers.tsv input, status (ok | invalid), str(SpecifierSet), len,
               prereleases (N = None, T, F; lower case t/f when packaging
               may raise InvalidVersion instead, the letter being the
               documented answer).
contains.tsv.gz
               blocks: "B name", then "P probe" lines (the block's
               versions), then "S spec<TAB>none<TAB>true<TAB>false" with
               one character per probe and mode: T/F, or t/f where
               packaging may raise (the documented answer).
filter.tsv     kind (set | spec), input, result for prereleases None, True,
               False (comma-separated indices, "-" if none, "x:" prefix when
               packaging may raise), then the versions.
"""

import argparse
import glob
import gzip
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VENDOR = os.path.join(
    sys.prefix, "lib", "python%d.%d" % sys.version_info[:2], "site-packages", "pip", "_vendor"
)
sys.path.insert(0, VENDOR)

import packaging  # noqa: E402
from packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet  # noqa: E402
from packaging.version import InvalidVersion, Version  # noqa: E402

assert packaging.__file__.startswith(VENDOR), packaging.__file__
assert tuple(int(x) for x in packaging.__version__.split(".")[:2]) >= (24, 0), packaging.__version__

REALWORLD = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "realworld"))
if not os.path.isdir(REALWORLD):
    REALWORLD = "/work/shared/realworld"

rng = random.Random(440)
OUT = HERE
SCALE = 1


def esc(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("\\t")
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            out.append("\\u{%x}" % ord(ch))
    return "".join(out)


def dedupe(seq):
    seen, out = set(), []
    for x in seq:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


# ---------------------------------------------------------------- inputs

def real_inputs():
    """Version strings and requirement specifiers of InvenioRDM."""
    versions, by_package, specs_by_package = [], {}, {}
    for path in sorted(glob.glob(os.path.join(REALWORLD, "tags", "invenio-*.tsv"))):
        if path.endswith(".detail.tsv"):
            continue
        pkg = os.path.basename(path)[: -len(".tsv")]
        with open(path) as f:
            for line in f:
                tag = line.split("\t")[0].strip()
                if tag:
                    v = tag[1:] if tag.startswith("v") else tag
                    versions.append(v)
                    by_package.setdefault(pkg, []).append(v)
    req_re = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$")
    for path in sorted(glob.glob(os.path.join(REALWORLD, "requires", "*.json"))):
        with open(path) as f:
            data = json.load(f)
        pkg = data["package"]
        for rel in data["releases"]:
            for key in ("version", "normalized_version", "version_in_code"):
                if rel.get(key):
                    versions.append(rel[key])
                    by_package.setdefault(pkg, []).append(rel[key])
            if rel.get("requires_python"):
                specs_by_package.setdefault("python", []).append(rel["requires_python"])
            reqs = list(rel["requires"])
            for extra in (rel.get("extras") or {}).values():
                reqs.extend(extra)
            for req in reqs:
                req = req.split(";", 1)[0]
                if "@" in req:
                    continue  # direct reference, no specifier
                m = req_re.match(req)
                name = re.sub(r"[-_.]+", "-", m.group(1)).lower()
                spec = m.group(3).strip()
                if spec.startswith("(") and spec.endswith(")"):
                    spec = spec[1:-1]
                specs_by_package.setdefault(name, []).append(spec)
    for k in by_package:
        by_package[k] = dedupe(by_package[k])
    for k in specs_by_package:
        specs_by_package[k] = dedupe(specs_by_package[k])
    return dedupe(versions), by_package, specs_by_package


EDGE_VERSIONS = [
    # canonical shapes
    "0", "0.0", "0.0.0", "1", "1.0", "1.0.0", "1.0.0.0", "1.2.3", "2.0", "10.0", "1.10", "1.9",
    "1.0a1", "1.0b1", "1.0rc1", "1.0.post1", "1.0.dev1", "1.0a1.dev1", "1.0a1.post1",
    "1.0a1.post1.dev1", "1.0.post1.dev1", "1.0rc1.post1", "1.0+local", "1.0+1", "1.0+abc.5",
    "1.0a1+local", "1.0.post1+local", "1.0.dev1+local", "1!1.0", "1!1.0a1", "2!0.1", "0!1.0",
    # equal spellings
    "1.0.0a1", "1.0.0-a1", "1.0.0.a1", "1.0.0_a1", "1.0.0-a-1", "1.0.0a.1", "1.0.0a_1",
    "1.0alpha1", "1.0ALPHA1", "1.0Alpha.1", "1.0beta2", "1.0BETA2", "1.0c1", "1.0C1",
    "1.0pre1", "1.0PRE1", "1.0preview1", "1.0Preview-1", "1.0-pre-1", "1.0RC1", "1.0.rc.1",
    "1.0a", "1.0b", "1.0rc", "1.0c", "1.0-a", "1.0.alpha",
    "1.0-1", "1.0-0", "1.0post1", "1.0.post", "1.0-post", "1.0_post_1", "1.0.rev1", "1.0rev",
    "1.0-r1", "1.0r", "1.0.R.1", "1.0POST1", "1.0.Post2",
    "1.0dev", "1.0.dev", "1.0-dev1", "1.0_dev_1", "1.0DEV1", "1.0.dev.1", "1.0-dev-1",
    "1.0a1-1", "1.0a-1", "1.0a--1", "1.0rc1-2", "1.0b2.r3", "1.0b2-3.dev4", "1.0rc1.rev2dev3",
    "1.0+ABC", "1.0+abc", "1.0+a-b_c.d", "1.0+A.B", "1.0+001", "1.0+1.2", "1.0+1.a", "1.0+a.1",
    "1.0+1.0", "1.0+0", "1.0+00.1", "1.0+abc1", "1.0+1abc", "1.0+ubuntu-1", "1.0+Ubuntu_1",
    # leading zeros, v prefix, whitespace
    "01", "01.02", "1.01", "001.000.002", "00", "0001!1.0", "1.0a01", "1.0.post01", "1.0.dev01",
    "v1.0", "V1.0", "v1!1.0", "v0", "  1.0", "1.0  ", "\t1.0\n", " v1.0rc1 ", "1.0\n",
    "\x0b1.0\x0c", "\x1c1.0\x1f", "\x851.0\xa0", "\u30001.0\u2003", "\u20281.0\u2029",
    # big numbers
    "20231231235959", "2023.12.31", "1.20231231235959", "99999999999999999999",
    "1.99999999999999999999", "18446744073709551616.0", "9223372036854775807",
    "9223372036854775808", "1.0.post99999999999999999999", "1.0a18446744073709551616",
    "1.0+99999999999999999999", "00000000000000000000001", "1!" + "9" * 30,
    "1." + "0" * 40, "1." + "0" * 39 + "1",
    # ordering probes
    "1.0.dev0", "1.0a0", "1.0a1.dev0", "1.0a2", "1.0b0", "1.0rc0", "1.0.post0", "1.0.post0.dev0",
    "1.0.post1.dev0", "1.0.0.post1", "1.0.0+0", "1.0+a", "1.0+z", "1.0+a.0", "1.0+0.a",
    "1.0+1.1", "1.0+1.1.1", "0.9", "0.9.9", "1.0.1", "1.1", "1.1.dev1", "1!0.1",
    # unusual spellings that packaging's regex accepts (Python case folding)
    "1.0prev\u0131ew1", "1.0PREV\u0130EW", "1.0pre\u0131ew", "1.0.po\u017ft1", "1.0.PO\u017fT",
    "1.0+\u0130K", "1.0+\u017f", "1.0+\u0131.1", "1.0+\u212a", "1.0+a\u0130b", "1.5prev\u0131ew1",
    # invalid
    "", " ", "v", "1.", ".1", "1..0", "1.0.", "1.0a1a2", "1.0-", "1.0+", "1.0+.", "1.0+a.",
    "1.0+a..b", "1.0++a", "1.0+a+b", "1.0.*", "1.*", "*", "1.0 a1", "1 .0", "1!", "!1", "1!2!3",
    "1!v2", "vv1", "1.0b2a1", "1.0.post1a1", "1.0.dev1.post1", "1.0.dev1a1", "1.0junk",
    "1.0-dev-", "1.0-1-1", "1.0.post-1", "1.0rc-1.", "a1", "dev1", "post1", "1.0_", "1.0__a1",
    "1.0a_-1", "1.0a..1", "1.0--1", "1,0", "1.0;", "1.0)", "(1.0)", "1.0=", "\u0661.0",
    "\uff11.0", "1.0\u00b2", "1.0+\u00e9", "1.0alpha-beta", "1.0.r.r", "French toast",
    "1.0+abc\n.1", "1.0\x00", "==1.0", "1 !0", "1.0 +abc",
]

HUGE_VERSIONS = ["1." + "7" * 4301, "1.0+" + "3" * 4400]

NUMBERS = ["0", "1", "2", "3", "5", "9", "10", "00", "01", "010", "13", "2023", "20231231235959"]
PRE_SPELLINGS = ["a", "A", "alpha", "Alpha", "ALPHA", "b", "B", "beta", "BETA", "c", "C", "rc",
                 "RC", "Rc", "pre", "PRE", "preview", "Preview"]
POST_SPELLINGS = ["post", "POST", "Post", "rev", "REV", "r", "R"]
SEPS = ["", "", "", ".", "-", "_"]
LOCAL_PARTS = ["abc", "1", "01", "ubuntu", "Ubuntu", "20", "x1y", "0", "Z"]


def random_version():
    s = ""
    if rng.random() < 0.1:
        s += rng.choice(["v", "V"])
    if rng.random() < 0.15:
        s += rng.choice(["0", "1", "2", "01"]) + "!"
    s += ".".join(rng.choice(NUMBERS) for _ in range(rng.choice([1, 2, 2, 3, 3, 3, 4])))
    if rng.random() < 0.4:
        s += rng.choice(SEPS) + rng.choice(PRE_SPELLINGS) + rng.choice(SEPS)
        if rng.random() < 0.8:
            s += rng.choice(NUMBERS[:8])
    if rng.random() < 0.3:
        if rng.random() < 0.3:
            s += "-" + rng.choice(NUMBERS[:8])
        else:
            s += rng.choice(SEPS) + rng.choice(POST_SPELLINGS) + rng.choice(SEPS)
            if rng.random() < 0.8:
                s += rng.choice(NUMBERS[:8])
    if rng.random() < 0.25:
        s += rng.choice(SEPS) + rng.choice(["dev", "DEV", "Dev"]) + rng.choice(SEPS)
        if rng.random() < 0.8:
            s += rng.choice(NUMBERS[:8])
    if rng.random() < 0.15:
        s += "+" + rng.choice(LOCAL_PARTS)
        for _ in range(rng.choice([0, 0, 1, 2])):
            s += rng.choice(["." , "-", "_"]) + rng.choice(LOCAL_PARTS)
    if rng.random() < 0.05:
        s = rng.choice([" ", "\t", "\n"]) + s + rng.choice(["", " ", "\n"])
    return s


MUTATION_CHARS = list("0123456789.-_!+*vVaAbBcCrRpPeEoOsStTdDlLhHiwW ,;=<>~()") + [
    "\u0130", "\u0131", "\u017f", "\u212a", "\u00a0", "\u00e9"]


def mutate(s):
    s = list(s)
    for _ in range(rng.choice([1, 1, 2, 3])):
        op = rng.random()
        i = rng.randrange(len(s) + 1)
        if op < 0.4:
            s.insert(i, rng.choice(MUTATION_CHARS))
        elif op < 0.7 and s:
            del s[min(i, len(s) - 1)]
        elif s:
            s[min(i, len(s) - 1)] = rng.choice(MUTATION_CHARS)
    return "".join(s)


# ---------------------------------------------------------------- versions

def version_row(s):
    """Returns (status, fields) for a version string."""
    status = "ok"
    try:
        v = Version(s)
    except InvalidVersion:
        return "invalid", None
    except ValueError:
        with unlimited_ints():
            v = Version(s)
        status = "x"
    with unlimited_ints():
        flags = "".join(f for f, on in (("p", v.is_prerelease), ("P", v.is_postrelease),
                                        ("d", v.is_devrelease)) if on) or "-"
        pre = "".join(str(x) for x in v.pre) if v.pre else "-"
        fields = [str(v), v.public, v.base_version, flags, str(v.epoch),
                  ".".join(str(x) for x in v.release), pre,
                  "-" if v.post is None else str(v.post), "-" if v.dev is None else str(v.dev),
                  v.local if v.local is not None else "-"]
    return status, fields


class unlimited_ints:
    def __enter__(self):
        self.old = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)

    def __exit__(self, *a):
        sys.set_int_max_str_digits(self.old)


def parse_any(s):
    """Version(s), lifting the int limit; None if invalid."""
    try:
        with unlimited_ints():
            return Version(s)
    except InvalidVersion:
        return None


def cmp(a, b):
    return (a > b) - (a < b)


# ---------------------------------------------------------------- specifiers

OPS = ["~=", "==", "!=", "<=", ">=", "<", ">", "==="]
OPERANDS = [
    "0", "1", "2", "10", "0.9", "1.0", "1.0.0", "1.1", "1.4", "1.4.5", "1.4.9", "1.5", "2.0",
    "2.0.0", "3.0", "1.0.0.0", "1!1.0", "1!2", "1!2.0", "0!1.0", "1.0a1", "1.0b2", "1.0rc1",
    "1.0c1", "2.0rc1", "2.0.dev0", "2.0a1.dev1", "1.0.post1", "1.0-1", "1.0.post1.dev1",
    "1.4.5rc1", "1.4.5.post2", "1.4.5.dev3", "v1.0", "V1.4.5", "v1.4.5", "1.0A1", "1.0.RC1",
    "1.4.A1", "1.4.a1", "1.4.r1", "1.4c1", "1.4rc1", "1.4.rev1", "1.4.post1", "1.4post1",
    "1.4.C1", "1.4.beta1", "1.4.alpha1", "1.4.preview1", "1.4.A1.R1", "1.4.c1.r1", "01.0",
    "1.00", "1.4.05", "1.0+local", "1.0+abc.1", "1.0+ABC", "1.4.5+1", "1.0a1+x",
    "20231231235959", "2023.12.31", "1.4.preview", "1.4-pre-1", "1.0_alpha_1",
    "1.0prev\u0131ew1", "1.0.po\u017ft1", "1.5prev\u0131ew1", "1.0+\u0130K", "1!1.4.5",
    "v1!1.4.5", "1.4.5-rc1", "1.4.5_rc1", "1.4.dev1", "1.4.5.DEV1", "1.4rc1.post1",
]
WILDCARD_OPERANDS = ["1", "1.0", "1.0.0", "1.4", "1.5", "2", "2.0", "0", "1!2", "1!1.0",
                     "v1.0", "V1", "01.00", "1.4.5", "2023.12", "0!1"]
ARBITRARY_OPERANDS = ["1.0", "1.0.0", "1", "1.0a1", "1.0A1", "1.0+abc", "1.0+ABC", "V1.0",
                      "v1.0", "1.*", "", "foo", "=1.0", "1.0.post1", "1.0-1", "1.4.5",
                      "1.0+i\u0307k", "1.0+\u0130K", "2.0rc1", "1.0.dev0", "1!1.0"]
INVALID_SPECS = [
    "~=1", "~=1.*", "~=1.0.*", "==1.0a1.*", "==1.0.post1.*", "==1.0+local.*", "!=1.0.dev1.*",
    "<1.*", ">=1.*", "<=1.0.*", ">1.*", "~=1.0+local", ">=1.0+local", "<1.0+abc", ">1.0+1",
    "<=1.0+x", "1.0", "=1.0", "=>1.0", "=<1.0", "<>1.0", ">==1.0", "!==1.0", "~=", "==", ">=",
    "<", ">", "== ", "==1.0 .*", "==1.0. *", "==1.*.*", "==*", "==.*", "== 1.0 1", "===1.0 2",
    "===1.0;", "===(1.0)", "===1.0)", ">= 1.0 ,", "lolwat", "1.0,", ">=1.0 <2.0", ">=1.0;<2",
    ">=1.0||<2", "~=1.0.x", "==1.0.x", "==latest", "*", "!=", "=== ", "==\u0661.0",
    ">=\uff11.0", "~= 1", ">=1!", ">= v", "== 1!*", "==1!*", "==v*", "~=1.0-", "<1.0-dev-",
    "> =1.0", "< 1.0 1", "~ =1.0", "==1.0 ,<2", "==1.0\n.*",
]


def optin_safe(ss):
    """SpecifierSet.prereleases computed without raising: (value, may_raise)."""
    specs = sorted(ss, key=str)
    if not specs:
        return None, False
    value, err = False, False
    for s in specs:
        try:
            if s.prereleases:
                value = True
        except InvalidVersion:
            err = True
    return value, err


def spec_row(text):
    try:
        ss = SpecifierSet(text)
    except InvalidSpecifier:
        return "invalid", None
    value, err = optin_safe(ss)
    if err:
        # packaging raises unless another specifier came first in the
        # frozenset and admitted pre-releases: check it agrees when it answers
        try:
            got = ss.prereleases
            assert got == value, (text, got, value)
        except InvalidVersion:
            pass
    else:
        assert ss.prereleases == value, text
    pre = {None: "N", True: "T", False: "F"}[value]
    if err:
        pre = pre.lower()
    return "ok", [str(ss), str(len(ss)), pre]


def contains_cells(ss, probes):
    value, err = optin_safe(ss)
    none, true, false = [], [], []
    for v in probes:
        if err:
            r = ss.contains(v, prereleases=value)
            try:
                got = ss.contains(v)
                assert got == r
            except InvalidVersion:
                pass
            none.append("tf"[not r])
        else:
            none.append("TF"[not ss.contains(v)])
        true.append("TF"[not ss.contains(v, prereleases=True)])
        false.append("TF"[not ss.contains(v, prereleases=False)])
    return "".join(none), "".join(true), "".join(false)


def indices(sel, vs):
    """Indices of the filtered items; items are unique objects."""
    ids = [id(x) for x in sel]
    pos = {id(x): i for i, x in enumerate(vs)}
    out = [pos[i] for i in ids]
    return ",".join(str(i) for i in out) or "-"


def filter_row(kind, text, version_strings):
    vs = [Version(s) for s in version_strings]
    obj = SpecifierSet(text) if kind == "set" else Specifier(text)
    if kind == "set":
        value, err = optin_safe(obj)
    else:
        err = False
        try:
            obj.prereleases
        except InvalidVersion:
            err = True
    res = []
    for mode in (None, True, False):
        if mode is None and err:
            if kind == "set":
                sel = list(obj.filter(vs, prereleases=value))
            else:
                # Specifier.filter asks self.prereleases only for matching
                # pre-releases; documented answer: they do not opt in.
                spec = Specifier(text, prereleases=False)
                yielded = [v for v in vs if spec.contains(v, prereleases=True)]
                finals = [v for v in yielded if not v.is_prerelease]
                sel = finals if finals else yielded
            res.append("x:" + indices(sel, vs))
        else:
            res.append(indices(list(obj.filter(vs, prereleases=mode)), vs))
    return [kind, esc(text)] + res + [esc(s) for s in version_strings]


# ---------------------------------------------------------------- main

def main():
    real_versions, by_package, specs_by_package = real_inputs()

    # ---- versions
    synthetic = [random_version() for _ in range(3000 * SCALE)]
    pool = dedupe(real_versions + EDGE_VERSIONS + HUGE_VERSIONS + synthetic)
    valid_now = [s for s in pool if parse_any(s) is not None]
    mutations = [mutate(rng.choice(valid_now)) for _ in range(2500 * SCALE)]
    randoms = ["".join(rng.choice(MUTATION_CHARS) for _ in range(rng.randint(1, 10)))
               for _ in range(500 * SCALE)]
    all_versions = dedupe(pool + mutations + randoms)

    rows, valid, huge = [], [], set()
    for s in all_versions:
        status, fields = version_row(s)
        rows.append([esc(s), status] + ([esc(f) for f in fields] if fields else []))
        if status != "invalid":
            valid.append(s)
        if status == "x":
            huge.add(s)
    with open(os.path.join(OUT, "versions.tsv"), "w") as f:
        f.write("# input\tstatus\tstr\tpublic\tbase_version\tflags\tepoch\trelease\tpre\tpost\tdev\tlocal\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("versions:", len(rows), "valid:", len(valid), "x:", len(huge))

    # ---- ordering
    parsed = {s: parse_any(s) for s in valid}
    curated = dedupe([s for s in EDGE_VERSIONS if s in parsed])
    pairs = []
    for i in range(len(curated)):
        for j in range(i + 1, len(curated)):
            pairs.append((curated[i], curated[j]))
    for h in HUGE_VERSIONS:
        for other in HUGE_VERSIONS + rng.sample(curated, 20):
            pairs.append((h, other))
    normal = [s for s in valid if s not in huge]
    ordered = sorted(normal, key=lambda s: (parsed[s], s))
    for i in range(len(ordered) - 1):
        pairs.append((ordered[i], ordered[i + 1]))
    for _ in range(15000 * SCALE):
        a, b = rng.choice(normal), rng.choice(normal)
        pairs.append((a, b))
    pairs = dedupe(pairs)
    with open(os.path.join(OUT, "ordering.tsv"), "w") as f:
        f.write("# a\tb\tcmp(a, b)\t[x: packaging needs the int limit lifted]\n")
        for a, b in pairs:
            line = [esc(a), esc(b), str(cmp(parsed[a], parsed[b]))]
            if a in huge or b in huge:
                line.append("x")
            f.write("\t".join(line) + "\n")
    print("ordering pairs:", len(pairs))

    # ---- specifiers
    singles = []
    for op in OPS:
        for operand in OPERANDS if op != "===" else ARBITRARY_OPERANDS:
            singles.append(op + operand)
    for operand in WILDCARD_OPERANDS:
        singles += ["==" + operand + ".*", "!=" + operand + ".*"]
    singles += [" >= 1.0 ", "==\t1.0", "~= 1.4.5", "!= 1.0.*", ">=\u30001.0", " \x1c==1.0\x85",
                "=== 1.0", "====1", "===\u212a", ">= v1.0", "<v2", "==v1.0+abc"]
    valid_singles = [s for s in singles if spec_row(s)[0] == "ok"]
    sets = ["", ",", " , ", ",,>=1.0,,", "===1.0.0,===1", "===1,===1.0.0", "==1.0,==1",
            ">=1.0,>=1", "~=1.0,~=1.0.0", "===1.*,>=1.0a1", ">=1.0a1,===1.*", "===foo,!=1.0",
            ">=1.0,<2.0", ">=1.0,<2.0,!=1.5", ">=1.0a1,<2.0", ">=1.0.dev0,<1.0", "<2.0,>1.0.post1",
            "~=1.4.5,!=1.4.7", ">1.0,<1.0.post2", "==1.*,!=1.0.*", ">=1!1.0,<1!2", "<1!0,>=0"]
    for _ in range(900 * SCALE):
        k = rng.choice([2, 2, 2, 3])
        parts = [rng.choice(valid_singles).strip() for _ in range(k)]
        sets.append(rng.choice([",", ", ", " ,", " , "]).join(parts))
    spec_mutations = [mutate(rng.choice(valid_singles)) for _ in range(800 * SCALE)]
    spec_inputs = dedupe(singles + INVALID_SPECS + sets + spec_mutations)
    real_specs = dedupe(s for k in sorted(specs_by_package) for s in specs_by_package[k])
    spec_inputs = dedupe(spec_inputs + real_specs)

    spec_rows, valid_sets = [], []
    for s in spec_inputs:
        status, fields = spec_row(s)
        spec_rows.append([esc(s), status] + ([esc(x) for x in fields] if fields else []))
        if status == "ok":
            valid_sets.append(s)
    with open(os.path.join(OUT, "specifiers.tsv"), "w") as f:
        f.write("# input\tstatus\tstr(SpecifierSet)\tlen\tprereleases\n")
        for r in spec_rows:
            f.write("\t".join(r) + "\n")
    print("specifier sets:", len(spec_rows), "valid:", len(valid_sets))

    # ---- contains
    bases = ["0", "0.9", "1", "1.0", "1.0.0", "1.0.1", "1.1", "1.2", "1.4", "1.4.0", "1.4.4",
             "1.4.5", "1.4.6", "1.4.9", "1.5", "1.5.0", "1.9", "2", "2.0", "2.0.0", "2.0.1", "2.1",
             "3.0", "10", "10.0", "1!1.0", "1!2.0", "1!0.9", "20231231235959", "2023.12.31"]
    suffixes = ["", "a1", "b2", "rc1", ".post1", ".dev0", "a1.dev1", ".post1.dev1", "+local",
                "+1.2", "rc1+abc", ".post2"]
    probes = [b + x for b in bases for x in suffixes]
    probes += ["1.0prev\u0131ew1", "1.0.po\u017ft1", "1.4prev\u0131ew1", "1.5prev\u0131ew1",
               "1.0+\u0130K", "1.0+abc", "1.0+ABC", "v1.0", "1.0-1", "1.0A1", "1.4.5-rc1",
               "1.4a1", "1.4.5rc1.post1", "1.0.post1+x", "0.0", "1!1.4.5", "1!1.4.6"]
    probes = dedupe(probes)
    real_set, valid_set = set(real_specs), set(valid_sets)
    blocks = [("synthetic", probes, [s for s in valid_sets if s not in real_set])]
    for pkg in sorted(specs_by_package):
        specs = [s for s in specs_by_package[pkg] if s in valid_set]
        if not specs:
            continue
        if pkg == "python":
            pv = ["2.7", "3.0", "3.5", "3.6", "3.6.15", "3.7", "3.7.0", "3.8", "3.8.20", "3.9",
                  "3.10", "3.11", "3.12", "3.13", "3.13.0", "3.14", "3.14.0rc1", "3.15.0a1"]
        else:
            pv = list(by_package.get(pkg, []))
            for s in specs:
                for sp in sorted(SpecifierSet(s), key=str):
                    base = sp.version.rstrip(".*").rstrip(".")
                    if parse_any(base) is None:
                        continue
                    pv += [base, base + "a1", base + "rc1", base + ".post1", base + ".dev0",
                           base + "+local"]
            pv = dedupe(p for p in pv if parse_any(p) is not None)
            if len(pv) > 400:
                pv = sorted(rng.sample(pv, 400), key=pv.index)
        blocks.append((pkg, pv, specs))

    cells = 0
    with gzip.GzipFile(os.path.join(OUT, "contains.tsv.gz"), "wb", mtime=0) as gz:
        def w(line):
            gz.write((line + "\n").encode())
        w("# B block / P probe / S spec<TAB>prereleases=None<TAB>True<TAB>False")
        for name, pv, specs in blocks:
            w("B " + name)
            for p in pv:
                w("P " + esc(p))
            pvs = [Version(p) for p in pv]
            for s in specs:
                none, true, false = contains_cells(SpecifierSet(s), pvs)
                w("S " + esc(s) + "\t" + none + "\t" + true + "\t" + false)
                cells += 3 * len(pv)
    print("contains blocks:", len(blocks), "cells:", cells)

    # ---- filter
    frows = []
    pre_probes = [p for p in probes if Version(p).is_prerelease]
    for _ in range(2500 * SCALE):
        kind = rng.choice(["set", "set", "spec"])
        if kind == "set":
            text = rng.choice(valid_sets + ["", "", ","])
        else:
            text = rng.choice(valid_singles)
        pool_ = pre_probes if rng.random() < 0.4 else probes
        vs = dedupe(rng.sample(pool_, rng.randint(1, 12)))
        frows.append(filter_row(kind, text, vs))
    for pkg in sorted(specs_by_package):
        if pkg not in by_package:
            continue
        for s in specs_by_package[pkg][:40]:
            if s in valid_set:
                frows.append(filter_row("set", s, by_package[pkg]))
    with open(os.path.join(OUT, "filter.tsv"), "w") as f:
        f.write("# kind\tinput\tprereleases=None\tTrue\tFalse\tversions...\n")
        for r in frows:
            f.write("\t".join(r) + "\n")
    print("filter cases:", len(frows))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--seed", type=int, default=440)
    ap.add_argument("--scale", type=int, default=1)
    args = ap.parse_args()
    rng.seed(args.seed)
    OUT, SCALE = args.out, args.scale
    os.makedirs(OUT, exist_ok=True)
    main()
