package lockfile

import (
	"net/url"
	"strings"
)

// parseYarnBerry reads a Yarn Berry (v2 and later) lockfile: YAML whose
// top-level keys are comma-separated descriptor lists
// ("name@npm:^1.0.0, name@npm:^1.2.0") and whose entries give "version"
// and a "resolution" locator ("name@npm:1.2.3"). The locator decides:
//
//   - "npm:" is a registry release: a pin of the locator's package (for an
//     alias, the aliased package) at "version";
//   - "workspace:" is the project itself or one of its workspaces: skipped;
//   - "patch:" wraps another locator with local changes
//     ("name@patch:name@npm%3A1.2.3#..."): when the wrapped locator is a
//     registry release, the pin is that release, because the patch is
//     unknown to advisories and is as likely to leave a vulnerability in
//     place as to fix it; any other wrapped locator is unpinned;
//   - anything else (git, https tarballs, file:, link:, portal:, exec:) is
//     listed as unpinned.
//
// Direct is a package whose descriptor a workspace entry lists in its
// "dependencies" (Berry records the workspace's dependencies and
// devDependencies there, so Direct includes development ones). The
// lockfile does not tell dev-only packages apart, so Dev is false. Line is
// that of the entry's "version" (of its key when it has none).
func parseYarnBerry(path string, data []byte) (*File, error) {
	root, err := parseYAMLDocument(path, YarnLock, data)
	if err != nil {
		return nil, err
	}
	b := newBuilder(path, YarnLock, "npm")
	if root.kind != yMap {
		return nil, b.errorf(path, root.line, "not a valid yarn.lock: the document is not a mapping")
	}
	b.file.FormatVersion = strings.TrimSpace("berry " + root.get("__metadata").get("version").text())

	// The descriptors the workspaces depend on.
	direct := map[string]bool{}
	for _, e := range root.vals {
		if !strings.Contains(e.get("resolution").text(), "@workspace:") {
			continue
		}
		for _, deps := range []*ynode{e.get("dependencies"), e.get("peerDependencies")} {
			if deps == nil || deps.kind != yMap {
				continue
			}
			for j, name := range deps.keys() {
				rng := deps.vals[j].text()
				if !protocolRE.MatchString(rng) {
					rng = "npm:" + rng
				}
				direct[name+"@"+rng] = true
			}
		}
	}

	for i, key := range root.keys() {
		if key == "__metadata" {
			continue
		}
		e := root.vals[i]
		if e.kind != yMap {
			return nil, b.errorf(path, root.keyLine(i), "entry %q is not a mapping", key)
		}
		line := root.keyLine(i)
		version := e.get("version")
		if version != nil {
			line = version.line
		}
		resolution := e.get("resolution").text()
		if resolution == "" {
			return nil, b.errorf(path, root.keyLine(i), "entry %q has no resolution", key)
		}
		name, ref := splitDescriptor(resolution)
		protocol, _, _ := strings.Cut(ref, ":")
		switch protocol {
		case "workspace":
			continue
		case "patch":
			inner, _, _ := strings.Cut(strings.TrimPrefix(ref, "patch:"), "#")
			if dec, err := url.PathUnescape(inner); err == nil {
				inner = dec
			}
			innerName, innerRef := splitDescriptor(inner)
			v, ok := strings.CutPrefix(innerRef, "npm:")
			if !ok {
				b.unpinned(path, line, name, resolution, "patched non-registry dependency")
				continue
			}
			name, ref = innerName, "npm:"+v
		case "npm":
		default:
			reason := yarnRangeSource(ref)
			if reason == "" {
				reason = "not a registry release"
			}
			b.unpinned(path, line, name, resolution, reason)
			continue
		}
		v := strings.TrimPrefix(ref, "npm:")
		if version.text() != "" && protocol != "patch" {
			v = version.text()
		}
		isDirect := false
		for rest := key; rest != "" && !isDirect; {
			var d string
			d, rest, _ = strings.Cut(rest, ",")
			isDirect = direct[strings.TrimSpace(d)]
		}
		if err := b.pin(path, line, name, v, false, isDirect); err != nil {
			return nil, err
		}
	}
	return b.finish(), nil
}
