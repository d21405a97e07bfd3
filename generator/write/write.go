// Package write applies generated files to a project directory safely: it
// never overwrites a file without force, refuses paths that leave the
// directory, lets one run write at a time, applies the file set whole or not
// at all (temp files in WorkDir, then links and renames, rolled back on
// failure) and keeps an existing file's mode. It can also describe the
// change as a unified diff instead.
package write

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/dockgen/dockgen/generator/safefs"
)

// File is one file to write, at a slash path relative to the project.
type File struct {
	Path    string
	Content []byte
}

// Status says what happens (or happened) to a file.
type Status string

const (
	Created     Status = "created"
	Overwritten Status = "overwritten"
	Unchanged   Status = "unchanged"
	Conflict    Status = "conflict" // exists with other content and force is off
)

// Change is a file with its status and the content it replaces.
type Change struct {
	File
	Status Status
	Old    []byte // current content; nil when the file does not exist or is over MaxDiff
	// OldSize is the existing file's size (0 when there is none): Old is
	// not held for a file larger than MaxDiff.
	OldSize int64

	old fs.FileInfo // the existing file as planned; Apply refuses when it changed since
}

// ConflictError lists files that exist with other content.
type ConflictError struct{ Paths []string }

func (e *ConflictError) Error() string {
	return fmt.Sprintf("not writing anything: %s already exist%s with other content; review the change with --dry-run, or pass --force to overwrite",
		strings.Join(e.Paths, ", "), map[bool]string{true: "s", false: ""}[len(e.Paths) == 1])
}

// Plan works out each file's status without writing anything.
func Plan(root string, files []File, force bool) ([]Change, error) {
	var out []Change
	for _, f := range files {
		_, err := target(root, f.Path)
		if err != nil {
			return nil, err
		}
		c := Change{File: f, Status: Created}
		old, same, fi, err := readExisting(root, f.Path, f.Content)
		switch {
		case err == nil:
			c.Old, c.old, c.OldSize = old, fi, fi.Size()
			switch {
			case same:
				c.Status = Unchanged
			case force:
				c.Status = Overwritten
			default:
				c.Status = Conflict
			}
		case errors.Is(err, fs.ErrNotExist):
		default:
			var se *safefs.Error
			if errors.Is(err, safefs.ErrOutside) {
				return nil, fmt.Errorf("refusing to write %s: the path leads through a symbolic link out of the project directory", f.Path)
			}
			if errors.As(err, &se) {
				return nil, fmt.Errorf("refusing to write %s: the existing %s; move it away first", f.Path, se)
			}
			return nil, fmt.Errorf("reading %s: %w", f.Path, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// MaxDiff bounds the content a diff is made of; the existing file's
// bytes are held only up to it.
const MaxDiff = 1 << 20

// readExisting reads the file a write would replace, opening only a regular
// file (a named pipe would block the open forever) inside root. It says
// whether it equals want and returns its content only when it is at most
// MaxDiff: a file of another size that is larger (a 1 GB Dockerfile) is
// compared by size and not read at all, and no read goes past
// max(len(want), MaxDiff)+1 bytes.
func readExisting(root, rel string, want []byte) (old []byte, same bool, fi fs.FileInfo, err error) {
	f, fi, err := safefs.Open(root, rel)
	if err != nil {
		return nil, false, nil, err
	}
	defer f.Close()
	if fi.Size() > MaxDiff && fi.Size() != int64(len(want)) {
		return nil, false, fi, nil
	}
	limit := max(int64(len(want)), MaxDiff) + 1
	data, err := io.ReadAll(io.LimitReader(f, limit))
	if err != nil {
		return nil, false, nil, err
	}
	same = bytes.Equal(data, want)
	if len(data) > MaxDiff {
		data = nil
	}
	return data, same, fi, nil
}

// Apply writes the planned changes. When any file conflicts, nothing is
// written and a *ConflictError names them all.
//
// One run writes at a time per project: Apply holds an exclusive lock on
// WorkDir/lock (another run gets a *BusyError), and under it checks again
// that every file is as planned, so a file that appeared or changed since
// Plan is never replaced. A new file is created with a hard link, which
// fails instead of replacing a file that appears even after that check.
func Apply(root string, changes []Change) error {
	var conflicts []string
	for _, c := range changes {
		if c.Status == Conflict {
			conflicts = append(conflicts, c.Path)
		}
	}
	if len(conflicts) > 0 {
		sort.Strings(conflicts)
		return &ConflictError{Paths: conflicts}
	}
	var todo []Change
	for _, c := range changes {
		if c.Status == Created || c.Status == Overwritten {
			if _, err := target(root, c.Path); err != nil {
				return err
			}
			todo = append(todo, c)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return fmt.Errorf("opening the project directory: %w", err)
	}
	defer r.Close()
	lk, err := acquire(r)
	if err != nil {
		return err
	}
	defer lk.release()
	lk.cleanStale(todo)
	for _, c := range todo {
		if err := stillAsPlanned(r, c); err != nil {
			return err
		}
	}
	return commit(r, todo)
}

// target resolves a relative path inside root and refuses anything that
// would land outside it, including through a symlinked parent directory.
func target(root, rel string) (string, error) {
	if rel == "" || filepath.IsAbs(rel) || strings.HasPrefix(rel, "/") {
		return "", fmt.Errorf("refusing to write %q: paths must be relative to the project directory", rel)
	}
	clean := filepath.Clean(filepath.FromSlash(rel))
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("refusing to write %q: it is outside the project directory", rel)
	}
	rootAbs, err := filepath.Abs(root)
	if err != nil {
		return "", err
	}
	if r, err := filepath.EvalSymlinks(rootAbs); err == nil {
		rootAbs = r
	}
	abs := filepath.Join(rootAbs, clean)
	// The deepest existing parent must resolve inside the root.
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			if up, err := filepath.Rel(rootAbs, real); err != nil || up == ".." || strings.HasPrefix(up, ".."+string(filepath.Separator)) {
				// Name the file and the link on its way as the user knows them,
				// relative to the project, never where the link points.
				link, _ := filepath.Rel(rootAbs, dir)
				return "", fmt.Errorf("refusing to write %s: %s leads outside the project directory", rel, filepath.ToSlash(link))
			}
			break
		}
		if dir == rootAbs || dir == filepath.Dir(dir) {
			break
		}
	}
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return "", fmt.Errorf("refusing to write %s: it is a symbolic link", rel)
	}
	return abs, nil
}

// Diff returns a unified diff of the change ("" when unchanged). A side
// larger than MaxDiff gets one line saying so instead: diffing it would
// take minutes and gigabytes.
func Diff(c Change) (string, error) {
	if c.Status == Unchanged {
		return "", nil
	}
	from := "a/" + c.Path
	if c.Status == Created {
		from = "/dev/null"
	}
	if c.OldSize > MaxDiff || int64(len(c.Old)) < c.OldSize || len(c.Content) > MaxDiff {
		return fmt.Sprintf("--- %s\n+++ b/%s\n%s differs: too large to diff (existing %d bytes, new %d bytes; the limit is %d MiB)\n",
			from, c.Path, c.Path, c.OldSize, len(c.Content), MaxDiff>>20), nil
	}
	return difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A:        difflib.SplitLines(string(c.Old)),
		B:        difflib.SplitLines(string(c.Content)),
		FromFile: from,
		ToFile:   "b/" + c.Path,
		Context:  3,
	})
}
