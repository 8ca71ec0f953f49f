package lint

import (
	"fmt"

	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/weakness"
)

// weaknessProblems checks the report's CWE ids against MITRE's catalogue
// (LINT008, LINT009): warnings, since a newer catalogue than the one
// patchline carries may hold an id this one lacks.
func weaknessProblems(rep *report.Report) []Problem {
	var ps []Problem
	for i, id := range rep.CWEIDs {
		pos := report.Pos{File: rep.Path}
		if i < len(rep.CWEPos) {
			pos = rep.CWEPos[i]
		}
		w, ok := weakness.Lookup(id)
		switch {
		case !ok:
			ps = append(ps, problemAt(codeWeaknessUnknown, pos,
				fmt.Sprintf("%s is not a weakness of the CWE catalogue %s (a category or a view, or a number it does not hold): name a weakness (https://cwe.mitre.org/data/definitions/%s.html)", id, weakness.Version, id[len("CWE-"):])))
		case !w.MappingAdvised():
			ps = append(ps, problemAt(codeWeaknessDiscouraged, pos,
				fmt.Sprintf("%s %q: MITRE's mapping usage is %s; name a more precise weakness where one fits (https://cwe.mitre.org/data/definitions/%s.html)", id, w.Name, w.Usage, id[len("CWE-"):])))
		}
	}
	return ps
}
