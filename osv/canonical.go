package osv

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// EncodeValue writes a decoded JSON value in canonical form: object keys
// sorted (encoding/json sorts map keys), two-space indentation, no HTML
// escaping, numbers as their json.Number text, and a final newline.
func EncodeValue(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Canonical returns the canonical form of a JSON document; name is used in
// error messages. Applied to its own output it returns the same bytes.
func Canonical(name string, data []byte) ([]byte, error) {
	v, err := decodeJSON(name, data)
	if err != nil {
		return nil, err
	}
	return EncodeValue(v)
}

// decodeJSON decodes one JSON value with numbers as json.Number. A syntax
// error, including anything but white space after the value, is an *Error
// with the line and column where it was found.
func decodeJSON(name string, data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	if err == nil {
		if _, terr := dec.Token(); terr == io.EOF {
			return v, nil
		}
	}
	// The Decoder, needed for UseNumber, reports a truncated input as
	// io.ErrUnexpectedEOF without a place; Unmarshal scans the input first
	// and reports every syntax error with its offset.
	var raw json.RawMessage
	if uerr := json.Unmarshal(data, &raw); uerr != nil {
		if se, ok := uerr.(*json.SyntaxError); ok {
			return nil, jsonSyntaxError(name, data, se)
		}
		return nil, &Error{File: name, Msg: uerr.Error()}
	}
	if err == nil {
		err = errors.New("invalid data after the JSON value")
	}
	return nil, &Error{File: name, Msg: err.Error()}
}

// jsonSyntaxError places a syntax error: at the offending character, or
// for a truncated input just after the last character that is not white
// space.
func jsonSyntaxError(name string, data []byte, se *json.SyntaxError) *Error {
	idx := int(se.Offset) - 1
	if se.Error() == "unexpected end of JSON input" || idx >= len(data) {
		idx = len(bytes.TrimRight(data, " \t\r\n"))
	}
	idx = max(idx, 0)
	line, col := lineColumn(data, idx)
	return &Error{File: name, Line: line, Column: col, Msg: se.Error()}
}
