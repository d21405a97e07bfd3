package detect

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dockgen/dockgen/generator/kind"
	"github.com/dockgen/dockgen/generator/plan"
)

// How a Go binary is started: its subcommand, a listen address that
// defaults to loopback, $PORT, or no listener at all. Everything is read
// literally from the sources and the repository's own start files; what
// cannot be read is left alone (the user passes it).

// Bounds of the source scan: the main package first, then the module's
// other packages breadth-first.
const (
	maxScanFiles = 3000
	maxScanBytes = 32 << 20
	maxScanFile  = 512 << 10
)

var (
	loopbackHost = `(?:localhost|127\.0\.0\.1|\[::1\])`
	// flag.String("addr", "localhost:8080", ...), fs.StringVar(&a, "addr", ...),
	// pflag's StringP("address", "a", "127.0.0.1", ...).
	flagLoopbackRe = lazy(`\.String(?:Var)?P?\(\s*(?:&[\w.\[\]]+\s*,\s*)?"([A-Za-z][\w-]*)"\s*,\s*(?:"\w?"\s*,\s*)?"(` + loopbackHost + `)(?::(\d{2,5}))?"(?:\s*,\s*"([^"\n]*)")?`)
	// A listen flag with an empty default whose variable the code then sets
	// to loopback: StringVar(&httpAddr, "http", "", ...) ... httpAddr = "127.0.0.1:8090".
	flagEmptyRe = lazy(`\.StringVarP?\(\s*&([\w.]+)\s*,\s*"([A-Za-z][\w-]*)"\s*,\s*(?:"\w?"\s*,\s*)?""`)
	// urfave/cli: &cli.StringFlag{Name: "listen", Value: "127.0.0.1:80", EnvVars: []string{"LISTEN"}}.
	cliFlagRe   = lazy(`cli\.StringFlag\{`)
	cliNameRe   = lazy(`\bName:\s*"([A-Za-z][\w-]*)"`)
	cliValueRe  = lazy(`\bValue:\s*"(` + loopbackHost + `)(?::(\d{2,5}))?"`)
	cliEnvVarRe = lazy(`\bEnvVars?:\s*(?:\[\]string\{|cli\.EnvVars\()\s*"([A-Z][A-Z0-9_]*)"`)
	// An env var named like a listen address whose default is loopback:
	// getenv("LISTEN_ADDR", "127.0.0.1:8080"), a defaults table.
	envLoopbackRe = lazy(`"([A-Z][A-Z0-9_]*(?:ADDR|ADDRESS|HOST|LISTEN|BIND|LISTENER)[A-Z0-9_]*)"[^"\n]*(?:\n[^"\n]*){0,2}"(` + loopbackHost + `)(?::(\d{2,5}))?"`)
	// A Dockerfile ENV that opens a listen address: ENV OLLAMA_HOST=0.0.0.0:11434.
	dockerEnvRe = lazy(`(?m)^\s*ENV\s+(.*)$`)
	listenEnvRe = lazy(`^[A-Z][A-Z0-9_]*(?:ADDR|ADDRESS|HOST|LISTEN|BIND|LISTENER)[A-Z0-9_]*$`)
	// A port flag beside a bare-host listen flag: StringP("port", "p", "8080", ...), Int("port", 8080, ...).
	portFlagRe = lazy(`\.(?:String|Int|Uint)(?:Var)?P?\(\s*(?:&[\w.\[\]]+\s*,\s*)?"port"\s*,\s*(?:"\w?"\s*,\s*)?"?(\d{2,5})\b`)
	// listenFlagRe: flag names that set where a server listens.
	listenFlagRe = lazy(`(?i)^(?:[a-z0-9]+[-_])*(?:addr|address|listen|listener|bind|host|http|https|web)(?:[-_][a-z0-9]+)*$`)
	openAddrRe   = lazy(`^(?:0\.0\.0\.0|\[::\]|::)?(?::([0-9]{2,5}))?$`)

	// A relative path to a committed runtime folder: "conf/app.ini",
	// "./templates/*", "file://migrations".
	relPathRe = lazy(`"(?:file://)?(?:\./)?(conf|config|configs|templates|template|views|static|public|migrations|locales|i18n|assets)(?:/[^"\n]*)?"`)
	// A file opened by a literal relative path: "./VERSION" anywhere, or a
	// bare name as the first argument of an open or a flag default:
	// os.ReadFile("config.json"), kingpin's Default("./config.json").
	relFileRe = lazy(`"\./([A-Za-z0-9][\w.-]*)"|\b(?:Open|OpenFile|ReadFile|Default|ParseFiles|SetConfigFile|LoadFile)\(\s*"([A-Za-z0-9][\w.-]*)"`)
	// runtimeFileRe: a plain file name; notRuntimeFileRe: what is code, module
	// metadata, or kept out of the build context by the .dockerignore.
	runtimeFileRe    = lazy(`^[A-Za-z0-9][\w.-]{0,99}$`)
	notRuntimeFileRe = lazy(`(?i)\.(?:go|mod|sum|pem|key|crt|test|out)$|^(?:go\.work|Dockerfile.*|compose.*|docker-compose.*|credentials\.json|Makefile|\.+)$`)
	// A data location flag or setting that defaults to the working
	// directory: ("database", "./app.db"), ("datadir", "."), ("data", "data").
	dataNameRe = lazy(`(?i)(data|dir|db|database|storage|root|folder|path)$`)
	dataFlagRe = lazy(`"([A-Za-z_-]*?(?:data|dir|db|database|storage|root)[\w-]*)"\s*,\s*(?:"\w?"\s*,\s*)?"(\.|\./[\w./-]*|[\w-]+\.(?:db|sqlite3?)|data)"`)
	// The same as a struct-tag option (go-flags, kong): a field tagged
	// long:"path" ... default:"./var".
	tagDataRe = lazy("`[^`\n]*\\blong:\"([\\w-]*(?:path|dir|data|db|database|storage|store|file|location)[\\w-]*)\"[^`\n]*\\bdefault:\"(\\.|\\./[\\w./-]*|[\\w-]+\\.(?:db|sqlite3?))\"")
	// An SQLite database opened by a literal relative path:
	// sqlite.Open("./app.db"), sql.Open("sqlite3", "./x.db"),
	// gorm.Open("sqlite3", "./../gorm.db"). The folder of the file must be
	// writable (the journal is created beside it).
	sqliteDSNRe = lazy(`(?:\bsqlite3?\.Open\(|\b(?:gorm|sql|sqlx)\.(?:Open|Connect)\(\s*"sqlite3?"\s*,)\s*"((?:\./|\.\./)*[\w.-]+(?:/[\w.-]+)*)"`)
	// A data folder defaulting to the working directory by assignment:
	// p.Data = ".", cfg.DataDir = "./data".
	dataAssignRe = lazy(`\b\w+\.((?:Data|Storage|Database|DB)(?:Dir|Path|Folder|Directory)?)\s*=\s*"(\.|\./[\w./-]*)"`)
	// A listen port default: Int("port", 8081, ...), SetDefault("port", 4533),
	// StringP("http-port", "p", "8080", ...), EmptyOr(c.BindPort, 7000),
	// a config literal Port: 80, a struct tag `default:"80"` on Port.
	portDefaultRe = lazy(`(?i)"(?:http[-_.]?|listen[-_.]?|bind[-_.]?|web[-_.]?|server[-_.]?)?port"\s*,\s*(?:"\w?"\s*,\s*)?"?(\d{2,5})\b|\b(?:Bind|Listen|HTTP|Http|Web)Port\b[^\n]{0,20}?,\s*(\d{2,5})\)|\b(?:Listen|HTTP|Http)?Port:\s*(\d{2,5}),|\b(?:Listen|HTTP|Http)?Port\s+u?int\d*\s+` + "`" + `[^` + "`" + `\n]*default:"(\d{2,5})"` +
		// a default port constant or assignment: DEFAULT_PORT = 4222,
		// DefaultHTTPPort = 8080, c.HttpPort = "6157".
		`|\b(?:DEFAULT_(?:HTTP_|LISTEN_|SERVER_)?PORT|Default(?:HTTP|Http|Listen|Server)?Port|(?:HTTP|Http|Listen)Port)\s*:?=\s*"?(\d{2,5})\b`)
	// A program's version checked: exec.Command("git", "--version").
	versionCheckRe = lazy(`\bexec\.Command\(\s*"([a-z][a-z0-9._-]{0,40})"\s*,\s*"-{0,2}version"\s*\)`)
	// A file built for another OS only: the Linux image never runs it.
	goOSFileRe = lazy(`_(?:windows|darwin|ios|android|freebsd|openbsd|netbsd|dragonfly|plan9|solaris|illumos|aix|js|wasip1)(?:_[a-z0-9]+)?\.go$`)
	// gin's Engine.Run() without an address: $PORT, else :8080.
	ginRunRe    = lazy(`\.Run\(\)`)
	readsPortRe = lazy(`os\.(?:Getenv|LookupEnv)\(\s*"PORT"\s*\)`)
	// Signs that the program serves: a listener from the standard library or
	// a web/RPC framework's start call.
	listenerRe = lazy(`\b(?:ListenAndServe\w*|net\.Listen\w*|tls\.Listen|Serve(?:TLS)?|RunTLS|StartTLS)\(|"github\.com/(?:gin-gonic/gin|labstack/echo[^"]*|gofiber/fiber[^"]*)"|"google\.golang\.org/grpc"`)

	cobraCmdRe = lazy(`cobra\.Command\{`)
	cobraUseRe = lazy(`\bUse:\s*"([A-Za-z][\w-]*)`)
	cobraRunRe = lazy(`\b(?:Run|RunE):\s`)
	// A command literal with a Name: urfave's cli.Command{Name: "serve"}, or
	// one passed to a project's own registry (RegisterCommand(Command{Name:
	// "run", ...})); a Command{Name: "start"} table of a chat bot is no CLI.
	cliCommandRe = lazy(`(?:\bcli\.|\(\s*&?(?:\w+\.)?)Command\{[^{}]{0,400}?\bName:\s*"([A-Za-z][\w-]*)"`)
	// go-flags subcommands are struct fields tagged `command:"server"`.
	goFlagsCommandRe = lazy("`[^`\n]*\\bcommand:\"([A-Za-z][\\w-]*)\"")
	// A usage example in the sources (cobra's Example, a help text):
	// "  $ caddy run --config caddy.json".
	// A command whose short help says it detaches ("Starts the process in
	// the background and then returns"): a container's process would exit.
	detachesRe    = lazy("(?i)\\bShort:\\s*[\"`][^\"`\\n]*(?:in the background|daemoni[sz]e|detach)")
	usageLineRe   = lazy(`(?m)^[\s` + "`" + `"]*\$\s+(?:\./)?([A-Za-z][\w.-]*)\s+([a-z][\w-]*)\b`)
	cliCommandsRe = lazy(`\[\]\*?cli\.Command\{`)
	cliAppRe      = lazy(`cli\.(?:App|Command)\{`)
	cliActionRe   = lazy(`\bAction:\s`)
)

