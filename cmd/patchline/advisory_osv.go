package main

import (
	"errors"
	"fmt"

	advosv "github.com/patchline/patchline/advisory/osv"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/database"
)

func init() {
	advisoryFormats["osv"] = advisoryFormat{suffix: ".json", render: renderOSV}
}

// renderOSV is the record patchline osv stores, validated; an upstream
// report that no release of the project forces has none.
func renderOSV(a *app, r advisoryInput) ([]byte, error) {
	rec, err := a.recordOf(r.in, r.an, r.now)
	if errors.Is(err, advosv.ErrNoRecord) {
		fmt.Fprintf(a.stdout, "%s: %v\n", r.in.path, advosv.ErrNoRecord)
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rec = withDraftID(rec, r.pol, r.now)
	if _, err := database.Validate(rec); err != nil {
		return nil, badInput(fmt.Errorf("%s: %w", r.in.path, err))
	}
	return osv.Marshal(rec)
}
