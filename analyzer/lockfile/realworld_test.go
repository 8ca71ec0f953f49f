package lockfile

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRealWorld reads lockfiles taken from public projects (see
// testdata/README.md) and checks what the gate depends on: the number of
// pins, the entries that are not registry releases, and the errors.
func TestRealWorld(t *testing.T) {
	for _, tt := range []struct {
		path          string
		version       string
		pins, dev     int
		unpinned      []unpinnedRow
		pinned        []pinRow // a sample of the pins
		errLine       int
		errMsg        string
		unpinnedCount int // when unpinned is not listed
	}{
		{
			// pnpm 11 writes two documents: pnpm itself, then the project.
			path: "pnpm-v9-two-documents/pnpm-lock.yaml", version: "9.0", pins: 1686, dev: 424,
			unpinned: []unpinnedRow{{"pnpm-lock.yaml", 15438, "node", "node@runtime:26.7.0", "not from the registry"}},
			pinned: []pinRow{
				{js, "@pnpm/exe.linux-x64", "12.0.0-rc.8", "pnpm-lock.yaml", 43, false, false},
				{js, "pnpm", "12.0.0-rc.8", "pnpm-lock.yaml", 59, false, false},
			},
		},
		{
			path: "pnpm-novu/pnpm-lock.yaml", version: "9.0", pins: 6277, dev: 3271,
			unpinned: []unpinnedRow{{"pnpm-lock.yaml", 17752, "ci-info", "ci-info@https://codeload.github.com/watson/ci-info/tar.gz/f43f6a1cefff47fb361c88cf4b943fdbcaafe540", "not from the registry"}},
		},
		{
			// Keys led by a registry host are releases of that registry.
			path: "pnpm-v5-exotic-registry/pnpm-lock.yaml", version: "5.3", pins: 7,
			unpinned: []unpinnedRow{{"pnpm-lock.yaml", 14, "kevva", "github.com/kevva/is-positive", "not from the registry"}},
			pinned: []pinRow{
				{js, "@foo/bar", "1.0.0", "pnpm-lock.yaml", 11, false, false},
				{js, "@foo/bar", "1.1.0", "pnpm-lock.yaml", 13, false, false},
				{js, "foo", "1.1.0", "pnpm-lock.yaml", 12, false, false},
				{js, "foo", "1.2.0", "pnpm-lock.yaml", 15, false, false},
				{js, "foo", "1.3.0", "pnpm-lock.yaml", 16, false, false},
			},
		},
		{path: "pnpm-v5-exotic/pnpm-lock.yaml", errLine: 18, errMsg: `npm:foo: invalid npm version "bar"`},
		{
			path: "pnpm-v5-git/pnpm-lock.yaml", version: "5.3",
			unpinned: []unpinnedRow{
				{"pnpm-lock.yaml", 14, "my-bitbucket-package", "git@bitbucket.org+my-org/my-bitbucket-project/6104ae42cd32c3d724036d3964678f197b2c9cdb", "not from the registry"},
				{"pnpm-lock.yaml", 20, "@my-scope/my-package", "github.com/my-org/my-package/267087851ad5fac92a184749c27cd539e2fc862e", "not from the registry"},
				{"pnpm-lock.yaml", 28, "@my-scope/my-other-package", "github.com/my-org/my-other-package/fbfc962ab51eb1d754749b68c064460221fbd689", "not from the registry"},
				{"pnpm-lock.yaml", 34, "faker-parser", "github.com/my-org/faker-parser/d2dc42a9351d4d89ec48c525e34f612b6d77993f", "not from the registry"},
				{"pnpm-lock.yaml", 42, "mocks", "github.com/my-org/mocks/590f321b4eb3f692bb211bd74e22947639a6f79d", "not from the registry"},
			},
		},
		{
			// Every entry is a git or GitHub dependency, over ssh://,
			// git+ssh://, git://, github:, gitlab: or HTTPS: none is a pin,
			// minimist@0.0.8 included (its entry was resolved over ssh).
			path: "yarn-v1-git/yarn.lock", version: "1", unpinnedCount: 18,
			unpinned: []unpinnedRow{{"yarn.lock", 42, "minimist", "ssh://github.com/substack/minimist.git#0.0.8", "git dependency"}},
		},
		{path: "yarn-berry-prettier/yarn.lock", version: "berry 10", pins: 1049},
		{
			// npm's lockfile of a node_modules pnpm laid out: links into
			// nested node_modules, and the folders on the way.
			path: "npm-v2-pnpm-links/package-lock.json", version: "2", pins: 4,
			pinned: []pinRow{
				{js, "@scope/x", "1.0.0", "package-lock.json", 17, false, true},
				{js, "a", "1.0.0", "package-lock.json", 38, false, true},
				{js, "b", "1.0.0", "package-lock.json", 54, false, false},
				{js, "c", "1.0.0", "package-lock.json", 69, false, false},
			},
		},
	} {
		t.Run(tt.path, func(t *testing.T) {
			f, err := Read("testdata/" + tt.path)
			if tt.errMsg != "" {
				var e *Error
				if !errors.As(err, &e) || e.Line != tt.errLine || !strings.Contains(e.Msg, tt.errMsg) {
					t.Fatalf("Read = %v, want an *Error at line %d containing %q", err, tt.errLine, tt.errMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			dev := 0
			got := map[string]pinRow{}
			for _, p := range f.Pins {
				if p.Dev {
					dev++
				}
				got[p.Package.Name+"@"+p.Version] = pinRow{p.Package.Ecosystem, p.Package.Name, p.Version, filepath.Base(p.Source), p.Line, p.Dev, p.Direct}
			}
			if f.FormatVersion != tt.version || len(f.Pins) != tt.pins || dev != tt.dev {
				t.Errorf("version %q, %d pins (%d dev); want %q, %d (%d)", f.FormatVersion, len(f.Pins), dev, tt.version, tt.pins, tt.dev)
			}
			for _, want := range tt.pinned {
				if g, ok := got[want.name+"@"+want.version]; !ok || g != want {
					t.Errorf("pin %s@%s = %+v, want %+v", want.name, want.version, g, want)
				}
			}
			var unpinned []unpinnedRow
			for _, u := range f.Unpinned {
				row := unpinnedRow{filepath.Base(u.Source), u.Line, u.Name, u.Spec, u.Reason}
				if tt.unpinnedCount == 0 || row.name == tt.unpinned[0].name {
					unpinned = append(unpinned, row)
				}
			}
			if tt.unpinnedCount != 0 && len(f.Unpinned) != tt.unpinnedCount {
				t.Errorf("%d unpinned, want %d", len(f.Unpinned), tt.unpinnedCount)
			}
			if diff := cmp.Diff(tt.unpinned, unpinned, cmp.AllowUnexported(unpinnedRow{})); diff != "" {
				t.Errorf("unpinned (-want +got):\n%s", diff)
			}
		})
	}
}
