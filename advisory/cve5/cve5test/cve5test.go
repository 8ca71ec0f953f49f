// Package cve5test checks CVE JSON 5 containers in tests: against the
// official schema (a copy in ../testdata, see its README), and by reading
// their affected versions back as a CVE consumer does.
package cve5test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaFile is the official bundled schema, beside this package.
const schemaFile = "CVE_Record_Format_bundled.json"

// Schemas are the compiled official schema: the whole record, and the CNA
// container alone (its definitions/cnaPublishedContainer, which is what
// CVE Services checks a CNA's submission against).
type Schemas struct {
	Record    *jsonschema.Schema
	Container *jsonschema.Schema
}

var (
	once     sync.Once
	compiled *Schemas
	errLoad  error
)

// Load compiles the schema once, with formats asserted (uri, date).
func Load() (*Schemas, error) {
	once.Do(func() { compiled, errLoad = load() })
	return compiled, errLoad
}

func load() (*Schemas, error) {
	_, self, _, ok := runtime.Caller(0)
	if !ok {
		return nil, fmt.Errorf("cve5test: cannot find the schema's directory")
	}
	path := filepath.Join(filepath.Dir(self), "..", "testdata", schemaFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://cveproject.github.io/cve-schema/schema/docs/CVE_Record_Format_bundled.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	var s Schemas
	if s.Record, err = c.Compile(url); err != nil {
		return nil, err
	}
	if s.Container, err = c.Compile(url + "#/definitions/cnaPublishedContainer"); err != nil {
		return nil, err
	}
	return &s, nil
}

// ValidateContainer checks a CNA container against the official schema,
// alone and as the cna container of a full published record.
func ValidateContainer(data []byte) error {
	s, err := Load()
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	if err := s.Container.Validate(v); err != nil {
		return fmt.Errorf("CNA container: %w", err)
	}
	if err := s.Record.Validate(Record(v)); err != nil {
		return fmt.Errorf("record around the CNA container: %w", err)
	}
	return nil
}

// Record wraps a decoded CNA container in the record CVE Services would
// publish it in, with a placeholder id and assigner.
func Record(cna any) map[string]any {
	return map[string]any{
		"dataType":    "CVE_RECORD",
		"dataVersion": "5.1",
		"cveMetadata": map[string]any{
			"cveId":         "CVE-2026-0001",
			"assignerOrgId": "00000000-0000-4000-8000-000000000000",
			"state":         "PUBLISHED",
		},
		"containers": map[string]any{"cna": cna},
	}
}

// Container is the part of a CNA container a consumer reads versions from.
type Container struct {
	Affected []Product `json:"affected"`
}

// Product is one affected product.
type Product struct {
	CollectionURL string    `json:"collectionURL"`
	PackageName   string    `json:"packageName"`
	DefaultStatus string    `json:"defaultStatus"`
	Versions      []Version `json:"versions"`
}

// Version is a version or range with its status.
type Version struct {
	Version         string `json:"version"`
	Status          string `json:"status"`
	VersionType     string `json:"versionType"`
	LessThan        string `json:"lessThan"`
	LessThanOrEqual string `json:"lessThanOrEqual"`
	Changes         []struct {
		At     string `json:"at"`
		Status string `json:"status"`
	} `json:"changes"`
}

// Parse reads a CNA container's products.
func Parse(data []byte) (*Container, error) {
	var c Container
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	return &c, nil
}
