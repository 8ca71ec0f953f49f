// Package yamlschema validates YAML documents against JSON Schemas, for
// the tests that hold the policy and report schemas (schemas/) to the
// loaders: YAML is read into JSON's data model (timestamps as the text
// they were written as, map keys as strings) and checked with
// santhosh-tekuri/jsonschema, formats asserted.
package yamlschema

import (
	"bytes"
	"fmt"
	"os"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	yaml "go.yaml.in/yaml/v3"
)

// Compile loads the JSON Schema file at path.
func Compile(path string) (*jsonschema.Schema, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(path, doc); err != nil {
		return nil, err
	}
	return c.Compile(path)
}

// Validate checks one YAML document against the schema.
func Validate(s *jsonschema.Schema, data []byte) error {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return err
	}
	if len(n.Content) == 0 {
		return s.Validate(nil)
	}
	v, err := value(n.Content[0])
	if err != nil {
		return err
	}
	return s.Validate(v)
}

// value converts a YAML node into JSON's data model.
func value(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return value(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := value(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			v, err := value(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!str", "!!timestamp":
			return n.Value, nil
		case "!!null":
			return nil, nil
		case "!!bool", "!!int", "!!float":
			var v any
			if err := n.Decode(&v); err != nil {
				return nil, err
			}
			if t, ok := v.(time.Time); ok {
				return t.Format(time.RFC3339), nil
			}
			if i, ok := v.(int); ok {
				return float64(i), nil
			}
			return v, nil
		}
		return n.Value, nil
	}
	return nil, fmt.Errorf("line %d: a YAML node of kind %v", n.Line, n.Kind)
}