// goServeCommands are subcommand names that start a server, most specific first.
var goServeCommands = []string{"serve", "server", "start", "run", "web", "daemon"}

// listenSetting is a loopback default and how to open it.
type listenSetting struct {
	flag, env string // the flag's name or the environment variable's
	hostOnly  bool   // the default is a bare host ("127.0.0.1"); the port is another setting
	port      int    // the default's port, 0 when none
	file      string
	line      int
}

// srcFile is a Go source file and its (bounded) contents.
type srcFile struct {
	name string
	data []byte
}

// goSources lists the Go source files of the packages the main package
// builds: the main package first, then the module's packages it imports,
// transitively (breadth-first, bounded). Other mains' flags, a desktop
// app's embedded UI or a client's settings are not the server's. Without
// a module path every package in dirs is scanned.
func goSources(d *dir, dirs []string, entry, module string) []srcFile {
	pkg := strings.TrimPrefix(entry, "./")
	if pkg == "" {
		pkg = "."
	}
	inModule := map[string]bool{}
	for _, rel := range dirs {
		inModule[rel] = true
	}
	queue := []string{pkg}
	if module == "" {
		queue = append(queue, dirs...)
	}
	var importRe *regexp.Regexp
	if module != "" {
		// go.mod is the repository's: a module path that is no valid UTF-8
		// makes no pattern (and imports nothing).
		importRe, _ = regexp.Compile(`"(` + regexp.QuoteMeta(module) + `(?:/[A-Za-z0-9_./-]*)?)"`)
	}
	var files []srcFile
	total := 0
	seen := map[string]bool{}
	for len(queue) > 0 {
		rel := queue[0]
		queue = queue[1:]
		if seen[rel] {
			continue
		}
		seen[rel] = true
		for _, e := range d.list(rel) {
			n := e.Name()
			if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
				continue
			}
			f := path.Join(rel, n)
			data := d.read(f)
			if len(data) > maxScanFile {
				data = data[:maxScanFile]
			}
			if total += len(data); total > maxScanBytes || len(files) >= maxScanFiles {
				return files
			}
			files = append(files, srcFile{f, data})
			if importRe == nil {
				continue
			}
			for _, m := range importRe.FindAllSubmatch(data, -1) {
				imp := string(m[1])
				sub := "."
				if imp != module {
					sub = strings.TrimPrefix(imp, module+"/")
				}
				if inModule[sub] && !seen[sub] {
					queue = append(queue, sub)
				}
			}
		}
	}
	return files
}

