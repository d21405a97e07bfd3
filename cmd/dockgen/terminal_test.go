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

// screen collects a pseudo-terminal's output while the test reads it;
// changed is closed and replaced on every write, so a waiter wakes on new
// output instead of polling.
type screen struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{}
}

func newScreen() *screen { return &screen{changed: make(chan struct{})} }

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.b.Write(p)
	close(s.changed)
	s.changed = make(chan struct{})
	return n, err
}

// snapshot returns the output so far and a channel closed at the next write.
func (s *screen) snapshot() (string, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String(), s.changed
}

func (s *screen) String() string {
	out, _ := s.snapshot()
	return out
}

// The deadlines are generous on purpose: they only bound a hung run, and the
// machines running these tests are often loaded. No step waits a fixed time.
const (
	screenDeadline = 60 * time.Second // for an expected output to appear
	exitDeadline   = 60 * time.Second // for the process to end once it should
	drainDeadline  = 30 * time.Second // for the last output after the exit
)

// terminalRun is dockgen running on a pseudo-terminal.
type terminalRun struct {
	t       *testing.T
	cmd     *exec.Cmd
	tty     *os.File
	out     *screen
	exited  chan struct{} // closed when the process has ended; err is then set
	err     error
	drained chan struct{} // closed when the terminal reached end of output
}

// TestWizardInATerminal drives the real huh UI of `dockgen init` through a
// pseudo-terminal: Enter takes each pre-filled answer, then confirms.
func TestWizardInATerminal(t *testing.T) {
	t.Run("huh", func(t *testing.T) { wizardInATerminal(t) })
	t.Run("accessible", func(t *testing.T) { wizardInATerminal(t, "--accessible") })
	t.Run("esc", func(t *testing.T) { wizardCancelledWithEsc(t) })
	// Plain prompts run on a terminal in line mode: Ctrl-C is a SIGINT, Esc
	// arrives with the line.
	t.Run("accessible ctrl-c", func(t *testing.T) {
		accessibleCancelled(t, func(r *terminalRun) { _, _ = r.tty.Write([]byte{0x03}) }, "interrupted")
	})
	t.Run("accessible sigint", func(t *testing.T) {
		accessibleCancelled(t, func(r *terminalRun) { _ = r.cmd.Process.Signal(os.Interrupt) }, "interrupted")
	})
	t.Run("accessible esc", func(t *testing.T) {
		accessibleCancelled(t, func(r *terminalRun) { _, _ = r.tty.Write([]byte("\x1b\r")) }, "cancelled: nothing was written")
	})
}

// accessibleCancelled interrupts `init --accessible` at its first question,
// while it is blocked reading the answer: exit 130 and nothing written. The
// time from the key to the exit is logged (main allows a step 25 ms to stop
// on its own); the test's deadline is generous so load cannot fail it.
func accessibleCancelled(t *testing.T, press func(*terminalRun), want string) {
	dir := testkit.Fixture(t, "go-basic")
	r := startInTerminal(t, "init", "--dir", dir, "--accessible")
	r.waitFor("Change template variables")
	start := time.Now()
	press(r)
	err := r.wait(0, nil)
	t.Logf("exit %v, %s after the key", err, time.Since(start))
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		r.fatal("exit: %v, want 130", err)
	}
	if !strings.Contains(r.out.String(), want) {
		t.Errorf("no %q line:\n%s", want, r.out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); err == nil {
		t.Error("a Dockerfile was written")
	}
}

// startInTerminal runs dockgen ARGS on a pseudo-terminal (without CI or
// ACCESSIBLE from the test's environment). The output collects on out until
// the terminal reports end of output, which on Linux comes only after the
// process (and anything holding the terminal) has ended and every byte it
// wrote has been read. The process is killed and the terminal closed with
// the test.
func startInTerminal(t *testing.T, args ...string) *terminalRun {
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
	r := &terminalRun{t: t, cmd: cmd, tty: tty, out: newScreen(), exited: make(chan struct{}), drained: make(chan struct{})}
	go func() {
		defer close(r.drained)
		_, _ = bytesCopy(r.out, tty)
	}()
	go func() {
		r.err = cmd.Wait()
		close(r.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-r.exited:
		default:
			_ = cmd.Process.Kill()
			<-r.exited
		}
		tty.Close()
	})
	return r
}

