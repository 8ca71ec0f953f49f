package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/patchline/patchline/advisory/ghsa"
	advosv "github.com/patchline/patchline/advisory/osv"
	"github.com/patchline/patchline/internal/buildinfo"
)

// The environment of publish github, as GitHub's own tools read it.
const (
	githubTokenEnv = "GITHUB_TOKEN"
	githubAPIEnv   = "GITHUB_API_URL"
)

func (a *app) publishCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "publish",
		Short: "Publish a report's advisory where its users read it",
	}
	cmd.AddCommand(a.publishGitHubCommand())
	return cmd
}

func (a *app) publishGitHubCommand() *cobra.Command {
	var repo string
	var force bool
	cmd := &cobra.Command{
		Use:   "github --repo OWNER/REPO REPORT",
		Short: "Create or update the repository security advisory of a report on GitHub",
		Long: `Analyse the report (or OSV record) and send its GitHub security advisory to
the repository: the advisory that carries the report's id or one of its
aliases (as its GHSA id, CVE id or identifiers) is updated; with none, a draft
is created. The advisory's URL is printed. docs/ghsa.md says what is sent.

The token is $GITHUB_TOKEN, else what "gh auth token" prints when gh is
installed; it is never printed. The API is $GITHUB_API_URL (GitHub Enterprise
Server, or a local server in tests), else GitHub's.

A report under embargo (embargo_until in the future) is refused unless
--force: a draft is private to the repository's maintainers, but the embargo
is the report's word. Exit 2 when GitHub refuses the advisory (its message and
errors are shown) or the token, 3 when GitHub cannot be reached or fails.`,
		Example: `  GITHUB_TOKEN=... patchline publish github --repo inveniosoftware/invenio-app-rdm reports/unsafe-html.yaml`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runPublishGitHub(cmd.Context(), repo, args[0], force)
		},
	}
	cmd.Flags().StringVar(&repo, "repo", "", "the repository, OWNER/REPO")
	cmd.Flags().BoolVar(&force, "force", false, "send the advisory of a report under embargo too")
	return cmd
}

func (a *app) runPublishGitHub(ctx context.Context, repoFlag, path string, force bool) error {
	if repoFlag == "" {
		return badInputf("--repo OWNER/REPO is required")
	}
	repo, err := ghsa.ParseRepo(repoFlag)
	if err != nil {
		return badInputf("--repo: %v", err)
	}
	base, err := githubAPI()
	if err != nil {
		return err
	}
	a.lines.wholeHistory = true
	pol, asOf, err := a.policyAsOf()
	if err != nil {
		return err
	}
	in, err := readOSVInput(path, pol)
	if err != nil {
		return err
	}
	a.warnRepairs(in.report)
	if err := a.refuseEmbargoed(in, force); err != nil {
		return err
	}
	token, err := githubToken(ctx)
	if err != nil {
		return err
	}
	an, err := a.analyze(ctx, pol, in.report, asOf)
	if err != nil {
		return err
	}
	for _, u := range an.Unplaced {
		fmt.Fprintf(a.stderr, "patchline: warning: %s: %s %s: %s\n", path, u.Package, u.Version, unplacedReason(an, u))
	}
	adv, err := ghsa.Build(an, ghsa.Options{})
	if errors.Is(err, advosv.ErrNoRecord) {
		fmt.Fprintf(a.stdout, "%s: %v\n", path, err)
		return nil
	}
	if err != nil {
		return badInput(err)
	}
	c := &ghsa.Client{BaseURL: base, Token: token, UserAgent: "patchline/" + buildinfo.Version()}
	existing, err := c.Find(ctx, repo, ghsa.MatchIDs(an))
	if err != nil {
		return githubFailure(err)
	}
	var got *ghsa.Existing
	if existing != nil {
		got, err = c.Update(ctx, repo, existing.GHSAID, adv)
	} else {
		got, err = c.Create(ctx, repo, adv)
	}
	if err != nil {
		return githubFailure(err)
	}
	fmt.Fprintln(a.stdout, got.HTMLURL)
	if a.flags.quiet {
		return nil
	}
	if existing != nil {
		fmt.Fprintf(a.stderr, "patchline: updated %s (%s) in %s\n", got.GHSAID, got.State, repo)
		return nil
	}
	fmt.Fprintf(a.stderr, "patchline: created the draft %s in %s\n", got.GHSAID, repo)
	if adv.CVEID == "" {
		fmt.Fprintf(a.stderr, "patchline: add %s to the aliases of %s, so that the next run updates this advisory instead of creating another\n", got.GHSAID, path)
	}
	return nil
}

// refuseEmbargoed refuses an input under embargo at the pinned now,
// unless forced.
func (a *app) refuseEmbargoed(in *osvInput, force bool) error {
	now, err := a.pinnedNow()
	if err != nil || force || !in.embargoed(now) {
		return err
	}
	return badInputf("%s: under embargo until %s: refusing to send it to GitHub before then (--force sends it anyway)",
		in.path, in.embargoUntil().Format(time.RFC3339))
}

// githubAPI returns the API's root: $GITHUB_API_URL or GitHub's.
func githubAPI() (string, error) {
	base := os.Getenv(githubAPIEnv)
	if base == "" {
		return ghsa.DefaultBaseURL, nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return "", badInputf("$%s: want the http(s) URL of a GitHub API, e.g. %s", githubAPIEnv, ghsa.DefaultBaseURL)
	}
	return base, nil
}

// githubToken returns $GITHUB_TOKEN, else the token of the gh command's
// login. Neither the token nor gh's output is ever put in an error.
func githubToken(ctx context.Context) (string, error) {
	if t := strings.TrimSpace(os.Getenv(githubTokenEnv)); t != "" {
		return t, nil
	}
	if gh, err := exec.LookPath("gh"); err == nil {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, gh, "auth", "token").Output()
		if t := strings.TrimSpace(string(out)); err == nil && t != "" && !strings.ContainsAny(t, " \n") {
			return t, nil
		}
	}
	return "", badInputf("no GitHub token: set $%s, or log in with gh auth login", githubTokenEnv)
}

// githubFailure maps a failure of the API to its exit code: 3 when GitHub
// could not be reached or failed, 2 when it refused what was sent (the
// advisory, the token, the repository).
func githubFailure(err error) error {
	var ae *ghsa.APIError
	var ne *ghsa.NetworkError
	switch {
	case errors.As(err, &ne), errors.As(err, &ae) && ae.Outage():
		return &exitError{code: exitRegistry, err: err}
	}
	return badInput(err)
}
