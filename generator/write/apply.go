package write

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// WorkDir is the dot-directory in the project that holds the lock and the
// temp files of a run in progress; the generated .dockerignore excludes it.
// A run removes it when it ends; what a killed run left there is removed by
// the next one.
const WorkDir = ".dockgen-tmp"

const lockName = WorkDir + "/lock"

// BusyError means another dockgen holds the project's lock.
type BusyError struct {
	PID int // 0 when the holder has not written its pid yet
}

func (e *BusyError) Error() string {
	who := "pid unknown"
	if e.PID > 0 {
		who = "pid " + strconv.Itoa(e.PID)
	}
	return fmt.Sprintf("another dockgen is writing here (%s); wait for it to finish, then run dockgen again", who)
}

// ChangedError means a file changed between the plan and the write.
type ChangedError struct{ Path, How string }

func (e *ChangedError) Error() string {
	return fmt.Sprintf("not writing anything: %s %s since dockgen checked it (another program is writing here?); run dockgen again", e.Path, e.How)
}

type lock struct {
	r *os.Root
	f *os.File
}

// acquire takes the project's lock. The previous holder removes the lock
// file when it ends, so a lock taken on a file that is no longer at the
// path is dropped and taken again.
func acquire(r *os.Root) (*lock, error) {
	for range 20 {
		fi, err := r.Lstat(WorkDir)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if err := r.Mkdir(WorkDir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
				return nil, fmt.Errorf("creating %s: %w", WorkDir, unwrapPath(err))
			}
		case err != nil:
			return nil, fmt.Errorf("%s: %w", WorkDir, unwrapPath(err))
		case !fi.IsDir():
			return nil, fmt.Errorf("%s is not a directory (dockgen keeps its lock and temp files there); remove it and run again", WorkDir)
		}
		// The directory may come from the repository: a lock that is a
		// symbolic link (to ../Dockerfile, say) or a pipe is not ours, and
		// opening it would truncate or block on what it leads to.
		if fi, err := r.Lstat(lockName); err == nil && !fi.Mode().IsRegular() {
			if err := r.Remove(lockName); err != nil {
				return nil, fmt.Errorf("%s is not a regular file; remove it and run again", lockName)
			}
		}
		f, err := r.OpenFile(lockName, os.O_RDWR|os.O_CREATE, 0o600)
		if errors.Is(err, fs.ErrNotExist) {
			continue // the holder removed the directory meanwhile
		}
		if err != nil {
			return nil, fmt.Errorf("opening %s: %w", lockName, unwrapPath(err))
		}
		if err := flock(f); err != nil {
			pid := 0
			if b, rerr := io.ReadAll(io.LimitReader(f, 32)); rerr == nil {
				pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
			}
			f.Close()
			if errors.Is(err, errBusy) {
				return nil, &BusyError{PID: pid}
			}
			return nil, fmt.Errorf("locking %s: %w", lockName, err)
		}
		held, err1 := f.Stat()
		now, err2 := r.Lstat(lockName)
		if err1 != nil || err2 != nil || !os.SameFile(held, now) {
			f.Close()
			continue
		}
		f.Truncate(0)
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		return &lock{r: r, f: f}, nil
	}
	return nil, &BusyError{}
}

// release removes the work directory, then drops the lock.
func (l *lock) release() {
	if entries, err := fs.ReadDir(l.r.FS(), WorkDir); err == nil {
		for _, e := range entries {
			if e.Name() != "lock" {
				l.r.RemoveAll(WorkDir + "/" + e.Name())
			}
		}
	}
	l.r.Remove(lockName)
	l.r.Remove(WorkDir)
	l.f.Close()
}

