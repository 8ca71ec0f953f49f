// Package database owns patchline's advisory database and its exports: a
// directory of OSV records, one canonical ID.json file per record, from
// which per-ecosystem archives are exported for offline consumers.
//
// # The database
//
// A database is a flat directory (advisories.database in the policy) in
// which every file NAME.json holds the record whose id is NAME. Files whose
// names start with "." (temporary files) and files not ending in ".json"
// are not records. The directory can be kept in git and imported by
// osv.dev as it is.
//
// Every write is atomic: the record is written to a temporary file in the
// same directory, synced, and renamed over the target, so a reader never
// sees half a record. Records are written in the canonical form of
// osv.Marshal and validated first (schema and the error-level checks of
// package osv/check); an invalid record is refused and nothing is written.
//
// Put stores a record under its id. Rewriting a record whose content did
// not change writes nothing, so the file keeps its bytes and its mtime;
// when the content changes, modified becomes the given time. A published
// time, once the record is public (published not after now), is never
// overwritten; while the record is still under embargo (published in the
// future) a new published time replaces it, so that a moved embargo moves
// the disclosure instant. Put does not judge embargoes: the caller decides
// whether an embargoed record may be stored at all.
//
// Create allocates the next id PREFIX-YYYY-NNNN (the year of now in UTC,
// NNNN one more than the highest number of the prefix and year in the
// directory, at least four digits) and stores the record under it. The
// record file is published with a hard link, which fails if the name
// exists, so two processes creating records at the same moment never take
// the same id: the loser moves on to the next number. LockAllocation takes
// the database's allocation lock (an advisory lock on the file .ids.lock in
// the directory, released by the system if the process dies), under which
// a caller reads its input again and allocates only if it still has no id:
// concurrent runs on one report then make one record.
//
// # Exports
//
// Export writes, for each ecosystem (the part of package.ecosystem before
// any ":suffix"),
//
//	DIR/ECOSYSTEM/all.zip   every exported record of the ecosystem, one
//	                        ID.json per entry at the top level of the zip
//	DIR/ECOSYSTEM/ID.json   the same records as files
//
// which is the layout of osv.dev's bulk downloads. A record affecting
// packages of several ecosystems goes into each. Only public records are
// exported: those with a published time that is not after the export's
// "now"; records without a published time (drafts) and records under
// embargo are left out unless forced. Exports are deterministic: entries
// sorted by id, each entry stamped with the record's modified time, the
// canonical bytes of each record; exporting an unchanged database again
// rewrites no file.
//
// osv-scanner reads such archives offline from
//
//	$OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY/osv-scanner/<Ecosystem>/all.zip
//
// (osv-scanner 2.2 has no flag for it: OSV_SCANNER_LOCAL_DB_CACHE_DIRECTORY=L
// osv-scanner scan source --offline-vulnerabilities ...), so exporting to
// DIR=L/osv-scanner makes the database
// available to it. osv-scanner treats a missing ecosystem archive as "no
// vulnerabilities", so an export always writes an archive, possibly empty,
// for every ecosystem named in the database.
//
// # Imports
//
// ReadSource reads OSV records from a directory tree (.json, .yaml and
// .yml files; a draft report kept beside the records, as
// osv.Document.IsReport tells, is passed over), a zip archive (.json entries, as in osv.dev's all.zip) or a single
// file. Archives are refused as a whole when an entry's path could escape a
// directory when extracted (zip slip: "..", absolute paths, backslashes),
// is a symbolic link, or is larger than osv.MaxRecordSize, and when it
// holds more than MaxArchiveEntries entries or MaxArchiveBytes of records
// (docs/security.md). Its entries are read one at a time (Walk), so that a
// reader keeps only what it needs of each: ReadRecords the records, Import
// the records it validated. Import validates everything it read before it
// stores anything.
package database
