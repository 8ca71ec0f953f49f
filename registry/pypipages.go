package registry

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/patchline/patchline/ecosystem"
	"github.com/patchline/patchline/registry/fetch"
	"github.com/patchline/patchline/registry/pypi"
)

// projectPage is one index's page of a project.
type projectPage struct {
	index    *url.URL
	indexURL string // index, as configured
	page     *pypi.ProjectPage
	resp     *fetch.Response
	source   Source
}

// indexedFile is a distribution file with the index whose page listed it.
type indexedFile struct {
	pypi.File
	index *url.URL // the index (for its JSON API)
	base  *url.URL // what the file's URL resolves against
}

// pypiPages reads the project's page from every index pip would read
// (index-url and each extra-index-url), concurrently, in that order. An
// index that does not know the project contributes nothing, as it does
// for pip; when none knows it, the error names every index. Any other
// failure of any index fails the history: releases merged from a part of
// the indexes would be a guess.
func (c *Client) pypiPages(ctx context.Context, p Package, indexes []string, creds func(*url.URL) string) ([]projectPage, error) {
	eco, err := ecosystem.Lookup("PyPI")
	if err != nil {
		return nil, err
	}
	pages := make([]projectPage, len(indexes))
	errs := make([]error, len(indexes))
	var wg sync.WaitGroup
	for i, index := range indexes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pages[i], errs[i] = c.pypiPage(ctx, eco, p, index, creds)
		}()
	}
	wg.Wait()
	var found []projectPage
	var unknown []*UnknownPackageError
	for i, err := range errs {
		var up *UnknownPackageError
		switch {
		case errors.As(err, &up):
			unknown = append(unknown, up)
		case err != nil:
			return nil, err
		default:
			found = append(found, pages[i])
		}
	}
	if len(found) == 0 {
		if len(unknown) == 1 {
			return nil, unknown[0]
		}
		var names, urls []string
		for _, up := range unknown {
			names, urls = append(names, up.Index), append(urls, up.URL)
		}
		return nil, &UnknownPackageError{Package: p, Index: strings.Join(names, " nor on "), URL: strings.Join(urls, ", "), Err: unknown[0].Err}
	}
	return found, nil
}

// pypiPage reads one index's page of the project, in the form its
// Content-Type names.
func (c *Client) pypiPage(ctx context.Context, eco ecosystem.Ecosystem, p Package, index string, creds func(*url.URL) string) (projectPage, error) {
	iu, err := url.Parse(index)
	if err != nil {
		return projectPage{}, err
	}
	pageURL := index + url.PathEscape(p.Name) + "/"
	resp, err := c.f.Get(ctx, fetch.Request{URL: pageURL, Package: p.Name, Accept: pypi.Accept, Credentials: creds, RootCAs: c.pipCAs,
		ValidateContent: func(ct string, b []byte) error { _, _, err := pypi.ParseProjectResponse(ct, b, p.Name); return err }})
	if err != nil {
		return projectPage{}, pageError(p, index, pageURL, err)
	}
	fail := func(err error) error { return &Error{Package: p, URL: pageURL, Err: err} }
	page, form, err := pypi.ParseProjectResponse(resp.ContentType, resp.Body, p.Name)
	if err != nil {
		return projectPage{}, fail(err)
	}
	if n, err := eco.NormalizeName(page.Name); err != nil || n != p.Name {
		return projectPage{}, fail(fmt.Errorf("the index answered with the page of %q", page.Name))
	}
	source := SourceSimpleJSON
	if form == pypi.FormHTML {
		source = SourceSimpleHTML
	}
	return projectPage{index: iu, indexURL: index, page: page, resp: resp, source: source}, nil
}
