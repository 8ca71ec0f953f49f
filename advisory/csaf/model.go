package csaf

import "encoding/json"

// The document model: the subset of CSAF 2.0 (csaf_json_schema.json) that
// a VEX document of patchline uses, in the schema's property names.

// Document is a CSAF 2.0 document.
type Document struct {
	Document        Meta            `json:"document"`
	ProductTree     ProductTree     `json:"product_tree"`
	Vulnerabilities []Vulnerability `json:"vulnerabilities"`
}

// Meta is the document-level metadata (/document).
type Meta struct {
	Category          string             `json:"category"`
	CSAFVersion       string             `json:"csaf_version"`
	Lang              string             `json:"lang"`
	Title             string             `json:"title"`
	Publisher         Publisher          `json:"publisher"`
	Distribution      Distribution       `json:"distribution"`
	AggregateSeverity *AggregateSeverity `json:"aggregate_severity,omitempty"`
	Notes             []Note             `json:"notes,omitempty"`
	References        []Reference        `json:"references,omitempty"`
	Tracking          Tracking           `json:"tracking"`
}

// Publisher is who issues the document.
type Publisher struct {
	Category  string `json:"category"`
	Name      string `json:"name"`
	Namespace string `json:"namespace"`
}

// Distribution says who may see the document.
type Distribution struct {
	Text string `json:"text,omitempty"`
	TLP  TLP    `json:"tlp"`
}

// TLP is the Traffic Light Protocol label (version 1, as CSAF 2.0 has it).
type TLP struct {
	Label string `json:"label"`
}

// AggregateSeverity is the severity in the policy's words.
type AggregateSeverity struct {
	Text string `json:"text"`
}

// Note is a text of the document or of a vulnerability.
type Note struct {
	Category string `json:"category"`
	Title    string `json:"title,omitempty"`
	Text     string `json:"text"`
}

// Reference is a link of the document.
type Reference struct {
	Category string `json:"category"`
	Summary  string `json:"summary"`
	URL      string `json:"url"`
}

// Tracking is the document's identity and history.
type Tracking struct {
	ID                 string     `json:"id"`
	Status             string     `json:"status"`
	Version            string     `json:"version"`
	RevisionHistory    []Revision `json:"revision_history"`
	InitialReleaseDate string     `json:"initial_release_date"`
	CurrentReleaseDate string     `json:"current_release_date"`
	Generator          Generator  `json:"generator"`
}

// Revision is one entry of the revision history.
type Revision struct {
	Date    string `json:"date"`
	Number  string `json:"number"`
	Summary string `json:"summary"`
}

// Generator names the program that wrote the document.
type Generator struct {
	Date   string `json:"date"`
	Engine Engine `json:"engine"`
}

// Engine is the generating program and its version.
type Engine struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// ProductTree holds every product the document speaks of.
type ProductTree struct {
	Branches      []Branch       `json:"branches"`
	ProductGroups []ProductGroup `json:"product_groups,omitempty"`
}

// Branch is a node of the tree: vendor, product name or product version;
// the leaves carry the product.
type Branch struct {
	Category string   `json:"category"`
	Name     string   `json:"name"`
	Branches []Branch `json:"branches,omitempty"`
	Product  *Product `json:"product,omitempty"`
}

// Product is a full product name: one released version of a package.
type Product struct {
	Name      string                `json:"name"`
	ProductID string                `json:"product_id"`
	Helper    *IdentificationHelper `json:"product_identification_helper,omitempty"`
}

// IdentificationHelper identifies the product outside the document.
type IdentificationHelper struct {
	PURL string `json:"purl"`
}

// ProductGroup is a release line: the product versions it contains.
type ProductGroup struct {
	GroupID    string   `json:"group_id"`
	ProductIDs []string `json:"product_ids"`
	Summary    string   `json:"summary"`
}

// Vulnerability is the report's vulnerability and what it does to each
// product.
type Vulnerability struct {
	CVE           string        `json:"cve,omitempty"`
	IDs           []ID          `json:"ids,omitempty"`
	Title         string        `json:"title,omitempty"`
	CWE           *CWE          `json:"cwe,omitempty"`
	Notes         []Note        `json:"notes"`
	ReleaseDate   string        `json:"release_date,omitempty"`
	ProductStatus ProductStatus `json:"product_status"`
	Flags         []Flag        `json:"flags,omitempty"`
	Remediations  []Remediation `json:"remediations,omitempty"`
	References    []Reference   `json:"references,omitempty"`
	Scores        []Score       `json:"scores,omitempty"`
}

// CWE is the weakness the vulnerability is an instance of: its id and its
// exact name in MITRE's catalogue (mandatory test 6.1.11).
type CWE struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ID is an identifier of the vulnerability other than its CVE.
type ID struct {
	SystemName string `json:"system_name"`
	Text       string `json:"text"`
}

// ProductStatus lists the product ids by status.
type ProductStatus struct {
	Fixed            []string `json:"fixed,omitempty"`
	KnownAffected    []string `json:"known_affected,omitempty"`
	KnownNotAffected []string `json:"known_not_affected,omitempty"`
}

// Flag is the VEX justification of known_not_affected products.
type Flag struct {
	Label      string   `json:"label"`
	ProductIDs []string `json:"product_ids"`
}

// Remediation says what users of the products do.
type Remediation struct {
	Category   string   `json:"category"`
	Details    string   `json:"details"`
	ProductIDs []string `json:"product_ids"`
}

// Score is a CVSS score of the affected products.
type Score struct {
	Products []string `json:"products"`
	CVSSV3   *CVSSV3  `json:"cvss_v3,omitempty"`
}

// CVSSV3 is a CVSS v3.0 or v3.1 score with the properties the schema
// requires.
type CVSSV3 struct {
	Version      string      `json:"version"`
	VectorString string      `json:"vectorString"`
	BaseScore    json.Number `json:"baseScore"`
	BaseSeverity string      `json:"baseSeverity"`
}
