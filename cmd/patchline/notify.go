package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/internal/webhook"
	"github.com/patchline/patchline/osv/database"
)

// webhookEnv names the environment variable that holds the webhook URL, so
// that the secret need not appear on a command line.
const webhookEnv = "PATCHLINE_WEBHOOK_URL"

func (a *app) notifyCommand() *cobra.Command {
	var release, hookURL, hookKind string
	cmd := &cobra.Command{
		Use:   "notify REPORT --release DATE",
		Short: "Print (or post) the advance notice: project, planned release time, highest severity level",
		Long: `Print the advance notice of a security release: the project's name, the planned
release date and time (UTC) and the highest severity level of the report, and
nothing else - no package, version, line, summary, alias, CVE or link - so that
it can go out while the report is under embargo.

--release is the planned release: 2026-12-01T14:00:00Z (RFC 3339), 2026-12-01
14:00 (UTC), or a date alone; it defaults to the report's embargo_until. A
warning goes to stderr when the release is not within the policy's notice
window ahead of now (notice: {min_days, max_days}, default 2 to 5 days; now is
the current time, or PATCHLINE_NOW). A report past its embargo, or public
since its published time, is refused (exit 2): publish the announcement
instead.

--webhook URL (or PATCHLINE_WEBHOOK_URL) also posts the notice to a chat
webhook, as Discord ({"content": ...}) or Slack ({"text": ...}) JSON per
--webhook-kind. The post is retried only when the server cannot have
accepted it (a connection that failed before the request was sent, a 429
or 503 with Retry-After), so the channel never shows the notice twice; a
failure after sending says the notice may have been posted. The URL is a
secret: no part of it is printed. A webhook that fails is exit 3.`,
		Example: `  patchline notify report.yaml --release 2026-12-01T14:00:00Z
  patchline notify --format markdown report.yaml
  PATCHLINE_WEBHOOK_URL=... patchline notify report.yaml --webhook-kind slack`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := a.outputFormat("text", "markdown")
			if err != nil {
				return err
			}
			kind, err := webhook.ParseKind(hookKind)
			if err != nil {
				return badInput(err)
			}
			pol, rep, now, err := a.policyReportNow(args[0])
			if err != nil {
				return err
			}
			if rep.EmbargoUntil != nil && !now.Before(*rep.EmbargoUntil) {
				return badInputf("%s: the embargo ended at %s: there is nothing to give advance notice of; publish the announcement (patchline announce)",
					rep.Path, rep.EmbargoUntil.UTC().Format(time.RFC3339))
			}
			if rep.Published != nil && !rep.Published.After(now) {
				return badInputf("%s: the advisory is public since %s (published): there is nothing to give advance notice of; publish the announcement (patchline announce)",
					rep.Path, rep.Published.UTC().Format(time.RFC3339))
			}
			if since, ok := publishedRecord(pol, rep.ID, now); ok {
				return badInputf("%s: %s is public since %s in %s: there is nothing to give advance notice of",
					rep.Path, rep.ID, since.UTC().Format(time.RFC3339), pol.Advisories.Database)
			}
			at, err := plannedRelease(release, rep)
			if err != nil {
				return err
			}
			if at.t.Before(now) && (at.hasTime || at.t.AddDate(0, 0, 1).Before(now)) {
				return badInputf("the planned release %s is in the past: there is nothing to give notice of", at)
			}
			if w := noticeWindowWarning(at, now, pol.Notice); w != "" {
				fmt.Fprintf(a.stderr, "patchline: warning: %s\n", w)
			}
			if rep.EmbargoUntil != nil && at.t.After(*rep.EmbargoUntil) {
				fmt.Fprintf(a.stderr, "patchline: warning: the planned release %s is after the embargo ends (%s): the issue would be public before its fix\n",
					at, rep.EmbargoUntil.UTC().Format(time.RFC3339))
			}
			if hookURL == "" {
				hookURL = os.Getenv(webhookEnv)
			}
			if hookURL != "" {
				a.secrets.AddURL(hookURL)
				if _, err := webhook.CheckURL(hookURL); err != nil {
					return badInputf("--webhook or $%s: %v", webhookEnv, err)
				}
			}
			text := noticeText(pol.Project, at, rep, format == "markdown")
			fmt.Fprint(a.stdout, text)
			if hookURL == "" {
				return nil
			}
			if err := webhook.Post(cmd.Context(), hookURL, kind, strings.TrimSuffix(text, "\n"), webhook.Options{}); err != nil {
				return &exitError{code: exitRegistry, err: err}
			}
			if !a.flags.quiet {
				fmt.Fprintf(a.stderr, "patchline: posted the notice to the %s webhook\n", kind)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&release, "release", "", "planned release: RFC 3339 instant, \"YYYY-MM-DD HH:MM\" (UTC) or a date (default: the report's embargo_until)")
	f.StringVar(&hookURL, "webhook", "", "chat webhook URL to post the notice to (default: $"+webhookEnv+")")
	f.StringVar(&hookKind, "webhook-kind", "discord", "webhook body: discord or slack")
	return cmd
}

// policyReportNow loads the policy and a report, and says when now is:
// what notify and announce start from.
func (a *app) policyReportNow(path string) (*policy.Policy, *report.Report, time.Time, error) {
	pol, err := a.loadPolicy()
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	rep, err := a.loadReportOrRecord(path, pol)
	if err != nil {
		return nil, nil, time.Time{}, err
	}
	now, err := a.now()
	return pol, rep, now, err
}

// plannedTime is the planned release: an instant, or a day without a time.
type plannedTime struct {
	t       time.Time
	hasTime bool
}

func (p plannedTime) String() string {
	if p.hasTime {
		return p.t.UTC().Format("2006-01-02 at 15:04 UTC")
	}
	return p.t.Format(time.DateOnly) + " (UTC)"
}

// plannedRelease reads --release, or takes the report's embargo end.
func plannedRelease(s string, rep *report.Report) (plannedTime, error) {
	if s == "" {
		if rep.EmbargoUntil == nil {
			return plannedTime{}, badInputf("%s has no embargo_until: give the planned release with --release", rep.Path)
		}
		return plannedTime{t: rep.EmbargoUntil.UTC(), hasTime: true}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return plannedTime{t: t.UTC(), hasTime: true}, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return plannedTime{t: t, hasTime: true}, nil
		}
	}
	if d, err := policy.ParseDate(s); err == nil {
		return plannedTime{t: d.Time()}, nil
	}
	return plannedTime{}, badInputf("--release %q: want 2026-12-01T14:00:00Z, \"2026-12-01 14:00\" (UTC) or 2026-12-01", s)
}