// cleanStale removes what a killed run left: temp files in WorkDir, and the
// .NAME.dockgen-NNNN files older versions wrote next to their targets.
func (l *lock) cleanStale(todo []Change) {
	if entries, err := fs.ReadDir(l.r.FS(), WorkDir); err == nil {
		for _, e := range entries {
			if e.Name() != "lock" {
				l.r.RemoveAll(WorkDir + "/" + e.Name())
			}
		}
	}
	seen := map[string]bool{}
	for _, c := range todo {
		dir, base := path.Split(c.Path)
		if dir == "" {
			dir = "."
		}
		if seen[c.Path] {
			continue
		}
		seen[c.Path] = true
		legacy := regexp.MustCompile(`^\.` + regexp.QuoteMeta(base) + `\.dockgen-[0-9]+$`)
		entries, err := fs.ReadDir(l.r.FS(), path.Clean(dir))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.Type().IsRegular() && legacy.MatchString(e.Name()) {
				l.r.Remove(path.Join(dir, e.Name()))
			}
		}
	}
}

// stillAsPlanned checks, under the lock, that c's target is what Plan saw.
func stillAsPlanned(r *os.Root, c Change) error {
	fi, err := r.Lstat(c.Path)
	switch {
	case c.Status == Created && errors.Is(err, fs.ErrNotExist):
		return nil
	case c.Status == Created && err == nil:
		return &ChangedError{Path: c.Path, How: "appeared"}
	case errors.Is(err, fs.ErrNotExist):
		return &ChangedError{Path: c.Path, How: "disappeared"}
	case err != nil:
		return fmt.Errorf("checking %s: %w", c.Path, unwrapPath(err))
	case c.old == nil || !os.SameFile(fi, c.old) || fi.Size() != c.old.Size() || !fi.ModTime().Equal(c.old.ModTime()):
		return &ChangedError{Path: c.Path, How: "changed"}
	}
	return nil
}

// step is one file of the set being applied.
type step struct {
	Change
	tmp, backup string
	done        bool
}

// commit applies the set as one: every temp file is written and synced
// before any target changes; then each target is linked (new) or renamed
// over (after a hard-link backup of the old one). If anything fails, the
// targets already changed are restored from their backups, new files and
// new directories removed, and the project is as it was.
func commit(r *os.Root, todo []Change) (err error) {
	steps := make([]*step, len(todo))
	var madeDirs []string
	defer func() {
		if err == nil {
			return
		}
		for i := len(steps) - 1; i >= 0; i-- {
			s := steps[i]
			if s == nil || !s.done {
				continue
			}
			if s.Status == Created {
				r.Remove(s.Path)
			} else {
				r.Rename(s.backup, s.Path)
			}
		}
		for i := len(madeDirs) - 1; i >= 0; i-- {
			r.Remove(madeDirs[i])
		}
	}()
	for i, c := range todo {
		made, err := mkdirs(r, path.Dir(c.Path))
		madeDirs = append(madeDirs, made...)
		if err != nil {
			return fmt.Errorf("writing %s: %w; nothing was written", c.Path, err)
		}
		s := &step{Change: c, tmp: fmt.Sprintf("%s/%d.new", WorkDir, i), backup: fmt.Sprintf("%s/%d.old", WorkDir, i)}
		steps[i] = s
		mode := fs.FileMode(0o644)
		if c.old != nil {
			mode = c.old.Mode().Perm() &^ 0o111 // a generated file is never a program (a hook, a script)
		}
		if err := writeTemp(r, s.tmp, c.Content, mode); err != nil {
			return fmt.Errorf("writing %s: %w; nothing was written", c.Path, err)
		}
	}
	if err := testHookBeforeCommit(); err != nil {
		return err
	}
	for _, s := range steps {
		if s.Status == Overwritten {
			if err := backup(r, s.Path, s.backup); err != nil {
				return fmt.Errorf("writing %s: keeping a copy of the old file: %w; nothing was changed", s.Path, err)
			}
			if err := r.Rename(s.tmp, s.Path); err != nil {
				return fmt.Errorf("writing %s: %w; the files written so far were restored", s.Path, unwrapPath(err))
			}
		} else if err := create(r, s.tmp, s.Path, s.Content); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return &ChangedError{Path: s.Path, How: "appeared"}
			}
			return fmt.Errorf("writing %s: %w; the files written so far were restored", s.Path, unwrapPath(err))
		}
		s.done = true
		if err := testHookAfterStep(s.Path); err != nil {
			return err
		}
	}
	syncDirs(r, todo)
	return nil
}

