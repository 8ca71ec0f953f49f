// Package ghactions owns the escaping of GitHub Actions workflow commands
// (::error file=...,line=...::message), which the gates and the linter
// print for annotations.
package ghactions

import "strings"

var (
	data     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	property = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// Data escapes a workflow command's message as the Actions runner
// unescapes it.
func Data(s string) string { return data.Replace(s) }

// Property escapes a workflow command's property value (file, title):
// the message's escapes, and ":" and "," too.
func Property(s string) string { return property.Replace(s) }
