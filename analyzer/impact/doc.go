// Package impact owns the impact analysis (design §1, §2.2): given the
// line membership of a policy and a report, the verdict of every line and
// of every reported package within it, the affected released versions, the
// release that fixes each line or the patch release still to be made, and
// for a report on an upstream package, which lines' requirements admit its
// affected versions.
//
// # Which fix belongs to which line
//
// A report of form introduced/fixed lists fixing releases of any lines; a
// fix fixes its own line only. A fix belongs to every line that has it as
// a member (rule "policy"). A fix that no line contains (not released yet,
// or outside every line's ranges) goes by its series (rule "series"): to
// the lines that have members of its minor (13.0.5 to the line with
// 13.0.x), or, when none has, to the lines that have members of its
// ecosystem.Series (the first release segment for PyPI, the major for npm)
// and no fix by the policy rule. The output names the rule of every fix.
//
// When a line gets several fixes (fixes_go_to: every-minor, a fix on 13.0
// and one on 13.1), a member is judged against the fix of its own minor;
// a member of a minor without a fix is judged against the lowest fix above
// it (it is affected), or, above every fix, against the highest (it is
// not). With one fix per line this is simply that fix.
//
// # Verdicts
//
// A line is judged on its final releases when it has any (design §2.3):
// affected pre-releases above its newest final release are listed apart
// (Package.AffectedPrereleases) and decide nothing; a line with no final
// release yet is judged on its pre-releases.
//
// Per line and package: not-affected when no member is affected; fixed
// when, for the line's latest minor (fixes_go_to: latest-minor, the
// default) or for every minor with affected members (every-minor), a
// member above the affected ones is neither affected, yanked nor
// deprecated: the first such final release is the fixing release (a
// pre-release only where there is no such final release: a line in its
// release-candidate phase is fixed by a candidate); otherwise affected
// when the line is supported at the as-of date, with the next patch
// version to release (the planned fix the report names for the line, or
// the next patch of the newest final release of the latest minor, or of
// every minor still affected, skipping versions that already exist). A
// line not supported at the as-of date that ships affected versions is
// unsupported, also when one of its releases carries the fix (FixedIn
// still names it). A line's verdict is the worst of its packages:
// affected > unsupported > fixed > not-affected.
//
// # Upstream reports
//
// A report on a package the project does not publish is judged through the
// requirements on it recorded by the membership walk (design §2.4). Each
// requirement forces affected versions (admits affected ones and no fixed
// one), admits them (admits both) or excludes them, by the installer's
// default pre-release rule over the history at the as-of date. Each project
// package whose metadata names the upstream package in a line is judged on
// its own newest final member (Declaring): affected when that release
// forces affected versions (Raise names the smallest requirement leaving
// them out), fixed when it admits a fixed one (FirstFixing names the first
// final release from which on none forces), not-affected when no member
// admits an affected version, unsupported past the line's end of life. The
// line takes the worst. The line's pre-releases whose requirements reach
// affected versions, through project packages too, are listed apart
// (Package.Prereleases).
//
// Reported packages that no line contains are listed apart, with the
// reason, and never dropped.
package impact
