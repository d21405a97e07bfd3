package detect_test

import (
	"os"
	"path/filepath"
	"slices"
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
		{"a default port constant in a package the main imports", map[string]string{
			"main.go":         "package main\n\nimport \"example.com/acme/app/server\"\n\nfunc main() { server.Run() }\n",
			"server/const.go": "package server\n\nconst (\n\t// DEFAULT_PORT is the default port for client connections.\n\tDEFAULT_PORT = 4222\n\tDEFAULT_HTTP_PORT = 8222\n)\n",
			"server/run.go":   "package server\n\nimport \"net\"\n\nfunc Run() { _, _ = net.Listen(\"tcp\", addr) }\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Port != 4222 {
				t.Errorf("port %d, want 4222", p.Port)
			}
		}},
		{"a port assigned in the config defaults beats a frontend dev port in the Makefile", map[string]string{
			"main.go":          "package main\n\nimport (\n\t\"net/http\"\n\t\"example.com/acme/app/config\"\n)\n\nfunc main() { c := config.Defaults(); _ = http.ListenAndServe(c.HttpHost+\":\"+c.HttpPort, nil) }\n",
			"config/config.go": "package config\n\ntype C struct{ HttpHost, HttpPort string }\n\nfunc Defaults() *C {\n\tc := &C{}\n\tc.HttpHost = \"0.0.0.0\"\n\tc.HttpPort = \"6157\"\n\treturn c\n}\n",
			"Makefile":         "watch_frontend:\n\tnpx vite -c public/vite.config.js --port 16157 --host\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Port != 6157 {
				t.Errorf("port %d, want 6157", p.Port)
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
		{"go-flags subcommands are tagged struct fields", map[string]string{
			"main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"github.com/jessevdk/go-flags\"\n)\n\ntype opts struct {\n\tServer serverCmd `command:\"server\"`\n\tBackup backupCmd `command:\"backup\"`\n\tURL string `long:\"url\" env:\"APP_URL\"`\n}\n\nfunc main() { _ = http.ListenAndServe(\":8080\", nil) }\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Go.Subcommand != "server" {
				t.Errorf("subcommand %q, want server", p.Go.Subcommand)
			}
		}},
		{"a project's own command registry, a usage example; start detaches, run serves", map[string]string{
			"main.go":         "package main\n\nimport \"example.com/acme/app/cmd\"\n\nfunc main() { cmd.Main() }\n",
			"cmd/root.go":     "package cmd\n\nimport \"github.com/spf13/cobra\"\n\nvar root = &cobra.Command{\n\tUse: bin,\n\tExample: `  $ app start\n  $ app run --config app.json\n  $ app stop`,\n}\n",
			"cmd/commands.go": "package cmd\n\nimport \"net\"\n\nfunc init() {\n\tRegisterCommand(Command{\n\t\tName:  \"start\",\n\t\tShort: \"Starts the process in the background and then returns\",\n\t})\n\tRegisterCommand(Command{\n\t\tName: \"run\",\n\t\tFunc: func() error { _, err := net.Listen(\"tcp\", \":2019\"); return err },\n\t})\n\tRegisterCommand(Command{Name: \"stop\"})\n}\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Go.Subcommand != "run" {
				t.Errorf("subcommand %q, want run", p.Go.Subcommand)
			}
		}},
		{"a table of Command literals is not a CLI's subcommands", map[string]string{
			"main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { _ = http.ListenAndServe(\":8080\", nil) }\n",
			"bot.go":  "package main\n\nvar commands = []Command{\n\t{Name: \"start\", Help: \"greets the user\"},\n}\n\nvar help = Command{Name: \"serve\"}\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Go.Subcommand != "" {
				t.Errorf("subcommand %q", p.Go.Subcommand)
			}
		}},
		{"a flag whose help names what is connected to is not a listen address; one whose help says listen is", map[string]string{
			"main.go":  "package main\n\nimport \"net/http\"\n\nfunc main() { _ = http.ListenAndServe(*addr, nil) }\n",
			"flags.go": "package main\n\nvar (\n\tdbHost = flag.String(\"host\", \"localhost\", \"host of the database\")\n\taddr   = flag.String(\"addr\", \"127.0.0.1:9000\", \"address the server listens on\")\n)\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Go.ListenFlag != "addr" || p.Port != 9000 {
				t.Errorf("took flag %q port %d, want addr 9000", p.Go.ListenFlag, p.Port)
			}
		}},
		{"connect-side flags and env with loopback defaults are not listen addresses", map[string]string{
			"main.go":  "package main\n\nimport \"net/http\"\n\nfunc main() { _ = http.ListenAndServe(\":8087\", nil) }\n",
			"flags.go": "package main\n\nfunc init() {\n\tcmd.PersistentFlags().String(\"master-host\", \"127.0.0.1\", \"host of master node\")\n}\n\ntype opts struct {\n\tRedisAddr string `long:\"redis_addr\" env:\"REDIS_ADDR\" default:\"127.0.0.1:6379\"`\n}\n",
		}, func(t *testing.T, p *detect.Project) {
			if p.Go.ListenFlag != "" || p.Go.ListenEnv != "" || p.Port == 6379 {
				t.Errorf("took flag %q env %q port %d", p.Go.ListenFlag, p.Go.ListenEnv, p.Port)
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
		"files inside a Vite root built in place, config named by -c": {map[string]string{
			"server/frontend/fs_embed.go":    "//go:build fs_embed\n\npackage frontend\n\nimport \"embed\"\n\n//go:embed .vite/manifest.json assets/*.js\nvar assets embed.FS\n",
			"server/frontend/vite.config.js": "export default defineConfig({\n    root: './server/frontend',\n    build: {\n        outDir: '',\n        manifest: true,\n    }\n})\n",
			"server/frontend/ts/main.ts":     "console.log(1)\n",
			"package.json":                   `{"scripts":{"dev":"vite -c server/frontend/vite.config.js","build":"node_modules/.bin/vite -c server/frontend/vite.config.js build"}}`,
			"package-lock.json":              "{}",
		}, ". server/frontend build npm server/frontend/.vite/manifest.json server/frontend/assets", false},
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
				got = strings.Join(append([]string{ui.Dir, ui.Out, ui.Script, ui.Tool}, ui.Copy...), " ")
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
		"a struct-tag option whose default is relative": {map[string]string{
			"main.go": "package main\n\ntype opts struct {\n\tWebRoot string `long:\"web-root\" default:\"./web\"`\n\tBolt struct {\n\t\tPath string `long:\"path\" env:\"BOLT_PATH\" default:\"./var\" description:\"bolt files\"`\n\t}\n}\n\nfunc main() {}\n",
		}, true, ""},
		"an SQLite file opened by a relative literal": {map[string]string{
			"main.go": "package main\n\nfunc main() { db, _ := sql.Open(\"sqlite3\", \"./data/app.db\"); _ = db }\n",
		}, true, ""},
		"a data folder assigned the working directory": {map[string]string{
			"main.go": "package main\n\nfunc main() {\n\tif p.Data == \"\" {\n\t\tp.Data = \".\"\n\t}\n}\n",
		}, true, ""},
		"an absolute SQLite file says nothing of the working directory": {map[string]string{
			"main.go": "package main\n\nfunc main() { db, _ := sql.Open(\"sqlite3\", \"/var/lib/app.db\"); _ = db }\n",
		}, false, ""},
		"a static folder assigned is read, not written": {map[string]string{
			"main.go": "package main\n\nfunc main() { cfg.StaticDir = \"./static\" }\n",
		}, false, ""},
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
			if (g.DataFlag != "") != (name == "relative database flag" || name == "a struct-tag option whose default is relative" || name == "an SQLite file opened by a relative literal" || name == "a data folder assigned the working directory") {
				t.Errorf("DataFlag %q (lint's DG834 reads it: a data flag only)", g.DataFlag)
			}
			if name == "an SQLite file opened by a relative literal" && g.DataDir != "data" {
				t.Errorf("DataDir %q, want data (the database's folder)", g.DataDir)
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

// Committed root files the main package opens by a literal relative path
// are copied into the working directory; a library's paths, a secret and
// code are not.
func TestGoRuntimeFiles(t *testing.T) {
	root := t.TempDir()
	for f, data := range map[string]string{
		"go.mod":                              "module example.com/x\n\ngo 1.23\n",
		"main.go":                             "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n\t\"example.com/x/lib\"\n)\n\nvar conf = kingpin.Flag(\"config\", \"\").Default(\"./config.json\").String()\n\nfunc main() {\n\tv, _ := os.ReadFile(\"./VERSION\")\n\t_, _ = os.ReadFile(\"server.key\")\n\t_, _ = os.Open(\"./missing.txt\")\n\tlib.Load(v)\n\t_ = http.ListenAndServe(\":8080\", nil)\n}\n",
		"lib/lib.go":                          "package lib\n\nimport \"os\"\n\nfunc Load([]byte) { _, _ = os.ReadFile(\"./notes.txt\") }\n",
		"config.json":                         "{\n\t\"admin_server\": {\n\t\t\"listen_url\": \"127.0.0.1:3333\"\n\t},\n\t\"migrations_prefix\": \"db/db_\",\n\t\"docs\": \"https://example.com/x/y\"\n}\n",
		"db/db_sqlite3/migrations/1_init.sql": "create table t (id int);\n",
		"VERSION":                             "1.0\n",
		"server.key":                          "x\n",
		"notes.txt":                           "x\n",
	} {
		writeFile(t, root, f, data)
	}
	res, err := detect.Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.Projects[0].Go.RuntimeFiles, ","); got != "VERSION,config.json" {
		t.Errorf("runtime files %q, want VERSION,config.json", got)
	}
	// The copied config names db/: copied too.
	if got := strings.Join(res.Projects[0].Go.RuntimeDirs, ","); got != "db" {
		t.Errorf("runtime dirs %q, want db", got)
	}
	// The copied config binds loopback: said, with the file and line.
	warned := false
	for _, w := range res.Warnings {
		warned = warned || (w.File == "config.json" && w.Line == 3 && strings.Contains(w.Msg, "listen_url is 127.0.0.1:3333"))
	}
	if !warned {
		t.Errorf("no loopback warning for config.json: %v", res.Warnings)
	}
}

// An Elm UI fetches its packages from package.elm-lang.org: the stage says so
// and caches them.
func TestGoEmbeddedElmUI(t *testing.T) {
	root := t.TempDir()
	for f, data := range map[string]string{
		"go.mod":                   "module example.com/x\n\ngo 1.23\n",
		"main.go":                  "package main\n\nimport _ \"example.com/x/ui\"\n\nfunc main() {}\n",
		"ui/web.go":                "package ui\n\nimport \"embed\"\n\n//go:embed app/dist\nvar assets embed.FS\n",
		"ui/app/package.json":      `{"scripts":{"build":"vite build"},"devDependencies":{"elm":"0.19.1-6","vite":"^8.0.0","vite-plugin-elm":"^3.0.1"}}`,
		"ui/app/elm.json":          `{"type":"application","source-directories":["src"]}`,
		"ui/app/src/Main.elm":      "module Main exposing (main)\n",
		"ui/app/package-lock.json": "{}",
	} {
		writeFile(t, root, f, data)
	}
	res, err := detect.Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	if ui := res.Projects[0].Go.UI; ui == nil || !ui.Elm || ui.Out != "ui/app/dist" {
		t.Errorf("UI %+v, want the Elm build of ui/app/dist", ui)
	}
}

// A Makefile recipe builds the UI in its folder and moves the output to the
// embedded folder: the UI stage runs the script and those steps; a recipe
// with any other step is not followed.
func TestGoEmbeddedUIFromMakefile(t *testing.T) {
	for name, c := range map[string]struct {
		recipe string
		post   string // the steps, "" when the recipe is not followed
	}{
		"moved into place": {"web-build:\n\tcd web \\\n\t\t&& npm run build \\\n\t\t&& mv build/index.html build/app.html \\\n\t\t&& rm -rf ../server/site \\\n\t\t&& mv build ../server/site\n",
			"mv build/index.html build/app.html|rm -rf ../server/site|mkdir -p ../server|mv build ../server/site"},
		"a step that is not a move":  {"web-build:\n\tcd web && npm run build && sed -i s/a/b/ build/x && mv build ../server/site\n", ""},
		"a path outside the project": {"web-build:\n\tcd web && npm run build && mv build ../../site\n", ""},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			for f, data := range map[string]string{
				"go.mod":                "module example.com/x\n\ngo 1.23\n",
				"main.go":               "package main\n\nimport _ \"example.com/x/server\"\n\nfunc main() {}\n",
				"server/server.go":      "package server\n\nimport \"embed\"\n\n//go:embed site\nvar site embed.FS\n",
				"web/package.json":      `{"scripts":{"build":"vite build"},"devDependencies":{"vite":"^6.0.0"}}`,
				"web/package-lock.json": "{}",
				"web/vite.config.js":    "export default { build: { outDir: \"build\" } }\n",
				"Makefile":              c.recipe,
			} {
				writeFile(t, root, f, data)
			}
			res, err := detect.Dir(root)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if ui := res.Projects[0].Go.UI; ui != nil {
				var steps []string
				for _, s := range ui.Post {
					steps = append(steps, strings.Join(s, " "))
				}
				got = strings.Join(steps, "|")
				if ui.Out != "server/site" || ui.Dir != "web" {
					t.Errorf("UI %s -> %s", ui.Dir, ui.Out)
				}
			}
			if got != c.post {
				t.Errorf("steps %q, want %q", got, c.post)
			}
		})
	}
}

// A server that checks a program's version relies on it: said, since the
// distroless runtime has none; a CLI, or a file for another OS, is not.
func TestGoVersionCheckedProgram(t *testing.T) {
	for name, c := range map[string]struct {
		files map[string]string
		warn  bool
	}{
		"a server checking git": {map[string]string{
			"main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { _ = http.ListenAndServe(\":6157\", nil) }\n",
			"git.go":  "package main\n\nimport \"os/exec\"\n\nfunc gitVersion() ([]byte, error) {\n\treturn exec.Command(\"git\", \"--version\").Output()\n}\n",
		}, true},
		"a CLI": {map[string]string{
			"main.go": "package main\n\nimport \"os/exec\"\n\nfunc main() { _, _ = exec.Command(\"git\", \"--version\").Output() }\n",
		}, false},
		"only on windows": {map[string]string{
			"main.go":        "package main\n\nimport \"net/http\"\n\nfunc main() { _ = http.ListenAndServe(\":6157\", nil) }\n",
			"git_windows.go": "package main\n\nimport \"os/exec\"\n\nvar c = exec.Command(\"git\", \"version\")\n",
		}, false},
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
			warned := false
			for _, w := range res.Warnings {
				warned = warned || strings.Contains(w.Msg, "checks the version of git")
			}
			if warned != c.warn {
				t.Errorf("warned %v, want %v: %v", warned, c.warn, res.Warnings)
			}
		})
	}
}