// fatal stops the test with the screen so far.
func (r *terminalRun) fatal(format string, args ...any) {
	r.t.Helper()
	r.t.Fatalf(format+"; screen so far:\n%s", append(args, r.out.String())...)
}

// waitFor waits until the screen shows want, failing if the process ends
// first or nothing shows within the deadline.
func (r *terminalRun) waitFor(want string) {
	r.t.Helper()
	deadline := time.After(screenDeadline)
	for {
		got, changed := r.out.snapshot()
		if strings.Contains(got, want) {
			return
		}
		select {
		case <-changed:
		case <-r.drained:
			if !strings.Contains(r.out.String(), want) {
				r.fatal("the process ended (%v) without showing %q", r.exitErr(), want)
			}
			return
		case <-deadline:
			r.fatal("%q did not show in %s", want, screenDeadline)
		}
	}
}

// wait waits for the process to end and for its last output to be read,
// and returns how it ended. each, if not nil, runs on every tick while the
// process runs (to keep pressing a key).
func (r *terminalRun) wait(tick time.Duration, each func()) error {
	r.t.Helper()
	var ticks <-chan time.Time
	if each != nil {
		tk := time.NewTicker(tick)
		defer tk.Stop()
		ticks = tk.C
	}
	deadline := time.After(exitDeadline)
	for done := false; !done; {
		select {
		case <-r.exited:
			done = true
		case <-ticks:
			each()
		case <-deadline:
			r.fatal("the process did not end in %s", exitDeadline)
		}
	}
	select {
	case <-r.drained:
	case <-time.After(drainDeadline):
		r.fatal("the terminal did not reach end of output %s after the exit", drainDeadline)
	}
	return r.err
}

func (r *terminalRun) exitErr() error {
	select {
	case <-r.exited:
		return r.err
	default:
		return errors.New("still running")
	}
}

// wizardCancelledWithEsc presses Esc at the first question: exit 130, one
// line, nothing written.
func wizardCancelledWithEsc(t *testing.T) {
	dir := testkit.Fixture(t, "go-basic")
	r := startInTerminal(t, "init", "--dir", dir)
	r.waitFor("Change template variables")
	_, _ = r.tty.Write([]byte{0x1b})
	err := r.wait(0, nil)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		r.fatal("exit: %v, want 130", err)
	}
	if !strings.Contains(r.out.String(), "cancelled: nothing was written") {
		t.Errorf("no cancel line:\n%s", r.out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); err == nil {
		t.Error("a Dockerfile was written")
	}
}

// wizardInATerminal keeps pressing Enter until the wizard ends: every
// question takes its pre-filled answer. A key pressed while no question is
// shown may be lost or land on the next question; either is harmless here,
// since every answer is Enter.
func wizardInATerminal(t *testing.T, flags ...string) {
	dir := testkit.Fixture(t, "go-basic")
	r := startInTerminal(t, append([]string{"init", "--dir", dir}, flags...)...)
	if err := r.wait(300*time.Millisecond, func() { _, _ = r.tty.Write([]byte("\r")) }); err != nil {
		r.fatal("dockgen init: %v", err)
	}
	for _, f := range []string{"Dockerfile", ".dockerignore", ".dockgen.yaml", ".github/workflows/docker-image.yml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	for _, want := range []string{"Main package", "Go version", "Port", "Region", "CI snippet", "Write Dockerfile", "The same without prompts"} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("the screen never showed %q:\n%s", want, r.out.String())
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

// bytesCopy keeps the terminal's output and answers its queries. A query
// may arrive split over two reads, so queries are counted in the whole
// output and each one is answered once.
func bytesCopy(dst *screen, tty *os.File) (int64, error) {
	buf := make([]byte, 4096)
	answered := make([]int, len(terminalReplies))
	var n int64
	for {
		k, err := tty.Read(buf)
		if k > 0 {
			_, _ = dst.Write(buf[:k])
			n += int64(k)
			all := dst.String()
			for i, q := range terminalReplies {
				for c := strings.Count(all, q.query); answered[i] < c; answered[i]++ {
					_, _ = tty.Write([]byte(q.reply))
				}
			}
		}
		if err != nil {
			return n, err
		}
	}
}
