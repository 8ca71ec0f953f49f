// Package osv owns patchline's model of an OSV record (schema 1.7.5) and its
// encodings: reading records written by anyone, in JSON or YAML, and writing
// them in one canonical JSON form.
//
// # Reading
//
// Records are read leniently, because patchline reads what other databases
// publish (GHSA, PYSEC, ...): a field the model does not know is kept, at
// every level of the record, in the Unknown map of the enclosing object, and
// is written back unchanged; a timestamp that is not in OSV's form
// (RFC 3339, UTC, "Z") is kept with its text so that checks can name it.
// Whether a record is valid is decided by the schema (package osv/schema)
// and the semantic checks (package osv/check), not by the reader. The
// reader refuses only what cannot be a record: a syntax error (reported as
// file:line:column), a value of the wrong JSON type for a known field, or
// an input larger than MaxRecordSize (YAML: larger than yamlguard.MaxSize,
// nested too deep or too costly for the YAML parser; docs/security.md).
//
// YAML is accepted as the PyPA advisory database writes it. Numbers that
// YAML would read as floats are taken as the text written wherever OSV
// expects a string (a version 1.10 stays "1.10"); inside database_specific
// and ecosystem_specific, the only places where OSV allows numbers, they
// stay numbers. Anchors and aliases are followed with a bound on expansion
// (maxAliasedValues).
//
// # Writing
//
// Marshal writes the canonical form: the record as a JSON object whose keys
// are sorted at every level, indented by two spaces, without HTML escaping,
// ending in a newline; numbers are written with the digits they were read
// with, and empty lists, objects and strings are omitted. The canonical form
// of a canonical file is the file itself, byte for byte, which is what makes
// rewriting an unchanged record a no-op. The writer does not validate;
// callers that publish records (package osv/database) validate first.
package osv
