#!/usr/bin/env node
// Measures node-semver on the same work as the Go benchmarks in
// bench_test.go, for comparison:
//
//   cells/s     range.test(v) over every satisfies cell of the corpus, with
//               ranges (new Range(r, {includePrerelease})) and versions
//               (new SemVer(v, {includePrerelease})) parsed once up front;
//               matching options let node-semver reuse the version objects
//   versions/s  new SemVer(s) over every corpus version string
//   ranges/s    new Range(r) over every corpus range, with node-semver's
//               parse cache cleared by using each range once per round
//
// Usage (from this directory):
//   NODE_PATH=/path/to/node_modules node bench_semver.js [--semver DIR] [--seconds N]

'use strict'

const fs = require('fs')
const path = require('path')
const zlib = require('zlib')

let semverDir = null
let seconds = 3
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--semver') {
    semverDir = path.resolve(process.argv[++i])
  } else if (process.argv[i] === '--seconds') {
    seconds = Number(process.argv[++i])
  } else {
    throw new Error(`unknown argument ${process.argv[i]}`)
  }
}
semverDir = semverDir || path.dirname(require.resolve('semver/package.json'))
const semver = require(semverDir)
const semverVersion = require(path.join(semverDir, 'package.json')).version

function rows (name) {
  let text = fs.readFileSync(path.join(__dirname, name))
  if (name.endsWith('.gz')) {
    text = zlib.gunzipSync(text)
  }
  return text.toString('utf8').split('\n').filter(l => l && !l.startsWith('#')).map(l => l.split('\t'))
}

const versions = rows('versions.tsv').map(f => JSON.parse(f[1]))
const ranges = rows('ranges.tsv').map(f => JSON.parse(f[1]))
const satisfies = rows('satisfies.tsv.gz').map(f => [Number(f[0]), Number(f[1])])

const modes = [{}, { includePrerelease: true }]
const parsedRanges = modes.map(o => ranges.map(r => {
  try {
    return new semver.Range(r, o)
  } catch (er) {
    return null
  }
}))
const parsedVersions = modes.map(o => versions.map(v => semver.valid(v) === null ? null : new semver.SemVer(v, o)))
const cellsByMode = [[], []]
for (const [ri, vi] of satisfies) {
  for (let m = 0; m < 2; m++) {
    if (parsedRanges[m][ri]) {
      cellsByMode[m].push([parsedRanges[m][ri], parsedVersions[m][vi]])
    }
  }
}
const cells = []
for (let k = 0; k < cellsByMode[0].length || k < cellsByMode[1].length; k++) {
  for (const cs of cellsByMode) {
    if (k < cs.length) {
      cells.push(cs[k])
    }
  }
}

// rate runs fn (which does `per` operations) until `seconds` have passed
// and returns operations per second.
function rate (fn, per) {
  fn() // warm up
  let n = 0
  const start = process.hrtime.bigint()
  let elapsed = 0
  while (elapsed < seconds) {
    fn()
    n++
    elapsed = Number(process.hrtime.bigint() - start) / 1e9
  }
  return (n * per) / elapsed
}

let hits = 0
const testAll = cs => () => {
  for (const [r, v] of cs) {
    if (r.test(v)) {
      hits++
    }
  }
}
const cellRate = rate(testAll(cells), cells.length)
// includePrerelease is slower in node-semver: its comparators hold
// versions parsed without the option, which compare() parses again.
const modeRates = cellsByMode.map(cs => rate(testAll(cs), cs.length))
const versionRate = rate(() => {
  for (const v of versions) {
    try {
      new semver.SemVer(v) // eslint-disable-line no-new
    } catch (er) {}
  }
}, versions.length)
// node-semver memoises parsed alternatives in an LRU of 1,000 entries; the
// corpus has more ranges than that, so a round over all of them mostly
// misses, as first-time parsing does.
const rangeRate = rate(() => {
  for (const r of ranges) {
    try {
      new semver.Range(r) // eslint-disable-line no-new
    } catch (er) {}
  }
}, ranges.length)

const fmt = x => Math.round(x).toLocaleString('en-US')
console.log(`node ${process.version}, node-semver ${semverVersion}`)
console.log(`satisfies: ${cells.length} cells, ${fmt(cellRate)} cells/s ` +
  `(default ${fmt(modeRates[0])}, includePrerelease ${fmt(modeRates[1])})`)
console.log(`new SemVer: ${versions.length} strings, ${fmt(versionRate)} versions/s`)
console.log(`new Range: ${ranges.length} strings, ${fmt(rangeRate)} ranges/s`)
