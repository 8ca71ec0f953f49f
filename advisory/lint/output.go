package lint

import (
	"bufio"
	"encoding/json"
	"fmt"
	"github.com/patchline/patchline/internal/ghactions"
	"io"

	"github.com/patchline/patchline/osv/check"
)

// WriteText prints one line per problem, FILE:LINE:COL: CODE: message,
// the form editors and CI annotations recognise; warnings say so after
// the code.
func WriteText(w io.Writer, res *Result) error {
	bw := bufio.NewWriter(w)
	for _, p := range res.Problems {
		bw.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(bw, ":%d:%d", p.Line, p.Column)
		}
		fmt.Fprintf(bw, ": %s: ", p.Code)
		if p.Level == check.Warning {
			bw.WriteString("warning: ")
		}
		bw.WriteString(p.Message)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// JSONVersion names the JSON document WriteJSON prints (docs/lint.md).
const JSONVersion = "patchline.lint/v1"

type jsonResult struct {
	Version  string        `json:"version"`
	Records  int           `json:"records"`
	Reports  int           `json:"reports"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
	Problems []jsonProblem `json:"problems"`
	Registry string        `json:"registry_error,omitempty"`
}

type jsonProblem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Code    string `json:"code"`
	Name    string `json:"name"`
	Level   string `json:"level"`
	Pointer string `json:"pointer,omitempty"`
	Message string `json:"message"`
}

// WriteJSON prints the result as the patchline.lint/v1 document.
func WriteJSON(w io.Writer, res *Result) error {
	out := jsonResult{Version: JSONVersion, Records: res.Records, Reports: res.Reports,
		Errors: res.Errors(), Warnings: res.Warnings(), Problems: []jsonProblem{}}
	if res.RegistryErr != nil {
		out.Registry = res.RegistryErr.Error()
	}
	for _, p := range res.Problems {
		out.Problems = append(out.Problems, jsonProblem{File: p.File, Line: p.Line, Column: p.Column, Code: p.Code,
			Name: p.Name, Level: p.Level.String(), Pointer: p.Pointer, Message: p.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteGitHub prints the problems as GitHub Actions workflow commands, which
// annotate the files of a pull request: ::error file=F,line=L,col=C,title=CODE::message.
func WriteGitHub(w io.Writer, res *Result) error {
	bw := bufio.NewWriter(w)
	for _, p := range res.Problems {
		kind := "error"
		if p.Level == check.Warning {
			kind = "warning"
		}
		fmt.Fprintf(bw, "::%s file=%s", kind, ghactions.Property(p.File))
		if p.Line > 0 {
			fmt.Fprintf(bw, ",line=%d,col=%d", p.Line, p.Column)
		}
		fmt.Fprintf(bw, ",title=%s::%s\n", ghactions.Property(p.Code+" "+p.Name), ghactions.Data(p.Message))
	}
	return bw.Flush()
}
