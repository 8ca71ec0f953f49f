package main

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/patchline/patchline/analyzer/policy"
	"github.com/patchline/patchline/analyzer/report"
	"github.com/patchline/patchline/osv"
	"github.com/patchline/patchline/osv/check"
)

// osvInput is one input of patchline osv: a report, or an OSV record read
// as a report of form ranges.
type osvInput struct {
	path   string
	report *report.Report
	record *osv.Record // the record as read; nil for a report
}

func (in *osvInput) embargoed(now time.Time) bool { return in.report.Embargoed(now) }

func (in *osvInput) embargoUntil() time.Time { return *in.report.EmbargoUntil }

// readOSVInput reads a report or an OSV record (see isOSVRecord), refusing
// a file larger than a record may be before reading it.
func readOSVInput(path string, pol *policy.Policy) (*osvInput, error) {
	data, err := osv.ReadInput(path)
	if errors.Is(err, osv.ErrTooLarge) {
		return nil, badInput(err)
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is named below, once
		}
		return nil, badInput(fmt.Errorf("reading report %s: %w", path, err))
	}
	if !isOSVRecord(path, data) {
		rep, err := report.Parse(path, data, pol)
		if err != nil {
			return nil, badInput(err)
		}
		return &osvInput{path: path, report: rep}, nil
	}
	d, err := osv.ParseDocument(path, data)
	if err != nil {
		return nil, badInput(err)
	}
	rec, err := d.Record()
	if err != nil {
		return nil, badInput(err)
	}
	if msg := check.IDProblem(rec.ID); msg != "" {
		line, col := d.Position("/id")
		return nil, badInput(&osv.Error{File: path, Line: line, Column: col, Pointer: "/id", Msg: msg})
	}
	rep, err := report.FromOSV(path, rec, pol)
	if err != nil {
		return nil, badInput(err)
	}
	return &osvInput{path: path, report: rep, record: rec}, nil
}

// isOSVRecord tells an OSV record from a report (osv.Document.IsReport);
// what does not parse is a record when it is JSON, so that its error is
// reported as a record's.
func isOSVRecord(path string, data []byte) bool {
	d, err := osv.ParseDocument(path, data)
	if err != nil {
		return osv.FormatOf(path, data) == osv.JSON
	}
	return !d.IsReport()
}
