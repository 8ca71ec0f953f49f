// Package lint owns patchline lint: checking OSV records and vulnerability
// reports in files, directory trees and zip archives, and reporting every
// problem with its file, line, column and a stable code.
//
// Records (.json, and .yaml/.yml files that are not reports) are read
// leniently by package osv and checked with the official schema and every
// semantic check of package osv/check; with a registry client, the checks
// that compare a record with its packages' release histories run too.
// Reports (YAML files whose top-level keys are a report's: no "modified",
// which every OSV record has, and "summary" or "affected") are loaded by
// package analyzer/report, as strictly as analyze loads them. Zip archives
// (osv.dev's all.zip, patchline's exports) are read through
// database.Walk, one entry at a time, which refuses unsafe or oversized
// archives as a whole. The checks that need no registry run as each
// record is read; the record then drops its decoded value, keeping its
// input for positions, so that memory follows the size of the input.
//
// Codes are stable: the record checks keep their OSV0nn codes from
// osv/check, and the problems lint finds beyond them (files that cannot be
// read, report problems, duplicate ids) have LINT0nn codes; Codes lists
// them all.
//
// Files are read and checked in parallel, at most GOMAXPROCS at a time;
// the output order does not depend on the schedule: problems come in the
// order of the paths given, files of a directory in lexical order, and
// within a file by position.
package lint
