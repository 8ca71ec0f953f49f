package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/patchline/patchline/advisory/cve5"
	"github.com/patchline/patchline/internal/buildinfo"
)

func init() {
	advisoryFormats["cve5"] = advisoryFormat{suffix: ".cve5.json", render: renderCVE5}
}

// cveOrgIDEnv names the CNA's organisation UUID for providerMetadata.
const cveOrgIDEnv = "PATCHLINE_CVE_ORG_ID"

// renderCVE5 is the CNA container of a CVE record (docs/formats.md); an
// upstream report that no release of the project forces has none.
func renderCVE5(a *app, r advisoryInput) ([]byte, error) {
	c, err := cve5.Document(r.an, cve5.Options{Vendor: r.pol.Project, OrgID: os.Getenv(cveOrgIDEnv), Now: r.now, Tooling: "patchline " + buildinfo.Version()})
	if errors.Is(err, cve5.ErrNoRecord) {
		fmt.Fprintf(a.stdout, "%s: %v\n", r.in.path, cve5.ErrNoRecord)
		return nil, nil
	}
	if err != nil {
		return nil, badInput(err)
	}
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
