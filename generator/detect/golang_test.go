package detect_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
)

// How a Go binary starts, read literally: each case is a tiny module.
func TestGoStart(t *testing.T) {
	const mod = "module example.com/acme/app\n\ngo 1.23\n"
	server := "package main\n\nimport \"net/http\"\n\nfunc main() { _ = http.ListenAndServe(addr, nil) }\n"
	cases := []struct {
		name  string
		files map[string]string
		check func(t *testing.T, p *detect.Project)
	}{
		{"bare host with a sibling port flag", map[string]string{
			"main.go":  server,
			"flags.go": "package main\n\nfunc init() {\n\tflags.StringP(\"address\", \"a\", \"127.0.0.1\", \"address\")\n\tflags.StringP(\"port\", \"p\", \"8081\", \"port\")\n}\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Go.ListenFlag != "address" || !p.Go.ListenHostOnly || p.Port != 8081 {
				t.Errorf("got flag %q hostOnly %v port %d", p.Go.ListenFlag, p.Go.ListenHostOnly, p.Port)
			}
		}},
		{"a loopback flag not named like a listen address is left alone", map[string]string{
			"main.go":  server,
			"proxy.go": "package main\n\nvar from = fs.String(\"from\", \"localhost:2080\", \"where the proxy listens\")\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Go.ListenFlag != "" || p.Go.ListenEnv != "" {
				t.Errorf("took %q/%q", p.Go.ListenFlag, p.Go.ListenEnv)
			}
		}},
		{"an env var that names the loopback itself is not a listen address", map[string]string{
			"main.go": server,
			"env.go":  "package main\n\nvar ip = getenv(\"LOCALHOST_IP\", \"127.0.0.1\")\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Go.ListenEnv != "" {
				t.Errorf("took %q", p.Go.ListenEnv)
			}
		}},
		{"env default in a table, the repo's Dockerfile below docker/ wins", map[string]string{
			"main.go":           server,
			"config.go":         "package main\n\nvar defaults = map[string]opt{\n\t\"LISTEN_ADDR\": {\n\t\traw: \"127.0.0.1:8080\",\n\t},\n}\n",
			"docker/Dockerfile": "FROM scratch\nENV LISTEN_ADDR=0.0.0.0:9000\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Go.ListenEnv != "LISTEN_ADDR" || p.Port != 9000 {
				t.Errorf("got env %q port %d", p.Go.ListenEnv, p.Port)
			}
		}},
		{"a root command that runs itself needs no subcommand", map[string]string{
			"main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"github.com/spf13/cobra\"\n)\n\nvar rootCmd = &cobra.Command{\n\tUse: \"app\",\n\tRunE: func(*cobra.Command, []string) error { return http.ListenAndServe(\":8080\", nil) },\n}\n\nvar serveCmd = &cobra.Command{Use: \"serve\"}\n\nfunc main() {}\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Go.Subcommand != "" {
				t.Errorf("subcommand %q", p.Go.Subcommand)
			}
		}},
		{"Procfile names the subcommand", map[string]string{
			"main.go":  "package main\n\nimport \"github.com/spf13/cobra\"\n\nvar a = &cobra.Command{Use: \"web\"}\nvar b = &cobra.Command{Use: \"worker\"}\n\nfunc main() { _ = http.ListenAndServe(\":1\", nil) }\n",
			"Procfile": "web: bin/app worker --queue default\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Go.Subcommand != "worker" {
				t.Errorf("subcommand %q", p.Go.Subcommand)
			}
		}},
		{"a port flag default in a package the main imports", map[string]string{
			"main.go":           "package main\n\nimport (\n\t\"net/http\"\n\t\"example.com/acme/app/internal/cli\"\n)\n\nfunc main() { cli.Run(); _ = http.ListenAndServe(\":\"+p, nil) }\n",
			"internal/cli/c.go": "package cli\n\nfunc init() { viper.SetDefault(\"port\", 4533) }\n",
			"tools/x/x.go":      "package x\n\nfunc init() { viper.SetDefault(\"port\", 9999) }\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Port != 4533 {
				t.Errorf("port %d, want 4533", p.Port)
			}
		}},
		{"gin Run() reads PORT, else 8080", map[string]string{
			"main.go": "package main\n\nimport \"github.com/gin-gonic/gin\"\n\nfunc main() { r := gin.Default(); r.Run() }\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Port != 8080 || !p.Go.ReadsPort {
				t.Errorf("port %d ReadsPort %v", p.Port, p.Go.ReadsPort)
			}
		}},
		{"empty flag default set to loopback in code", map[string]string{
			"main.go":  server,
			"serve.go": "package main\n\nvar httpAddr string\n\nfunc run() {\n\tif httpAddr == \"\" {\n\t\thttpAddr = \"127.0.0.1:8090\"\n\t}\n}\n\nfunc init() {\n\tcmd.Flags().StringVar(\n\t\t&httpAddr,\n\t\t\"http\",\n\t\t\"\",\n\t\t\"listen address\",\n\t)\n}\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Go.ListenFlag != "http" || p.Port != 8090 || p.Go.ListenHostOnly {
				t.Errorf("flag %q port %d hostOnly %v", p.Go.ListenFlag, p.Port, p.Go.ListenHostOnly)
			}
		}},
		{"config literal and struct tag port defaults", map[string]string{
			"main.go":     "package main\n\nimport (\n\t\"net/http\"\n\t\"example.com/acme/app/config\"\n)\n\nfunc main() { _ = config.Get(); _ = http.ListenAndServe(addr, nil) }\n",
			"config/c.go": "package config\n\ntype Server struct {\n\tRedisPort int\n\tPort int `default:\"8765\"`\n}\n\nvar d = Server{RedisPort: 6380}\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Port != 8765 {
				t.Errorf("port %d, want 8765", p.Port)
			}
		}},
		{"urfave commands in a slice literal, flags inside them are not commands", map[string]string{
			"main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"github.com/urfave/cli/v2\"\n)\n\nfunc main() {\n\tapp := cli.NewApp()\n\tapp.Commands = []*cli.Command{\n\t\t{\n\t\t\tName: \"start\",\n\t\t\tFlags: []cli.Flag{&cli.StringFlag{Name: \"run\"}},\n\t\t\tAction: func(c *cli.Context) error { return http.ListenAndServe(\":7233\", nil) },\n\t\t},\n\t\t{Name: \"version\"},\n\t}\n}\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Go.Subcommand != "start" {
				t.Errorf("subcommand %q, want start", p.Go.Subcommand)
			}
		}},
		{"reads PORT", map[string]string{
			"main.go": "package main\n\nimport (\"net/http\"; \"os\")\n\nfunc main() { _ = http.ListenAndServe(\":\"+os.Getenv(\"PORT\"), nil) }\n",
		}, func(t *testing.T, p *detect.Project) {
			if !p.Go.ReadsPort || p.Go.NoListener {
				t.Errorf("ReadsPort %v NoListener %v", p.Go.ReadsPort, p.Go.NoListener)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "go.mod", mod)
			for f, data := range c.files {
				writeFile(t, root, f, data)
			}
			res, err := detect.Dir(root)
			if err != nil || len(res.Projects) == 0 {
				t.Fatal(err, res)
			}
			c.check(t, &res.Projects[0])
		})
	}
}

