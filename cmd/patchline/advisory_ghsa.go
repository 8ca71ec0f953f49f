package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/patchline/patchline/advisory/ghsa"
	advosv "github.com/patchline/patchline/advisory/osv"
)

func init() {
	advisoryFormats["ghsa"] = advisoryFormat{suffix: ".ghsa.json", render: renderGHSA}
}

// renderGHSA is the body patchline publish github sends to GitHub's
// create or update operation (docs/ghsa.md), for review or for pasting.
func renderGHSA(a *app, r advisoryInput) ([]byte, error) {
	adv, err := ghsa.Build(r.an, ghsa.Options{})
	if errors.Is(err, advosv.ErrNoRecord) {
		fmt.Fprintf(a.stdout, "%s: %v\n", r.in.path, err)
		return nil, nil
	}
	if err != nil {
		return nil, badInput(err)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // ranges read "< 4.20.0", as GitHub shows them
	if err := enc.Encode(adv); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