// The UI's own install scripts are split as the Node kind splits them: all
// dropped from the install that runs before the sources are copied, those
// that build something rerun after; a git-hook installer is not rerun; a
// workspace copied whole before its install keeps them.
func TestGoEmbeddedUIInstallScripts(t *testing.T) {
	for name, c := range map[string]struct {
		files     map[string]string
		drop, run []string
		skipHooks bool
	}{
		"postinstall needs sources": {files: map[string]string{
			"ui/package.json":      `{"scripts":{"build":"vite build","postinstall":"bin/update-workbox.sh","prepare":"husky"},"devDependencies":{"vite":"^8.0.0"}}`,
			"ui/package-lock.json": "{}",
		}, drop: []string{"postinstall", "prepare"}, run: []string{"postinstall"}},
		"hooks and a build": {files: map[string]string{
			"ui/package.json": `{"scripts":{"build":"vite build","prepare":"husky && node gen.js"},"devDependencies":{"vite":"^8.0.0"}}`,
			"ui/yarn.lock":    "",
		}, drop: []string{"prepare"}, run: []string{"prepare"}, skipHooks: true},
		"no install scripts": {files: map[string]string{
			"ui/package.json":      `{"scripts":{"build":"vite build"},"devDependencies":{"vite":"^8.0.0"}}`,
			"ui/package-lock.json": "{}",
		}},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, root, "go.mod", "module example.com/x\n\ngo 1.23\n")
			writeFile(t, root, "main.go", "package main\n\nimport \"embed\"\n\n//go:embed ui/dist\nvar assets embed.FS\n\nfunc main() {}\n")
			for f, data := range c.files {
				writeFile(t, root, f, data)
			}
			res, err := detect.Dir(root)
			if err != nil {
				t.Fatal(err)
			}
			ui := res.Projects[0].Go.UI
			if ui == nil {
				t.Fatal("no UI build found")
			}
			if !slices.Equal(ui.DropScripts, c.drop) || !slices.Equal(ui.RunScripts, c.run) || ui.SkipHooks != c.skipHooks {
				t.Errorf("drop %q run %q skipHooks %v, want %q %q %v", ui.DropScripts, ui.RunScripts, ui.SkipHooks, c.drop, c.run, c.skipHooks)
			}
		})
	}
}