// Build tags: a value that is not literal (a shell variable) is skipped
// for the next build file; a goreleaser list is read.
func TestGoBuildTags(t *testing.T) {
	for name, c := range map[string]struct {
		files map[string]string
		want  string
	}{
		"shell variable skipped, Makefile read": {map[string]string{
			"Dockerfile": "RUN BUILD_TAGS=$(./tags.sh) && \\\n    go build -tags=\"${BUILD_TAGS}\" -o /app .\n",
			"Makefile":   "build:\n\tgo build -tags 'netgo osusergo' .\n",
		}, "netgo,osusergo"},
		"goreleaser list": {map[string]string{
			".goreleaser.yaml": "builds:\n  - main: .\n    tags:\n      - assets\n      - netgo\n    ldflags: -s\n",
		}, "assets,netgo"},
		"go test tags do not count": {map[string]string{
			"Makefile": "test:\n\tgo test -tags integration ./...\n",
		}, ""},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "go.mod", "module example.com/x\n\ngo 1.23\n")
			writeFile(t, root, "main.go", "package main\n\nfunc main() {}\n")
			for f, data := range c.files {
				writeFile(t, root, f, data)
			}
			res, err := detect.Dir(root)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(res.Projects[0].Go.Tags, ","); got != c.want {
				t.Errorf("tags %q, want %q", got, c.want)
			}
		})
	}
}

// An embedded directory that only a frontend build fills is built by the
// package.json script that writes it, read literally; a committed UI is not.
func TestGoEmbeddedUI(t *testing.T) {
	const embed = "package frontend\n\nimport \"embed\"\n\nvar (\n\t//go:embed dist/*\n\tassets embed.FS\n)\n"
	for name, c := range map[string]struct {
		files map[string]string
		want  string // Dir Out Script Tool, "" for none
		warn  bool
	}{
		"placeholder and an --outDir outside the UI folder": {map[string]string{
			"server/frontend/frontend.go":     embed,
			"server/frontend/dist/index.html": "<p>build the UI first</p>",
			"web/package.json":                `{"scripts":{"build":"vite build","release":"vite build --mode release --outDir=../server/frontend/dist"}}`,
			"web/pnpm-lock.yaml":              "lockfileVersion: '9.0'\n",
		}, "web server/frontend/dist release pnpm", false},
		"a committed UI is not rebuilt": {map[string]string{
			"server/frontend/frontend.go":     embed,
			"server/frontend/dist/index.html": "<p>ui</p>",
			"server/frontend/dist/app.js":     "x()",
			"server/frontend/package.json":    `{"scripts":{"build":"vite build"}}`,
		}, "", false},
		"missing and nothing builds it: a warning": {map[string]string{
			"server/frontend/frontend.go": embed,
		}, "", true},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "go.mod", "module example.com/x\n\ngo 1.23\n")
			writeFile(t, root, "main.go", "package main\n\nimport _ \"example.com/x/server/frontend\"\n\nfunc main() {}\n")
			for f, data := range c.files {
				writeFile(t, root, f, data)
			}
			res, err := detect.Dir(root)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if ui := res.Projects[0].Go.UI; ui != nil {
				got = strings.Join([]string{ui.Dir, ui.Out, ui.Script, ui.Tool}, " ")
			}
			if got != c.want {
				t.Errorf("UI %q, want %q", got, c.want)
			}
			warned := false
			for _, w := range res.Warnings {
				warned = warned || strings.Contains(w.Msg, "go:embed names server/frontend/dist")
			}
			if warned != c.warn {
				t.Errorf("warning %v, want %v: %v", warned, c.warn, res.Warnings)
			}
		})
	}
}

