#!/usr/bin/env node
// Generates the node-semver conformance corpus that conformance_test.go
// checks package npmsemver against, cell for cell.
//
// Usage (from this directory):
//
//   NODE_PATH=/path/to/node_modules node gen_corpus.js
//   node gen_corpus.js --semver /path/to/node_modules/semver
//
// Options:
//   --semver DIR     the node-semver package directory (default: require('semver'))
//   --realworld DIR  the shared real-world data (default: ../../../../shared/realworld)
//   --out DIR        where to write the corpus (default: this directory)
//   --stress N       write a larger random corpus of about N ranges instead of
//                    the committed one; check it with
//                    NPMSEMVER_CORPUS=DIR go test -run Conformance ./ecosystem/npmsemver
//   --seed S         PRNG seed (default 20260807)
//   --extra FILE     a JSON array of further strings, each tried as a version
//                    and as a range (for instance inputs found by fuzzing)
//
// The output is deterministic for a given node-semver version, seed and
// real-world data. node-semver must be major version 7.
//
// Files (tab-separated, '#' lines are comments, strings are JSON literals):
//   versions.tsv   id, input, node-semver's formatted version or ! (invalid)
//   ranges.tsv     id, input, new Range(r).range or ! (throws), the same with
//                  includePrerelease
//   compare.tsv    version id a, version id b, semver.compare(a, b)
//   satisfies.tsv  range id, version id, satisfies(v, r), satisfies(v, r,
//                  {includePrerelease: true}) as 0/1; gzipped

'use strict'

const fs = require('fs')
const path = require('path')
const zlib = require('zlib')

// ---------------------------------------------------------------- arguments

const args = { seed: 20260807, stress: 0 }
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i]
  const next = () => {
    if (i + 1 >= process.argv.length) {
      throw new Error(`${a} needs a value`)
    }
    return process.argv[++i]
  }
  switch (a) {
    case '--semver': args.semver = next(); break
    case '--realworld': args.realworld = next(); break
    case '--out': args.out = next(); break
    case '--stress': args.stress = Number(next()); break
    case '--seed': args.seed = Number(next()); break
    case '--extra': args.extra = next(); break
    default: throw new Error(`unknown argument ${a}`)
  }
}
const semverDir = args.semver ? path.resolve(args.semver) : path.dirname(require.resolve('semver/package.json'))
const semver = require(semverDir)
const semverVersion = require(path.join(semverDir, 'package.json')).version
if (!/^7\./.test(semverVersion)) {
  throw new Error(`node-semver 7 is required, found ${semverVersion} in ${semverDir}`)
}
const realworld = args.realworld || path.join(__dirname, '..', '..', '..', '..', 'shared', 'realworld')
const outDir = args.out || __dirname

// ---------------------------------------------------------------- PRNG

// mulberry32: small, fast and identical on every node version.
let state = args.seed >>> 0
function rand () {
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const int = n => Math.floor(rand() * n)
const pick = xs => xs[int(xs.length)]
const chance = p => rand() < p

// ---------------------------------------------------------------- inputs

const versions = [] // input strings, deduplicated, in insertion order
const versionIndex = new Map()
function addVersion (s) {
  if (!versionIndex.has(s)) {
    versionIndex.set(s, versions.length)
    versions.push(s)
  }
  return versionIndex.get(s)
}
const ranges = []
const rangeIndex = new Map()
function addRange (s) {
  if (!rangeIndex.has(s)) {
    rangeIndex.set(s, ranges.length)
    ranges.push(s)
  }
}

// Real-world versions: every react-* tag, without its leading "v".
for (const f of fs.readdirSync(path.join(realworld, 'tags')).sort()) {
  if (!/^react-.*\.tsv$/.test(f) || f.endsWith('.detail.tsv')) {
    continue
  }
  for (const line of fs.readFileSync(path.join(realworld, 'tags', f), 'utf8').split('\n')) {
    const tag = line.split('\t')[0]
    if (tag) {
      addVersion(tag.replace(/^v/, ''))
    }
  }
}

// Real-world ranges: invenio-app-rdm's npm dependencies and the policy's.
{
  const rdm = JSON.parse(fs.readFileSync(path.join(realworld, 'requires', 'invenio-app-rdm.json'), 'utf8'))
  for (const rel of rdm.releases) {
    for (const r of Object.values(rel.npm || {})) {
      addRange(r)
    }
  }
  const policy = fs.readFileSync(path.join(realworld, 'invenio-policy.yaml'), 'utf8')
  for (const m of policy.matchAll(/npm_dependencies:\s*\{([^}]*)\}/g)) {
    for (const q of m[1].matchAll(/"([^"]*)"/g)) {
      addRange(q[1])
    }
  }
}

