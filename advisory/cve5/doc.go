// Package cve5 is the CVE JSON 5 format of the publication layer: it
// renders an analysed report as the CNA container of a CVE record
// (containers.cna of CVE JSON 5.1), what a CVE Numbering Authority
// submits through CVE Services as its cnaContainer. The record around it
// (cveMetadata: the CVE id, the assigner, the state) belongs to CVE
// Services, which fills it in on submission, so it is not written here;
// the official schema validates the container on its own, as its
// cnaPublishedContainer definition.
//
// # Affected versions
//
// Each affected entry of the OSV record (package advisory/osv, Entries)
// becomes one product: vendor the policy's project, product and
// packageName the package's name, collectionURL its registry's public
// address (https://pypi.org, https://www.npmjs.com), versionType python
// (PEP 440) or semver (npm's node-semver order). Its versions are the
// OSV record's intervals of affected releases, so that the two formats
// name the same versions, written by golang/vulndb's rule:
//
//   - when every interval closes (a fixed release, or a last affected
//     one), each is an affected range ({version, lessThan} or {version,
//     lessThanOrEqual}) and defaultStatus is unaffected;
//   - when the last one stays open (no fix released yet), defaultStatus
//     is affected and the versions are the unaffected gaps: below the
//     first introduced version, and from each interval's end to the next
//     one's start.
//
// Each range is one run of consecutive affected releases and has no gaps,
// so no range needs changes. "0" stands for every version below the next
// one, as in OSV and CVE records.
//
// For a report on an upstream package the products are the project's
// packages some of whose releases force affected versions of it, as in
// the OSV record.
package cve5
