package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/dockgen/dockgen/generator/testkit"
)

// Two real dockgen processes in one project (dockgen --port 1111 & dockgen
// --port 2222 &): whatever the interleaving, exactly one writes, the other
// exits 1 (busy, or the files it was about to create appeared), and the
// Dockerfile and .dockgen.yaml come from the same run. Before the lock both
// exited 0 in 18 of 40 runs and mixed the files in 4.
func TestConcurrentRunsInOneProject(t *testing.T) {
	bin := binary(t)
	expose := regexp.MustCompile(`EXPOSE (\d+)`)
	port := regexp.MustCompile(`port: (\d+)`)
	for round := range 10 {
		dir := testkit.Fixture(t, "go-basic")
		cmds := make([]*exec.Cmd, 2)
		outs := make([]*bytes.Buffer, 2)
		for i, p := range []string{"1111", "2222"} {
			cmds[i] = exec.Command(bin, "--port", p)
			cmds[i].Dir = dir
			cmds[i].Env = append(os.Environ(), "CI=true")
			outs[i] = &bytes.Buffer{}
			cmds[i].Stdout, cmds[i].Stderr = outs[i], outs[i]
		}
		for _, c := range cmds {
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
		}
		ok := 0
		for i, c := range cmds {
			err := c.Wait()
			switch ee, isExit := err.(*exec.ExitError); {
			case err == nil:
				ok++
			case isExit && ee.ExitCode() == 1:
			default:
				t.Fatalf("round %d: run %d: %v\n%s", round, i, err, outs[i])
			}
		}
		if ok != 1 {
			t.Fatalf("round %d: %d runs exited 0, want exactly 1:\n%s\n%s", round, ok, outs[0], outs[1])
		}
		df, _ := os.ReadFile(filepath.Join(dir, "Dockerfile"))
		ans, _ := os.ReadFile(filepath.Join(dir, ".dockgen.yaml"))
		a, b := expose.FindSubmatch(df), port.FindSubmatch(ans)
		if a == nil || b == nil || !bytes.Equal(a[1], b[1]) {
			t.Fatalf("round %d: Dockerfile and .dockgen.yaml from different runs: %s vs %s", round, fmt.Sprint(a), fmt.Sprint(b))
		}
		if _, err := os.Lstat(filepath.Join(dir, ".dockgen-tmp")); !os.IsNotExist(err) {
			t.Errorf("round %d: .dockgen-tmp left behind", round)
		}
	}
}
