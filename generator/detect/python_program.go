package detect

import (
	"encoding/json"
	"path"
	"slices"
	"strings"

	"github.com/google/shlex"

	"github.com/dockgen/dockgen/generator/plan"
)

var (
	pythonExeRe  = lazy(`^python(?:3(?:\.[0-9]+)?)?$`)
	pyModNameRe  = lazy(`^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$`)
	pyScriptRe   = lazy(`^[A-Za-z0-9_][A-Za-z0-9_./-]*\.py$`)
	dataDirRe    = lazy(`^/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*$`)
	portWordRe   = lazy(`\$(?:\{PORT\}|PORT\b)`)
	otherEnvRe   = lazy(`\$`)
	dockerInstRe = lazy(`(?i)^\s*(CMD|ENTRYPOINT)\s+(.*)$`)
)

// notPrograms are scripts a repository runs that are not its server: Django's
// manage.py (runserver is a development server) and setuptools' setup.py.
var notPrograms = []string{"manage.py", "setup.py"}

// pyProgram finds the command the project starts itself with, when that is
// a Python program rather than a WSGI server loading an app: the Procfile's
// web: line, else the Dockerfile's CMD (after an ENTRYPOINT that runs
// python, or behind a wrapper script that execs it). A program whose file
// defines a module-level app object is left to the WSGI server, which
// serves that object in production. It returns the entry (the script, or
// "-m MODULE") and sets Python.Program.
func pyProgram(d *dir, p *Project) string {
	if data := d.read("Procfile"); data != nil {
		for i, line := range strings.Split(string(data), "\n") {
			cmd, ok := strings.CutPrefix(strings.TrimSpace(line), "web:")
			if !ok {
				continue
			}
			segs := strings.FieldsFunc(strings.ReplaceAll(cmd, "&&", ";"), func(r rune) bool { return r == ';' })
			if len(segs) == 0 {
				break
			}
			words, err := shlex.Split(segs[len(segs)-1])
			if err != nil {
				break
			}
			if entry := usePyProgram(d, p, words, "Procfile", i+1); entry != "" {
				if len(segs) > 1 {
					p.evidence(d.path("Procfile"), i+1, "release steps before the program (%s) are not run at start: run them as a release/deploy step", strings.TrimSpace(strings.Join(segs[:len(segs)-1], ";")))
				}
				return entry
			}
			break
		}
	}
	words, line := dockerfileStart(d.read("Dockerfile"))
	if words != nil {
		return usePyProgram(d, p, words, "Dockerfile", line)
	}
	return ""
}

// usePyProgram keeps words as the project's program when they run one of
// its Python files or modules.
func usePyProgram(d *dir, p *Project, words []string, file string, line int) string {
	prog, entry, script := pythonProgram(d, words)
	if prog == nil {
		return ""
	}
	// A package's __main__.py is meant to run; another file that defines
	// the app object is imported by the server (its app.run() sits behind
	// if __name__ == "__main__").
	if script != "" && path.Base(script) != "__main__.py" && flaskAppRe.Match(d.read(script)) {
		p.evidence(d.path(file), line, "%s runs %s, which defines the app object: a WSGI/ASGI server serves it instead", file, script)
		return moduleTarget(d, p, script, strings.ReplaceAll(strings.TrimSuffix(script, ".py"), "/", "."))
	}
	p.Python.Program = prog
	p.evidence(d.path(file), line, "%s starts the app with its own program: %s", file, strings.Join(prog, " "))
	p.Python.DataDirs = dataDirs(d, p, prog[1:], file, line)
	return entry
}

// pythonProgram reads "python [flags] FILE.py ARGS" or "python -m MODULE
// ARGS" whose file or module is in the project. It returns the command
// (python, the script or -m MODULE, the arguments that need no shell; a
// $PORT word becomes ${PORT}), the entry, and the file python runs; nil
// when words are no such command.
func pythonProgram(d *dir, words []string) ([]string, string, string) {
	for len(words) > 0 && (words[0] == "exec" || strings.Contains(words[0], "=")) {
		words = words[1:]
	}
	if len(words) < 2 || !pythonExeRe.MatchString(path.Base(words[0])) {
		return nil, "", ""
	}
	i := 1
	for i < len(words) && strings.HasPrefix(words[i], "-") && words[i] != "-m" {
		if words[i] == "-X" || words[i] == "-W" {
			i++ // the option's value
		}
		i++
	}
	if i >= len(words) {
		return nil, "", ""
	}
	prog := []string{"python"}
	var entry, script string
	switch {
	case words[i] == "-m" && i+1 < len(words):
		mod := words[i+1]
		if !pyModNameRe.MatchString(mod) || !pyModuleExists(d, mod) {
			return nil, "", ""
		}
		prog = append(prog, "-m", mod)
		entry = "-m " + mod
		// The file python -m runs: a package's __main__.py, else the module.
		// (A module's file is checked for an app object like a script's.)
		f := strings.ReplaceAll(mod, ".", "/")
		script = f + ".py"
		if d.exists(f + "/__main__.py") {
			script = f + "/__main__.py"
		}
		i += 2
	default:
		f := path.Clean(words[i])
		if !pyScriptRe.MatchString(f) || !plan.SafeRel(f) || !d.exists(f) || slices.Contains(notPrograms, path.Base(f)) {
			return nil, "", ""
		}
		prog = append(prog, f)
		entry, script = f, f
		i++
	}
	args, ok := programArgs(words[i:])
	if !ok {
		return nil, "", ""
	}
	return append(prog, args...), entry, script
}

