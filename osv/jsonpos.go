package osv

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// jsonOffset finds the byte offset of the value at a JSON pointer in a
// JSON document, or of its nearest ancestor that exists. It re-reads the
// document, which is only done when a problem is reported.
func jsonOffset(data []byte, pointer string) (int, bool) {
	var tokens []string
	if pointer != "" {
		for _, t := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
			tokens = append(tokens, pointerUnescaper.Replace(t))
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	w := jsonWalker{data: data, dec: dec}
	return w.find(tokens)
}

type jsonWalker struct {
	data []byte
	dec  *json.Decoder
}

// start returns the offset where the next value begins: the decoder's
// offset moved past white space and the separators ':' and ','.
func (w *jsonWalker) start() int {
	i := int(w.dec.InputOffset())
	for i < len(w.data) && strings.IndexByte(" \t\r\n:,", w.data[i]) >= 0 {
		i++
	}
	return i
}

func (w *jsonWalker) find(tokens []string) (int, bool) {
	at := w.start()
	if len(tokens) == 0 {
		return at, true
	}
	tok, err := w.dec.Token()
	if err != nil {
		return at, true
	}
	switch tok {
	case json.Delim('{'):
		for w.dec.More() {
			kt, err := w.dec.Token()
			if err != nil {
				return at, true
			}
			if key, _ := kt.(string); key == tokens[0] {
				return w.find(tokens[1:])
			}
			if !w.skip() {
				return at, true
			}
		}
	case json.Delim('['):
		want, err := strconv.Atoi(tokens[0])
		if err != nil {
			return at, true
		}
		for i := 0; w.dec.More(); i++ {
			if i == want {
				return w.find(tokens[1:])
			}
			if !w.skip() {
				return at, true
			}
		}
	}
	return at, true
}

// skip reads one value, however deep.
func (w *jsonWalker) skip() bool {
	depth := 0
	for {
		tok, err := w.dec.Token()
		if err != nil {
			return false
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return true
		}
	}
}
