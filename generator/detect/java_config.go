package detect

import (
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// A Spring Boot (or Quarkus) application's own configuration says what the
// running app needs from its image: the production profile it defines,
// the files it writes (a SQLite or H2 file database, an upload directory,
// a log file) and whether it reads PORT.

// springConfigDirs are where the packaged configuration lives.
var springConfigDirs = []string{"src/main/resources", "src/main/resources/config"}

// confEntry is one flattened configuration key.
type confEntry struct {
	value, file string // file relative to the project
	line        int
}

// readAppConfig flattens application[-profile].{properties,yml,yaml}: the
// first value of each key wins, the file it came from is kept for evidence.
func readAppConfig(d *dir, profile string) (map[string]confEntry, []string) {
	out := map[string]confEntry{}
	var files []string
	name := "application"
	if profile != "" {
		name += "-" + profile
	}
	for _, dirName := range springConfigDirs {
		for _, ext := range []string{".properties", ".yml", ".yaml"} {
			f := dirName + "/" + name + ext
			data := d.read(f)
			if data == nil {
				continue
			}
			files = append(files, f)
			var kv map[string]confEntry
			if ext == ".properties" {
				kv = flattenProperties(data)
			} else {
				kv = flattenYAML(data)
			}
			for k, e := range kv {
				if _, ok := out[k]; !ok {
					e.file = f
					out[k] = e
				}
			}
		}
	}
	return out, files
}

func flattenProperties(data []byte) map[string]confEntry {
	out := map[string]confEntry{}
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l[0] == '#' || l[0] == '!' {
			continue
		}
		j := strings.IndexAny(l, "=:")
		if j <= 0 {
			continue
		}
		k := strings.TrimSpace(l[:j])
		if _, ok := out[k]; !ok {
			out[k] = confEntry{value: strings.TrimSpace(l[j+1:]), line: i + 1}
		}
	}
	return out
}

// flattenYAML reads the block mappings of a YAML file into dotted keys
// (lists and flow styles are skipped: no key dockgen reads uses them).
func flattenYAML(data []byte) map[string]confEntry {
	out := map[string]confEntry{}
	type level struct {
		indent int
		key    string
	}
	var stack []level
	for i, raw := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(raw, "---") {
			stack = nil
			continue
		}
		l := strings.TrimRight(raw, " \t\r")
		t := strings.TrimLeft(l, " ")
		if t == "" || t[0] == '#' || t[0] == '-' {
			continue
		}
		indent := len(l) - len(t)
		j := strings.Index(t, ":")
		if j <= 0 || (j+1 < len(t) && t[j+1] != ' ') {
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1].indent >= indent {
			stack = stack[:len(stack)-1]
		}
		key := strings.Trim(strings.TrimSpace(t[:j]), `"'`)
		val := strings.TrimSpace(t[j+1:])
		if k := strings.Index(val, " #"); k >= 0 {
			val = strings.TrimSpace(val[:k])
		}
		if val == "" {
			stack = append(stack, level{indent, key})
			continue
		}
		parts := make([]string, 0, len(stack)+1)
		for _, s := range stack {
			parts = append(parts, s.key)
		}
		full := strings.Join(append(parts, key), ".")
		if _, ok := out[full]; !ok {
			out[full] = confEntry{value: strings.Trim(val, `"'`), line: i + 1}
		}
	}
	return out
}

var devProfileRe = lazy(`(?i)(?:^|[,\s])(?:dev|develop|development|local)(?:$|[,\s])`)

// placeholderDefault resolves a Spring placeholder to its default
// (${PORT:8080} -> 8080); ok is false for a placeholder without one.
func placeholderDefault(v string) (string, bool) {
	if !strings.HasPrefix(v, "${") || !strings.HasSuffix(v, "}") {
		return v, !strings.Contains(v, "${")
	}
	inner := v[2 : len(v)-1]
	_, def, ok := strings.Cut(inner, ":")
	if !ok || strings.Contains(def, "${") {
		return "", false
	}
	return def, true
}

// writableKeys are configuration keys naming a file or directory the app
// writes; dir is true when the value is the directory itself.
var writableKeys = []struct {
	key string
	dir bool
}{
	{"spring.datasource.url", false}, {"quarkus.datasource.jdbc.url", false},
	{"spring.servlet.multipart.location", true},
	{"logging.file.name", false}, {"logging.file", false},
	{"logging.file.path", true}, {"logging.path", true},
}

