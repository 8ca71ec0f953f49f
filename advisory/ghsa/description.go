package ghsa

import (
	"fmt"
	"strings"

	"github.com/patchline/patchline/analyzer/impact"
	"github.com/patchline/patchline/registry"
)

// description is the report's details (its summary when it has none),
// then what each line's users get, the references and the credits that
// name no GitHub account: what GitHub's advisory has no field for.
func description(an *impact.Analysis) string {
	r := an.Report
	var b strings.Builder
	text := strings.TrimSpace(r.Details)
	if text == "" {
		text = r.Summary
	}
	b.WriteString(text)
	b.WriteString("\n")
	if upstreamOnly(an) {
		var ups []string
		for _, a := range r.Affected {
			ups = append(ups, a.Package.Name)
		}
		fmt.Fprintf(&b, "\nThe versions below are the project's releases that require affected versions of %s", strings.Join(ups, ", "))
		if len(r.Aliases) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(r.Aliases, ", "))
		}
		b.WriteString(" and admit no fixed one.\n")
	}
	var lines []string
	for _, l := range an.Lines {
		if l.Unreleased {
			continue
		}
		for _, p := range l.Packages {
			for _, t := range packageTexts(p) {
				lines = append(lines, fmt.Sprintf("- %s: %s", l.Policy.Name, t))
			}
		}
	}
	if len(lines) > 0 {
		b.WriteString("\n### Release lines\n\n")
		b.WriteString(strings.Join(lines, "\n"))
		b.WriteString("\n")
	}
	if len(r.References) > 0 {
		b.WriteString("\n### References\n\n")
		for _, ref := range r.References {
			fmt.Fprintf(&b, "- %s (%s)\n", ref.URL, strings.ToLower(ref.Type))
		}
	}
	var others []string
	for _, c := range r.Credits {
		if _, ok := creditLogin(c); ok {
			continue
		}
		s := "- " + c.Name
		if c.Type != "" {
			s += " (" + strings.ReplaceAll(strings.ToLower(c.Type), "_", " ") + ")"
		}
		others = append(others, s)
	}
	if len(others) > 0 {
		b.WriteString("\n### Credits\n\n")
		b.WriteString(strings.Join(others, "\n"))
		b.WriteString("\n")
	}
	return b.String()
}

// packageTexts says, for one package of a line, what the line's users get.
func packageTexts(p *impact.Package) []string {
	name := p.Package.Name
	if p.Upstream {
		var out []string
		for _, d := range p.Declaring {
			out = append(out, declaringText(p, d))
		}
		return out
	}
	switch p.Verdict {
	case impact.Fixed:
		return []string{"fixed in " + name + " " + versionsText(p.FixedIn)}
	case impact.Affected:
		var next []string
		for _, pd := range p.Pending {
			next = append(next, pd.Version.String())
		}
		if len(next) > 0 {
			return []string{"affected; the fix will be " + name + " " + strings.Join(next, " and ")}
		}
		return []string{"affected; no fix yet"}
	case impact.Unsupported:
		if len(p.FixedIn) > 0 {
			// A release of the line carries the fix although the line
			// gets no more: its users can upgrade within it.
			return []string{"end of life, fixed in " + name + " " + versionsText(p.FixedIn)}
		}
		return []string{"end of life: " + name + " stays affected, no fix"}
	}
	return []string{"not affected"}
}

// declaringText says what a project package's requirement on an upstream
// package means for the line.
func declaringText(p *impact.Package, d impact.Declaring) string {
	up, name := p.Package.Name, d.Package.Name
	switch d.Verdict {
	case impact.Fixed:
		if d.FirstFixing != nil {
			return fmt.Sprintf("fixed from %s %s on, which no longer admits an affected %s", name, d.FirstFixing.Version, up)
		}
		return fmt.Sprintf("fixed: %s admits a fixed %s, which a fresh install gets", name, up)
	case impact.Affected:
		s := fmt.Sprintf("affected: %s %s admits only affected versions of %s", name, d.Newest.Release.Version, up)
		if d.Raise != "" {
			s += fmt.Sprintf("; the fix is to require %s %s", up, d.Raise)
		}
		return s
	case impact.Unsupported:
		if d.FirstFixing != nil {
			return fmt.Sprintf("end of life, fixed from %s %s on, which no longer admits an affected %s", name, d.FirstFixing.Version, up)
		}
		return fmt.Sprintf("end of life: %s stays affected through %s, no fix", name, up)
	}
	return fmt.Sprintf("not affected (%s admits no affected %s)", name, up)
}

func versionsText(rs []*registry.Release) string {
	vs := make([]string, len(rs))
	for i, r := range rs {
		vs[i] = r.Version
	}
	return strings.Join(vs, " and ")
}
