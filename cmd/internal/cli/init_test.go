package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/shlex"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
	"github.com/dockgen/dockgen/cmd/internal/prompt"
	"github.com/dockgen/dockgen/generator/testkit"
)

// wizard runs `dockgen init ARGS` with a scripted prompter on a terminal.
func wizard(t *testing.T, env map[string]string, answers []string, args ...string) (*prompt.Script, string, string, error) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ios.SetTTY(true)
	f := &Factory{IO: ios, Build: BuildInfo{Version: "1.2.3"}, Getenv: func(k string) string { return env[k] }}
	script := &prompt.Script{Answers: answers}
	cmd := newCmdInit(f, func(o *InitOptions) error { return initRun(t.Context(), o, script) })
	cmd.SetArgs(args)
	cmd.SetOut(out)
	cmd.SetErr(errOut)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	err := cmd.ExecuteContext(t.Context())
	return script, out.String(), errOut.String(), err
}

// defaults answers every question with its pre-filled value.
func defaults(n int) []string { return make([]string, n) }

func TestWizardFlowPerKind(t *testing.T) {
	cases := []struct {
		fixture string
		asked   []string
		help    string // evidence shown under a question
	}{
		{"go-basic", []string{"Change template variables (%s)?", "Main package", "Go version", "Port", "Region (package sources)", "CI snippet", "Private module path prefixes"}, "go.mod:3"},
		{"node-npm", []string{"Change template variables (%s)?", "Start command", "Node version", "Port", "Region (package sources)", "CI snippet"}, "package.json"},
		{"python-pip", []string{"Change template variables (%s)?", "WSGI/ASGI target", "Python version", "Port", "Region (package sources)", "CI snippet"}, "app.py"},
		{"java-maven-boot", []string{"Change template variables (%s)?", "Jar or main class", "Java version", "Port", "Region (package sources)", "CI snippet"}, "pom.xml"},
		{"static-plain", []string{"Change template variables (%s)?", "Site directory", "Port", "Region (package sources)", "CI snippet"}, "index.html"},
	}
	for _, c := range cases {
		t.Run(c.fixture, func(t *testing.T) {
			dir := testkit.Fixture(t, c.fixture)
			s, out, _, err := wizard(t, nil, defaults(len(c.asked)+1), "--dir", dir)
			if err != nil {
				t.Fatal(err)
			}
			want := append(c.asked, "Write Dockerfile, .dockerignore, .github/workflows/docker-image.yml, .dockgen.yaml?")
			if strings.HasSuffix(want[0], "(%s)?") && len(s.Asked) > 0 && strings.HasPrefix(s.Asked[0], "Change template variables (") {
				want[0] = s.Asked[0] // the variable list is the template's business
			}
			if strings.Join(s.Asked, " | ") != strings.Join(want, " | ") {
				t.Errorf("asked:\n %s\nwant:\n %s", strings.Join(s.Asked, " | "), strings.Join(want, " | "))
			}
			if !strings.Contains(strings.Join(s.Helps, "\n"), c.help) {
				t.Errorf("no evidence mentioning %s in the questions' help:\n%s", c.help, strings.Join(s.Helps, "\n"))
			}
			for _, f := range []string{"Dockerfile", ".dockerignore", ".dockgen.yaml"} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Error(err)
				}
			}
			if !strings.Contains(out, "The same without prompts:\n  dockgen --dir ") {
				t.Errorf("no equivalent command printed:\n%s", out)
			}
		})
	}
}

// The printed command, run on a fresh copy, writes the same bytes.
func TestWizardCommandReproducesTheFiles(t *testing.T) {
	dir := testkit.Fixture(t, "go-basic")
	answers := []string{"y", "-s -w -X main.v=1", "", "data", "./cmd/orders", "1.23", "9090", "cn", "gitlab", "github.com/acme", "y"}
	_, out, _, err := wizard(t, nil, answers, "--dir", dir)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(strings.SplitN(out, "\n", 3)[1])
	words, err := shlex.Split(line)
	if err != nil {
		t.Fatal(err)
	}
	fresh := testkit.Fixture(t, "go-basic")
	for i, w := range words {
		if w == dir {
			words[i] = fresh
		}
	}
	if code, _, errOut := run(t, nil, words[1:]...); code != 0 {
		t.Fatalf("%s: exit %d: %s", line, code, errOut)
	}
	if a, b := strings.ReplaceAll(readAll(t, dir), dir, ""), strings.ReplaceAll(readAll(t, fresh), fresh, ""); a != b {
		t.Errorf("files differ:\nwizard:\n%s\ncommand:\n%s", a, b)
	}
	for _, want := range []string{"--region cn", "--ci gitlab", "--port 9090", "--private github.com/acme", "--lang-version 1.23", "--set 'ldflags=-s -w -X main.v=1'"} {
		if !strings.Contains(line, want) {
			t.Errorf("command lacks %q: %s", want, line)
		}
	}
}

