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
	flagLoopbackRe = lazy(`\.String(?:Var)?P?\(\s*(?:&[\w.\[\]]+\s*,\s*)?"([A-Za-z][\w-]*)"\s*,\s*(?:"\w?"\s*,\s*)?"(` + loopbackHost + `)(?::(\d{2,5}))?"`)
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
	// A data location flag or setting that defaults to the working
	// directory: ("database", "./app.db"), ("datadir", "."), ("data", "data").
	dataNameRe = regexp.MustCompile(`(?i)(data|dir|db|database|storage|root|folder|path)$`)
	dataFlagRe = lazy(`"([A-Za-z_-]*?(?:data|dir|db|database|storage|root)[\w-]*)"\s*,\s*(?:"\w?"\s*,\s*)?"(\.|\./[\w./-]*|[\w-]+\.(?:db|sqlite3?)|data)"`)
	// A listen port default: Int("port", 8081, ...), SetDefault("port", 4533),
	// StringP("http-port", "p", "8080", ...), EmptyOr(c.BindPort, 7000),
	// a config literal Port: 80, a struct tag `default:"80"` on Port.
	portDefaultRe = lazy(`(?i)"(?:http[-_.]?|listen[-_.]?|bind[-_.]?|web[-_.]?|server[-_.]?)?port"\s*,\s*(?:"\w?"\s*,\s*)?"?(\d{2,5})\b|\b(?:Bind|Listen|HTTP|Http|Web)Port\b[^\n]{0,20}?,\s*(\d{2,5})\)|\b(?:Listen|HTTP|Http)?Port:\s*(\d{2,5}),|\b(?:Listen|HTTP|Http)?Port\s+u?int\d*\s+` + "`" + `[^` + "`" + `\n]*default:"(\d{2,5})"`)
	// gin's Engine.Run() without an address: $PORT, else :8080.
	ginRunRe    = lazy(`\.Run\(\)`)
	readsPortRe = lazy(`os\.(?:Getenv|LookupEnv)\(\s*"PORT"\s*\)`)
	// Signs that the program serves: a listener from the standard library or
	// a web/RPC framework's start call.
	listenerRe = lazy(`\b(?:ListenAndServe\w*|net\.Listen\w*|tls\.Listen|Serve(?:TLS)?|RunTLS|StartTLS)\(|"github\.com/(?:gin-gonic/gin|labstack/echo[^"]*|gofiber/fiber[^"]*)"|"google\.golang\.org/grpc"`)

	cobraCmdRe    = lazy(`cobra\.Command\{`)
	cobraUseRe    = lazy(`\bUse:\s*"([A-Za-z][\w-]*)`)
	cobraRunRe    = lazy(`\b(?:Run|RunE):\s`)
	cliCommandRe  = lazy(`cli\.Command\{[^{}]{0,400}?\bName:\s*"([A-Za-z][\w-]*)"`)
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
// packages goMains visited) and the repository's start files.
func detectGoRun(d *dir, p *Project, dirs []string) {
	var (
		listen    *listenSetting
		readsPort bool
		listener  bool
		commands  = map[string]string{} // subcommand -> file defining it
		seenEmbed = map[string]bool{}
		embedded  = map[string]bool{}
		relDirs   = map[string]string{} // top-level dir read by relative path -> file:line
		rootRuns  = false
		// portDefault: a listen port default in the sources, used when the
		// usual places (the main package, Procfile, Dockerfile) say nothing.
		portDefault   int
		portDefaultAt string
		binary        = path.Base(p.Entry)
		portSource    = ""
	)
	if p.Entry == "." || p.Entry == "" {
		binary = kind.GoModuleBase(p.Go.Module)
	}
	p.Go.StartOf = p.Entry
	// Only committed data folders at the module root can be copied: look
	// for those names alone.
	var relCands []string
	for _, n := range relPathNames {
		if d.isDir(n) && !hasGoFiles(d, n) {
			relCands = append(relCands, n)
		}
	}
	for _, src := range goSources(d, dirs, p.Entry, p.Go.Module) {
		f, data := src.name, src.data
		has := func(subs ...string) bool {
			for _, sub := range subs {
				if bytes.Contains(data, []byte(sub)) {
					return true
				}
			}
			return false
		}
		// Cheap substring checks before each pattern: a big module has
		// thousands of files and most of them match nothing.
		if !listener && has("Listen", "Serve", "RunTLS", "StartTLS", "gin-gonic", "labstack/echo", "gofiber", "google.golang.org/grpc") && listenerRe.Match(data) {
			listener = true
		}
		if portDefault == 0 && has(`ort"`, "Port,", "Port ,", "Port:", `default:"`) {
			if m := portDefaultRe.get().FindSubmatchIndex(data); m != nil {
				g := 2
				for g < len(m)-2 && m[g] < 0 {
					g += 2
				}
				portDefault, _ = strconv.Atoi(string(data[m[g]:m[g+1]]))
				portDefaultAt = d.path(f) + ":" + strconv.Itoa(lineAt(data, m[0]))
			}
		}
		if !readsPort && bytes.Contains(data, []byte(`"github.com/gin-gonic/gin"`)) {
			if loc := ginRunRe.FindIndex(data); loc != nil {
				readsPort = true
				portSource = d.path(f) + ":" + strconv.Itoa(lineAt(data, loc[0]))
				if portDefault == 0 {
					portDefault, portDefaultAt = 8080, portSource
				}
			}
		}
		if !readsPort && has(`"PORT"`) {
			if loc := readsPortRe.FindIndex(data); loc != nil {
				readsPort = true
				portSource = d.path(f) + ":" + strconv.Itoa(lineAt(data, loc[0]))
			}
		}
		if listen == nil && has("localhost", "127.0.0.1", "[::1]") {
			listen = findLoopback(d, f, data)
		}
		for _, m := range relPathMatches(data, relCands) {
			name := string(data[m[2]:m[3]])
			if _, ok := relDirs[name]; !ok {
				relDirs[name] = d.path(f) + ":" + strconv.Itoa(lineAt(data, m[0]))
			}
		}
		if p.Go.DataFlag == "" && has(`"."`, `"./`, `.db"`, `.sqlite`, `"data"`) {
			if m := dataFlagRe.get().FindSubmatchIndex(data); m != nil {
				why := fmt.Sprintf("%s defaults to %s, relative to the working directory", string(data[m[2]:m[3]]), string(data[m[4]:m[5]]))
				if p.Go.DataWhy == "" {
					p.Go.Workdir = true
					p.Go.DataWhy = why
					p.evidence(d.path(f), lineAt(data, m[0]), "%s: a writable working directory", p.Go.DataWhy)
				}
				// Certain only when the name says where it stores
				// (database, work-dir, datafolder; not metadata_encoding).
				if dataNameRe.Match(data[m[2]:m[3]]) {
					p.Go.DataFlag = why
				}
			}
		}
		for _, e := range embedDirsIf(has("//go:embed"), path.Dir(f), data) {
			embedded[e] = true
			if seenEmbed[e] || p.Go.UI != nil {
				continue
			}
			seenEmbed[e] = true
			absent, placeholder := generatedDir(d, e)
			if !absent && !placeholder {
				continue
			}
			if ui := findUIBuild(d, e); ui != nil {
				p.Go.UI = ui
				p.evidence(d.path(f), 0, "//go:embed %s: not in the checkout, built by %s/package.json's %q script (%s)", e, ui.Dir, ui.Script, ui.Tool)
			} else if absent {
				d.warn(f, 0, "//go:embed names %s, which is not in the checkout and no package.json build here writes it: build it before `docker build`, or add a build stage", e)
			}
		}
		for _, loc := range cobraCmdRe.get().FindAllIndex(ifHas(has("cobra.Command{"), data), -1) {
			body := braceBlock(data, loc[1]-1)
			m := cobraUseRe.FindSubmatch(body)
			before := strings.ToLower(string(data[max(0, loc[0]-40):loc[0]]))
			if (m != nil && string(m[1]) == binary) || strings.Contains(before, "root") {
				rootRuns = rootRuns || cobraRunRe.Match(body)
				continue
			}
			if m == nil {
				continue
			}
			name := string(m[1])
			if _, ok := commands[name]; !ok {
				commands[name] = d.path(f)
			}
		}
		for _, m := range cliCommandRe.get().FindAllSubmatch(ifHas(has("cli.Command{"), data), -1) {
			if _, ok := commands[string(m[1])]; !ok {
				commands[string(m[1])] = d.path(f)
			}
		}
		for _, loc := range cliCommandsRe.get().FindAllIndex(ifHas(has("cli.Command{"), data), -1) {
			for _, name := range sliceElementNames(braceBlock(data, loc[1]-1)) {
				if _, ok := commands[name]; !ok {
					commands[name] = d.path(f)
				}
			}
		}
		if bytes.Contains(data, []byte("cli.App{")) || bytes.Contains(data, []byte("cli.NewApp()")) {
			for _, loc := range cliAppRe.get().FindAllIndex(data, -1) {
				if bytes.HasPrefix(data[loc[0]:], []byte("cli.App{")) && cliActionRe.Match(braceBlock(data, loc[1]-1)) {
					rootRuns = true
				}
			}
			if bytes.Contains(data, []byte("app.Action =")) {
				rootRuns = true
			}
		}
	}

	// The subcommand: what the repository's own start files pass, else the
	// one serve-like command of a root that does nothing by itself.
	if len(commands) > 0 {
		if sub, file, line := startFileCommand(d, binary, commands); sub != "" {
			p.Go.Subcommand = sub
			p.evidence(file, line, "started as `%s %s`", binary, sub)
		} else if !rootRuns {
			var serving []string
			for _, c := range goServeCommands {
				if _, ok := commands[c]; ok {
					serving = append(serving, c)
				}
			}
			if len(serving) == 1 {
				p.Go.Subcommand = serving[0]
				p.evidence(commands[serving[0]], 0, "the root command only dispatches; `%s` is its server command", serving[0])
			} else if len(serving) > 1 {
				d.warn(".", 0, "the root command only dispatches and several subcommands may start the server (%s): pass the one to run in the Dockerfile's CMD", strings.Join(serving, ", "))
			}
		}
	}

	// The listen address: the repository's own Dockerfile ENV first (it
	// already opens it), then a loopback default in the code.
	if name, val, file, line := dockerfileListenEnv(d); name != "" {
		p.Go.ListenEnv = name
		p.evidence(file, line, "the repository's Dockerfile opens the listen address: %s=%s", name, val)
		m := openAddrRe.FindStringSubmatch(val)
		p.Go.ListenHostOnly = m[1] == ""
		if m[1] != "" && p.Port == 0 {
			p.Port, _ = strconv.Atoi(m[1])
			p.evidence(file, line, "port %s", m[1])
		}
	} else if listen != nil {
		switch {
		case listen.env != "":
			p.Go.ListenEnv = listen.env
			p.evidence(listen.file, listen.line, "listen address %s defaults to loopback: set to 0.0.0.0", listen.env)
		default:
			p.Go.ListenFlag = listen.flag
			p.evidence(listen.file, listen.line, "flag --%s defaults to loopback: passed 0.0.0.0", listen.flag)
		}
		p.Go.ListenHostOnly = listen.hostOnly
		if listen.port > 0 && p.Port == 0 {
			p.Port = listen.port
			p.evidence(listen.file, listen.line, "port %d", listen.port)
		}
	}
	if p.Port == 0 {
		p.Port = findPort(d, p)
	}
	if p.Port == 0 && portDefault > 0 && !slices.Contains(notAppPorts, portDefault) {
		p.Port = portDefault
		file, line, _ := strings.Cut(portDefaultAt, ":")
		n, _ := strconv.Atoi(line)
		p.evidence(file, n, "port %d (a listen port default)", portDefault)
	}
	if readsPort {
		p.Go.ReadsPort = true
		file, line, _ := strings.Cut(portSource, ":")
		n, _ := strconv.Atoi(line)
		p.evidence(file, n, "reads $PORT: set to the exposed port")
	}
	// Directories the program opens by a relative path at run time are
	// copied beside it; embedded ones are compiled in already.
	var rel []string
	for name := range relDirs {
		if !embedded[name] && d.isDir(name) && !hasGoFiles(d, name) {
			rel = append(rel, name)
		}
	}
	slices.Sort(rel)
	for _, name := range rel {
		file, line, _ := strings.Cut(relDirs[name], ":")
		n, _ := strconv.Atoi(line)
		p.Go.RuntimeDirs = append(p.Go.RuntimeDirs, name)
		p.evidence(file, n, "reads %s/ by a path relative to the working directory: copied into it", name)
	}
	if !listener && !readsPort && listen == nil && p.Go.ListenEnv == "" && p.Go.Subcommand == "" {
		p.Go.NoListener = true
		p.evidence(d.path(strings.TrimPrefix(p.Entry, "./")), 0, "no listener found in the sources (a command-line tool): no EXPOSE")
	}
}

// findLoopback finds a listen setting whose literal default is loopback.
func findLoopback(d *dir, f string, data []byte) *listenSetting {
	at := func(off int) (string, int) { return d.path(f), lineAt(data, off) }
	port := func(b []byte) int { n, _ := strconv.Atoi(string(b)); return n }
	for _, m := range flagLoopbackRe.get().FindAllSubmatchIndex(data, -1) {
		if !listenFlag(string(data[m[2]:m[3]])) {
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
		if strings.Contains(string(data[m[2]:m[3]]), "LOCALHOST") {
			continue // names the loopback itself, not where a server listens
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

// notListenRe: flag names of an address the program connects to.
var notListenRe = lazy(`(?i)server|remote|upstream|target|proxy|backend|peer|dial|connect|db|database|redis|mongo|broker|from|to\b`)

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
