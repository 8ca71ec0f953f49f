#!/usr/bin/env node
// gen_cvss_corpus.js writes the CVSS conformance corpora that
// conformance_test.go holds the severity package to.
//
// The oracle is ae-cvss-calculator, which agrees with FIRST's reference
// CVSS v4.0 calculator on every base vector and on random vectors with
// threat, environmental and supplemental metrics. It is never installed in
// the repository; regenerate with:
//
//   mkdir -p /tmp/cvsscalc && (cd /tmp/cvsscalc && npm install ae-cvss-calculator@1.0.13)
//   NODE_PATH=/tmp/cvsscalc/node_modules node severity/testdata/gen_cvss_corpus.js severity/testdata
//
// The output is deterministic: vectors are enumerated in a fixed order and
// the random ones come from a seeded PRNG, so rerunning the script with the
// same calculator version rewrites identical files.
//
// File format, one vector per line after '#' comment lines:
//
//   VECTOR<TAB>SCORE
//
// SCORE has one decimal. For CVSS v3.0 and v3.1 it is the base score, also for
// vectors that carry temporal and environmental metrics. For CVSS v4.0 it is
// the score of the vector as given (CVSS-B, -BT, -BE or -BTE), the
// calculator's "overall" score.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const calc = require('ae-cvss-calculator');

const calcVersion = require('ae-cvss-calculator/package.json').version;
if (!/^1\.0\./.test(calcVersion)) {
  throw new Error(`ae-cvss-calculator ${calcVersion}: want 1.0.x`);
}

const outDir = process.argv[2];
if (!outDir) {
  throw new Error('usage: gen_cvss_corpus.js OUTDIR');
}

// Metrics in the order of each specification's vector string, with their
// values; an optional metric lists "X" (Not Defined) first.
const v3Base = [
  ['AV', ['N', 'A', 'L', 'P']],
  ['AC', ['L', 'H']],
  ['PR', ['N', 'L', 'H']],
  ['UI', ['N', 'R']],
  ['S', ['U', 'C']],
  ['C', ['H', 'L', 'N']],
  ['I', ['H', 'L', 'N']],
  ['A', ['H', 'L', 'N']],
];
const v3Optional = [
  ['E', ['X', 'U', 'P', 'F', 'H']],
  ['RL', ['X', 'O', 'T', 'W', 'U']],
  ['RC', ['X', 'U', 'R', 'C']],
  ['CR', ['X', 'L', 'M', 'H']],
  ['IR', ['X', 'L', 'M', 'H']],
  ['AR', ['X', 'L', 'M', 'H']],
  ['MAV', ['X', 'N', 'A', 'L', 'P']],
  ['MAC', ['X', 'L', 'H']],
  ['MPR', ['X', 'N', 'L', 'H']],
  ['MUI', ['X', 'N', 'R']],
  ['MS', ['X', 'U', 'C']],
  ['MC', ['X', 'N', 'L', 'H']],
  ['MI', ['X', 'N', 'L', 'H']],
  ['MA', ['X', 'N', 'L', 'H']],
];
const v4Base = [
  ['AV', ['N', 'A', 'L', 'P']],
  ['AC', ['L', 'H']],
  ['AT', ['N', 'P']],
  ['PR', ['N', 'L', 'H']],
  ['UI', ['N', 'P', 'A']],
  ['VC', ['H', 'L', 'N']],
  ['VI', ['H', 'L', 'N']],
  ['VA', ['H', 'L', 'N']],
  ['SC', ['H', 'L', 'N']],
  ['SI', ['H', 'L', 'N']],
  ['SA', ['H', 'L', 'N']],
];
const v4Optional = [
  ['E', ['X', 'A', 'P', 'U']],
  ['CR', ['X', 'H', 'M', 'L']],
  ['IR', ['X', 'H', 'M', 'L']],
  ['AR', ['X', 'H', 'M', 'L']],
  ['MAV', ['X', 'N', 'A', 'L', 'P']],
  ['MAC', ['X', 'L', 'H']],
  ['MAT', ['X', 'N', 'P']],
  ['MPR', ['X', 'N', 'L', 'H']],
  ['MUI', ['X', 'N', 'P', 'A']],
  ['MVC', ['X', 'H', 'L', 'N']],
  ['MVI', ['X', 'H', 'L', 'N']],
  ['MVA', ['X', 'H', 'L', 'N']],
  ['MSC', ['X', 'H', 'L', 'N']],
  ['MSI', ['X', 'S', 'H', 'L', 'N']],
  ['MSA', ['X', 'S', 'H', 'L', 'N']],
  ['S', ['X', 'N', 'P']],
  ['AU', ['X', 'N', 'Y']],
  ['R', ['X', 'A', 'U', 'I']],
  ['V', ['X', 'D', 'C']],
  ['RE', ['X', 'L', 'M', 'H']],
  ['U', ['X', 'Clear', 'Green', 'Amber', 'Red']],
];