const MAX = '9007199254740991'
const edgeVersions = [
  '1.2.3', 'v1.2.3', '=1.2.3', 'v=1.2.3', '==1.2.3', 'vv1.2.3', 'V1.2.3', ' 1.2.3', '1.2.3 ', '\t1.2.3\n',
  '\u00a01.2.3', '\ufeff1.2.3', '1.2.3\u2028', '\u30001.2.3\u3000', '\u00851.2.3', ' v1.2.3', 'v 1.2.3', '1 .2.3',
  '1.2.3+build.7', '1.2.3+build.01', '1.2.3+', '1.2.3+a..b', '1.2.3-', '1.2.3-a..b', '1.2.3-.a', '1.2.3-a.',
  '01.2.3', '1.02.3', '1.2.03', '1.2.3-01', '1.2.3-00', '1.2.3-0', '1.2.3-0a', '1.2.3-00a', '1.2.3-0-1', '1.2.3--',
  '1.2.3-alpha', '1.2.3-alpha.1', '1.2.3-alpha.beta', '1.2.3-alpha.0', '1.2.3-1', '1.2.3-10', '1.2.3-2', '1.2.3-a-b',
  '1.2.3-rc.1+build', '1.2.3-rc.1+build.2', '1.2', '1', '1.2.3.4', '', ' ', 'v', 'x', '1.x.3', '1.2.x', '*',
  '1.2.3-é', '1.2.3_4', '1.2.3-a_b', '١.2.3', '1.2.3-x.7.z.92', '0.0.0', '0.0.0-0', '0.0.0-0.0',
  `${MAX}.0.0`, `0.${MAX}.0`, `0.0.${MAX}`, '9007199254740992.0.0', '0.9007199254740992.0', '0.0.9007199254740992',
  '99999999999999999999.0.0', '1.2.3-9007199254740990', `1.2.3-${MAX}`, '1.2.3-9007199254740992',
  '1.2.3-9007199254740993', '1.2.3-18014398509481984', '1.2.3-18014398509481985', '1.2.3-99999999999999999999',
  '1.2.3-9007199254740993.1', '1.2.3-9007199254740992.2', `1.2.3-${MAX}.a`, `1.2.3-${MAX}0`,
  '1.2.3-' + 'a'.repeat(250), '1.2.3-' + 'a'.repeat(251), '1.2.3+' + 'b'.repeat(250), '1.2.3+' + 'b'.repeat(251),
  ' '.repeat(251) + '1.2.3', ' '.repeat(252) + '1.2.3', '\u00a0'.repeat(251) + '1.2.3', '\u00a0'.repeat(252) + '1.2.3',
  '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0',
  '2.0.0-rc.1', '1.0.0-rc.1', '1.9.9-0', '1.9.9-rc.1', '1.5.0-rc.1', '3.4.5-alpha.9', '1.2.3-alpha.7', '1.2.4+build.7',
  '2.4.0', '3.0.0', '2.3.4', '2.3.9', '0.0.3', '0.0.4', '0.2.3', '0.3.0', '1.2.9', '1.3.0',
]
edgeVersions.forEach(addVersion)

