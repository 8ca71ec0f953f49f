package check

// table is the list of checks, in code order. Append only: codes are
// stable.
var table = []*CheckDef{
	schemaCheck,
	{
		Code: "OSV002", Name: "id", Level: Error, Check: checkID,
		Description: `The id starts with a prefix OSV knows: "x_" for a local database or a registered prefix (GHSA, PYSEC, ...); and it can be a file name: letters, digits and ".-_:" only, no path separator, no "..".`,
	},
	{
		Code: "OSV003", Name: "timestamp-format", Level: Error, Check: checkTimestampFormat,
		Description: `modified, published and withdrawn are RFC 3339 timestamps in UTC ending in "Z", as OSV requires; offsets such as "+00:00" are not accepted by OSV's schema.`,
	},
	{
		Code: "OSV004", Name: "timestamp-order", Level: Warning, Check: checkTimestampOrder,
		Description: `published and withdrawn are not after modified. A warning: a record stored before the end of its embargo carries its future disclosure instant as published.`,
	},
	{
		Code: "OSV005", Name: "ecosystem", Level: Error, Check: checkEcosystem,
		Description: `Each package's ecosystem is one that OSV defines, spelt as OSV spells it (case-sensitive: "PyPI", "npm"), with an optional ":suffix".`,
	},
	{
		Code: "OSV006", Name: "range-introduced", Level: Error, Check: checkRangeIntroduced,
		Description: `Each range has at least one introduced event ("0" for "since the first version"), as OSV requires.`,
	},
	{
		Code: "OSV007", Name: "range-fixed-and-last-affected", Level: Error, Check: checkFixedAndLastAffected,
		Description: `No range has both fixed and last_affected events, which OSV forbids: a line without a fix next to fixed lines needs a range of its own.`,
	},
	{
		Code: "OSV008", Name: "version-syntax", Level: Error, Check: checkVersionSyntax,
		Description: `Every version in the events and in versions is valid in the range's scheme: the ecosystem's (PEP 440 for PyPI, node-semver for npm) for ECOSYSTEM ranges, SemVer 2.0 for SEMVER ranges.`,
	},
	{
		Code: "OSV009", Name: "events-sorted", Level: Error, Check: checkEventsSorted,
		Description: `The events of each range are in ascending version order. OSV recommends it; patchline requires it because readers that do not sort (and people) misread unsorted ranges.`,
	},
	{
		Code: "OSV010", Name: "events-alternate", Level: Error, Check: checkEventsAlternate,
		Description: `In version order, each range alternates introduced and closing events (fixed or last_affected), starting with introduced, and no closing event equals the introduced before it: two introduced in a row hide a missing fix, two fixes in a row a missing introduced.`,
	},
	{
		Code: "OSV011", Name: "versions-in-ranges", Level: Error, Check: checkVersionsInRanges,
		Description: `Every version listed in versions is affected according to the ECOSYSTEM ranges of its package, evaluated as OSV specifies: a listed version outside the ranges is a version list that was appended to instead of regenerated.`,
	},
	{
		Code: "OSV012", Name: "package-name", Level: Error, Check: checkPackageName,
		Description: `Package names are valid and in the form OSV requires: PEP 503 normalised for PyPI ("invenio-app-rdm", not "Invenio_App_RDM"), the registry's name for npm ("@scope/name", not "@scope%2fname").`,
	},
	{
		Code: "OSV013", Name: "purl", Level: Error, Check: checkPurl,
		Description: `A package's purl is a valid package URL without a version, and for PyPI and npm names the same package as ecosystem and name.`,
	},
	{
		Code: "OSV014", Name: "severity-vector", Level: Error, Check: checkSeverityVector,
		Description: `CVSS_V3 and CVSS_V4 scores are valid CVSS vectors of the version their type names (CVSS:3.0 or 3.1 for CVSS_V3, CVSS:4.0 for CVSS_V4).`,
	},
	{
		Code: "OSV015", Name: "duplicates", Level: Error, Check: checkDuplicates,
		Description: `No alias, related or upstream id, version or reference is listed twice, and the record's own id is not among its aliases.`,
	},
	{
		Code: "OSV016", Name: "reference", Level: Error, Check: checkReferences,
		Description: `References have one of OSV's reference types and an absolute URL with a scheme and a host.`,
	},
	{
		Code: "OSV017", Name: "summary", Level: Warning, Check: checkSummary,
		Description: `The summary is one line of at most 120 characters without surrounding white space, as OSV recommends; longer text belongs in details.`,
	},
	{
		Code: "OSV018", Name: "registry-package", Level: Error, NeedsRegistry: true, Check: checkRegistryPackage,
		Description: `Each PyPI and npm package the record names exists in its registry: a misspelt name matches nothing in a scanner (how a name is spelt is OSV012's concern).`,
	},
	{
		Code: "OSV019", Name: "registry-versions", Level: Error, NeedsRegistry: true, Check: checkRegistryVersions,
		Description: `Every version in versions, and every introduced and last_affected event, is a release in the package's registry history; versions are written as the registry publishes them, because scanners compare that list as strings.`,
	},
	{
		Code: "OSV020", Name: "fix-released", Level: Error, NeedsRegistry: true, Check: checkFixReleased,
		Description: `Every fixed event names a release of the package that is published and neither yanked (PyPI) nor deprecated (npm): users are told to upgrade to it.`,
	},
	{
		Code: "OSV021", Name: "versions-complete", Level: Error, NeedsRegistry: true, Check: checkVersionsComplete,
		Description: `When versions is present, it lists every release of the registry history (yanked and pre-releases included) that the ECOSYSTEM ranges affect: a list that was not regenerated after new releases misses some.`,
	},
	{
		Code: "OSV022", Name: "version-spelling", Level: Warning, Check: checkVersionSpelling,
		Description: `Every version is spelt as the ecosystem spells it. A warning where scanners read the version all the same (npm "14.0", which osv-scanner pads to 14.0.0, as patchline does when it reads another database's record); versions the ecosystem refuses outright are OSV-syntax errors. An introduced "0" is OSV's "since the first version" and no version to spell.`,
	},
}