// mulberry32: a small, well-known 32-bit PRNG; only determinism matters here.
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// every yields each combination of the metrics' values, the last metric
// varying fastest.
function* every(metrics) {
  const idx = new Array(metrics.length).fill(0);
  for (;;) {
    yield metrics.map(([name, values], i) => [name, values[idx[i]]]);
    let i = metrics.length - 1;
    while (i >= 0 && ++idx[i] === metrics[i][1].length) {
      idx[i] = 0;
      i--;
    }
    if (i < 0) {
      return;
    }
  }
}

// random picks every base metric, and each optional metric with probability
// one half (any of its values, "X" included).
function random(rand, base, optional) {
  const pick = (values) => values[Math.floor(rand() * values.length)];
  const parts = base.map(([name, values]) => [name, pick(values)]);
  for (const [name, values] of optional) {
    if (rand() < 0.5) {
      parts.push([name, pick(values)]);
    }
  }
  return parts;
}

function vectorString(prefix, parts) {
  return prefix + '/' + parts.map(([n, v]) => `${n}:${v}`).join('/');
}

// score runs the calculator and checks that it took every metric as given,
// so that a vector it silently misread cannot enter the corpus.
function score(Cls, prefix, parts, field) {
  const vector = vectorString(prefix, parts);
  const cvss = new Cls(vector);
  for (const [name, value] of parts) {
    const got = cvss.getComponentByString(name).shortName;
    if (got !== value) {
      throw new Error(`${vector}: calculator read ${name}:${got}`);
    }
  }
  const s = cvss.calculateScores()[field];
  if (typeof s !== 'number' || !(s >= 0 && s <= 10)) {
    throw new Error(`${vector}: calculator gave ${field} score ${s}`);
  }
  return `${vector}\t${s.toFixed(1)}\n`;
}

function write(name, description, lines) {
  const header =
    `# ${description}\n` +
    `# ${lines.length} vectors scored by ae-cvss-calculator ${calcVersion}; generated by gen_cvss_corpus.js, do not edit.\n` +
    '# VECTOR<TAB>SCORE\n';
  let data = Buffer.from(header + lines.join(''));
  if (name.endsWith('.gz')) {
    data = zlib.gzipSync(data, { level: 9 });
  }
  fs.writeFileSync(path.join(outDir, name), data);
  process.stdout.write(`${name}: ${lines.length} vectors\n`);
}

const sets = [
  {
    name: 'cvss30_base.txt',
    description: 'Every CVSS v3.0 base vector with its base score.',
    vectors: () => every(v3Base),
    cls: calc.Cvss3P0, prefix: 'CVSS:3.0', field: 'base',
  },
  {
    name: 'cvss31_base.txt',
    description: 'Every CVSS v3.1 base vector with its base score.',
    vectors: () => every(v3Base),
    cls: calc.Cvss3P1, prefix: 'CVSS:3.1', field: 'base',
  },
  {
    name: 'cvss30_random.txt',
    description: 'Random CVSS v3.0 vectors with temporal and environmental metrics (seed 30), with their base score.',
    vectors: function* () { const r = mulberry32(30); for (let i = 0; i < 500; i++) yield random(r, v3Base, v3Optional); },
    cls: calc.Cvss3P0, prefix: 'CVSS:3.0', field: 'base',
  },
  {
    name: 'cvss31_random.txt',
    description: 'Random CVSS v3.1 vectors with temporal and environmental metrics (seed 31), with their base score.',
    vectors: function* () { const r = mulberry32(31); for (let i = 0; i < 500; i++) yield random(r, v3Base, v3Optional); },
    cls: calc.Cvss3P1, prefix: 'CVSS:3.1', field: 'base',
  },
  {
    name: 'cvss40_base.txt.gz',
    description: 'Every CVSS v4.0 base vector with its CVSS-B score.',
    vectors: () => every(v4Base),
    cls: calc.Cvss4P0, prefix: 'CVSS:4.0', field: 'overall',
  },
  {
    name: 'cvss40_random.txt.gz',
    description: 'Random CVSS v4.0 vectors with threat, environmental and supplemental metrics (seed 40), with the score of the vector as given.',
    vectors: function* () { const r = mulberry32(40); for (let i = 0; i < 20000; i++) yield random(r, v4Base, v4Optional); },
    cls: calc.Cvss4P0, prefix: 'CVSS:4.0', field: 'overall',
  },
];

for (const set of sets) {
  const lines = [];
  for (const parts of set.vectors()) {
    lines.push(score(set.cls, set.prefix, parts, set.field));
  }
  write(set.name, set.description, lines);
}
