package policy

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/patchline/patchline/analyzer/internal/strictyaml"
)

// FileName is the policy's file name, searched for by Find.
const FileName = "patchline.yaml"

// Load reads and validates the policy file at path. A file that cannot be
// read gives the read error; an invalid file, or one larger than the
// 256 KiB a YAML file may be (yamlguard.MaxSize), gives Errors, every
// problem with its position (path as given, so that messages match what
// the user typed).
func Load(path string) (*Policy, error) {
	data, err := strictyaml.ReadFile(path, "policy")
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Find returns the path of the policy that applies in dir: dir's
// patchline.yaml, or else the nearest one in a parent directory, as git
// finds its repository. A policy in dir itself is returned as dir joined
// with the file name (patchline.yaml for "."), so that messages stay
// short; one in a parent is returned as an absolute path, because a
// relative way up is ambiguous when dir is reached through a symbolic link.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("finding %s: %w", FileName, err)
	}
	for cur := abs; ; {
		candidate := filepath.Join(cur, FileName)
		info, err := os.Stat(candidate)
		switch {
		case err == nil && !info.IsDir():
			if cur == abs {
				return filepath.Join(dir, FileName), nil
			}
			return candidate, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("finding %s: %w", FileName, err)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return "", fmt.Errorf("no %s in %s or any parent directory", FileName, abs)
		}
		cur = parent
	}
}
