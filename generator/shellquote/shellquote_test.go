package shellquote

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var hostile = []string{
	"plain",
	"",
	"with space",
	"it's",
	`"double"`,
	"$(touch PWNED)",
	"`touch PWNED`",
	"${HOME}",
	"a;touch PWNED",
	"a&&touch PWNED",
	"a|touch PWNED",
	"a\ntouch PWNED",
	"a\rb",
	"\x1b]52;c;cHduZWQ=\x07",
	"-rf",
	"--force",
	"~root",
	"#comment",
	"*",
	"a?b[c]",
	"back\\slash",
	"'",
	"''",
	"{a,b}",
	"<in >out",
	"ünï",
}

// shellWords runs script in /bin/sh in an empty directory and returns the
// words printf received, and whether the shell created any file there.
func shellWords(t *testing.T, script string) ([]string, bool) {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	cmd := exec.Command(sh, "-c", script)
	cmd.Dir = dir
	cmd.Env = []string{"HOME=/nonexistent", "PATH=" + os.Getenv("PATH")}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sh -c %q: %v", script, err)
	}
	entries, _ := os.ReadDir(dir)
	words := strings.Split(string(out), "\x00")
	return words[:len(words)-1], len(entries) > 0
}

// Every hostile word reaches the program as one unchanged word, and nothing
// else runs.
func TestQuoteRoundTripsThroughSh(t *testing.T) {
	for _, s := range hostile {
		words, ran := shellWords(t, `printf '%s\0' `+Quote(s))
		if len(words) != 1 || words[0] != s {
			t.Errorf("Quote(%q) = %s: sh saw %q", s, Quote(s), words)
		}
		if ran {
			t.Errorf("Quote(%q) = %s: the shell created a file", s, Quote(s))
		}
	}
	words, _ := shellWords(t, `printf '%s\0' `+Join(hostile...))
	if strings.Join(words, "|") != strings.Join(hostile, "|") {
		t.Errorf("Join: sh saw %q", words)
	}
}

func TestQuoteLeavesSafeWordsAlone(t *testing.T) {
	for _, s := range []string{"backend", "services/api", "./cmd/orders", "github.com/acme,gitlab.com/x", "ldflags=-s", "v1.2+3", "a@b:c%d"} {
		if Quote(s) != s {
			t.Errorf("Quote(%q) = %s", s, Quote(s))
		}
	}
}

func TestPathAndFlagKeepLeadingDashesFromBeingOptions(t *testing.T) {
	if got := Path("-rf"); got != "./-rf" {
		t.Errorf("Path(-rf) = %s", got)
	}
	if got := Path(filepath.Join("repo", "-x y")); got != "'repo/-x y'" {
		t.Errorf("Path = %s", got)
	}
	if got := Path("--help it"); got != "'./--help it'" {
		t.Errorf("Path = %s", got)
	}
	if got := Flag("--entry", "-x"); got != "--entry=-x" {
		t.Errorf("Flag = %s", got)
	}
	if got := Flag("--set", "k=$(id)"); got != "--set 'k=$(id)'" {
		t.Errorf("Flag = %s", got)
	}
	if got := Flag("--entry", "-$(id)"); got != "'--entry=-$(id)'" {
		t.Errorf("Flag = %s", got)
	}
}
