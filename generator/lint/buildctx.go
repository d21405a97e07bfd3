package lint

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/moby/patternmatcher"
)

// maxContextFile caps lint's reads of files in the build context (go.mod,
// settings.xml, .dockerignore): real ones are a few KiB, and a repository
// is untrusted input (a symlink to /dev/zero must not exhaust memory).
const maxContextFile = 1 << 20

// buildContext is the build context as BuildKit sees it: every path is
// resolved inside the context directory, symlinks may not lead out of it,
// only regular files are read, and reads are size-capped.
type buildContext struct {
	dir  string
	root *os.Root
	fsys fs.FS
}

func openContext(dir string) (*buildContext, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("build context: %w", err)
	}
	return &buildContext{dir: dir, root: root, fsys: root.FS()}, nil
}

func (b *buildContext) close() { b.root.Close() }

// clampSource resolves a COPY/ADD/bind-mount source the way BuildKit does:
// relative to the context root, where ".." cannot climb above the root.
// escapes reports a source that tried to.
func clampSource(src string) (clamped string, escapes bool) {
	rel := path.Clean(strings.TrimLeft(src, "/"))
	escapes = rel == ".." || strings.HasPrefix(rel, "../")
	clamped = strings.TrimPrefix(path.Clean("/"+src), "/")
	if clamped == "" {
		clamped = "."
	}
	return clamped, escapes
}

// glob lists the context paths a (clamped) source pattern matches.
func (b *buildContext) glob(pattern string) []string {
	m, _ := fs.Glob(b.fsys, pattern)
	return m
}

// exists reports whether name is in the context (a symlink counts as it is).
func (b *buildContext) exists(name string) bool {
	_, err := b.root.Lstat(name)
	return err == nil
}

// readFile reads a regular file of the context, at most maxContextFile
// bytes. A missing file is fs.ErrNotExist; anything else names the file.
func (b *buildContext) readFile(name string) ([]byte, error) {
	fi, err := b.root.Stat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("build context %s: %s: %w", b.dir, name, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("build context %s: %s is not a regular file; lint reads only regular files", b.dir, name)
	}
	f, err := b.root.Open(name)
	if err != nil {
		return nil, fmt.Errorf("build context %s: %w", b.dir, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxContextFile+1))
	if err != nil {
		return nil, fmt.Errorf("build context %s: %s: %w", b.dir, name, err)
	}
	if len(data) > maxContextFile {
		return nil, fmt.Errorf("build context %s: %s is larger than %d KiB, too large to be real", b.dir, name, maxContextFile>>10)
	}
	return data, nil
}

// gitignoreMatcher reads a root .gitignore as context paths: a pattern
// without an inner slash matches at any depth there.
func gitignoreMatcher(data []byte) *patternmatcher.PatternMatcher {
	var pats []string
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		neg := strings.HasPrefix(l, "!")
		l = strings.TrimSuffix(strings.TrimPrefix(l, "!"), "/")
		if strings.HasPrefix(l, "/") {
			l = strings.TrimPrefix(l, "/")
		} else if !strings.Contains(l, "/") {
			l = "**/" + l
		}
		if neg {
			l = "!" + l
		}
		pats = append(pats, l)
	}
	m, err := patternmatcher.New(pats)
	if err != nil {
		return nil
	}
	return m
}
