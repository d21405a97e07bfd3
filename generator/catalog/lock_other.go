//go:build !unix

package catalog

import (
	"context"
	"sync"
)

// lockFile serialises the runs of this process on path. Without flock
// there is no lock between processes here; the temporary directories and
// renames still keep each cache entry whole.
func lockFile(ctx context.Context, path string) (func(), error) {
	v, _ := locks.LoadOrStore(path, &sync.Mutex{})
	mu := v.(*sync.Mutex)
	mu.Lock()
	return mu.Unlock, nil
}

var locks sync.Map
