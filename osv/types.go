package osv

// SchemaVersion is the OSV schema version that patchline writes.
const SchemaVersion = "1.7.5"

// RangeType is the type of an affected range: how its event versions are
// ordered.
type RangeType string

// The range types OSV defines.
const (
	RangeSemver    RangeType = "SEMVER"    // SemVer 2.0 precedence
	RangeEcosystem RangeType = "ECOSYSTEM" // the ecosystem's own version order
	RangeGit       RangeType = "GIT"       // commit ancestry in Repo
)

// RangeTypes lists the range types OSV defines.
var RangeTypes = []RangeType{RangeSemver, RangeEcosystem, RangeGit}

// SeverityType is the scoring method of a severity entry.
type SeverityType string

// The severity types OSV defines.
const (
	SeverityCVSSv2 SeverityType = "CVSS_V2"
	SeverityCVSSv3 SeverityType = "CVSS_V3"
	SeverityCVSSv4 SeverityType = "CVSS_V4"
	SeverityUbuntu SeverityType = "Ubuntu"
)

// SeverityTypes lists the severity types OSV defines.
var SeverityTypes = []SeverityType{SeverityCVSSv2, SeverityCVSSv3, SeverityCVSSv4, SeverityUbuntu}

// ReferenceType is the kind of page a reference links to.
type ReferenceType string

// The reference types OSV defines.
const (
	ReferenceAdvisory   ReferenceType = "ADVISORY"   // a published security advisory
	ReferenceArticle    ReferenceType = "ARTICLE"    // an article or blog post
	ReferenceDetection  ReferenceType = "DETECTION"  // a tool or rule that detects it
	ReferenceDiscussion ReferenceType = "DISCUSSION" // a social media discussion
	ReferenceReport     ReferenceType = "REPORT"     // a bug or issue tracker report
	ReferenceFix        ReferenceType = "FIX"        // a source browser link to the fix
	ReferenceIntroduced ReferenceType = "INTRODUCED" // a source browser link to its introduction
	ReferenceGit        ReferenceType = "GIT"        // a git repository
	ReferencePackage    ReferenceType = "PACKAGE"    // the package's home page
	ReferenceEvidence   ReferenceType = "EVIDENCE"   // a demonstration of the claim
	ReferenceWeb        ReferenceType = "WEB"        // any other web page
)

// ReferenceTypes lists the reference types OSV defines, in the schema's
// order.
var ReferenceTypes = []ReferenceType{
	ReferenceAdvisory, ReferenceArticle, ReferenceDetection, ReferenceDiscussion,
	ReferenceReport, ReferenceFix, ReferenceIntroduced, ReferenceGit,
	ReferencePackage, ReferenceEvidence, ReferenceWeb,
}

// CreditType is the role of a credited person or organisation.
type CreditType string

// The credit types OSV defines (those of CVE JSON 5).
const (
	CreditFinder               CreditType = "FINDER"
	CreditReporter             CreditType = "REPORTER"
	CreditAnalyst              CreditType = "ANALYST"
	CreditCoordinator          CreditType = "COORDINATOR"
	CreditRemediationDeveloper CreditType = "REMEDIATION_DEVELOPER"
	CreditRemediationReviewer  CreditType = "REMEDIATION_REVIEWER"
	CreditRemediationVerifier  CreditType = "REMEDIATION_VERIFIER"
	CreditTool                 CreditType = "TOOL"
	CreditSponsor              CreditType = "SPONSOR"
	CreditOther                CreditType = "OTHER"
)

// CreditTypes lists the credit types OSV defines, in the schema's order.
var CreditTypes = []CreditType{
	CreditFinder, CreditReporter, CreditAnalyst, CreditCoordinator,
	CreditRemediationDeveloper, CreditRemediationReviewer, CreditRemediationVerifier,
	CreditTool, CreditSponsor, CreditOther,
}

// Known reports whether t is one of OSV's range types.
func (t RangeType) Known() bool { return known(RangeTypes, t) }

// Known reports whether t is one of OSV's severity types.
func (t SeverityType) Known() bool { return known(SeverityTypes, t) }

// Known reports whether t is one of OSV's reference types.
func (t ReferenceType) Known() bool { return known(ReferenceTypes, t) }

// Known reports whether t is one of OSV's credit types.
func (t CreditType) Known() bool { return known(CreditTypes, t) }

func known[T comparable](list []T, t T) bool {
	for _, k := range list {
		if k == t {
			return true
		}
	}
	return false
}