// detectGoRun reads how the binary starts from the sources in dirs (the
// packages goMains visited) and the repository's start files: one scan of
// the sources, then each decision from what it found.
func detectGoRun(d *dir, p *Project, dirs []string) {
	r := newGoRun(d, p)
	for _, src := range goSources(d, dirs, p.Entry, p.Go.Module) {
		r.scan(src)
	}
	r.chooseSubcommand()
	r.openListen()
	r.choosePort()
	r.copyRuntimeDirs()
	r.copyRuntimeFiles()
	if !r.listener && !r.readsPort && r.listen == nil && p.Go.ListenEnv == "" && p.Go.Subcommand == "" {
		p.Go.NoListener = true
		p.evidence(d.path(strings.TrimPrefix(p.Entry, "./")), 0, "no listener found in the sources (a command-line tool): no EXPOSE")
	} else if r.checks != nil && r.checked != r.binary {
		// A server that checks a program's version relies on it (opengist
		// exits without git); distroless has no such program.
		d.warn(r.checks.file, r.checks.line, "the server checks the version of %s, which the distroless runtime image does not have: if it needs %s, base the runtime stage on an image that has it (e.g. debian:bookworm-slim with apt-get install)", r.checked, r.checked)
	}
}

// srcAt is where in the sources something was read.
type srcAt struct {
	file string
	line int
}

// goRun is what the scan of the sources found about how the binary starts.
type goRun struct {
	d        *dir
	p        *Project
	binary   string
	relCands []string // committed data folders at the module root

	listener  bool
	listen    *listenSetting
	readsPort bool
	portRead  srcAt
	// portDefault: a listen port default in the sources, used when the
	// usual places (the main package, Procfile, Dockerfile) say nothing.
	portDefault   int
	portDefaultAt srcAt

	commands map[string]string // subcommand -> file defining it
	detached map[string]bool   // subcommands that return once a background process runs
	usage    []usageLine       // "$ binary sub" examples in the sources
	rootRuns bool              // the root command does something by itself

	seenEmbed, embedded map[string]bool
	relDirs             map[string]srcAt // top-level dir read by relative path
	relFiles            map[string]srcAt // committed root file the main package opens by relative path
	checks              *srcAt           // where the code checks a program's version
	checked             string           // that program
	mainDir             string           // the main package's folder
}

func newGoRun(d *dir, p *Project) *goRun {
	r := &goRun{
		d: d, p: p, binary: path.Base(p.Entry),
		commands: map[string]string{}, detached: map[string]bool{},
		seenEmbed: map[string]bool{}, embedded: map[string]bool{}, relDirs: map[string]srcAt{},
		relFiles: map[string]srcAt{}, mainDir: path.Clean(strings.TrimPrefix(p.Entry, "./")),
	}
	if p.Entry == "." || p.Entry == "" {
		r.binary = kind.GoModuleBase(p.Go.Module)
	}
	p.Go.StartOf = p.Entry
	// Only committed data folders at the module root can be copied: look
	// for those names alone.
	for _, n := range relPathNames {
		if d.isDir(n) && !hasGoFiles(d, n) {
			r.relCands = append(r.relCands, n)
		}
	}
	return r
}

// has reports whether the file contains any of subs: cheap substring checks
// before each pattern, since a big module has thousands of files and most of
// them match nothing.
func (s srcFile) has(subs ...string) bool {
	for _, sub := range subs {
		if bytes.Contains(s.data, []byte(sub)) {
			return true
		}
	}
	return false
}

func (r *goRun) at(s srcFile, off int) srcAt {
	return srcAt{r.d.path(s.name), lineAt(s.data, off)}
}

// scan reads one source file; the order of the steps is the order of the
// evidence they record.
func (r *goRun) scan(s srcFile) {
	r.scanListener(s)
	r.scanPort(s)
	if r.listen == nil && s.has("localhost", "127.0.0.1", "[::1]") {
		r.listen = findLoopback(r.d, s.name, s.data)
	}
	r.scanRelPaths(s)
	r.scanRelFiles(s)
	r.scanDataDir(s)
	r.scanExecDir(s)
	r.scanEmbeds(s)
	r.scanCommands(s)
	if r.checks == nil && s.has("exec.") && !goOSFileRe.MatchString(s.name) {
		if m := versionCheckRe.get().FindSubmatchIndex(s.data); m != nil {
			at := r.at(s, m[0])
			r.checks = &at
			r.checked = string(s.data[m[2]:m[3]])
		}
	}
}

func (r *goRun) scanListener(s srcFile) {
	if !r.listener && s.has("Listen", "Serve", "RunTLS", "StartTLS", "gin-gonic", "labstack/echo", "gofiber", "google.golang.org/grpc") && listenerRe.Match(s.data) {
		r.listener = true
	}
}

