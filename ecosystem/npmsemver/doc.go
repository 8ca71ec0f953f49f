// Package npmsemver owns npm's version semantics: parsing versions, ordering
// them and evaluating ranges exactly as node-semver 7 does in its default
// (non-loose) mode, with and without includePrerelease.
//
// The package follows node-semver's observable behaviour rather than the
// semver.org grammar wherever the two differ, because npm (through
// node-semver) decides what a published version is and which versions a
// dependency range selects. In particular:
//
//   - a version may carry one leading "v" and surrounding JavaScript
//     whitespace, but no "=" (only ranges accept "=");
//   - a version longer than 256 UTF-16 code units, or a major, minor or
//     patch above 2^53-1, is rejected;
//   - a range is desugared the way node-semver rewrites it (hyphen ranges,
//     "^", "~", "~>", x-ranges, "*", build-metadata stripping) before its
//     comparators are parsed, so that the same strings are accepted, the
//     same strings are rejected, and each comparator set means what it means
//     to npm, including node-semver's collapse of "A || *" to "*";
//   - a pre-release version satisfies a comparator set only if some
//     comparator in that set names the same major.minor.patch with a
//     pre-release, unless includePrerelease is set.
//
// Loose mode, range intersection and node-semver's other helpers are not
// provided: npm resolves package.json ranges in the default mode, and
// patchline only needs to order versions and test them against ranges.
//
// The committed corpora under testdata/ were produced by node-semver itself
// (testdata/gen_corpus.js) and the conformance tests hold this package to
// them cell for cell.
package npmsemver
