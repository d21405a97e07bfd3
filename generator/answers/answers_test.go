//go:build unix

package answers

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func readWithin(t *testing.T, dir string) (*Answers, error) {
	t.Helper()
	type out struct {
		a   *Answers
		err error
	}
	done := make(chan out, 1)
	go func() { a, err := Read(dir); done <- out{a, err} }()
	select {
	case o := <-done:
		return o.a, o.err
	case <-time.After(20 * time.Second):
		t.Fatal("Read did not return")
	}
	return nil, nil
}

// The answers file comes from the repository: a pipe, a link to /dev/zero or
// to a file outside the project, or a huge file is refused by path, without
// blocking, without reading gigabytes and without echoing outside content.
func TestHostileAnswersFiles(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "passwd")
	os.WriteFile(outside, []byte("root:x:0:0:root-secret:/root:/bin/bash\n"), 0o644)
	cases := []struct {
		name string
		make func(p string) error
		want string
	}{
		{"pipe", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "named pipe"},
		{"dev zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "outside the project"},
		{"outside file", func(p string) error { return os.Symlink(outside, p) }, "outside the project"},
		{"huge", func(p string) error { return os.WriteFile(p, []byte("version: 1\n"+strings.Repeat("#", 2<<20)), 0o644) }, "larger than 1 MiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, FileName)
			if err := c.make(p); err != nil {
				t.Skip(err)
			}
			t.Cleanup(func() {
				if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					f.Close()
				}
			})
			_, err := readWithin(t, dir)
			if err == nil || !strings.Contains(err.Error(), FileName) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("want an error naming %s and %q, got %v", FileName, c.want, err)
			}
			if strings.Contains(err.Error(), "root-secret") || strings.Contains(err.Error(), "root:x") {
				t.Errorf("the error echoes a file outside the project: %v", err)
			}
		})
	}
}

func TestAnswersWithByteOrderMark(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, FileName), []byte("\xef\xbb\xbfversion: 1\nlang: go\n"), 0o644)
	a, err := Read(dir)
	if err != nil || a == nil || a.Lang != "go" {
		t.Fatalf("got %+v, %v", a, err)
	}
}

func TestMissingAnswersFile(t *testing.T) {
	if a, err := Read(t.TempDir()); a != nil || err != nil {
		t.Fatalf("got %+v, %v", a, err)
	}
}

// TestAnswersFileShape: a version dockgen never writes and a second YAML
// document are errors, not silently ignored.
func TestAnswersFileShape(t *testing.T) {
	for body, want := range map[string]string{
		"version: -1\nlang: go\n":                 ".dockgen.yaml:1: version -1 is not a version",
		"lang: go\nversion: 0\n":                  ".dockgen.yaml:2: version 0 is not a version",
		"version: 1\nlang: go\n---\nlang: node\n": "more than one YAML document",
		"version: 1\nlang: go\n---\n":             "more than one YAML document",
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, FileName), []byte(body), 0o644)
		if _, err := Read(dir); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", body, err, want)
		}
	}
	for _, ok := range []string{"lang: go\n", "version: 1\nlang: go\n", "---\nversion: 1\nlang: go\n", ""} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, FileName), []byte(ok), 0o644)
		if _, err := Read(dir); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}