// scanPort finds a listen port default and whether $PORT is read (gin's
// Run() without an address reads it too, else :8080).
func (r *goRun) scanPort(s srcFile) {
	data := s.data
	if r.portDefault == 0 && s.has(`ort"`, "Port,", "Port ,", "Port:", `default:"`, "DEFAULT_", "Default", "Port =", "Port :=") {
		if m := portDefaultRe.get().FindSubmatchIndex(data); m != nil {
			g := 2
			for g < len(m)-2 && m[g] < 0 {
				g += 2
			}
			r.portDefault, _ = strconv.Atoi(string(data[m[g]:m[g+1]]))
			r.portDefaultAt = r.at(s, m[0])
		}
	}
	if !r.readsPort && bytes.Contains(data, []byte(`"github.com/gin-gonic/gin"`)) {
		if loc := ginRunRe.FindIndex(data); loc != nil {
			r.readsPort = true
			r.portRead = r.at(s, loc[0])
			if r.portDefault == 0 {
				r.portDefault, r.portDefaultAt = 8080, r.portRead
			}
		}
	}
	if !r.readsPort && s.has(`"PORT"`) {
		if loc := readsPortRe.FindIndex(data); loc != nil {
			r.readsPort = true
			r.portRead = r.at(s, loc[0])
		}
	}
}

func (r *goRun) scanRelPaths(s srcFile) {
	for _, m := range relPathMatches(s.data, r.relCands) {
		name := string(s.data[m[2]:m[3]])
		if _, ok := r.relDirs[name]; !ok {
			r.relDirs[name] = r.at(s, m[0])
		}
	}
}

// scanRelFiles finds committed files at the module root that the main
// package opens by a literal relative path: os.ReadFile("./VERSION"), a
// flag's Default("./config.json"). Only the main package: a library's
// relative paths are its caller's business.
func (r *goRun) scanRelFiles(s srcFile) {
	if path.Dir(s.name) != r.mainDir || !s.has(`"./`, `("`) {
		return
	}
	for _, m := range relFileRe.get().FindAllSubmatchIndex(s.data, -1) {
		g := 2
		if m[g] < 0 {
			g = 4
		}
		name := string(s.data[m[g]:m[g+1]])
		if _, ok := r.relFiles[name]; !ok && runtimeFile(r.d, name) {
			r.relFiles[name] = r.at(s, m[0])
		}
	}
}

// runtimeFile reports a committed regular file at the module root that can
// be copied into the image: no Go source or module file, nothing the
// .dockerignore keeps out of the context (secrets, Docker files).
func runtimeFile(d *dir, name string) bool {
	if !runtimeFileRe.MatchString(name) || notRuntimeFileRe.MatchString(name) {
		return false
	}
	fi, err := d.stat(name)
	return err == nil && fi.Mode().IsRegular()
}

// execDirRe: a folder derived from the executable's own path (PocketBase's
// pb_data beside the binary), joined with a literal name.
var execDirRe = lazy(`filepath\.Dir\(\s*os\.Args\[0\]\s*\)`)

// scanExecDir finds a program that keeps files beside its executable
// (baseDir = filepath.Dir(os.Args[0]); filepath.Join(baseDir, "pb_data")):
// under /usr/local/bin the runtime user cannot create them.
func (r *goRun) scanExecDir(s srcFile) {
	p := r.p
	if p.Go.ExecDir || !s.has("os.Args[0]") || !s.has("filepath.Join(") || goOSFileRe.MatchString(s.name) {
		return
	}
	m := execDirRe.get().FindIndex(s.data)
	if m == nil {
		return
	}
	p.Go.ExecDir = true
	p.Go.Workdir = true
	p.evidence(r.d.path(s.name), lineAt(s.data, m[0]), "files are kept beside the executable (filepath.Dir(os.Args[0])): the binary sits in /app, which belongs to the runtime user")
}

// scanDataDir finds a data location that defaults to the working directory.
func (r *goRun) scanDataDir(s srcFile) {
	p := r.p
	if p.Go.DataFlag != "" || !s.has(`"."`, `"./`, `.db"`, `.sqlite`, `"data"`) {
		return
	}
	if s.has("Open(", "Connect(") && s.has("sqlite") {
		if m := sqliteDSNRe.get().FindSubmatchIndex(s.data); m != nil && r.scanDSN(s, m) {
			return
		}
	}
	m := dataFlagRe.get().FindSubmatchIndex(s.data)
	if m == nil && s.has("default:") {
		m = tagDataRe.get().FindSubmatchIndex(s.data)
	}
	if m == nil && s.has("Data", "Storage", "Database", "DB") {
		m = dataAssignRe.get().FindSubmatchIndex(s.data)
	}
	if m == nil {
		return
	}
	why := fmt.Sprintf("%s defaults to %s, relative to the working directory", string(s.data[m[2]:m[3]]), string(s.data[m[4]:m[5]]))
	if p.Go.DataWhy == "" {
		p.Go.Workdir = true
		p.Go.DataWhy = why
		p.evidence(r.d.path(s.name), lineAt(s.data, m[0]), "%s: a writable working directory", p.Go.DataWhy)
	}
	// Certain only when the name says where it stores (database, work-dir,
	// datafolder; not metadata_encoding): lint's DG834 relies on it.
	if dataNameRe.Match(s.data[m[2]:m[3]]) {
		p.Go.DataFlag = why
	}
}

// scanDSN records an SQLite database the code opens by a literal path
// relative to the working directory: its folder is where the app writes,
// certainly (lint's DG834). An absolute path, :memory: or a file: URI with
// options is the app's own choice and says nothing about the working
// directory.
func (r *goRun) scanDSN(s srcFile, m []int) bool {
	p := r.p
	lit := string(s.data[m[2]:m[3]])
	clean := path.Clean(lit)
	if clean == "." || strings.HasPrefix(lit, "/") {
		return false
	}
	dir := path.Dir(clean)
	why := fmt.Sprintf("SQLite database %s, relative to the working directory", lit)
	p.Go.DataFlag, p.Go.DataDir = why, dir
	if p.Go.DataWhy == "" {
		p.Go.DataWhy = why
	}
	p.Go.Workdir = true
	p.evidence(r.d.path(s.name), lineAt(s.data, m[0]), "%s: its folder %s is writable by the runtime user", why, dir)
	if !plan.SafeRel(dir) {
		// Above the working directory (/app) is root's, so the image
		// cannot hand it over: the code has to name a path inside it.
		r.d.warn(s.name, lineAt(s.data, m[0]), "the SQLite database %s lies above the working directory, which the runtime user cannot write: open it inside it (./%s) or at an absolute path on a volume", lit, path.Base(clean))
	}
	return true
}