const edgeRanges = [
  '^0.0.3', '^0.0.x', '^0.0', '^0.x', '^0', '^0.2.3', '^1.2.3', '^1.2', '^1', '^1.x', '^1.2.x', '^x', '^*', '^', '^0.0.0',
  '^0.0.3-beta', '^0.2.3-beta', '^1.2.3-beta.2', '^ 1.2.3', '^v1.2.3', '^=1.2.3', '^v=v1.2.3', '^1.x.3', '^x.1.2',
  '~1.2', '~1.2.3', '~1', '~1.x', '~1.2.x', '~0.0.1', '~1.2.3-beta.2', '~ 1.2', '~>1.2', '~> 1.2', '~>1', '~>1.2.3',
  '~', '~>', '~x', '~*', '~ >1', '~v1.2', '~=1.2.3', '~1.x.3', '~x.1',
  '1.x || >=2.5.0', '1.x||>=2.5.0', '*', '', ' ', 'x', 'X', '1.x', '1.X', '1.*', '1.2.*', '1.2.x', 'x.x', '*.*.*',
  '1.x.3', 'x.1', '*.1', '1.*.2', '**', '1.2.3*', '*1.2.3', '>=*1.2.3', '1.2*.3',
  '1.2.3 - 2.3.4', '1.2 - 2.3', '1.2.3 - 2', '1 - 2', '1.2 - 2.3.4', '1.2.3 - 2.3', 'x - 1', '1 - x', '* - *',
  '1.2.3-beta - 2.3.4-rc.1', '1.2.3 - =2.0.0', '=1.2.3 - 2', '=1.2 - 2', 'v1.2.3 - v2.3.4', 'vv1.2.3 - 2',
  '1.2.3  - 2.3.4', '1.2.3 -  2.3.4', '1.2.3 - 2.3.4 ', '2 - 1', '1.2.3 - 2.3.4 - 3', '1.2.3 -2.3.4', '1.2.3- 2.3.4',
  '1.0.0 - 1.0.' + MAX, '1.0.0 - 1.' + MAX, '1.0.0 - ' + MAX, 'x.5.6 - 1.2.3', '1.2.x-beta - 2',
  '>=1.0.0-beta <2', '<2.0.0-0', '<2.0.0', '>=1.2.3-alpha.3', '>1.2.3-alpha.3', '=1.2.3', 'v1.2.3', '1.2.3',
  '>= 1.2.3', '>=  1.2.3', '> 1.2.3 < 2', '< = 1', '<= 1.2', '>1', '>1.2', '<1.2', '<=1.2', '>=1.2', '<1', '<=1', '=1',
  '>x', '<x', '>=x', '<=x', '=x', '>*', '<*', '>', '<', '>=', '<=', '=', '==1.2.3', '>==1.2.3', 'v=1.2.3', '=v1.2.3',
  '>=v1.2.3', '>=0.0.0', '>=0.0.0-0', '>=v0.0.0', '>=0', '>=0.0', '>=0.0.x', '<0.0.0-0', '<0.0.0', '<0.0.0-0 || 1.2.3',
  '<0.0.0-0 || <0.0.0-0', '<0.0.0-0 || *', '1.2.3 || *', '<=1.9.9-rc.1 || ~x', '<=1.9.9-rc.1 || *', '* || 1.2.3',
  '<1.x >=1', '>=1 <1.x', '1.2.3 1.2.3', '>=1.2.3 >=1.2.3 <2', '1.2.3 <0.0.0-0 2', '1.2.3 <0.0.0-0 bad',
  '||', '|| 1.2.3', '1.2.3 ||', '1.2.3 || || 2', '1.2.3 ||| 2', '1 | 2', '1.2.3+build', '>=1.2.3+build <2',
  '1.2.3 +a 2', '+a', '+a +b 1.2.3 - 2', '1.2.3+a.b.', '^1.2.3+build', '1.2.3-', '1.2.3-01', '01.2.3', '1.02', '1.2.3.4',
  '>=1.2.3\t<2', '>=1.2.3\n||\n2', '\u00a0^1.2.3\u00a0', '1.2.3\u3000||\u30002', '1.2.3\u0085', 'a', 'latest', 'next',
  '^' + MAX + '.0.0', '^9007199254740990.0.0', '~0.' + MAX, '~0.9007199254740990', '^0.0.' + MAX, '>' + MAX,
  '>0.' + MAX, '<=' + MAX + '.x', '>=' + MAX + '.0.0', '^99999999999999999999', '^999999999999999999999',
  '^9999999999999999999999.0.0', '>' + '9'.repeat(30), '^1.2.x-' + 'a'.repeat(250), '^1.2.x-' + 'a'.repeat(251),
  '1.2.x-' + 'a'.repeat(250), '1.2.x-' + 'a'.repeat(251), '>=1.2.3-' + 'a'.repeat(250), 'x.' + '1'.repeat(257) + '.1 - 2',
  'x.' + '1'.repeat(258) + '.1 - 2', '1.2.3 <' + '1'.repeat(300), '~1.2.3-' + '0'.repeat(2),
]
edgeRanges.forEach(addRange)
if (args.extra) {
  for (const s of JSON.parse(fs.readFileSync(args.extra, 'utf8'))) {
    addVersion(s)
    addRange(s)
  }
}

