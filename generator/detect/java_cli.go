package detect

import (
	"path"
	"regexp"
	"slices"
	"strings"
)

// A picocli root command that does nothing by itself (kestra's App: its
// call() prints --help) starts the jar, prints the usage and exits: the
// server is one of its subcommands. Detection reads the root from the main
// class the build names, the subcommands' names from their own @Command,
// and the arguments from the repository's start lines: a `docker run`
// line in the README (one container, as the image is), then a compose
// command.
var (
	javaMainNameRe    = lazy(`\bmainClass(?:Name)?\s*(?:\.set\(|=)\s*["']([A-Za-z_][\w]*(?:\.[A-Za-z_][\w$]*)+)["']`)
	picocliCommandRe  = lazy(`@(?:CommandLine\.)?Command\s*\(`)
	picocliSubsRe     = lazy(`subcommands\s*=\s*\{([^}]*)\}`)
	picocliNameRe     = lazy(`@(?:CommandLine\.)?Command\s*\([^)]*?\bname\s*=\s*"([a-z][\w-]*)"`)
	picocliHelpOnlyRe = lazy(`(?s)public\s+(?:Integer|Void|void)\s+(?:call|run)\s*\(\s*\)[^{]*\{\s*(?:return\s+)?[^;{}]*(?:"--help"|\.usage\()`)
	javaArgWordRe     = regexp.MustCompile(`^[a-z][\w-]*$`)
	imageOrJarRe      = regexp.MustCompile(`^(?:[\w.-]+/[\w./-]+(?::[\w.-]+)?|[\w./-]+\.jar)$`)
)

// javaCLI records the root command's subcommands when it only prints help,
// and the arguments the repository starts it with.
func javaCLI(d *dir, p *Project) {
	main := p.Java.MainClass
	if main == "" {
		for _, f := range []string{"build.gradle", "build.gradle.kts"} {
			if m := javaMainNameRe.FindSubmatch(d.read(f)); m != nil {
				main = string(m[1])
				break
			}
		}
	}
	if main == "" {
		return
	}
	file, src := javaSource(d, main)
	if src == nil || !picocliCommandRe.Match(src) {
		return
	}
	subs := picocliSubsRe.FindSubmatch(src)
	if subs == nil || !picocliHelpOnlyRe.Match(src) {
		return
	}
	var names []string
	for _, c := range strings.Split(string(subs[1]), ",") {
		cls := strings.TrimSuffix(strings.TrimSpace(c), ".class")
		if cls == "" || strings.ContainsAny(cls, " \t\n") {
			continue
		}
		_, sub := javaSource(d, javaImported(src, main, cls))
		if m := picocliNameRe.FindSubmatch(sub); m != nil {
			names = append(names, string(m[1]))
		}
	}
	if len(names) == 0 {
		return
	}
	p.Java.Subcommands = names
	p.evidence(d.path(file), lineAt(src, picocliHelpOnlyRe.FindIndex(src)[0]), "the root command only prints its help: the server is a subcommand (%s)", strings.Join(names, ", "))
	if args, f, line := javaStartArgs(d, names); len(args) > 0 {
		p.Java.Args = args
		p.evidence(f, line, "started as `%s`", strings.Join(args, " "))
		return
	}
	d.warn(file, 0, "the root command only prints its help and the repository shows no start line: pass the subcommand that starts the server (%s) as the Dockerfile's CMD", strings.Join(names, ", "))
}

// javaSource finds a class's source in src/main/java of the project or of
// one of its direct module folders.
func javaSource(d *dir, class string) (string, []byte) {
	if class == "" {
		return "", nil
	}
	rel := "src/main/java/" + strings.ReplaceAll(class, ".", "/") + ".java"
	roots := []string{"."}
	for _, e := range d.list(".") {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && len(roots) < 64 {
			roots = append(roots, e.Name())
		}
	}
	for _, r := range roots {
		if f := path.Join(r, rel); d.exists(f) {
			return f, d.read(f)
		}
	}
	return "", nil
}

// javaImported is a class name's qualified name: its import, else the
// package of the class that names it.
func javaImported(src []byte, from, cls string) string {
	for _, line := range strings.Split(string(src), "\n") {
		if imp, ok := strings.CutPrefix(strings.TrimSpace(line), "import "); ok {
			if imp = strings.TrimSuffix(strings.TrimSpace(imp), ";"); strings.HasSuffix(imp, "."+cls) {
				return imp
			}
		}
	}
	if i := strings.LastIndex(from, "."); i > 0 {
		return from[:i+1] + cls
	}
	return cls
}

// javaStartArgs: the words from a known subcommand on, after an image or
// a jar in a README line, else a compose service's command.
func javaStartArgs(d *dir, names []string) ([]string, string, int) {
	from := func(words []string, i int) []string {
		var out []string
		for _, w := range words[i:] {
			if !javaArgWordRe.MatchString(w) {
				break
			}
			out = append(out, w)
		}
		return out
	}
	for _, f := range []string{"README.md", "docker-compose.yml", "docker-compose.yaml", "compose.yaml", "compose.yml"} {
		for n, line := range strings.Split(string(d.read(f)), "\n") {
			words := strings.Fields(strings.TrimSuffix(strings.TrimSpace(line), "\\"))
			for i, w := range words {
				if !slices.Contains(names, w) {
					continue
				}
				readme := f == "README.md" && i > 0 && imageOrJarRe.MatchString(words[i-1])
				compose := f != "README.md" && i == 1 && words[0] == "command:"
				if readme || compose {
					return from(words, i), d.path(f), n + 1
				}
			}
		}
	}
	return nil, "", 0
}