// scanEmbeds finds a //go:embed folder that a frontend build produces.
func (r *goRun) scanEmbeds(s srcFile) {
	d, p, f := r.d, r.p, s.name
	for _, e := range embedDirsIf(s.has("//go:embed"), path.Dir(f), s.data) {
		r.embedded[e] = true
		if ui := p.Go.UI; ui != nil && strings.HasPrefix(e, ui.Out+"/") && !slices.Contains(ui.Copy, e) {
			ui.Copy = append(ui.Copy, e) // another embedded path the same build writes
		}
		if r.seenEmbed[e] || p.Go.UI != nil {
			continue
		}
		r.seenEmbed[e] = true
		absent, placeholder := generatedDir(d, e)
		if !absent && !placeholder {
			continue
		}
		if ui := findUIBuild(d, e); ui != nil {
			p.Go.UI = ui
			if e != ui.Out {
				ui.Copy = append(ui.Copy, e)
			}
			p.evidence(d.path(f), 0, "//go:embed %s: not in the checkout, built by %s/package.json's %q script (%s)", e, ui.Dir, ui.Script, ui.Tool)
			uiScriptsEvidence(d, p, ui)
			if ui.Elm {
				p.evidence(path.Join(ui.Dir, "elm.json"), 0, "the UI build compiles Elm, whose packages come from package.elm-lang.org (not npm): cached in /root/.elm")
			}
		} else if ui, line := makefileUIBuild(d, e); ui != nil {
			p.Go.UI = ui
			p.evidence(d.path(f), 0, "//go:embed %s: not in the checkout, built by %s/package.json's %q script (%s)", e, ui.Dir, ui.Script, ui.Tool)
			uiScriptsEvidence(d, p, ui)
			p.evidence(d.path("Makefile"), line, "the recipe moves the build output to %s: the UI stage runs its steps", e)
		} else if absent {
			d.warn(f, 0, "//go:embed names %s, which is not in the checkout and no package.json build here writes it: build it before `docker build`, or add a build stage", e)
		}
	}
}

// uiScriptsEvidence says which install scripts of the UI's package.json
// the UI stage drops from its install and reruns after copying the sources.
func uiScriptsEvidence(d *dir, p *Project, ui *plan.GoUI) {
	if len(ui.DropScripts) == 0 {
		return
	}
	rerun := "none rerun (git hooks or install guards only)"
	if len(ui.RunScripts) > 0 {
		rerun = strings.Join(ui.RunScripts, ", ") + " run once its sources are copied"
	}
	p.evidence(d.path(path.Join(ui.Root, "package.json")), 0, "install scripts %s: left out of the UI's dependency install; %s", strings.Join(ui.DropScripts, ", "), rerun)
}

// addCommand records a subcommand where it is first defined.
func (r *goRun) addCommand(name string, s srcFile) {
	if _, ok := r.commands[name]; !ok {
		r.commands[name] = r.d.path(s.name)
	}
}

// scanCommands finds subcommands (cobra, urfave, go-flags, a project's own
// Command{Name:} registry), whether the root runs by itself, and usage
// examples.
func (r *goRun) scanCommands(s srcFile) {
	data := s.data
	for _, loc := range cobraCmdRe.get().FindAllIndex(ifHas(s.has("cobra.Command{"), data), -1) {
		body := braceBlock(data, loc[1]-1)
		m := cobraUseRe.FindSubmatch(body)
		before := strings.ToLower(string(data[max(0, loc[0]-40):loc[0]]))
		if (m != nil && string(m[1]) == r.binary) || strings.Contains(before, "root") {
			r.rootRuns = r.rootRuns || cobraRunRe.Match(body)
			continue
		}
		if m == nil {
			continue
		}
		r.addCommand(string(m[1]), s)
		if detachesRe.Match(body) {
			r.detached[string(m[1])] = true
		}
	}
	for _, m := range cliCommandRe.get().FindAllSubmatchIndex(ifHas(s.has("Command{"), data), -1) {
		name := string(data[m[2]:m[3]])
		r.addCommand(name, s)
		if detachesRe.Match(braceBlock(data, m[0]+bytes.Index(data[m[0]:], []byte("Command{"))+len("Command"))) {
			r.detached[name] = true
		}
	}
	for _, m := range goFlagsCommandRe.get().FindAllSubmatch(ifHas(s.has(`command:"`), data), -1) {
		r.addCommand(string(m[1]), s)
	}
	for _, m := range usageLineRe.get().FindAllSubmatchIndex(ifHas(s.has("$ "), data), -1) {
		if path.Base(string(data[m[2]:m[3]])) == r.binary {
			r.usage = append(r.usage, usageLine{string(data[m[4]:m[5]]), r.d.path(s.name), lineAt(data, m[0])})
		}
	}
	for _, loc := range cliCommandsRe.get().FindAllIndex(ifHas(s.has("cli.Command{"), data), -1) {
		for _, name := range sliceElementNames(braceBlock(data, loc[1]-1)) {
			r.addCommand(name, s)
		}
	}
	if s.has("cli.App{", "cli.NewApp()") {
		for _, loc := range cliAppRe.get().FindAllIndex(data, -1) {
			if bytes.HasPrefix(data[loc[0]:], []byte("cli.App{")) && cliActionRe.Match(braceBlock(data, loc[1]-1)) {
				r.rootRuns = true
			}
		}
		if s.has("app.Action =") {
			r.rootRuns = true
		}
	}
}

