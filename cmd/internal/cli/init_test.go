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
func wizard(t *testing.T, env map[string]string, script *prompt.Script, args ...string) (*prompt.Script, string, string, error) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ios.SetTTY(true)
	f := &Factory{IO: ios, Build: BuildInfo{Version: "1.2.3"}, Getenv: func(k string) string { return env[k] }}
	cmd := newCmdInit(f, func(o *InitOptions) error { return initRun(t.Context(), o, script) })
	cmd.SetArgs(args)
	cmd.SetOut(out)
	cmd.SetErr(errOut)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	err := cmd.ExecuteContext(t.Context())
	return script, out.String(), errOut.String(), err
}

// The go-basic fixture's questions, in the order the wizard asks them.
const (
	qVars    = "Change template variables*" // the list is the template's business
	qMain    = "Main package"
	qGo      = "Go version"
	qPort    = "Port"
	qRegion  = "Region (package sources)"
	qCI      = "CI snippet"
	qPrivate = "Private module path prefixes"
	qWrite   = "Write Dockerfile, .dockerignore, .github/workflows/docker-image.yml, .dockgen.yaml?"
)

// pairsOf answers each of titles with its pre-filled value.
func pairsOf(titles ...string) []string {
	var pairs []string
	for _, q := range titles {
		pairs = append(pairs, q, "")
	}
	return pairs
}

// defaults is a script that takes the pre-filled value of each of titles.
func defaults(t *testing.T, titles ...string) *prompt.Script {
	return prompt.NewScript(t, pairsOf(titles...)...)
}

// goBasic are the questions go-basic asks when no flag answers them.
var goBasic = []string{qVars, qMain, qGo, qPort, qRegion, qCI, qPrivate, qWrite}

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
			want := append(c.asked, qWrite)
			s, out, _, err := wizard(t, nil, defaults(t, append([]string{qVars}, want[1:]...)...), "--dir", dir)
			if err != nil {
				t.Fatal(err)
			}
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
	script := prompt.NewScript(t,
		qVars, "y",
		"ldflags (string)", "-s -w -X main.v=1",
		"build_packages (list)", "",
		"writable (string)", "data",
		qMain, "./cmd/orders",
		qGo, "1.23",
		qPort, "9090",
		qRegion, "cn",
		qCI, "gitlab",
		qPrivate, "github.com/acme",
		"Write Dockerfile, .dockerignore, .gitlab-ci.yml, .dockgen.yaml?", "y",
	)
	_, out, _, err := wizard(t, nil, script, "--dir", dir)
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
	script := prompt.NewScript(t, append([]string{"Which project?", "backend"}, pairsOf(goBasic...)...)...)
	s, _, _, err := wizard(t, nil, script, "--dir", dir)
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
	node := []string{qVars, "Start command", "Node version", qPort, qRegion, qCI}
	exists := "Dockerfile exists with other content"
	// the questions with defaults, then: Dockerfile -> show diff, then skip; confirm.
	script := prompt.NewScript(t, append(pairsOf(node...), exists, "diff", exists, "skip", "Write .dockerignore, .github/workflows/docker-image.yml, .dockgen.yaml?", "y")...)
	s, _, errOut, err := wizard(t, nil, script, "--dir", dir)
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
	script = prompt.NewScript(t, append(pairsOf(node...), exists, "overwrite", "Write Dockerfile?", "")...)
	if _, _, _, err := wizard(t, nil, script, "--dir", dir); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "Dockerfile")); bytes.Equal(got, mine) {
		t.Error("an overwritten Dockerfile kept its old content")
	}
}