// publishedRecord reports whether the policy's database holds a public
// record (published by now, not withdrawn) under the report's id: an
// advisory already out needs no advance notice.
func publishedRecord(pol *policy.Policy, id string, now time.Time) (time.Time, bool) {
	if id == "" || pol.Advisories.Database == "" {
		return time.Time{}, false
	}
	if fi, err := os.Stat(pol.Advisories.Database); err != nil || !fi.IsDir() {
		return time.Time{}, false
	}
	db, err := database.Open(pol.Advisories.Database)
	if err != nil {
		return time.Time{}, false
	}
	rec, err := db.Get(id)
	if err != nil || !rec.Published.Valid() || rec.Published.IsZero() || rec.Withdrawn.Valid() && !rec.Withdrawn.IsZero() {
		return time.Time{}, false
	}
	if t := rec.Published.Time(); !t.After(now) {
		return t, true
	}
	return time.Time{}, false
}

// noticeWindowWarning says how the release misses the notice window, or
// returns "". A release given as a day counts from that day's start.
func noticeWindowWarning(at plannedTime, now time.Time, w policy.Notice) string {
	ahead := at.t.Sub(now)
	days := ahead.Hours() / 24
	switch {
	case ahead < 0:
		return fmt.Sprintf("the planned release %s is in the past", at)
	case days < float64(w.MinDays):
		return fmt.Sprintf("the planned release %s is %.1f days ahead, less than the %d days of notice the policy gives", at, days, w.MinDays)
	case days > float64(w.MaxDays):
		return fmt.Sprintf("the planned release %s is %.1f days ahead, more than the policy's %d days", at, days, w.MaxDays)
	}
	return ""
}

// noticeText is the advance notice. It names the project, the time and the
// level only: everything else about an embargoed report is secret.
func noticeText(project string, at plannedTime, rep *report.Report, md bool) string {
	level := "not yet scored"
	if rep.Severity != nil {
		level = rep.Severity.Level
	}
	var b strings.Builder
	if md {
		fmt.Fprintf(&b, "## %s: advance notice of a security release\n\n", project)
		fmt.Fprintf(&b, "A security release of **%s** is planned for **%s**.\n\n", project, at)
		fmt.Fprintf(&b, "Highest severity level: **%s**.\n", level)
		return b.String()
	}
	fmt.Fprintf(&b, "%s: advance notice of a security release\n\n", project)
	fmt.Fprintf(&b, "A security release of %s is planned for %s.\n", project, at)
	fmt.Fprintf(&b, "Highest severity level: %s.\n", level)
	return b.String()
}
