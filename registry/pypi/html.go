package pypi

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
)

// The media types of the two forms of a Simple API project page.
const (
	MediaJSON       = "application/vnd.pypi.simple.v1+json"
	MediaHTML       = "application/vnd.pypi.simple.v1+html"
	MediaLegacyHTML = "text/html"
)

// Accept asks for a project page in pip's order: PEP 691 JSON first, PEP
// 503 HTML last, from indexes that serve nothing else (devpi, older
// Artifactory and Nexus, `pip download` mirrors, static file trees). pip
// also names MediaHTML at q=0.1; PEP 691 makes text/html an alias of it, so
// every index that can answer one answers the other, and an answer in
// either is read (ParseProjectResponse).
const Accept = MediaJSON + ", " + MediaLegacyHTML + ";q=0.01"

// Form is the form a project page was served in.
type Form int

const (
	FormJSON Form = iota + 1 // PEP 691
	FormHTML                 // PEP 503
)

// ParseProjectResponse parses a project page by the form its Content-Type
// names, before looking at the body: an HTML page is never read as JSON.
// HTML pages do not name their project; project is taken as the name.
func ParseProjectResponse(contentType string, body []byte, project string) (*ProjectPage, Form, error) {
	mt, _, err := mime.ParseMediaType(contentType)
	switch {
	case err != nil && contentType != "":
		return nil, 0, fmt.Errorf("the index answered with an unreadable Content-Type %q", contentType)
	case mt == MediaJSON:
		p, err := ParseProjectPage(body)
		return p, FormJSON, err
	case mt == MediaHTML || mt == MediaLegacyHTML:
		p, err := ParseProjectHTML(body, project)
		return p, FormHTML, err
	}
	if contentType == "" {
		contentType = "none"
	}
	return nil, 0, fmt.Errorf("the index answered with Content-Type %s, which is neither a PEP 691 JSON page (%s) nor a PEP 503 HTML page (%s, %s)",
		contentType, MediaJSON, MediaHTML, MediaLegacyHTML)
}

// ParseProjectHTML parses a PEP 503 project page: one anchor per file,
// whose text is the file name and whose href is its URL (with an optional
// #HASHNAME=DIGEST fragment), and the attributes data-requires-python,
// data-yanked (PEP 592), data-core-metadata (PEP 714) and
// data-dist-info-metadata (PEP 658), whose value is "true" or
// HASHNAME=DIGEST. A <base href> changes what relative hrefs resolve
// against, as browsers and pip read it; a pypi:repository-version meta
// tag must be of major version 1. The page carries no upload times and no
// PEP 700 version list.
func ParseProjectHTML(b []byte, project string) (*ProjectPage, error) {
	p := &ProjectPage{Name: project, Files: []File{}}
	p.Meta.APIVersion = "1.0"
	z := html.NewTokenizer(bytes.NewReader(b))
	var base *url.URL
	var cur *File // the anchor being read
	var text strings.Builder
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				if cur != nil {
					p.addFile(cur, text.String())
				}
				return p, nil
			}
			return nil, fmt.Errorf("invalid PEP 503 project page: %w", z.Err())
		case html.TextToken:
			if cur != nil {
				text.Write(z.Text())
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "a" && cur != nil {
				p.addFile(cur, text.String())
				cur = nil
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if _, dup := attrs[string(k)]; !dup {
					attrs[string(k)] = string(v)
				}
			}
			switch string(name) {
			case "base":
				if h, ok := attrs["href"]; ok && base == nil {
					u, err := url.Parse(strings.TrimSpace(h))
					if err != nil {
						return nil, fmt.Errorf("invalid PEP 503 project page: <base href=%q>: %w", h, err)
					}
					base = u
				}
			case "meta":
				if attrs["name"] == "pypi:repository-version" {
					v := attrs["content"]
					if major, _, _ := strings.Cut(v, "."); major != "1" {
						return nil, fmt.Errorf("invalid PEP 503 project page: repository version %q, want 1.x", v)
					}
					p.Meta.APIVersion = v
				}
			case "a":
				if cur != nil { // an anchor left open
					p.addFile(cur, text.String())
				}
				f, err := anchorFile(attrs, base)
				if err != nil {
					return nil, err
				}
				cur = f
				text.Reset()
				if tt == html.SelfClosingTagToken {
					p.addFile(cur, "")
					cur = nil
				}
			}
		}
	}
}

// anchorFile reads a file's anchor attributes; nil when the anchor has no
// href (not a file).
func anchorFile(attrs map[string]string, base *url.URL) (*File, error) {
	href, ok := attrs["href"]
	if !ok || strings.TrimSpace(href) == "" {
		return nil, nil
	}
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return nil, fmt.Errorf("invalid PEP 503 project page: href %q: %w", href, err)
	}
	if u.Path == "" && u.Host == "" && u.Opaque == "" {
		return nil, nil // a link within the page ("#top"), not a file
	}
	f := &File{Hashes: map[string]string{}}
	if alg, digest, ok := strings.Cut(u.Fragment, "="); ok && alg != "" && digest != "" {
		f.Hashes[strings.ToLower(alg)] = digest
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	f.URL = u.String()
	if rp, ok := attrs["data-requires-python"]; ok {
		f.RequiresPython = &rp
	}
	if reason, ok := attrs["data-yanked"]; ok {
		f.Yanked = Yanked{Yanked: true, Reason: reason}
	}
	for key, dst := range map[string]**MetadataRef{"data-core-metadata": &f.CoreMetadata, "data-dist-info-metadata": &f.DistInfoMetadata} {
		if v, ok := attrs[key]; ok {
			*dst = metadataAttr(v)
		}
	}
	return f, nil
}

// metadataAttr reads a PEP 658/714 attribute: "true", or HASHNAME=DIGEST;
// "false" (or any other value) means no metadata.
func metadataAttr(v string) *MetadataRef {
	if strings.EqualFold(v, "true") {
		return &MetadataRef{Available: true}
	}
	if alg, digest, ok := strings.Cut(v, "="); ok && alg != "" && digest != "" {
		return &MetadataRef{Available: true, Hashes: map[string]string{strings.ToLower(alg): digest}}
	}
	return &MetadataRef{}
}

// addFile completes f with its file name (the anchor's text, else the
// last segment of its URL's path) and adds it.
func (p *ProjectPage) addFile(f *File, text string) {
	if f == nil {
		return
	}
	f.Filename = strings.TrimSpace(text)
	if f.Filename == "" {
		if u, err := url.Parse(f.URL); err == nil {
			f.Filename = path.Base(u.Path)
		}
	}
	if f.Filename == "" || f.Filename == "." || f.Filename == "/" {
		return
	}
	p.Files = append(p.Files, *f)
}