var writablePathOK = lazy(`^/?[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$`)

// writablePath is the directory to make writable for a configured value:
// the value's directory ("." for the working directory), "" when the value
// names no local path dockgen can create.
func writablePath(key, value string, isDir bool) string {
	v, ok := placeholderDefault(strings.TrimSpace(value))
	if !ok || v == "" {
		return ""
	}
	if strings.HasSuffix(key, ".url") {
		v = jdbcFile(v)
		if v == "" {
			return ""
		}
	} else {
		v = strings.TrimPrefix(v, "file:")
	}
	v = strings.TrimPrefix(v, "./")
	if !isDir {
		v = path.Dir(v)
	}
	v = path.Clean(v)
	if v == "." {
		return "."
	}
	if !writablePathOK.MatchString(v) || strings.Contains(v, "..") {
		return ""
	}
	return v
}

// underHome reports whether a configured path lies in the user's home
// (~/db, ${user.home}/data), which Java takes from the passwd entry.
func underHome(key, value string) bool {
	v := strings.TrimSpace(value)
	if strings.Contains(v, "${user.home}") {
		return true
	}
	if d, ok := placeholderDefault(v); ok {
		v = d
	}
	if strings.HasSuffix(key, ".url") {
		if strings.HasPrefix(v, "jdbc:h2:") {
			f := strings.TrimPrefix(strings.TrimPrefix(v, "jdbc:h2:"), "file:")
			return strings.HasPrefix(f, "~")
		}
		return false
	}
	return strings.HasPrefix(v, "~/")
}

// jdbcFile is the file of an embedded-database JDBC URL (SQLite, H2 in
// file mode), "" for a server or in-memory database.
func jdbcFile(url string) string {
	switch {
	case strings.HasPrefix(url, "jdbc:sqlite:"):
		f := strings.TrimPrefix(url, "jdbc:sqlite:")
		f, _, _ = strings.Cut(f, "?")
		f = strings.TrimPrefix(f, "file:")
		if f == "" || strings.Contains(f, ":memory:") || strings.HasPrefix(f, "mode=memory") {
			return ""
		}
		return f
	case strings.HasPrefix(url, "jdbc:h2:"):
		f := strings.TrimPrefix(url, "jdbc:h2:")
		f, _, _ = strings.Cut(f, ";")
		if strings.HasPrefix(f, "mem:") || strings.HasPrefix(f, "tcp:") || strings.HasPrefix(f, "ssl:") || strings.HasPrefix(f, "zip:") {
			return ""
		}
		f = strings.TrimPrefix(f, "file:")
		if strings.HasPrefix(f, "~") {
			return "" // the runtime user's home, which does not exist
		}
		return f
	}
	return ""
}

