#!/usr/bin/env python3
"""Builds the npm package documents of testdata/field/npm from recorded full
package documents and release dates (see README.md).

usage: gen_npm.py RECORDINGS_DIR

RECORDINGS_DIR holds NAME.full.json (a full package document as a registry
served it) for express, path-to-regexp and router, next.versions.json
(the version list of next), and angular-core.full.json and
angular-common.full.json (@angular/core and @angular/common).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KEEP = ("dependencies", "optionalDependencies", "peerDependencies",
        "peerDependenciesMeta", "deprecated")


def npm_time(iso):
    # 2024-09-10T04:01:43+02:00 -> 2024-09-10T02:01:43.000Z
    from datetime import datetime, timezone
    if len(iso) == 10:
        iso += "T00:00:00+00:00"
    t = datetime.fromisoformat(iso).astimezone(timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def dates(name):
    out = {}
    for path, strip_v in ((f"{name}.tsv", True), (f"{name}.history.tsv", False)):
        p = os.path.join(HERE, "tags", path)
        if not os.path.exists(p):
            continue
        for line in open(p):
            tag, date = line.rstrip("\n").split("\t")
            v = tag[1:] if strip_v and tag.startswith("v") else tag
            out.setdefault(v, date)  # a tag's date wins over the notes' day
    return out


def semver_key(v):
    import re
    m = re.match(r"^(\d+)\.(\d+)\.(\d+)(?:-(.*))?$", v)
    if not m:
        return None
    pre = m.group(4)
    ids = [] if pre is None else [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split(".")]
    return (int(m.group(1)), int(m.group(2)), int(m.group(3)), pre is None, ids)


def write(name, doc):
    with open(os.path.join(HERE, "npm", name + ".json"), "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
        f.write("\n")


def recorded(rec, name):
    full = json.load(open(os.path.join(rec, name + ".full.json")))
    when = dates(name)
    versions, times, skipped = {}, {}, []
    for v, meta in full["versions"].items():
        if semver_key(v) is None or v not in when:
            skipped.append(v)
            continue
        versions[v] = {"name": name, "version": v, **{k: meta[k] for k in KEEP if k in meta}}
        times[v] = npm_time(when[v])
    finals = [v for v in versions if semver_key(v)[3]]
    latest = max(finals, key=semver_key)
    write(name, {"name": name, "dist-tags": {"latest": latest}, "versions": versions, "time": times})
    print(name, len(versions), "versions; skipped", sorted(skipped, key=lambda v: semver_key(v) or (0,)))


# Next.js: real version numbers; times interpolated between dated anchors
# (README.md), because only the order of the 14.3.0 canaries and the fix
# matters and it is certain.
NEXT_ANCHORS = [
    ("14.0.0", "2023-10-26"), ("14.1.0", "2024-01-18"), ("14.2.0", "2024-04-11"),
    ("14.3.0-canary.87", "2024-05-22"), ("15.0.0", "2024-10-21"), ("15.1.0", "2024-12-10"),
    ("15.2.0", "2025-02-26"), ("14.2.25", "2025-03-18"), ("15.2.3", "2025-03-18"),
    ("14.2.35", "2025-12-11"), ("15.5.9", "2025-12-11"),
]


def next_doc(rec):
    from datetime import date, timedelta
    allv = json.load(open(os.path.join(rec, "next.versions.json")))
    keep = [v for v in allv if semver_key(v) and (v.startswith("14.") or (v.startswith("15.") and semver_key(v)[3]))]
    keep.sort(key=semver_key)
    anchors = {v: date.fromisoformat(d) for v, d in NEXT_ANCHORS if v in keep}
    # Each version's time: between the anchors around it in the order of
    # its own series (14.x finals and canaries, 15.x finals), evenly spaced.
    times = {}
    for series in ("14.", "15."):
        vs = [v for v in keep if v.startswith(series)]
        if series == "14.":
            # the 14.2.x patches after 14.2.0 run in parallel with the
            # 14.3.0 canaries: time them on their own chain
            chains = [[v for v in vs if not v.startswith("14.2.") or v == "14.2.0" or "-" in v],
                      ["14.2.0"] + [v for v in vs if v.startswith("14.2.") and v != "14.2.0" and "-" not in v]]
        else:
            chains = [vs]
        for chain in chains:
            idx = [i for i, v in enumerate(chain) if v in anchors]
            for a, b in zip(idx, idx[1:]):
                da, db = anchors[chain[a]], anchors[chain[b]]
                for k in range(a, b + 1):
                    frac = (k - a) / (b - a)
                    times.setdefault(chain[k], da + timedelta(days=round((db - da).days * frac)))
            for k in range(idx[-1] + 1, len(chain)):
                times.setdefault(chain[k], anchors[chain[idx[-1]]] + timedelta(days=k - idx[-1]))
    versions = {v: {"name": "next", "version": v} for v in keep if v in times}
    write("next", {"name": "next", "dist-tags": {"latest": max((v for v in versions if semver_key(v)[3]), key=semver_key)},
                   "versions": versions, "time": {v: times[v].isoformat() + "T12:00:00.000Z" for v in versions}})
    print("next", len(versions), "versions")


# Angular: the majors of GHSA-58c5-g7wp-6w37's lines and the one after them,
# and @angular/core's 0.0.0-N pre-releases of 2016 (rxjs 5 betas), which
# no final release followed.
# The times are the recording registry's (a mirror's, not npm's: README.md),
# kept only so that an as-of date counts every release; the report states
# ranges, so no verdict depends on them.
ANGULAR_MAJORS = ("0", "19", "20", "21", "22")


def angular_doc(rec, short):
    name = "@angular/" + short
    full = json.load(open(os.path.join(rec, f"angular-{short}.full.json")))
    versions = {v: {"name": name, "version": v, **{k: meta[k] for k in KEEP if k in meta}}
                for v, meta in full["versions"].items()
                if semver_key(v) and v.split(".")[0] in ANGULAR_MAJORS}
    latest = max((v for v in versions if semver_key(v)[3]), key=semver_key)
    times = {v: npm_time(full["time"][v]) for v in versions}
    write("@angular%2f" + short, {"name": name, "dist-tags": {"latest": latest}, "versions": versions, "time": times})
    print(name, len(versions), "versions")


if __name__ == "__main__":
    rec = sys.argv[1]
    for name in ("express", "path-to-regexp", "router"):
        recorded(rec, name)
    next_doc(rec)
    for short in ("core", "common"):
        angular_doc(rec, short)
