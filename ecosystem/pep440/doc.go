// Package pep440 owns PEP 440 version semantics for patchline: parsing and
// normalising version strings, their total order, and version specifiers
// (`~=`, `==`, `!=`, `<=`, `>=`, `<`, `>`, `===`, `==X.*`, `!=X.*`) joined
// into specifier sets.
//
// The reference is Python's packaging 24.1 (the copy vendored by pip), not
// only the text of PEP 440: where the two differ, this package does what
// packaging does, including its quirks, because that is what pip and the
// Python Package Index act upon. The committed corpora under testdata/,
// generated from packaging itself, hold the package to that reference.
//
// Choices where packaging gives no answer (it raises) are documented on the
// functions concerned:
//   - Numeric components of any length are exact: they are kept as decimal
//     digit strings and exported as *big.Int. Python refuses integers of more
//     than 4300 digits by default; such versions are accepted here.
//   - An `===` specifier whose operand is not a valid version never opts in
//     to pre-releases (packaging raises InvalidVersion when it asks).
//
// Case-insensitive matching follows Python's re.IGNORECASE on str patterns,
// which besides ASCII letters accepts U+0130 (İ) and U+0131 (ı) for "i",
// U+017F (ſ) for "s" and U+212A (Kelvin sign) for "k"; whitespace is
// Python's str.isspace set. Lower-casing follows str.lower for those runes.
package pep440
