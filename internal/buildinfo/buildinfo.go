// Package buildinfo reports the version of the patchline binary, for the
// --version flag and the User-Agent of registry requests.
package buildinfo

import "runtime/debug"

// Version is the module version patchline was built from: the tag for
// `go install ...@vX.Y.Z`, "(devel)" plus the VCS revision for a build from
// a checkout. It can be overridden at link time with
// -ldflags "-X github.com/patchline/patchline/internal/buildinfo.override=v1.2.3".
func Version() string {
	if override != "" {
		return override
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "-" + s.Value[:12]
			}
		}
	}
	return v
}

var override string
