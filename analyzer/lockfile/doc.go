// Package lockfile owns reading dependency lockfiles for the release gate
// (patchline check --lockfile): it turns a requirements.txt, poetry.lock,
// uv.lock, Pipfile.lock, package-lock.json (or npm-shrinkwrap.json),
// yarn.lock (v1 and Berry) or pnpm-lock.yaml into the list of exact package
// versions it pins, with the line that states each pin.
//
// Reading is strict, because a gate that misreads a file passes it: a file
// whose name is not a known format, a file that does not parse, a pin whose
// version is not valid in its ecosystem and an include that cannot be read
// are all errors of type *Error, never an empty result. What a format
// legitimately leaves unpinned (a ">=" requirement, an editable install, a
// git or path dependency) is not an error: it is listed in File.Unpinned so
// that the caller can say what the gate could not check.
//
// Versions are validated with the ecosystem's own rules (package ecosystem)
// and package names normalised by package pkgref; nothing here compares
// version strings. Matching pins against advisories is the caller's job.
//
// Every pin carries the file and line that state it. Lines come from the
// parsers where they are cheap: requirements.txt and yarn.lock v1 (own line
// readers), package-lock.json and Pipfile.lock (a single scan of the JSON
// tokens), pnpm-lock.yaml and Berry yarn.lock (the YAML syntax tree). For
// poetry.lock and uv.lock the TOML decoder keeps no positions for arrays of
// tables, so a text scan supplies them and leaves 0 where it cannot verify
// the line (see tomlPackageLines).
//
// The output is deterministic: pins are sorted by ecosystem, name and
// version (in the ecosystem's order), and a package version stated more than
// once (npm's nested installs, a requirement repeated in an included file)
// is reported once, at its first statement in reading order.
package lockfile