func TestWizardCancelWritesNothing(t *testing.T) {
	for _, answers := range [][]string{
		append(pairsOf(qVars, qMain, qGo), qPort, prompt.Cancel), // at the port
		append(pairsOf(goBasic[:7]...), qWrite, prompt.Cancel),   // at the confirmation
		append(pairsOf(goBasic[:7]...), qWrite, "n"),             // declined
	} {
		dir := testkit.Fixture(t, "go-basic")
		before := readAll(t, dir)
		_, _, _, err := wizard(t, nil, prompt.NewScript(t, answers...), "--dir", dir)
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
	s, out, _, err := wizard(t, nil, defaults(t, qVars, "Write *"), "--dir", dir, "--entry", "./cmd/orders", "--lang-version", "1.22", "--port", "9000", "--region", "cn", "--ci", "none", "--private", "")
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
	s, out, _, err := wizard(t, map[string]string{"TZ": "Asia/Shanghai"}, defaults(t, goBasic...), "--dir", dir)
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

// A site whose build output directory dockgen cannot read from the config is
// not refused by the wizard: it asks for the directory first, with the reason.
func TestWizardAsksTheEntryDetectionCouldNotRead(t *testing.T) {
	dir := testkit.Fixture(t, "static-vite-unreadable")
	script := prompt.NewScript(t, append([]string{"Site directory", "out"}, pairsOf(qVars, "Build stage (Node; Ruby for Jekyll, Python for MkDocs) version", "Port", qRegion, qCI, qWrite)...)...)
	s, _, _, err := wizard(t, nil, script, "--dir", dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Asked) == 0 || s.Asked[0] != "Site directory" || !strings.Contains(s.Helps[0], "vite.config.js") {
		t.Fatalf("asked %v (help %v); want the site directory first, naming vite.config.js", s.Asked, s.Helps)
	}
	df, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	if err != nil || !strings.Contains(string(df), "COPY --from=build /app/out/ /usr/share/nginx/html/") {
		t.Errorf("Dockerfile does not serve out/: %v\n%s", err, df)
	}
}

// In a workspace the wizard shows the chosen member's two roots, the
// project and the build root, each with its evidence, and lets the user
// build it from the build root or go back and pick another project.
func TestWizardShowsBothRootsOfAWorkspaceMember(t *testing.T) {
	dir := testkit.Fixture(t, "ws-pnpm-catalog")
	node := []string{qVars, "Start command", "Node version", qPort, qRegion, qCI}
	script := prompt.NewScript(t, append([]string{
		"Which project?", "apps/docs",
		"Build context", "back",
		"Which project?", "apps/web",
		"Build context", "root",
	}, append(pairsOf(node...), "Write*", "y")...)...)
	s, out, _, err := wizard(t, nil, script, "--dir", dir)
	if err != nil {
		t.Fatal(err)
	}
	want := "Which project? | Build context | Which project? | Build context | "
	if got := strings.Join(s.Asked, " | "); !strings.HasPrefix(got, want) {
		t.Errorf("asked:\n %s\nwant first:\n %s", got, want)
	}
	help := s.Helps[3]
	for _, w := range []string{"project apps/web (node)", "apps/web/package.json", "build root .", "pnpm-workspace.yaml"} {
		if !strings.Contains(help, w) {
			t.Errorf("the build context's help lacks %q:\n%s", w, help)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "apps", "web", "Dockerfile")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "apps", "docs", "Dockerfile")); err == nil {
		t.Error("wrote the project the user went back from")
	}
	if !strings.Contains(out, "--dir "+filepath.Join(dir, "apps", "web")) {
		t.Errorf("the equivalent command does not name apps/web:\n%s", out)
	}
}

// Started inside a member, the wizard shows where the build root is and why.
func TestWizardInsideAMemberShowsItsBuildRoot(t *testing.T) {
	dir := testkit.Fixture(t, "ws-pnpm-catalog")
	node := []string{qVars, "Start command", "Node version", qPort, qRegion, qCI}
	script := prompt.NewScript(t, append([]string{"Build context", "root"}, append(pairsOf(node...), "Write*", "y")...)...)
	s, _, _, err := wizard(t, nil, script, "--dir", filepath.Join(dir, "apps", "web"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Asked[0] != "Build context" || !strings.Contains(s.Helps[0], "build root ../..") {
		t.Errorf("first question %q, help:\n%s", s.Asked[0], s.Helps[0])
	}
}
