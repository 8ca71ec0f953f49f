package lint

import "github.com/patchline/patchline/osv/check"

// Code is one kind of problem lint reports.
type Code struct {
	Code        string
	Name        string
	Level       check.Level
	Description string
	// Input is what the code concerns: "record", "report", "policy" or
	// "file".
	Input string
	// NeedsRegistry marks record checks that run only with a registry.
	NeedsRegistry bool
}

// Lint's own codes, for problems outside the record checks. Append only.
var (
	codeUnreadable = Code{Code: "LINT001", Name: "unreadable", Level: check.Error, Input: "file",
		Description: `The file can be read as a record: JSON or YAML without syntax errors, every field of the OSV model of the right type, at most 10 MiB (YAML: 256 KiB, nested at most 1,000 deep, aliases expanding to at most 16,384 values); an archive is a zip of at most 65,536 entries and 256 MiB of records, with safe paths (no "..", absolute path, backslash or symbolic link), whose entries are readable records.`}
	codeReport = Code{Code: "LINT002", Name: "report", Level: check.Error, Input: "report",
		Description: `The vulnerability report passes everything analyze checks when it loads a report: known keys, valid ids, aliases, CVSS vector, packages, versions and ranges, one form of affected versions per package, planned fixes on the policy's lines, reference and credit types.`}
	codeDuplicateID = Code{Code: "LINT003", Name: "duplicate-id", Level: check.Error, Input: "record",
		Description: `No two records checked together have the same id: a database holds one record per id, and an importer keeps one of them. The same record in a directory and in an archive (a database linted with its own exported all.zip) is one record.`}
	codeFileName = Code{Code: "LINT004", Name: "file-name", Level: check.Warning, Input: "record",
		Description: `A record file is named after its id (ID.json, ID.yaml), as patchline's database and osv.dev's archives name them, so that the record can be found from its id.`}
	codeReportAnalysis = Code{Code: "LINT005", Name: "report-analysis", Level: check.Error, Input: "report", NeedsRegistry: true,
		Description: `With the registry, the report holds against the policy's lines as analyze reads them: its packages exist, and every planned fix can be its line's next release (not released yet, of the line's series, above the newest release of its minor, on the latest minor when fixes go there).`}
	codeUnplacedFix = Code{Code: "LINT006", Name: "unplaced-fix", Level: check.Warning, Input: "report", NeedsRegistry: true,
		Description: `With the registry, every fixed version of the report belongs to a line: no line contains it or has releases of its series otherwise, and it decides nothing (a typo, or a series the policy does not list).`}
	codeLineOverlap = Code{Code: "LINT007", Name: "line-overlap", Level: check.Warning, Input: "policy", NeedsRegistry: true,
		Description: `With the registry and reports to analyse, no release belongs to the ranges that define two lines (their anchors', or their declared ranges when they have no anchor): a bound that takes a pre-release or a minor of the next line, such as "<=5.0.0-beta.3" for a 4.x line.`}

	codeWeaknessUnknown = Code{Code: "LINT008", Name: "weakness-unknown", Level: check.Warning, Input: "report",
		Description: `Every CWE id of the report is a weakness of MITRE's CWE catalogue (the release patchline carries, package weakness): not a category or a view, which are not weaknesses, nor a number the catalogue does not hold. CSAF and CVE 5 name a weakness with its catalogue name, which an unknown id lacks.`}
	codeWeaknessDiscouraged = Code{Code: "LINT009", Name: "weakness-discouraged", Level: check.Warning, Input: "report",
		Description: `Every CWE id of the report is one MITRE allows vulnerabilities to be mapped to: its catalogue entry's mapping usage is not Discouraged or Prohibited (abstract weaknesses such as CWE-20 "Improper Input Validation", for which a more precise child should be named).`}
)

var lintCodes = []Code{codeUnreadable, codeReport, codeDuplicateID, codeFileName, codeReportAnalysis, codeUnplacedFix, codeLineOverlap, codeWeaknessUnknown, codeWeaknessDiscouraged}

// Codes returns every code lint can report: the checks of package
// osv/check in code order, then lint's own.
func Codes() []Code {
	var out []Code
	for _, c := range check.Checks() {
		out = append(out, Code{Code: c.Code, Name: c.Name, Level: c.Level, Description: c.Description, Input: "record", NeedsRegistry: c.NeedsRegistry})
	}
	return append(out, lintCodes...)
}
