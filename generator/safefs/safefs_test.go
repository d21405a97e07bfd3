//go:build unix

package safefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// noHang runs f and fails the test when it has not returned after a generous
// bound: the bug it guards against is an open that never returns.
func noHang(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s did not return: it blocks on a named pipe", what)
	}
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	// Unblock a reader left waiting by a failing test.
	t.Cleanup(func() {
		if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			f.Close()
		}
	})
}

func TestNamedPipeIsRefusedWithoutBlocking(t *testing.T) {
	root := t.TempDir()
	mkfifo(t, filepath.Join(root, "go.mod"))
	os.Mkdir(filepath.Join(root, "cmd"), 0o755)
	mkfifo(t, filepath.Join(root, "cmd", "x"))
	os.Symlink("go.mod", filepath.Join(root, "link"))
	for _, name := range []string{"go.mod", "link"} {
		var err error
		noHang(t, "ReadFile "+name, func() { _, err = ReadFile(root, name, 1<<20) })
		var se *Error
		if !errors.As(err, &se) || !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("ReadFile %s: want a not-a-regular-file error naming the path, got %v", name, err)
		}
		noHang(t, "ReadHead "+name, func() { _, err = ReadHead(root, name, 10) })
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("ReadHead %s: got %v", name, err)
		}
	}
	var err error
	noHang(t, "ReadDir", func() { _, err = ReadDir(root, "cmd/x") })
	if err == nil || !strings.Contains(err.Error(), "cmd/x") {
		t.Errorf("ReadDir of a pipe: got %v", err)
	}
}

func TestSymlinksOutOfTheRootAreNotFollowed(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	secret := filepath.Join(outside, "passwd")
	os.WriteFile(secret, []byte("root:x:0:0:secret-content\n"), 0o644)
	os.Symlink("/dev/zero", filepath.Join(root, ".dockgen.yaml"))
	os.Symlink(secret, filepath.Join(root, "abs"))
	rel, _ := filepath.Rel(root, secret)
	os.Symlink(rel, filepath.Join(root, "rel"))
	os.Symlink(outside, filepath.Join(root, "dir"))
	os.Symlink(filepath.Join(outside, "nothing"), filepath.Join(root, "dangling"))
	for _, name := range []string{".dockgen.yaml", "abs", "rel", "dir/passwd", "dangling", "../" + filepath.Base(outside) + "/passwd"} {
		data, err := ReadFile(root, name, 1<<20)
		if err == nil || data != nil {
			t.Errorf("%s: read %d bytes, want a refusal", name, len(data))
			continue
		}
		if strings.Contains(err.Error(), "secret-content") {
			t.Errorf("%s: the error echoes the outside file: %v", name, err)
		}
		if !errors.Is(err, ErrOutside) {
			t.Errorf("%s: want ErrOutside, got %v", name, err)
		}
		if _, err := ReadHead(root, name, 8); !errors.Is(err, ErrOutside) {
			t.Errorf("ReadHead %s: want ErrOutside, got %v", name, err)
		}
	}
	if _, err := ReadDir(root, "dir"); !errors.Is(err, ErrOutside) {
		t.Errorf("ReadDir through a link out: want ErrOutside, got %v", err)
	}
}

func TestReadsInsideTheRoot(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "a", "b"), 0o755)
	os.WriteFile(filepath.Join(root, "a", "b", "f"), []byte("hello"), 0o644)
	os.Symlink("b/f", filepath.Join(root, "a", "link"))
	for _, name := range []string{"a/b/f", "a/link", "a/b/../b/f"} {
		if data, err := ReadFile(root, name, 5); err != nil || string(data) != "hello" {
			t.Errorf("%s: got %q, %v", name, data, err)
		}
	}
	if _, err := ReadFile(root, "missing", 5); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: want fs.ErrNotExist, got %v", err)
	}
	if list, err := ReadDir(root, "a"); err != nil || len(list) != 2 {
		t.Errorf("ReadDir: %v %v", list, err)
	}
}

func TestSizeCap(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "big"), make([]byte, 4097), 0o644)
	_, err := ReadFile(root, "big", 4096)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "4 KiB") || !strings.Contains(err.Error(), "big") {
		t.Errorf("want a too-large error naming the file and the limit, got %v", err)
	}
	if head, err := ReadHead(root, "big", 10); err != nil || len(head) != 10 {
		t.Errorf("ReadHead: %d bytes, %v", len(head), err)
	}
	if head, err := ReadHead(root, "big", 10000); err != nil || len(head) != 4097 {
		t.Errorf("ReadHead of a short file: %d bytes, %v", len(head), err)
	}
}

func TestStripBOM(t *testing.T) {
	if got := string(StripBOM([]byte("\xef\xbb\xbf{}"))); got != "{}" {
		t.Errorf("got %q", got)
	}
	if got := string(StripBOM([]byte("{}\xef\xbb\xbf"))); got != "{}\xef\xbb\xbf" {
		t.Errorf("only a leading BOM is dropped, got %q", got)
	}
}

// ReadPath reads a path the user named, wherever a symlink leads, but like
// the confined reads it checks the type on the opened descriptor: no stat
// before the open that a pipe could be swapped in behind.
func TestReadPath(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(elsewhere, "Dockerfile"), []byte("FROM scratch\n"), 0o644)
	os.Symlink(filepath.Join(elsewhere, "Dockerfile"), filepath.Join(dir, "Dockerfile"))
	if data, err := ReadPath(filepath.Join(dir, "Dockerfile"), 100); err != nil || string(data) != "FROM scratch\n" {
		t.Errorf("through a symlink the user chose: %q, %v", data, err)
	}
	if _, err := ReadPath(filepath.Join(dir, "Dockerfile"), 5); !errors.Is(err, ErrTooLarge) {
		t.Errorf("over the cap: %v", err)
	}
	mkfifo(t, filepath.Join(dir, "pipe"))
	var err error
	noHang(t, "ReadPath of a pipe", func() { _, err = ReadPath(filepath.Join(dir, "pipe"), 100) })
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "named pipe") {
		t.Errorf("pipe: %v", err)
	}
	if _, err := ReadPath(filepath.Join(dir, "missing"), 100); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
}
