//go:build !unix

package safefs

import (
	"io/fs"
	"os"
)

// Named pipes cannot block an open here the way they do on Unix.
const (
	fileFlags = os.O_RDONLY
	dirFlags  = os.O_RDONLY
)

func readDir(f *os.File) ([]fs.DirEntry, error) { return f.ReadDir(-1) }
