package registry

import (
	"crypto/x509"
	"fmt"
	"os"
)

// CAError is a CA bundle of the configuration that cannot be used: the
// user's setting is at fault, not the registry (exit code 2).
type CAError struct{ Err error }

func (e *CAError) Error() string { return e.Err.Error() }
func (e *CAError) Unwrap() error { return e.Err }

// RegistryFailure is false: no registry was asked.
func (e *CAError) RegistryFailure() bool { return false }

// certFile reads a CA bundle configured for an ecosystem (pip's cert).
func certFile(path, source string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, &CAError{fmt.Errorf("%s: %w", source, err)}
	}
	return certPool(b, source+" "+path)
}

// certPool makes the pool of the PEM certificates b holds; a bundle with
// none is a configuration error, not an empty trust that fails every
// connection later with a less helpful message.
func certPool(b []byte, source string) (*x509.CertPool, error) {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		return nil, &CAError{fmt.Errorf("%s: no PEM certificate in the CA bundle", source)}
	}
	return pool, nil
}