// programArgs keeps the arguments that need no shell: a $PORT word reads
// ${PORT} (the kind puts the exposed port there), a flag whose value needs
// another variable is dropped with it; nil and false when a positional
// argument needs the shell or a word is not plain text.
func programArgs(words []string) ([]string, bool) {
	var out []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		if len(w) > 200 || len(out) >= 32 || strings.ContainsFunc(w, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return nil, false
		}
		w = portWordRe.get().ReplaceAllLiteralString(w, "${PORT}")
		if !otherEnvRe.MatchString(strings.ReplaceAll(w, "${PORT}", "")) {
			out = append(out, w)
			continue
		}
		// A variable other than PORT: drop the flag that takes it.
		if name, _, hasVal := strings.Cut(w, "="); strings.HasPrefix(w, "-") && hasVal && !otherEnvRe.MatchString(name) {
			continue
		}
		if len(out) > 0 && strings.HasPrefix(out[len(out)-1], "-") {
			out = out[:len(out)-1]
			continue
		}
		return nil, false
	}
	return out, true
}

// dockerfileStart is the command a Dockerfile starts: its last ENTRYPOINT
// when that runs python (with the CMD's words as arguments), else its last
// CMD; and the line it is on.
func dockerfileStart(data []byte) ([]string, int) {
	if data == nil {
		return nil, 0
	}
	var cmd, entry []string
	var cmdLine, entryLine int
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		start := i
		text := lines[i]
		for strings.HasSuffix(strings.TrimSpace(text), `\`) && i+1 < len(lines) {
			i++
			text = strings.TrimSuffix(strings.TrimSpace(text), `\`) + " " + lines[i]
		}
		m := dockerInstRe.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		words := dockerWords(m[2])
		if strings.EqualFold(m[1], "CMD") {
			cmd, cmdLine = words, start+1
		} else {
			entry, entryLine = words, start+1
		}
	}
	if len(entry) > 0 && pythonExeRe.MatchString(path.Base(entry[0])) {
		return slices.Concat(entry, cmd), entryLine
	}
	return cmd, cmdLine
}

// dockerWords reads an instruction's exec form (a JSON array) or shell form.
func dockerWords(s string) []string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") {
		var words []string
		if json.Unmarshal([]byte(s), &words) != nil {
			return nil
		}
		return words
	}
	words, err := shlex.Split(s)
	if err != nil {
		return nil
	}
	return words
}

// dataFlags name the folder a program keeps its data in.
var dataFlags = []string{"-d", "--data", "--data-dir", "--datadir", "--datastore", "--data-path", "--storage", "--storage-dir", "--state-dir", "--db-dir", "--var-dir"}

// dataDirs are the folders the program keeps its data in, which the
// runtime user must own: the value of a data flag (-d, --data-dir, ...),
// and an absolute folder among args that the project's own Dockerfile
// creates or declares as a volume. Absolute ones are returned; relative
// ones (below /app) join Python.Writable.
func dataDirs(d *dir, p *Project, args []string, file string, line int) []string {
	data := d.read("Dockerfile")
	var out []string
	for i, a := range args {
		name, val, hasVal := strings.Cut(a, "=")
		if !hasVal && i+1 < len(args) {
			val = args[i+1]
		}
		if !slices.Contains(dataFlags, name) || val == "" || strings.HasPrefix(val, "-") {
			continue
		}
		switch {
		case dataDirRe.MatchString(val) && !systemDir(val) && !slices.Contains(out, val):
			out = append(out, val)
			p.evidence(d.path(file), line, "the program keeps its data in %s (%s): owned by the runtime user", val, name)
		case !strings.HasPrefix(val, "/") && plan.SafeRel(path.Clean(val)) && path.Clean(val) != "." && !slices.Contains(p.Python.Writable, path.Clean(val)):
			p.Python.Writable = append(p.Python.Writable, path.Clean(val))
			p.evidence(d.path(file), line, "the program keeps its data in %s (%s): writable by the runtime user", path.Clean(val), name)
		}
	}
	for _, a := range args {
		if !dataDirRe.MatchString(a) || systemDir(a) || slices.Contains(out, a) {
			continue
		}
		for i, line := range strings.Split(string(data), "\n") {
			t := strings.TrimSpace(line)
			if (strings.HasPrefix(strings.ToUpper(t), "VOLUME") || strings.Contains(t, "mkdir")) && containsWord(t, a) {
				out = append(out, a)
				p.evidence(d.path("Dockerfile"), i+1, "the program keeps its data in %s (the project's image creates it): owned by the runtime user", a)
				break
			}
		}
	}
	return out
}

// systemDir reports whether a folder belongs to the system or the image
// layout, which the runtime user must never own.
func systemDir(a string) bool {
	top := strings.SplitN(strings.TrimPrefix(a, "/"), "/", 2)[0]
	return slices.Contains([]string{"bin", "boot", "dev", "etc", "lib", "lib64", "proc", "root", "run", "sbin", "sys", "usr", "app", "opt", "nonexistent"}, top)
}

// containsWord reports whether s holds w not followed or preceded by more
// path characters.
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		before := j == 0 || !isPathByte(s[j-1])
		after := end == len(s) || !isPathByte(s[end]) || s[end] == '/' && end+1 == len(s)
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isPathByte(c byte) bool {
	return c == '/' || c == '.' || c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}
