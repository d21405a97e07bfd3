package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/dockgen/dockgen/generator/testkit"
)

// lockedBuffer collects a pseudo-terminal's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestWizardInATerminal drives the real huh UI of `dockgen init` through a
// pseudo-terminal: Enter takes each pre-filled answer, then confirms.
func TestWizardInATerminal(t *testing.T) {
	t.Run("huh", func(t *testing.T) { wizardInATerminal(t) })
	t.Run("accessible", func(t *testing.T) { wizardInATerminal(t, "--accessible") })
	t.Run("esc", func(t *testing.T) { wizardCancelledWithEsc(t) })
}

// startInTerminal runs dockgen ARGS on a pseudo-terminal (without CI or
// ACCESSIBLE from the test's environment); the output collects on out and
// done receives the exit. The terminal closes with the test.
func startInTerminal(t *testing.T, args ...string) (*exec.Cmd, *os.File, *lockedBuffer, chan error) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	var env []string
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "CI=") && !strings.HasPrefix(e, "ACCESSIBLE=") {
			env = append(env, e)
		}
	}
	cmd.Env = append(env, "TERM=xterm-256color")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	out := &lockedBuffer{}
	go func() { _, _ = bytesCopy(out, tty) }()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	return cmd, tty, out, done
}

// wizardCancelledWithEsc presses Esc at the first question: exit 130, one
// line, nothing written.
func wizardCancelledWithEsc(t *testing.T) {
	dir := testkit.Fixture(t, "go-basic")
	cmd, tty, out, done := startInTerminal(t, "init", "--dir", dir)
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(out.String(), "Change template variables") {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("no first question in 30s:\n%s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	_, _ = tty.Write([]byte{0x1b})
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 130 {
			t.Fatalf("exit: %v, want 130\n%s", err, out.String())
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("Esc did not end the wizard:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "cancelled: nothing was written") {
		t.Errorf("no cancel line:\n%s", out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); err == nil {
		t.Error("a Dockerfile was written")
	}
}

func wizardInATerminal(t *testing.T, flags ...string) {
	dir := testkit.Fixture(t, "go-basic")
	cmd, tty, out, done := startInTerminal(t, append([]string{"init", "--dir", dir}, flags...)...)

	tick := time.NewTicker(300 * time.Millisecond)
	defer tick.Stop()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("dockgen init: %v\n%s", err, out.String())
			}
			for _, f := range []string{"Dockerfile", ".dockerignore", ".dockgen.yaml", ".github/workflows/docker-image.yml"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Errorf("%s: %v", f, err)
				}
			}
			for _, want := range []string{"Main package", "Go version", "Port", "Region", "CI snippet", "Write Dockerfile", "The same without prompts"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("the screen never showed %q:\n%s", want, out.String())
				}
			}
			return
		case <-tick.C:
			_, _ = tty.Write([]byte("\r"))
		case <-timeout:
			_ = cmd.Process.Kill()
			t.Fatalf("the wizard did not finish in 60s; screen so far:\n%s", out.String())
		}
	}
}

// terminalReplies answers the queries a TUI sends to learn about the
// terminal (colours, cursor position, device attributes), as a real
// terminal emulator would; without answers the program waits for them.
var terminalReplies = []struct{ query, reply string }{
	{"\x1b]11;?", "\x1b]11;rgb:0000/0000/0000\x1b\\"},
	{"\x1b]10;?", "\x1b]10;rgb:ffff/ffff/ffff\x1b\\"},
	{"\x1b[6n", "\x1b[1;1R"},
	{"\x1b[c", "\x1b[?62;22c"},
}

// bytesCopy keeps the terminal's output and answers its queries.
func bytesCopy(dst *lockedBuffer, tty *os.File) (int64, error) {
	buf := make([]byte, 4096)
	var n int64
	for {
		k, err := tty.Read(buf)
		if k > 0 {
			_, _ = dst.Write(buf[:k])
			n += int64(k)
			for _, q := range terminalReplies {
				if bytes.Contains(buf[:k], []byte(q.query)) {
					_, _ = tty.Write([]byte(q.reply))
				}
			}
		}
		if err != nil {
			return n, err
		}
	}
}
