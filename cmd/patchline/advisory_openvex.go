package main

import (
	"bytes"

	"github.com/patchline/patchline/advisory/openvex"
	"github.com/patchline/patchline/internal/buildinfo"
)

func init() {
	advisoryFormats["openvex"] = advisoryFormat{suffix: ".openvex.json", render: renderOpenVEX}
}

// renderOpenVEX is the OpenVEX document (docs/formats.md).
func renderOpenVEX(a *app, r advisoryInput) ([]byte, error) {
	doc, err := openvex.Document(r.an, openvex.Options{ID: r.id, Author: r.pol.Project, Now: r.now, Tooling: "patchline " + buildinfo.Version()})
	if err != nil {
		return nil, badInput(err)
	}
	var buf bytes.Buffer
	if err := doc.ToJSON(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