// ---------------------------------------------------------------- generators

const numbers = ['0', '0', '0', '1', '1', '1', '2', '2', '3', '4', '5', '9', '10', '11', '12', '19', '20', '99', '100', '2024',
  '9007199254740990', MAX, '9007199254740992', '01']
const preIDs = ['alpha', 'beta', 'rc', '0', '1', '2', '3', '10', '11', 'pre', 'next', 'dev', 'a', 'b', 'x', 'X', '0a', '1a', '01a',
  'a-1', '-', '--', 'a-', '-a', 'beta-2', 'alpha1', 'RC', 'Alpha', MAX, '9007199254740992', '9007199254740993', '18014398509481985',
  '00', '01', 'é', '']
const buildIDs = ['build', '1', '01', 'sha', 'exp', 'abc-def', '20260807', '']

function genNumber () { return chance(0.985) ? pick(numbers.slice(0, 20)) : pick(numbers) }
function genPre () {
  const n = 1 + int(chance(0.7) ? 1 : 3)
  const ids = []
  for (let i = 0; i < n; i++) {
    ids.push(chance(0.98) ? pick(preIDs.slice(0, 28)) : pick(preIDs))
  }
  return ids.join('.')
}
function genBuild () {
  const n = 1 + int(2)
  const ids = []
  for (let i = 0; i < n; i++) {
    ids.push(chance(0.95) ? pick(buildIDs.slice(0, 7)) : pick(buildIDs))
  }
  return ids.join('.')
}
function genVersion () {
  let v = `${genNumber()}.${genNumber()}.${genNumber()}`
  if (chance(0.45)) {
    v += '-' + genPre()
  }
  if (chance(0.12)) {
    v += '+' + genBuild()
  }
  if (chance(0.1)) {
    v = pick(['v', '=', 'v=', ' ', '\t', 'V', '==', 'vv', ' v', 'v ', '\u00a0', '\ufeff', '\u2029']) + v
  }
  if (chance(0.05)) {
    v += pick([' ', '\n', '\u3000', '\u0085', '.', '-', '+', 'x'])
  }
  return v
}

// genPartial makes a partial version; wildcards usually trail, as they
// must for an x-range to be valid.
function genPartial (allowPre) {
  const n = pick([1, 2, 3, 3, 3, 3])
  const concrete = chance(0.75) ? n : int(n + 1)
  const comps = []
  for (let i = 0; i < n; i++) {
    comps.push(i < concrete || chance(0.04) ? genNumber() : pick(['x', 'X', '*']))
  }
  let p = comps.join('.')
  if (n === 3 && allowPre && chance(0.3)) {
    p += '-' + genPre()
  }
  if (n === 3 && chance(0.04)) {
    p += '+' + genBuild()
  }
  if (chance(0.04)) {
    p = pick(['v', '=', 'v=', '==', 'vv', 'V']) + p
  }
  return p
}
const sp = () => (chance(0.85) ? '' : pick([' ', '  ', '\t']))
function genSimple () {
  switch (int(8)) {
    case 0: case 1: case 2:
      return pick(['<', '<=', '>', '>=', '=', '']) + sp() + genPartial(true)
    case 3: return '^' + sp() + genPartial(true)
    case 4: return pick(['~', '~>']) + sp() + genPartial(true)
    case 5: return genPartial(true)
    case 6: return pick(['*', 'x', 'X', '', '>=0.0.0', '<0.0.0-0'])
    default: return genHyphen()
  }
}
function genHyphen () {
  return genPartial(true) + (chance(0.9) ? ' - ' : pick(['  - ', ' -  ', ' -', '- '])) + genPartial(true)
}
function genRange () {
  const alts = []
  const n = chance(0.6) ? 1 : 1 + int(3)
  for (let i = 0; i < n; i++) {
    if (chance(0.2)) {
      alts.push(genHyphen())
      continue
    }
    const m = 1 + int(chance(0.5) ? 1 : 3)
    const simples = []
    for (let k = 0; k < m; k++) {
      simples.push(genSimple())
    }
    alts.push(simples.join(chance(0.9) ? ' ' : pick(['  ', '\t'])))
  }
  return alts.join(pick([' || ', ' || ', '||', '  ||  ', ' ||', '|| ']))
}
const soupPieces = ['0', '1', '2', '3', '10', '.', '.', '.', 'x', 'X', '*', '-', '-', ' ', ' ', ' ', '^', '~', '~>', '>', '<', '=', '>=',
  '<=', 'v', '||', '|', '+', 'b', 'alpha', 'rc.1', MAX, '9007199254740992', ' - ', '1.2.3', '0.0.0', '\t', '\u00a0', '01']
