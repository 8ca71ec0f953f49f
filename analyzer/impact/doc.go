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
// Per line and package: not-affected when no member is affected; fixed
// when, for the line's latest minor (fixes_go_to: latest-minor, the
// default) or for every minor with affected members (every-minor), a
// member above the affected ones is neither affected, yanked nor
// deprecated: the first such is the fixing release, even when it is a
// pre-release (a line in its release-candidate phase is fixed by a
// candidate); otherwise affected when the line is supported at the as-of
// date, with the next patch version to release (the planned fix the report
// names for the line, or the next patch of the newest final release of the
// latest minor, or of every minor still affected, skipping versions that
// already exist), and unsupported when it is not. A line past its end of
// life that did get a fixing release is fixed, not unsupported: its users
// have an upgrade. A line's verdict is the worst of its packages:
// affected > unsupported > fixed > not-affected.
//
// # Upstream reports
//
// A report on a package the project does not publish is judged through the
// requirements on it recorded by the membership walk. A constraint admits
// an affected version when the installer could pick it (Range.Filter with
// the default pre-release rule); the line is then affected (unsupported
// when past its end of life), and the output names the constraint, the
// member releases declaring it, the affected versions it admits, and the
// first fixed version it allows (the first admitted release above the
// affected ones that is neither affected, yanked nor deprecated), if any.
// A line whose constraints admit no affected version is not-affected.
//
// Reported packages that no line contains are listed apart, with the
// reason, and never dropped.
package impact
