// Package safefs reads files of a repository, which is untrusted input,
// without the ways such a read can go wrong: every read stays inside the
// project root (os.Root: no symlink or ".." leads out of it, so nothing
// outside can be read or echoed in an error), opens only regular files and
// directories (a named pipe or device is refused without blocking, even when
// one is swapped in between a check and the open), and is size-capped.
package safefs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

var (
	// ErrNotRegular: the path is a named pipe, socket, device or directory.
	ErrNotRegular = errors.New("not a regular file")
	// ErrIsDir: a file was expected and the path is a directory.
	ErrIsDir = errors.New("is a directory")
	// ErrTooLarge: the file is larger than the read allows.
	ErrTooLarge = errors.New("file too large")
	// ErrOutside: the path is (or passes through) a symbolic link that
	// leads outside the project directory.
	ErrOutside = errors.New("a symbolic link leading outside the project directory")
)

// Error is a refused or failed read of Path (relative to the root).
type Error struct {
	Path   string
	Err    error  // one of the sentinels above, or the system error
	Detail string // what kind of file, or the size limit
}

func (e *Error) Error() string {
	msg := e.Path + ": " + e.Err.Error()
	if e.Detail != "" {
		msg += " (" + e.Detail + ")"
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Reason is the error without the path, for callers that print it
// next to the path themselves.
func (e *Error) Reason() string {
	if e.Detail != "" {
		return e.Err.Error() + " (" + e.Detail + ")"
	}
	return e.Err.Error()
}

// Root is an open project directory, for many reads (detection walks a tree).
type Root struct {
	r    *os.Root
	path string
}

// OpenRoot opens the directory dir for reads through the Root's methods.
func OpenRoot(dir string) (*Root, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("opening the project directory: %w", err)
	}
	return &Root{r: r, path: dir}, nil
}

// Close releases the directory.
func (r *Root) Close() error { return r.r.Close() }

// with runs f on a Root opened for the one call.
func with[T any](dir string, f func(r *Root) (T, error)) (T, error) {
	r, err := OpenRoot(dir)
	if err != nil {
		var zero T
		return zero, err
	}
	defer r.Close()
	return f(r)
}

// ReadFile reads the regular file name (slash or OS path relative to root),
// at most max bytes. A missing file gives an error matching fs.ErrNotExist;
// other refusals give an *Error.
func ReadFile(root, name string, max int64) ([]byte, error) {
	return with(root, func(r *Root) ([]byte, error) { return r.ReadFile(name, max) })
}

// ReadHead reads at most the first n bytes of the regular file name, for
// checks that only need its beginning, whatever the file's size.
func ReadHead(root, name string, n int) ([]byte, error) {
	return with(root, func(r *Root) ([]byte, error) { return r.ReadHead(name, n) })
}

// ReadDir lists the directory name inside root ("." for the root itself),
// sorted by name. A named pipe or other non-directory is refused without
// blocking.
func ReadDir(root, name string) ([]fs.DirEntry, error) {
	return with(root, func(r *Root) ([]fs.DirEntry, error) { return r.ReadDir(name) })
}

// Open opens the regular file name for reading and returns it with its
// info; the caller closes it. Use it to read a bounded part of a file.
func Open(root, name string) (*os.File, fs.FileInfo, error) {
	r, err := OpenRoot(root)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	return r.open(name)
}

// ReadPath reads a file the user named on the command line (it may be a
// symbolic link anywhere: the user chose it), at most max bytes. Like the
// reads inside a root it never blocks on a named pipe and checks the type
// on the opened descriptor, so a pipe swapped in after a stat is refused.
func ReadPath(p string, max int64) ([]byte, error) {
	f, err := os.OpenFile(p, fileFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &Error{Path: p, Err: unwrap(err)}
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{Path: p, Err: ErrNotRegular, Detail: Kind(fi.Mode())}
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, &Error{Path: p, Err: unwrap(err)}
	}
	if int64(len(data)) > max {
		return nil, &Error{Path: p, Err: ErrTooLarge, Detail: "larger than " + size(max)}
	}
	return data, nil
}

// ReadFile: see the package function.
func (r *Root) ReadFile(name string, max int64) ([]byte, error) {
	f, fi, err := r.open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi.Size() > max {
		return nil, &Error{Path: name, Err: ErrTooLarge, Detail: "larger than " + size(max)}
	}
	// The file may grow after the stat: read one byte past the limit to see.
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, &Error{Path: name, Err: unwrap(err)}
	}
	if int64(len(data)) > max {
		return nil, &Error{Path: name, Err: ErrTooLarge, Detail: "larger than " + size(max)}
	}
	return data, nil
}