function genSoup () {
  const n = 1 + int(10)
  let s = ''
  for (let i = 0; i < n; i++) {
    s += pick(soupPieces)
  }
  return s
}

// ---------------------------------------------------------------- sizes

const stress = args.stress > 0
const nRandomVersions = stress ? args.stress : 1400
const nGrammarRanges = stress ? args.stress : 1700
const nSoupRanges = stress ? Math.floor(args.stress / 2) : 900
const probesPerRange = stress ? 12 : 20
const orderPairs = stress ? args.stress * 10 : 30000

for (let i = 0; i < nRandomVersions; i++) {
  addVersion(genVersion())
}
for (let i = 0; i < nGrammarRanges; i++) {
  addRange(genRange())
}
for (let i = 0; i < nSoupRanges; i++) {
  addRange(genSoup())
}

// ---------------------------------------------------------------- evaluation

const tryRange = (r, includePrerelease) => {
  try {
    return new semver.Range(r, { includePrerelease })
  } catch (er) {
    return null
  }
}

// Global probes: versions around common bounds and pre-release shapes.
const globalProbes = ['0.0.0', '0.0.0-0', '0.0.1', '0.1.0', '0.9.9', '1.0.0-0', '1.0.0-alpha', '1.0.0-rc.1', '1.0.0', '1.0.1',
  '1.2.2', '1.2.3-0', '1.2.3-alpha.3', '1.2.3-alpha.7', '1.2.3-beta', '1.2.3', '1.2.4-alpha', '1.2.4', '1.3.0-0', '1.3.0',
  '1.9.9-rc.1', '1.99.99', '2.0.0-0', '2.0.0-rc.1', '2.0.0', '2.4.0', '2.5.0', '3.0.0', '3.4.5-alpha.9', '10.0.0',
  '9007199254740991.0.0', '0.0.9007199254740991']
globalProbes.forEach(addVersion)

// Probes derived from a range's own comparators: each bound, its
// neighbours, and pre-releases on the same major.minor.patch.
function probesFor (rs) {
  const out = new Set()
  for (const r of rs) {
    if (!r) {
      continue
    }
    for (const set of r.set) {
      for (const c of set) {
        if (c.semver === semver.Comparator.ANY) {
          continue
        }
        const { major: M, minor: m, patch: p } = c.semver
        const bases = [[M, m, p], [M, m, p + 1], [M, m + 1, 0], [M + 1, 0, 0]]
        if (p > 0) {
          bases.push([M, m, p - 1])
        }
        if (m > 0) {
          bases.push([M, m - 1, 9])
        }
        if (M > 0) {
          bases.push([M - 1, 99, 99])
        }
        for (const [a, b, d] of bases) {
          if (a > Number.MAX_SAFE_INTEGER || b > Number.MAX_SAFE_INTEGER || d > Number.MAX_SAFE_INTEGER) {
            continue
          }
          const base = `${a}.${b}.${d}`
          out.add(base)
          out.add(base + '-0')
          out.add(base + '-' + pick(['alpha', 'beta.2', 'rc.1', '1', 'alpha.beta']))
        }
        if (c.semver.prerelease.length) {
          out.add(c.semver.version)
          out.add(c.semver.version + '.1')
          out.add(c.semver.version + '.a')
        }
      }
    }
  }
  return [...out]
}

function shuffle (xs) {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = int(i + 1)
    const t = xs[i]
    xs[i] = xs[j]
    xs[j] = t
  }
  return xs
}

const validVersionIDs = () => versions.map((v, i) => (semver.valid(v) === null ? -1 : i)).filter(i => i >= 0)