// chooseSubcommand: what the repository's own start files pass, else the
// most server-like usage example, else the one serve-like command of a root
// that does nothing by itself.
func (r *goRun) chooseSubcommand() {
	d, p, binary := r.d, r.p, r.binary
	if len(r.commands) == 0 {
		return
	}
	if sub, file, line := startFileCommand(d, binary, r.commands); sub != "" {
		p.Go.Subcommand = sub
		p.evidence(file, line, "started as `%s %s`", binary, sub)
		return
	}
	if r.rootRuns {
		return
	}
	if u, ok := servingUsage(r.usage, r.commands, r.detached); ok {
		p.Go.Subcommand = u.sub
		p.evidence(u.file, u.line, "usage example `%s %s`: its server command", binary, u.sub)
		return
	}
	var serving []string
	for _, c := range goServeCommands {
		if _, ok := r.commands[c]; ok && !r.detached[c] {
			serving = append(serving, c)
		}
	}
	if len(serving) == 1 {
		p.Go.Subcommand = serving[0]
		p.evidence(r.commands[serving[0]], 0, "the root command only dispatches; `%s` is its server command", serving[0])
	} else if len(serving) > 1 {
		d.warn(".", 0, "the root command only dispatches and several subcommands may start the server (%s): pass the one to run in the Dockerfile's CMD", strings.Join(serving, ", "))
	}
}

// openListen: the repository's own Dockerfile ENV first (it already opens
// the listen address), then a loopback default in the code.
func (r *goRun) openListen() {
	p, listen := r.p, r.listen
	if name, val, file, line := dockerfileListenEnv(r.d); name != "" {
		p.Go.ListenEnv = name
		p.evidence(file, line, "the repository's Dockerfile opens the listen address: %s=%s", name, val)
		m := openAddrRe.FindStringSubmatch(val)
		p.Go.ListenHostOnly = m[1] == ""
		if m[1] != "" && p.Port == 0 {
			p.Port, _ = strconv.Atoi(m[1])
			p.evidence(file, line, "port %s", m[1])
		}
		return
	}
	if listen == nil {
		return
	}
	if listen.env != "" {
		p.Go.ListenEnv = listen.env
		p.evidence(listen.file, listen.line, "listen address %s defaults to loopback: set to 0.0.0.0", listen.env)
	} else {
		p.Go.ListenFlag = listen.flag
		p.evidence(listen.file, listen.line, "flag --%s defaults to loopback: passed 0.0.0.0", listen.flag)
	}
	p.Go.ListenHostOnly = listen.hostOnly
	if listen.port > 0 && p.Port == 0 {
		p.Port = listen.port
		p.evidence(listen.file, listen.line, "port %d", listen.port)
	}
}

// choosePort: the usual places, then a listen port default in the sources;
// $PORT, when read, is set to it.
func (r *goRun) choosePort() {
	p := r.p
	if p.Port == 0 {
		p.Port = findPort(r.d, p)
	}
	if p.Port == 0 && r.portDefault > 0 && !slices.Contains(notAppPorts, r.portDefault) {
		p.Port = r.portDefault
		p.evidence(r.portDefaultAt.file, r.portDefaultAt.line, "port %d (a listen port default)", r.portDefault)
	}
	if r.readsPort {
		p.Go.ReadsPort = true
		p.evidence(r.portRead.file, r.portRead.line, "reads $PORT: set to the exposed port")
	}
}

// copyRuntimeDirs: directories the program opens by a relative path at run
// time are copied beside it; embedded ones are compiled in already.
func (r *goRun) copyRuntimeDirs() {
	var rel []string
	for name := range r.relDirs {
		if !r.embedded[name] && r.d.isDir(name) && !hasGoFiles(r.d, name) {
			rel = append(rel, name)
		}
	}
	slices.Sort(rel)
	for _, name := range rel {
		at := r.relDirs[name]
		r.p.Go.RuntimeDirs = append(r.p.Go.RuntimeDirs, name)
		r.p.evidence(at.file, at.line, "reads %s/ by a path relative to the working directory: copied into it", name)
	}
}

