package main

import (
	"errors"
	"fmt"

	"github.com/patchline/patchline/advisory/csaf"
	"github.com/patchline/patchline/internal/buildinfo"
)

func init() {
	advisoryFormats["csaf"] = advisoryFormat{suffix: ".csaf.json", render: renderCSAF}
}

// renderCSAF is the CSAF 2.0 VEX document (docs/formats.md), its publisher
// namespace the policy's advisories.publisher (csaf.PlaceholderNamespace
// when the policy names none).
func renderCSAF(a *app, r advisoryInput) ([]byte, error) {
	doc, err := csaf.Render(r.an, csaf.Options{ID: r.id, Publisher: r.pol.Project, Namespace: r.pol.Advisories.Publisher, Directory: r.pol.Advisories.CSAFURL, Now: r.now, Engine: "patchline", EngineVersion: buildinfo.Version()})
	if errors.Is(err, csaf.ErrNoProducts) {
		fmt.Fprintf(a.stdout, "%s: %v\n", r.in.path, err)
		return nil, nil
	}
	if err != nil {
		return nil, badInput(err)
	}
	return csaf.Marshal(doc)
}