// A replace target inside the module is read by go mod download: its
// go.mod and go.sum are listed for the download step, relative to the
// module; the build root stays the module.
func TestGoReplaceInsideModule(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "go.mod", "module example.com/x\n\ngo 1.23\n\nrequire example.com/x/core v0.0.0\n\nreplace (\n\texample.com/x/core => ./core/\n\texample.com/x/sdk/go => ./sdk/go\n\tgithub.com/a/b => github.com/c/b v1.0.0\n)\n")
	writeFile(t, root, "main.go", "package main\n\nfunc main() {}\n")
	writeFile(t, root, "core/go.mod", "module example.com/x/core\n\ngo 1.23\n")
	writeFile(t, root, "core/go.sum", "")
	writeFile(t, root, "sdk/go/go.mod", "module example.com/x/sdk/go\n\ngo 1.23\n")
	res, err := detect.Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	p := res.Projects[0]
	if want := []string{"core/go.mod", "core/go.sum", "sdk/go/go.mod"}; !slices.Equal(p.Go.ReplaceManifests, want) || (p.BuildRoot != "" && p.BuildRoot != ".") {
		t.Errorf("replace manifests %q build root %q, want %q and none", p.Go.ReplaceManifests, p.BuildRoot, want)
	}
}

// A program that keeps files beside its executable gets its binary in /app
// (ExecDir), the runtime user's working directory.
func TestGoExecDir(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "go.mod", "module example.com/x\n\ngo 1.23\n")
	writeFile(t, root, "main.go", "package main\n\nimport (\n\t\"os\"\n\t\"path/filepath\"\n)\n\nfunc main() { _ = os.MkdirAll(filepath.Join(filepath.Dir(os.Args[0]), \"data\"), 0o755) }\n")
	res, err := detect.Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	if g := res.Projects[0].Go; !g.ExecDir || !g.Workdir {
		t.Errorf("ExecDir %v Workdir %v, want both", g.ExecDir, g.Workdir)
	}
}