// springConfig reads the application's configuration into the plan: the
// Spring prod profile (when the project defines one and the build does not
// select it already), the paths the app writes and PORT.
func springConfig(d *dir, p *Project) {
	conf, files := readAppConfig(d, "")
	prod, prodFiles := readAppConfig(d, "prod")
	if p.Java.SpringBoot && len(prodFiles) > 0 {
		if len(p.Java.Profiles) == 0 {
			p.Java.SpringProfile = "prod"
			p.evidence(d.path(prodFiles[0]), 1, "Spring profile prod defined: the image sets SPRING_PROFILES_ACTIVE=prod")
		}
	} else if p.Java.SpringBoot {
		// A development profile left active (dev, local) is what the image
		// would run; other names (native, druid) are often the production
		// setup itself.
		if e, ok := conf["spring.profiles.active"]; ok && len(files) > 0 && devProfileRe.MatchString(e.value) {
			d.warn(e.file, e.line, "spring.profiles.active is %s and the project defines no prod profile: the image runs with it; set SPRING_PROFILES_ACTIVE for production", e.value)
		}
	}
	use := []map[string]confEntry{conf}
	if p.Java.SpringProfile == "prod" || len(p.Java.Profiles) > 0 {
		use = append([]map[string]confEntry{prod}, use...)
	}
	seen := map[string]bool{}
	for _, c := range use {
		for _, wk := range writableKeys {
			e, ok := c[wk.key]
			if !ok {
				continue
			}
			if underHome(wk.key, e.value) && !p.Java.Home {
				p.Java.Home = true
				p.evidence(d.path(e.file), e.line, "%s %s: the app writes under its home directory, which the runtime user gets", wk.key, e.value)
			}
			if w := writablePath(wk.key, e.value, wk.dir); w != "" && !seen[w] {
				seen[w] = true
				p.Java.Writable = append(p.Java.Writable, w)
				p.evidence(d.path(e.file), e.line, "%s %s: the app writes in %s, owned by the runtime user", wk.key, e.value, w)
			}
		}
	}
	sort.Strings(p.Java.Writable)
	for _, c := range use {
		for _, k := range []string{"server.port", "quarkus.http.port", "micronaut.server.port"} {
			e, ok := c[k]
			if !ok {
				continue
			}
			v, ok := placeholderDefault(e.value)
			n, err := strconv.Atoi(v)
			if !ok || err != nil || n <= 0 || n > 65535 {
				continue
			}
			p.Port = n
			p.evidence(d.path(e.file), e.line, "%s %s: port %d", k, e.value, n)
			if strings.HasPrefix(e.value, "${PORT:") {
				p.Java.PortEnv = true
				p.evidence(d.path(e.file), e.line, "%s reads PORT: the image sets PORT to the exposed port", k)
			}
			return
		}
	}
}

// javaMainPortRe is a port passed to the server in code: Javalin's
// app.start(7070), Spark's port(4567).
var javaMainPortRe = lazy(`(?:\.start|\bport)\(\s*(\d{2,5})\s*\)`)

var (
	javaClassOK = lazy(`^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$`)
	// javaJDBCLiteralRe is an embedded database URL written in code.
	javaJDBCLiteralRe = lazy(`"(jdbc:(?:sqlite|h2):[^"\n]+)"`)
	// javaMkdirRe is a relative directory the code creates: File("x").mkdir().
	javaMkdirRe = lazy(`File\(\s*"([A-Za-z0-9_][A-Za-z0-9_./-]*)"\s*\)\s*\.mkdirs?\(`)
)

// mainClassFacts reads the main class's source for apps configured in code
// rather than in application.properties: the port it starts its server on,
// the embedded database file it opens and the directories it creates
// relative to the working directory.
func mainClassFacts(d *dir, p *Project, class string) {
	if !javaClassOK.MatchString(class) {
		return // also keeps the path it becomes inside the project
	}
	rel := strings.ReplaceAll(class, ".", "/")
	var files []string
	for _, root := range []string{"src/main/java/", "src/main/kotlin/"} {
		files = append(files, root+rel+".java", root+rel+".kt")
		if k, ok := strings.CutSuffix(rel, "Kt"); ok {
			files = append(files, root+k+".kt") // Kotlin's file class FooKt is Foo.kt
		}
	}
	for _, f := range files {
		data := d.read(f)
		if data == nil {
			continue
		}
		if m := javaMainPortRe.FindSubmatch(data); m != nil && p.Port == 0 {
			n, err := strconv.Atoi(string(m[1]))
			if err == nil && n > 0 && n <= 65535 {
				p.Port = n
				p.evidence(d.path(f), lineOf(data, string(m[0])), "port %d", n)
			}
		}
		var writes []string
		if m := javaJDBCLiteralRe.FindSubmatch(data); m != nil {
			if w := writablePath("jdbc.url", string(m[1]), false); w != "" {
				writes = append(writes, w)
				p.evidence(d.path(f), lineOf(data, string(m[0])), "opens %s: the app writes in %s, owned by the runtime user", m[1], w)
			}
		}
		if m := javaMkdirRe.FindSubmatch(data); m != nil {
			if w := writablePath("mkdir", string(m[1]), false); w != "" {
				writes = append(writes, w)
				p.evidence(d.path(f), lineOf(data, string(m[0])), "creates %s: the app writes in %s, owned by the runtime user", m[1], w)
			}
		}
		for _, w := range writes {
			if !slices.Contains(p.Java.Writable, w) {
				p.Java.Writable = append(p.Java.Writable, w)
			}
		}
		sort.Strings(p.Java.Writable)
		return
	}
}
