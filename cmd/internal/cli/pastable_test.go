package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// hostileDirs are directory names a cloned repository can carry; each must
// come out of a printed command as exactly that name, running nothing.
var hostileDirs = []string{
	"$(touch PWNED)",
	"`touch PWNED`",
	"it's here",
	"a;touch PWNED",
	"-rf",
	"new\nline",
	"~root",
}

// pastedWords pastes line, a printed `dockgen …` command, into sh with
// dockgen replaced by printf, and returns the words dockgen would get. It
// fails the test if pasting created a file.
func pastedWords(t *testing.T, line string) []string {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	rest, ok := strings.CutPrefix(line, "dockgen ")
	if !ok {
		t.Fatalf("not a dockgen command: %q", line)
	}
	dir := t.TempDir()
	cmd := exec.Command(sh, "-c", `printf '%s\0' `+rest)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pasting %q: %v", line, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("pasting %q created %s", line, entries[0].Name())
	}
	words := strings.Split(string(out), "\x00")
	return words[:len(words)-1]
}

// hostileMonorepo holds one Go project per hostile directory name.
func hostileMonorepo(t *testing.T) string {
	root := t.TempDir()
	for _, d := range hostileDirs {
		p := filepath.Join(root, d)
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		files := map[string]string{
			"go.mod":  "module example.com/svc\n\ngo 1.23\n",
			"main.go": "package main\n\nfunc main() {}\n",
		}
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(p, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return root
}

// The monorepo pick-list: every `dockgen --dir …` line, pasted, names the
// project's directory and runs nothing.
func TestPickListCommandsAreShellQuoted(t *testing.T) {
	root := hostileMonorepo(t)
	code, _, errOut := run(t, nil, "--dir", root, "--ci", "none")
	if code == 0 {
		t.Fatalf("exit 0 in a monorepo:\n%s", errOut)
	}
	// A command may span lines (a quoted newline); it ends at the comment.
	seen := map[string]bool{}
	for _, chunk := range strings.Split(errOut, "\t# ")[:strings.Count(errOut, "\t# ")] {
		i := strings.LastIndex(chunk, "  dockgen --dir ")
		if i < 0 {
			t.Fatalf("no command before a comment in:\n%s", errOut)
		}
		words := pastedWords(t, chunk[i+2:])
		if len(words) != 2 || words[0] != "--dir" {
			t.Fatalf("pasted %q: words %q", chunk[i+2:], words)
		}
		rel, err := filepath.Rel(root, words[1])
		if err != nil {
			t.Fatal(err)
		}
		seen[rel] = true
		if fi, err := os.Stat(words[1]); err != nil || !fi.IsDir() {
			t.Errorf("pasted %q: %q is not the project's directory", chunk[i+2:], words[1])
		}
	}
	for _, d := range hostileDirs {
		if !seen[d] {
			t.Errorf("no command for %q in:\n%s", d, errOut)
		}
	}
}

// The command the wizard prints for doing the same without prompts.
func TestEquivalentCommandIsShellQuoted(t *testing.T) {
	root := hostileMonorepo(t)
	for _, d := range hostileDirs {
		dir := filepath.Join(root, d)
		code, _, errOut := run(t, nil, "init", "--dir", dir, "--ci", "none")
		_, line, ok := strings.Cut(errOut, "without prompts, run:\n  ")
		if code == 0 || !ok {
			t.Fatalf("%q: exit %d:\n%s", d, code, errOut)
		}
		line = strings.TrimSuffix(line, "\n")
		words := pastedWords(t, line)
		if len(words) < 2 || words[0] != "--dir" || words[1] != dir {
			t.Errorf("%q: pasted %q: words %q", d, line, words)
		}
	}
}

// The example `dockgen detect` gives when there are several projects.
func TestDetectExampleIsShellQuoted(t *testing.T) {
	root := hostileMonorepo(t)
	code, out, errOut := run(t, nil, "detect", root)
	_, line, ok := strings.Cut(out+errOut, "for example: ")
	if code != 0 || !ok {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	// The first project's name may hold a quoted newline: paste up to the
	// end of output.
	words := pastedWords(t, strings.TrimSuffix(line, "\n"))
	if len(words) != 2 || words[0] != "--dir" {
		t.Fatalf("pasted %q: words %q", line, words)
	}
	// The example names the project as seen from where detect ran (PATH/member).
	if fi, err := os.Stat(words[1]); err != nil || !fi.IsDir() || !strings.HasPrefix(words[1], root) {
		t.Errorf("pasted %q: %q is not a project directory", line, words[1])
	}
}
