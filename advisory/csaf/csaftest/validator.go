package csaftest

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// ValidatorEnv names the environment variable that holds the directory of
// an installed @secvisogram/csaf-validator-lib (.ci/run installs the
// pinned version and sets it). Where it is set, the tests that call
// Validator run the library and fail without node; where it is not, they
// skip.
const ValidatorEnv = "PATCHLINE_CSAF_VALIDATOR"

// ValidatorVersion is the version of the library .ci/run installs, which
// the documents are held to.
const ValidatorVersion = "2.0.10"

// validateScript runs the library's tests on files and prints the results
// as JSON (its header has the format).
//
//go:embed validate.mjs
var validateScript []byte

// Message is one finding of a test, at a JSON pointer into the document.
type Message struct {
	Message      string `json:"message"`
	InstancePath string `json:"instancePath"`
}

// TestResult is what one test of the library found.
type TestResult struct {
	// Name is the library's name of the test: mandatoryTest_6_1_27_10,
	// informativeTest_6_3_10, csaf_2_0_strict.
	Name string `json:"name"`
	// Kind is schema, mandatory (6.1), optional (6.2) or informative
	// (6.3).
	Kind     string    `json:"kind"`
	IsValid  bool      `json:"isValid"`
	Errors   []Message `json:"errors"`
	Warnings []Message `json:"warnings"`
	Infos    []Message `json:"infos"`
}

// Result is the library's verdict on one document and each test's
// findings.
type Result struct {
	IsValid bool         `json:"isValid"`
	Tests   []TestResult `json:"tests"`
}

// section is the test's section number in the standard: 6.1.27.10 for
// mandatoryTest_6_1_27_10, "schema" for the schema test.
func (t TestResult) section() string {
	_, num, ok := strings.Cut(t.Name, "Test_")
	if !ok {
		return t.Kind
	}
	return strings.ReplaceAll(num, "_", ".")
}

// Failures are the findings a CSAF document of patchline may not have:
// every error of the schema test and of the mandatory tests (which make a
// document invalid), and every finding of informative test 6.3.10, the
// enumerated product versions the format promises.
func (r Result) Failures() []string {
	var out []string
	for _, t := range r.Tests {
		msgs := t.Errors
		if t.Kind == "schema" || t.Kind == "mandatory" {
			if !t.IsValid && len(msgs) == 0 {
				out = append(out, t.section()+": invalid, without a message")
			}
		} else if t.section() == "6.3.10" {
			msgs = append(append(append([]Message(nil), t.Errors...), t.Warnings...), t.Infos...)
		} else {
			continue
		}
		for _, m := range msgs {
			out = append(out, t.section()+": "+m.InstancePath+": "+m.Message)
		}
	}
	if !r.IsValid && len(out) == 0 {
		out = append(out, "invalid, without a message")
	}
	return out
}

// Findings are the other findings of the optional and informative tests,
// as "6.2.11: /document/references: missing canonical url".
func (r Result) Findings() []string {
	var out []string
	for _, t := range r.Tests {
		if t.Kind != "optional" && t.Kind != "informative" || t.section() == "6.3.10" {
			continue
		}
		for _, m := range append(append(append([]Message(nil), t.Errors...), t.Warnings...), t.Infos...) {
			out = append(out, t.section()+": "+m.InstancePath+": "+m.Message)
		}
	}
	return out
}

// Validator returns the directory of the installed library that
// ValidatorEnv names, or skips the test when it names none. It fails the
// test when the variable is set but the library or node is missing: there
// the check is required.
func Validator(t testing.TB) string {
	t.Helper()
	dir := os.Getenv(ValidatorEnv)
	if dir == "" {
		t.Skipf("%s is not set: the CSAF documents are not checked by @secvisogram/csaf-validator-lib (.ci/run installs version %s and sets it)", ValidatorEnv, ValidatorVersion)
	}
	if _, err := os.Stat(filepath.Join(dir, "mandatoryTests.js")); err != nil {
		t.Fatalf("%s=%s is not the directory of @secvisogram/csaf-validator-lib: %v", ValidatorEnv, dir, err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("%s is set but node is not installed: %v", ValidatorEnv, err)
	}
	return dir
}

// Validate runs the library's tests on the documents, by name, in one
// node process.
func Validate(t testing.TB, lib string, docs map[string][]byte) map[string]Result {
	t.Helper()
	dir := t.TempDir()
	script := filepath.Join(dir, "validate.mjs")
	if err := os.WriteFile(script, validateScript, 0o644); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(docs))
	for name := range docs {
		names = append(names, name)
	}
	sort.Strings(names)
	args := []string{script, lib}
	byFile := map[string]string{}
	for i, name := range names {
		file := filepath.Join(dir, fmt.Sprintf("%d.json", i))
		if err := os.WriteFile(file, docs[name], 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, file)
		byFile[file] = name
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node validate.mjs: %v\n%s", err, stderr.Bytes())
	}
	var results []struct {
		File string `json:"file"`
		Result
	}
	if err := json.Unmarshal(stdout.Bytes(), &results); err != nil {
		t.Fatalf("node validate.mjs: %v\n%s", err, stdout.Bytes())
	}
	out := map[string]Result{}
	for _, r := range results {
		out[byFile[r.File]] = r.Result
	}
	if len(out) != len(docs) {
		t.Fatalf("node validate.mjs: %d results for %d documents", len(out), len(docs))
	}
	return out
}