// Satisfies cells: for each range valid in some mode, its own probes plus
// some real-world and global versions.
const cells = []
const rangeRows = []
const validSoFar = validVersionIDs()
for (let ri = 0; ri < ranges.length; ri++) {
  const r = ranges[ri]
  const rd = tryRange(r, false)
  const rp = tryRange(r, true)
  rangeRows.push([ri, r, rd ? rd.range : null, rp ? rp.range : null])
  if (!rd && !rp) {
    continue
  }
  const probes = shuffle(probesFor([rd, rp])).slice(0, probesPerRange).map(addVersion)
  for (let k = 0; k < 6; k++) {
    probes.push(pick(validSoFar))
  }
  for (let k = 0; k < 4; k++) {
    probes.push(versionIndex.get(pick(globalProbes)))
  }
  for (const vi of [...new Set(probes)]) {
    const v = versions[vi]
    if (semver.valid(v) === null) {
      continue
    }
    cells.push([ri, vi, semver.satisfies(v, r) ? 1 : 0, semver.satisfies(v, r, { includePrerelease: true }) ? 1 : 0])
  }
}

// Ordering pairs: random pairs, pairs sharing major.minor.patch (so that
// pre-release precedence decides) and neighbours in sorted order.
const valid = validVersionIDs()
const byMain = new Map()
for (const i of valid) {
  const v = new semver.SemVer(versions[i])
  const key = `${v.major}.${v.minor}.${v.patch}`
  if (!byMain.has(key)) {
    byMain.set(key, [])
  }
  byMain.get(key).push(i)
}
const groups = [...byMain.values()].filter(g => g.length > 1)
const pairs = new Set()
const addPair = (a, b) => pairs.add(`${a}\t${b}`)
const sorted = valid.slice().sort((a, b) => semver.compare(versions[a], versions[b]) || a - b)
for (let k = 1; k < sorted.length; k++) {
  addPair(sorted[k - 1], sorted[k])
  addPair(sorted[k], sorted[k - 1])
}
while (pairs.size < orderPairs) {
  if (chance(0.5)) {
    addPair(pick(valid), pick(valid))
  } else {
    const g = pick(groups)
    addPair(pick(g), pick(g))
  }
}

// ---------------------------------------------------------------- output

const q = s => JSON.stringify(s)
const header = (what, cols) => [
  `# ${what}: generated by gen_corpus.js from node-semver ${semverVersion} (seed ${args.seed}); do not edit.`,
  `# ${cols}`,
]
function write (name, lines, gzip) {
  const text = lines.join('\n') + '\n'
  const file = path.join(outDir, name + (gzip ? '.gz' : ''))
  fs.writeFileSync(file, gzip ? zlib.gzipSync(Buffer.from(text), { level: 9, mtime: 0 }) : text)
  console.log(`${file}: ${lines.length} lines`)
}
fs.mkdirSync(outDir, { recursive: true })
write('versions.tsv', [
  ...header('versions', 'id\tinput\tformatted version or ! when new SemVer(input) throws'),
  ...versions.map((v, i) => {
    const f = semver.valid(v)
    return `${i}\t${q(v)}\t${f === null ? '!' : q(f)}`
  }),
])
write('ranges.tsv', [
  ...header('ranges', 'id\tinput\tnew Range(input).range or !\tthe same with includePrerelease'),
  ...rangeRows.map(([i, r, d, p]) => `${i}\t${q(r)}\t${d === null ? '!' : q(d)}\t${p === null ? '!' : q(p)}`),
])
write('compare.tsv', [
  ...header('compare', 'version id a\tversion id b\tsemver.compare(a, b)'),
  ...[...pairs].map(p => {
    const [a, b] = p.split('\t').map(Number)
    return `${p}\t${semver.compare(versions[a], versions[b])}`
  }),
])
write('satisfies.tsv', [
  ...header('satisfies', 'range id\tversion id\tsatisfies(v, r)\tsatisfies(v, r, {includePrerelease: true})'),
  ...cells.map(c => c.join('\t')),
], true)
const validRanges = rangeRows.filter(r => r[2] !== null).length
console.log(`${versions.length} versions (${valid.length} valid), ${ranges.length} ranges (${validRanges} valid), ` +
  `${pairs.size} ordering pairs, ${cells.length * 2} satisfies cells`)
