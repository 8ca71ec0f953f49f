package lockfile

import (
	"errors"
	"testing"
)

func TestDetect(t *testing.T) {
	for _, tt := range []struct {
		name string
		want Format // "" for unknown
	}{
		{"requirements.txt", Requirements},
		{"app/requirements-dev.txt", Requirements},
		{"dev-requirements.txt", Requirements},
		{"Requirements.TXT", Requirements},
		{"constraints.txt", Requirements},
		{"requirements/base.txt", Requirements},
		{"poetry.lock", PoetryLock},
		{"uv.lock", UVLock},
		{"Pipfile.lock", PipfileLock},
		{"pipfile.lock", PipfileLock},
		{"ui/package-lock.json", PackageLock},
		{"npm-shrinkwrap.json", PackageLock},
		{"yarn.lock", YarnLock},
		{"pnpm-lock.yaml", PnpmLock},
		{"pnpm-lock.yml", PnpmLock},
		{"foo.lock", ""},
		{"notes.txt", ""},
		{"requirements.in", ""},
		{"package.json", ""},
		{"Cargo.lock", ""},
		{"", ""},
	} {
		got, err := Detect(tt.name)
		if got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.name, got, tt.want)
		}
		if unknown := errors.Is(err, ErrUnknownFormat); unknown != (tt.want == "") {
			t.Errorf("Detect(%q) error = %v, want unknown=%v", tt.name, err, tt.want == "")
		}
	}
}