// Writable working directory and runtime folders: a data flag defaulting
// to a relative path, a direct SQLite driver (not an indirect one), and
// committed folders the code opens by relative path (not Go packages).
func TestGoWorkdir(t *testing.T) {
	for name, c := range map[string]struct {
		files   map[string]string
		workdir bool
		dirs    string
	}{
		"relative database flag": {map[string]string{
			"main.go": "package main\n\nfunc init() { flags.StringP(\"database\", \"d\", \"./app.db\", \"database path\") }\n",
		}, true, ""},
		"indirect sqlite does not count": {map[string]string{
			"go.mod":  "module example.com/x\n\ngo 1.23\n\nrequire github.com/mattn/go-sqlite3 v1.14.15 // indirect\n",
			"main.go": "package main\n\nfunc main() {}\n",
		}, false, ""},
		"migrations by file URL, config package skipped": {map[string]string{
			"main.go":                  "package main\n\nvar src = \"file://migrations\"\nvar cfg = \"config/app.yml\"\n",
			"migrations/1_init.up.sql": "create table t (id int);\n",
			"config/config.go":         "package config\n",
			"config/app.yml":           "a: 1\n",
		}, false, "migrations"},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "go.mod", "module example.com/x\n\ngo 1.23\n")
			for f, data := range c.files {
				writeFile(t, root, f, data)
			}
			res, err := detect.Dir(root)
			if err != nil {
				t.Fatal(err)
			}
			g := res.Projects[0].Go
			if g.Workdir != c.workdir || strings.Join(g.RuntimeDirs, ",") != c.dirs {
				t.Errorf("workdir %v dirs %q, want %v %q", g.Workdir, g.RuntimeDirs, c.workdir, c.dirs)
			}
			if (g.DataFlag != "") != (name == "relative database flag") {
				t.Errorf("DataFlag %q (lint's DG834 reads it: a data flag only)", g.DataFlag)
			}
		})
	}
}

// A Dockerfile dockgen generated earlier is not the repository's word on
// how the binary starts.
func TestGoIgnoresGeneratedDockerfile(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "go.mod", "module example.com/app\n\ngo 1.23\n")
	writeFile(t, root, "main.go", "package main\n\nimport \"github.com/spf13/cobra\"\n\nvar a = &cobra.Command{Use: \"serve\"}\nvar b = &cobra.Command{Use: \"migrate\"}\n\nfunc main() { _ = http.ListenAndServe(\":1\", nil) }\n")
	writeFile(t, root, "Dockerfile", "# syntax=docker/dockerfile:1\n# Generated by dockgen from the go template (region global).\nFROM scratch\nENV APP_LISTEN=0.0.0.0:9999\nENTRYPOINT [\"/usr/local/bin/app\"]\nCMD [\"migrate\"]\n")
	res, err := detect.Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	g := res.Projects[0].Go
	if g.Subcommand == "migrate" || g.ListenEnv != "" {
		t.Errorf("read the generated Dockerfile: subcommand %q, env %q", g.Subcommand, g.ListenEnv)
	}
}

// vendor/ is the build's only when the go command would use it: a go
// directive of 1.14 or later (before that, modules are downloaded, and an
// old vendor/ is often out of date with go.mod).
func TestVendorFollowsTheGoDirective(t *testing.T) {
	for _, c := range []struct {
		goVersion string
		vendor    bool
	}{{"1.13", false}, {"1.14", true}, {"1.22.5", true}} {
		dir := t.TempDir()
		for name, body := range map[string]string{
			"go.mod":             "module example.com/svc\n\ngo " + c.goVersion + "\n",
			"vendor/modules.txt": "# example.com/dep v1.0.0\n",
			"main.go":            "package main\n\nfunc main() {}\n",
		} {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		p, _, err := detect.DetectLang(dir, "go")
		if err != nil {
			t.Fatal(err)
		}
		if p.Go.Vendor != c.vendor {
			t.Errorf("go %s: vendor %v, want %v", c.goVersion, p.Go.Vendor, c.vendor)
		}
	}
}