// copyRuntimeFiles: committed files the main package opens by a relative
// path are copied into the working directory; embedded ones are compiled in.
func (r *goRun) copyRuntimeFiles() {
	var names []string
	for name := range r.relFiles {
		if !r.embedded[name] {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		at := r.relFiles[name]
		r.p.Go.RuntimeFiles = append(r.p.Go.RuntimeFiles, name)
		r.p.evidence(at.file, at.line, "opens %s by a path relative to the working directory: copied into it", name)
		data := r.d.read(name)
		r.configDirs(name, data)
		// A listen address in that file bound to loopback is unreachable
		// from outside the container; the file is the repository's to change.
		if m := configLoopbackRe.get().FindSubmatchIndex(data); m != nil {
			r.d.warn(name, lineAt(data, m[0]), "%s is %s, a loopback address: nothing outside the container reaches it; set it to 0.0.0.0:%s in the image's copy of %s", data[m[2]:m[3]], data[m[4]:m[5]], data[m[6]:m[7]], name)
		}
	}
}

// configDirs copies the committed root folders a copied config file names
// by a relative path ("migrations_prefix": "db/db_"): the program opens them
// from the working directory as the config says.
func (r *goRun) configDirs(name string, data []byte) {
	if !configFileRe.MatchString(name) {
		return
	}
	for _, m := range configRelDirRe.get().FindAllSubmatchIndex(data, -1) {
		dir := string(data[m[2]:m[3]])
		if slices.Contains(r.p.Go.RuntimeDirs, dir) || r.embedded[dir] || !r.d.isDir(dir) || hasGoFiles(r.d, dir) || !runtimeFileRe.MatchString(dir) {
			continue
		}
		r.p.Go.RuntimeDirs = append(r.p.Go.RuntimeDirs, dir)
		r.p.evidence(r.d.path(name), lineAt(data, m[0]), "%s names %s/ by a path relative to the working directory: copied into it", name, dir)
	}
}

// configFileRe: a config file format; configRelDirRe: a string value that
// is a relative path below a folder ("db/db_", "./templates/mail").
var (
	configFileRe   = lazy(`(?i)\.(?:json|ya?ml|toml|ini|conf)$`)
	configRelDirRe = lazy(`[:=]\s*"(?:\./)?([A-Za-z0-9_][\w-]*)/[\w./-]*"`)
)

// configLoopbackRe: a listen setting in a config file bound to loopback:
// "listen_url": "127.0.0.1:3333", bind = "localhost:8080".
var configLoopbackRe = lazy(`(?i)"?([\w.-]*(?:listen|addr|address|bind)[\w.-]*)"?\s*[:=]\s*"?((?:127\.0\.0\.1|localhost|\[::1\]):(\d{2,5}))`)

// usageLine is a "$ binary sub" example found in the sources.
type usageLine struct {
	sub, file string
	line      int
}

// servingUsage picks, among the usage examples of defined subcommands, the
// most server-like one (`caddy run` over `caddy reload`).
func servingUsage(usage []usageLine, commands map[string]string, detached map[string]bool) (usageLine, bool) {
	best := -1
	var found usageLine
	for _, u := range usage {
		if _, ok := commands[u.sub]; !ok || detached[u.sub] {
			continue
		}
		if i := slices.Index(goServeCommands, u.sub); i >= 0 && (best < 0 || i < best) {
			best, found = i, u
		}
	}
	return found, best >= 0
}

// findLoopback finds a listen setting whose literal default is loopback.
func findLoopback(d *dir, f string, data []byte) *listenSetting {
	at := func(off int) (string, int) { return d.path(f), lineAt(data, off) }
	port := func(b []byte) int { n, _ := strconv.Atoi(string(b)); return n }
	for _, m := range flagLoopbackRe.get().FindAllSubmatchIndex(data, -1) {
		if !listenFlag(string(data[m[2]:m[3]])) || (m[8] >= 0 && connectHelp(string(data[m[8]:m[9]]))) {
			continue
		}
		s := &listenSetting{flag: string(data[m[2]:m[3]]), hostOnly: m[6] < 0}
		if m[6] >= 0 {
			s.port = port(data[m[6]:m[7]])
		} else if pm := portFlagRe.FindSubmatch(data); pm != nil {
			s.port = port(pm[1]) // the bare host's sibling --port flag
		}
		s.file, s.line = at(m[0])
		return s
	}
	for _, m := range flagEmptyRe.get().FindAllSubmatchIndex(data, -1) {
		v, name := string(data[m[2]:m[3]]), string(data[m[4]:m[5]])
		if !listenFlag(name) {
			continue
		}
		set, err := regexp.Compile(`\b` + regexp.QuoteMeta(v) + `\s*=\s*"` + loopbackHost + `(?::(\d{2,5}))?"`)
		if err != nil { // a name from the sources that is no valid UTF-8
			continue
		}
		if a := set.FindSubmatchIndex(data); a != nil {
			s := &listenSetting{flag: name, hostOnly: a[2] < 0}
			if a[2] >= 0 {
				s.port = port(data[a[2]:a[3]])
			}
			s.file, s.line = at(a[0])
			return s
		}
	}
	for _, m := range cliFlagRe.get().FindAllIndex(data, -1) {
		body := braceBlock(data, m[1]-1)
		v := cliValueRe.FindSubmatch(body)
		name := cliNameRe.FindSubmatch(body)
		if v == nil || name == nil || !listenFlag(string(name[1])) {
			continue
		}
		if u := cliUsageRe.FindSubmatch(body); u != nil && connectHelp(string(u[1])) {
			continue
		}
		s := &listenSetting{flag: string(name[1]), hostOnly: v[2] == nil}
		if v[2] != nil {
			s.port = port(v[2])
		}
		if e := cliEnvVarRe.FindSubmatch(body); e != nil {
			s.env = string(e[1]) // an env var works wherever the flag sits
		}
		s.file, s.line = at(m[0])
		return s
	}
	for _, m := range envLoopbackRe.get().FindAllSubmatchIndex(data, -1) {
		if name := string(data[m[2]:m[3]]); strings.Contains(name, "LOCALHOST") || notListenRe.MatchString(name) {
			continue // names the loopback itself, or a service connected to
		}
		s := &listenSetting{env: string(data[m[2]:m[3]]), hostOnly: m[6] < 0}
		if m[6] >= 0 {
			s.port = port(data[m[6]:m[7]])
		}
		s.file, s.line = at(m[0])
		return s
	}
	return nil
}

// startFiles are where a repository says how its binary is started.
var startFiles = []string{"Dockerfile", "Procfile", "docker-compose.yml", "docker-compose.yaml", "compose.yaml", "compose.yml", "README.md"}

var (
	dockerStartRe  = lazy(`(?m)^\s*(?:ENTRYPOINT|CMD)\s+(.+)$`)
	procfileWebRe  = lazy(`(?m)^web:\s*(.+)$`)
	composeCmdRe   = lazy(`(?m)^\s*command:\s*(.+)$`)
	readmeInvokeRe = lazy(`(?m)^[\s$>]*(?:\./|/usr/local/bin/|/usr/bin/|docker run [^\n]*?\s)?([A-Za-z][\w.-]*)\s+([a-z][\w-]*)\b`)
)

// startFileCommand finds a defined subcommand in the repository's start
// files: the word after the binary, or the first word of the root
// Dockerfile's CMD (its ENTRYPOINT is the binary).
func startFileCommand(d *dir, binary string, commands map[string]string) (string, string, int) {
	files := append(repoDockerfiles(d), startFiles[1:]...)
	for _, f := range files {
		data := d.read(f)
		if data == nil {
			continue
		}
		var re *lazyRE
		switch base := path.Base(f); {
		case strings.HasPrefix(base, "Dockerfile"):
			re = dockerStartRe
		case base == "Procfile":
			re = procfileWebRe
		case strings.Contains(base, "compose"):
			re = composeCmdRe
		default:
			// README usage lines: the most server-like command shown
			// (`x serve` over `x run model`).
			best, bestLine := -1, 0
			for _, m := range readmeInvokeRe.FindAllSubmatchIndex(data, -1) {
				sub := string(data[m[4]:m[5]])
				if _, ok := commands[sub]; ok && string(data[m[2]:m[3]]) == binary {
					if i := slices.Index(goServeCommands, sub); i >= 0 && (best < 0 || i < best) {
						best, bestLine = i, lineAt(data, m[0])
					}
				}
			}
			if best >= 0 {
				return goServeCommands[best], d.path(f), bestLine
			}
			continue
		}
		for _, m := range re.FindAllSubmatchIndex(data, -1) {
			words := startWords(string(data[m[2]:m[3]]))
			for i, w := range words {
				if _, defined := commands[w]; !defined {
					continue
				}
				if (i > 0 && path.Base(words[i-1]) == binary) || (i == 0 && f == "Dockerfile") {
					return w, d.path(f), lineAt(data, m[0])
				}
			}
		}
	}
	return "", "", 0
}

// startWords splits an exec-form JSON array or a shell-form command.
func startWords(s string) []string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") {
		var words []string
		if json.Unmarshal([]byte(s), &words) == nil {
			return words
		}
	}
	var words []string
	for _, w := range strings.Fields(s) {
		words = append(words, strings.Trim(w, `"'`))
	}
	return words
}

