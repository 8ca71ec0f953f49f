package main

import (
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/patchline/patchline/advisory/cve5/cve5test"
)

// cve5ValidCmd is the scripts' "cve5valid FILE": the file is a CNA
// container valid against the official CVE JSON 5 schema.
func cve5ValidCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: cve5valid FILE")
	}
	err := cve5test.ValidateContainer([]byte(ts.ReadFile(args[0])))
	switch {
	case neg && err == nil:
		ts.Fatalf("%s is a valid CNA container", args[0])
	case !neg && err != nil:
		ts.Fatalf("%s: %v", args[0], err)
	}
}