func TestWizardAsksWhichProjectInAMonorepo(t *testing.T) {
	dir := testkit.Fixture(t, "trap-monorepo")
	s, _, _, err := wizard(t, nil, append([]string{"backend"}, defaults(8)...), "--dir", dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Asked[0] != "Which project?" {
		t.Fatalf("first question %q", s.Asked[0])
	}
	if _, err := os.Stat(filepath.Join(dir, "backend", "Dockerfile")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); err == nil {
		t.Fatal("wrote a Dockerfile at the monorepo root")
	}
}

func TestWizardExistingFiles(t *testing.T) {
	dir := testkit.Fixture(t, "node-npm")
	mine := []byte("FROM scratch\n")
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), mine, 0o644); err != nil {
		t.Fatal(err)
	}
	// five questions with defaults, then: Dockerfile -> show diff, then skip; confirm.
	s, _, errOut, err := wizard(t, nil, append(defaults(6), "diff", "skip", "y"), "--dir", dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "Dockerfile")); !bytes.Equal(got, mine) {
		t.Error("a skipped Dockerfile was overwritten")
	}
	if !strings.Contains(errOut, "-FROM scratch") {
		t.Errorf("no diff shown:\n%s", errOut)
	}
	if !strings.Contains(s.Asked[len(s.Asked)-1], "Write .dockerignore") {
		t.Errorf("confirmation %q", s.Asked[len(s.Asked)-1])
	}

	// Overwrite this time.
	if _, _, _, err := wizard(t, nil, append(defaults(6), "overwrite", ""), "--dir", dir); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "Dockerfile")); bytes.Equal(got, mine) {
		t.Error("an overwritten Dockerfile kept its old content")
	}
}

func TestWizardCancelWritesNothing(t *testing.T) {
	for _, answers := range [][]string{
		{"", "", "", prompt.Cancel},        // at the port
		append(defaults(7), prompt.Cancel), // at the confirmation
		append(defaults(7), "n"),           // declined
	} {
		dir := testkit.Fixture(t, "go-basic")
		before := readAll(t, dir)
		_, _, _, err := wizard(t, nil, answers, "--dir", dir)
		if !errors.Is(err, ErrCancel) {
			t.Fatalf("err = %v, want cancel", err)
		}
		if readAll(t, dir) != before {
			t.Error("files were written")
		}
		var b bytes.Buffer
		if code := ExitCode(err, &b); code != 130 || strings.Count(b.String(), "\n") != 1 {
			t.Errorf("exit %d, %q", code, b.String())
		}
	}
}

func TestWizardFlagsSkipQuestions(t *testing.T) {
	dir := testkit.Fixture(t, "go-basic")
	s, out, _, err := wizard(t, nil, defaults(2), "--dir", dir, "--entry", "./cmd/orders", "--lang-version", "1.22", "--port", "9000", "--region", "cn", "--ci", "none", "--private", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Asked) != 2 || !strings.HasPrefix(s.Asked[0], "Change template variables") || !strings.HasPrefix(s.Asked[1], "Write ") {
		t.Errorf("asked %v; want only the variables offer and the confirmation", s.Asked)
	}
	if !strings.Contains(out, "--port 9000 --runtime static --region cn --ci none") {
		t.Errorf("command: %s", out)
	}
}

func TestWizardSuggestsCNButNeverSwitches(t *testing.T) {
	dir := testkit.Fixture(t, "go-basic")
	s, out, _, err := wizard(t, map[string]string{"TZ": "Asia/Shanghai"}, defaults(8), "--dir", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(s.Helps, "\n"), "your time zone is Asia/Shanghai") {
		t.Error("no cn suggestion")
	}
	if !strings.Contains(out, "--region global") {
		t.Errorf("region changed without being asked: %s", out)
	}
}

func TestInitWithoutTerminalPrintsTheCommand(t *testing.T) {
	dir := testkit.Fixture(t, "python-pip")
	before := readAll(t, dir)
	code, _, errOut := run(t, nil, "init", "--dir", dir)
	if code != 1 || !strings.Contains(errOut, "no terminal") || !strings.Contains(errOut, "dockgen --dir "+dir+" --lang python") {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	if readAll(t, dir) != before {
		t.Error("files were written")
	}
}