// dockerfileListenEnv finds an ENV in the repository's Dockerfiles (at the
// root or in docker/ and packaging folders) that opens a listen address.
func dockerfileListenEnv(d *dir) (name, val, file string, line int) {
	for _, f := range repoDockerfiles(d) {
		data := d.read(f)
		for _, m := range dockerEnvRe.FindAllSubmatchIndex(data, -1) {
			sc := bufio.NewScanner(strings.NewReader(string(data[m[2]:m[3]])))
			sc.Split(bufio.ScanWords)
			for sc.Scan() {
				k, v, ok := strings.Cut(sc.Text(), "=")
				v = strings.Trim(v, `"'`)
				if ok && listenEnvRe.MatchString(k) && v != "" && openAddrRe.MatchString(v) {
					return k, v, d.path(f), lineAt(data, m[0])
				}
			}
		}
	}
	return "", "", "", 0
}

// repoDockerfiles lists the repository's Dockerfiles: the root's first,
// then those in folders up to 3 levels down (docker/, packaging/docker/x/).
func repoDockerfiles(d *dir) []string {
	var files []string
	queue := []string{"."}
	for n := 0; len(queue) > 0 && n < 200; n++ {
		rel := queue[0]
		queue = queue[1:]
		for _, e := range d.list(rel) {
			sub := path.Join(rel, e.Name())
			switch {
			case e.IsDir() && strings.Count(sub, "/") < 3 && !strings.HasPrefix(e.Name(), ".") && !mainSkip[e.Name()]:
				queue = append(queue, sub)
			case !e.IsDir() && strings.HasPrefix(e.Name(), "Dockerfile") && !generatedByDockgen(d.read(sub)):
				files = append(files, sub)
			}
		}
	}
	slices.SortStableFunc(files, func(a, b string) int {
		return strings.Count(a, "/") - strings.Count(b, "/")
	})
	return files
}

// hasGoFiles reports a directory that is a Go package (code, not data).
func hasGoFiles(d *dir, rel string) bool {
	for _, e := range d.list(rel) {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
			return true
		}
	}
	return false
}

// generatedByDockgen reports a Dockerfile dockgen wrote: not evidence of how
// the project starts (regenerating would feed on its own earlier output).
func generatedByDockgen(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 256)], []byte("# Generated by dockgen"))
}

// notListenRe: flag and env names of an address the program connects to
// (the master node, a cache, a database, a mail relay): a loopback default
// there is where a peer is expected, not where this program listens.
var notListenRe = lazy(`(?i)server|remote|upstream|target|proxy|backend|peer|dial|connect|client|master|leader|primary|replica|db|database|sql|postgres|redis|memcache|mongo|etcd|consul|nats|kafka|amqp|rabbit|elastic|broker|smtp|mail|ldap|s3|minio|from|to\b`)

// cliUsageRe: an urfave flag's help text.
var cliUsageRe = lazy(`\bUsage:\s*"([^"\n]*)"`)

// listenHelpRe: help text that says the program listens there.
var listenHelpRe = lazy(`(?i)\blisten|\bbind\b|\bserves?\b|\bserving\b|\baccept`)

// connectHelp reports a flag whose own help text names something connected
// to ("host of master node", "Redis address") and not where it listens.
func connectHelp(help string) bool {
	return notListenRe.MatchString(help) && !listenHelpRe.MatchString(help)
}

// listenFlag reports a flag name that sets where the program listens.
func listenFlag(name string) bool {
	return listenFlagRe.MatchString(name) && !notListenRe.MatchString(name)
}

// ifHas returns data when a cheap check passed, nil (nothing to match) otherwise.
func ifHas(ok bool, data []byte) []byte {
	if ok {
		return data
	}
	return nil
}

// embedDirsIf is embedDirs behind a cheap check.
func embedDirsIf(ok bool, pkg string, data []byte) []string {
	if !ok {
		return nil
	}
	return embedDirs(pkg, data)
}

// relPathNames are the folders relPathRe looks for, checked as substrings
// first.
var relPathNames = []string{"conf", "config", "configs", "templates", "template", "views", "static", "public", "migrations", "locales", "i18n", "assets"}

func relPathMatches(data []byte, names []string) [][]int {
	for _, n := range names {
		if bytes.Contains(data, []byte(`"`+n)) || bytes.Contains(data, []byte(`"./`+n)) || bytes.Contains(data, []byte(`//`+n)) {
			return relPathRe.get().FindAllSubmatchIndex(data, -1)
		}
	}
	return nil
}

// sliceElementNames returns the Name: of each element of a slice literal
// ({ {Name: "start", ...}, {Name: "version"} }), not of nested literals
// (flags).
func sliceElementNames(body []byte) []string {
	var names []string
	depth := 0
	for i := 0; i < len(body); i++ {
		switch body[i] {
		case '{':
			depth++
		case '}':
			depth--
		case 'N':
			if depth == 2 && (i == 0 || !isIdent(body[i-1])) {
				if m := cliNameRe.FindSubmatch(body[i:min(len(body), i+80)]); m != nil && bytes.HasPrefix(body[i:], []byte("Name:")) {
					names = append(names, string(m[1]))
				}
			}
		}
	}
	return names
}

func isIdent(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
