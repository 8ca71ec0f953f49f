// Package membership owns line membership (design §2.1): for every release
// line of a policy and every project package, the set of released versions
// that belong to the line, why each belongs (the path from the line's
// anchor), and the upstream (non-project) requirements met on the way.
//
// # Members
//
// A line's members are
//
//   - the releases in each declared range (Line.Packages),
//   - when the line has from, the releases of the anchor in its range, and
//   - every release of a project package reachable from those (declared
//     or anchor releases) by following dependency requirements through
//     project packages only.
//
// Declared members are walked like the anchor's releases because what
// they require is installed with the line too: the npm packages a line
// declares bring their own (peer) dependencies, which are the line's
// upstream constraints on them.
//
// Ranges of the policy (the anchor's and the declared ones) are evaluated
// with ecosystem.Range.InLine (design §2.3): pre-releases are admitted, as
// a line's release candidates are the line's, except the pre-releases of
// an exclusive upper bound's version, which lead up to the next line
// (express 5.0.0-beta.1 is not a member of ">=4.0.0 <5.0.0").
//
// # Which versions a requirement admits
//
// A requirement admits the versions its installer could install: the
// ecosystem's Range.Filter with the default pre-release rule over the
// package's whole release history. For PyPI that is packaging's rule, as
// pip applies it: a pre-release is admitted when a specifier of the set
// names one (>=9.0b1), and a requirement without specifier falls back to
// pre-releases when the package has no final release at all; for npm it is
// node-semver's default (a pre-release matches only a comparator of the
// same major.minor.patch that names a pre-release). Yanked and deprecated releases are admitted too: users may
// have installed them before the yank, and a pin (==) installs a yanked
// release even today, so they are members and never dropped silently.
// A PyPI requirement without a specifier admits every release by the same
// rule; a direct URL reference (name @ URL) and an npm specification that
// is not a range (a URL, git reference, tag or alias) admit no registry
// release and are recorded as unresolved.
//
// # Extras, markers and dependency kinds
//
// A PyPI requirement whose marker compares extra with == counts only when
// one of those extras is requested: for the anchor, the line's extras; for
// a package further down, the extras the requirement that reached it asks
// for (invenio-records-resources[opensearch2]). A release reached again
// with more extras is expanded again for the new extras only. Every other
// marker (python_version, sys_platform, ...) is taken as satisfiable: the
// analysis is about every environment the line supports.
//
// npm requirements count when they are dependencies, optional dependencies
// (installed when they can be) or non-optional peer dependencies (installed
// automatically since npm 7); optional peer dependencies do not.
//
// # The walk
//
// All lines are walked together, breadth first. At each level the
// requirements of the newly reached releases are fetched in one batch per
// package, the batches of all packages concurrently, and the histories of
// newly met project packages likewise; only reached releases are ever asked
// about, and nothing is asked twice. The first path found to a release is
// kept for Explain; releases of a level are expanded in a fixed order
// (package, then version), so that the path does not depend on timing.
package membership