// Test hooks: failures that cannot be provoked for real (a rename failing
// midway) are injected here by the tests.
var (
	testHookBeforeCommit = func() error { return nil }
	testHookAfterStep    = func(string) error { return nil }
)

// mkdirs creates the missing directories of dir, inside the root, and
// returns the ones it made (for a rollback). A symbolic link on the way
// (.github -> elsewhere, dangling or not) is refused.
func mkdirs(r *os.Root, dir string) ([]string, error) {
	var made []string
	if dir == "." || dir == "" {
		return nil, nil
	}
	cur := ""
	for _, part := range strings.Split(dir, "/") {
		cur = path.Join(cur, part)
		fi, err := r.Lstat(cur)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if err := r.Mkdir(cur, 0o755); err != nil {
				return made, fmt.Errorf("creating %s: %w", cur, unwrapPath(err))
			}
			made = append(made, cur)
		case err != nil:
			return made, fmt.Errorf("%s: %w", cur, unwrapPath(err))
		case fi.Mode()&fs.ModeSymlink != 0:
			return made, fmt.Errorf("%s is a symbolic link; dockgen does not write through one", cur)
		case !fi.IsDir():
			return made, fmt.Errorf("%s is not a directory", cur)
		}
	}
	return made, nil
}

func writeTemp(r *os.Root, name string, data []byte, mode fs.FileMode) error {
	f, err := r.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return unwrapPath(err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return unwrapPath(err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return unwrapPath(err)
	}
	if err := f.Close(); err != nil {
		return unwrapPath(err)
	}
	// Explicit, so the umask does not decide the mode of a generated file.
	return unwrapPath(r.Chmod(name, mode))
}

// create puts the new file at target without ever replacing one: a hard
// link fails with EEXIST when target exists. On a file system without hard
// links it falls back to an exclusive create (O_EXCL), which fails the same.
func create(r *os.Root, tmp, target string, data []byte) error {
	err := r.Link(tmp, target)
	if err == nil || errors.Is(err, fs.ErrExist) || !noLinks(err) {
		return err
	}
	fi, serr := r.Stat(tmp)
	mode := fs.FileMode(0o644)
	if serr == nil {
		mode = fi.Mode().Perm()
	}
	f, err := r.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		r.Remove(target)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		r.Remove(target)
		return err
	}
	return f.Close()
}

// backup keeps the file about to be replaced, as a hard link (or a copy
// where hard links are not supported), for a rollback.
func backup(r *os.Root, target, bak string) error {
	err := r.Link(target, bak)
	if err == nil || !noLinks(err) {
		return unwrapPath(err)
	}
	src, err := r.Open(target)
	if err != nil {
		return unwrapPath(err)
	}
	defer src.Close()
	dst, err := r.OpenFile(bak, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return unwrapPath(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return unwrapPath(err)
	}
	if fi, err := src.Stat(); err == nil {
		dst.Chmod(fi.Mode().Perm())
	}
	return unwrapPath(dst.Close())
}

func noLinks(err error) bool {
	return errors.Is(err, syscall.EPERM) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EOPNOTSUPP) ||
		errors.Is(err, syscall.EXDEV) || errors.Is(err, syscall.EMLINK)
}

// syncDirs makes the renames durable: a crash right after dockgen reports
// success must not lose them.
func syncDirs(r *os.Root, todo []Change) {
	dirs := []string{"."}
	for _, c := range todo {
		dirs = append(dirs, path.Dir(c.Path))
	}
	slices.Sort(dirs)
	for _, d := range slices.Compact(dirs) {
		if f, err := r.Open(d); err == nil {
			f.Sync()
			f.Close()
		}
	}
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
