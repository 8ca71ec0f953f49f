package cve5

// The CNA container of CVE JSON 5.1, the fields patchline writes. Names
// and shapes are the schema's (definitions/cnaPublishedContainer).

// Container is containers.cna of a published CVE record.
type Container struct {
	ProviderMetadata ProviderMetadata `json:"providerMetadata"`
	DatePublic       string           `json:"datePublic,omitempty"`
	Title            string           `json:"title,omitempty"`
	Descriptions     []Description    `json:"descriptions"`
	Affected         []Product        `json:"affected"`
	References       []Reference      `json:"references"`
	ProblemTypes     []ProblemType    `json:"problemTypes,omitempty"`
	Metrics          []Metric         `json:"metrics,omitempty"`
	Credits          []Credit         `json:"credits,omitempty"`
	Generator        *Generator       `json:"x_generator,omitempty"`
}

// ProblemType is one weakness: the schema's problemTypes entry with one
// CWE description.
type ProblemType struct {
	Descriptions []ProblemDescription `json:"descriptions"`
}

// ProblemDescription names a CWE.
type ProblemDescription struct {
	Lang        string `json:"lang"`
	CWEID       string `json:"cweId"`
	Description string `json:"description"`
	Type        string `json:"type"`
}

// ProviderMetadata names the CNA. CVE Services sets it from the
// submitting organisation's credentials.
type ProviderMetadata struct {
	OrgID       string `json:"orgId"`
	ShortName   string `json:"shortName,omitempty"`
	DateUpdated string `json:"dateUpdated,omitempty"`
}

// Description is a text in one language.
type Description struct {
	Lang            string  `json:"lang"`
	Value           string  `json:"value"`
	SupportingMedia []Media `json:"supportingMedia,omitempty"`
}

// Media is a description's longer or marked-up form.
type Media struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Product is one affected package.
type Product struct {
	Vendor        string    `json:"vendor"`
	Product       string    `json:"product"`
	CollectionURL string    `json:"collectionURL"`
	PackageName   string    `json:"packageName"`
	Versions      []Version `json:"versions,omitempty"`
	DefaultStatus Status    `json:"defaultStatus"`
}

// Status is a version's status.
type Status string

// The statuses of versions.
const (
	Affected   Status = "affected"
	Unaffected Status = "unaffected"
	Unknown    Status = "unknown"
)

// Version is a range of versions with a status: from Version up to
// LessThan (exclusive) or LessThanOrEqual, in VersionType's order.
type Version struct {
	Version         string   `json:"version"`
	Status          Status   `json:"status"`
	VersionType     string   `json:"versionType,omitempty"`
	LessThan        string   `json:"lessThan,omitempty"`
	LessThanOrEqual string   `json:"lessThanOrEqual,omitempty"`
	Changes         []Change `json:"changes,omitempty"`
}

// Change is a status change at a version inside a range.
type Change struct {
	At     string `json:"at"`
	Status Status `json:"status"`
}

// Reference is a URL with the CVE program's tags.
type Reference struct {
	URL  string   `json:"url"`
	Tags []string `json:"tags,omitempty"`
}

// Metric is one CVSS score, under the key of its version.
type Metric struct {
	Format    string     `json:"format,omitempty"`
	Scenarios []Scenario `json:"scenarios,omitempty"`
	CVSSV4_0  *CVSS      `json:"cvssV4_0,omitempty"`
	CVSSV3_1  *CVSS      `json:"cvssV3_1,omitempty"`
	CVSSV3_0  *CVSS      `json:"cvssV3_0,omitempty"`
}

// Scenario says where a metric applies.
type Scenario struct {
	Lang  string `json:"lang"`
	Value string `json:"value"`
}

// CVSS is a vector with its base score and severity.
type CVSS struct {
	Version      string  `json:"version"`
	VectorString string  `json:"vectorString"`
	BaseScore    float64 `json:"baseScore"`
	BaseSeverity string  `json:"baseSeverity"`
}

// Credit acknowledges someone's part.
type Credit struct {
	Lang  string `json:"lang"`
	Value string `json:"value"`
	Type  string `json:"type,omitempty"`
}

// Generator names the program that wrote the container (x_generator, as
// Vulnogram and other CNA tools write it).
type Generator struct {
	Engine string `json:"engine"`
}