// ReadHead: see the package function.
func (r *Root) ReadHead(name string, n int) ([]byte, error) {
	f, _, err := r.open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	k, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, &Error{Path: name, Err: unwrap(err)}
	}
	return buf[:k], nil
}

// ReadDir: see the package function.
func (r *Root) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := r.openInRoot(name, dirFlags)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &Error{Path: name, Err: unwrap(err)}
	}
	if !fi.IsDir() {
		return nil, &Error{Path: name, Err: errors.New("not a directory"), Detail: Kind(fi.Mode())}
	}
	list, err := readDir(f)
	if err != nil {
		return nil, &Error{Path: name, Err: unwrap(err)}
	}
	// Sorted by name like os.ReadDir: detection must not depend on the
	// order the file system happens to return.
	slices.SortFunc(list, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return list, nil
}

// StripBOM drops a leading UTF-8 byte order mark, which editors on Windows
// write and npm, pip and Maven accept, but JSON, TOML and YAML decoders do not.
func StripBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
}

// Kind names a non-regular file type for messages.
func Kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

func (r *Root) open(name string) (*os.File, fs.FileInfo, error) {
	// Non-blocking: opening a named pipe for reading would otherwise wait
	// for a writer forever. The type is checked on the opened descriptor,
	// so a pipe swapped in after any earlier check is caught too.
	f, err := r.openInRoot(name, fileFlags)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, &Error{Path: name, Err: unwrap(err)}
	}
	if fi.IsDir() {
		f.Close()
		return nil, nil, &Error{Path: name, Err: ErrIsDir}
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, &Error{Path: name, Err: ErrNotRegular, Detail: Kind(fi.Mode())}
	}
	return f, fi, nil
}

func (r *Root) openInRoot(name string, flags int) (*os.File, error) {
	rel := filepath.FromSlash(name)
	f, err := r.r.OpenFile(rel, flags, 0)
	if err == nil {
		return f, nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		// A dangling symlink inside the root is absent; one whose target is
		// outside is refused below whether or not the target exists.
		if !leavesRoot(r.path, rel) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
	}
	if leavesRoot(r.path, rel) {
		return nil, &Error{Path: name, Err: ErrOutside}
	}
	return nil, &Error{Path: name, Err: unwrap(err)}
}

// leavesRoot reports whether rel names a path whose symbolic links or ".."
// lead outside root. It only inspects links (never opens the target), so it
// is safe to call on whatever the open refused.
func leavesRoot(root, rel string) bool {
	if filepath.IsAbs(rel) {
		return true
	}
	clean := filepath.Clean(rel)
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return true
	}
	rootReal, err := filepath.EvalSymlinks(root)
	if err != nil {
		return false
	}
	cur := rootReal
	for _, part := range strings.Split(clean, string(filepath.Separator)) {
		p := filepath.Join(cur, part)
		fi, err := os.Lstat(p)
		if err != nil {
			return false
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			cur = p
			continue
		}
		target, err := os.Readlink(p)
		if err != nil {
			return false
		}
		if filepath.IsAbs(target) {
			// os.Root refuses absolute targets even when they point inside.
			return true
		}
		next := filepath.Join(cur, target)
		if !within(rootReal, next) {
			return true
		}
		resolved, err := filepath.EvalSymlinks(next)
		if err != nil {
			// Dangling: where it would lead is all that matters.
			return !within(rootReal, next)
		}
		if !within(rootReal, resolved) {
			return true
		}
		cur = resolved
	}
	return false
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
