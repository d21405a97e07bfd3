//go:build unix

package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/testkit"
)

// An existing .gitlab-ci.yml is probed for dockgen's marker. A named pipe or
// a link to /dev/zero there must neither block nor be read without bound;
// it is not dockgen's file, so the snippet goes to the include path.
func TestGitLabProbeOfHostileFiles(t *testing.T) {
	for name, mk := range map[string]func(p string) error{
		"pipe":     func(p string) error { return syscall.Mkfifo(p, 0o644) },
		"dev zero": func(p string) error { return os.Symlink("/dev/zero", p) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := testkit.Fixture(t, "go-basic")
			p := filepath.Join(dir, ".gitlab-ci.yml")
			if err := mk(p); err != nil {
				t.Skip(err)
			}
			t.Cleanup(func() {
				if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					f.Close()
				}
			})
			type out struct {
				res *generator.Result
				err error
			}
			done := make(chan out, 1)
			go func() {
				r, err := generator.Generate(context.Background(), generator.Request{Dir: dir, CI: "gitlab"})
				done <- out{r, err}
			}()
			var o out
			select {
			case o = <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("generation did not return")
			}
			if o.err != nil {
				t.Fatal(o.err)
			}
			var paths []string
			for _, f := range o.res.Files {
				paths = append(paths, f.Path)
			}
			if !strings.Contains(strings.Join(paths, " "), ".gitlab/ci/docker-image.yml") {
				t.Errorf("want the snippet at the include path, got %v", paths)
			}
		})
	}
}
