package detect

import (
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/dockgen/dockgen/generator/plan"
)

type pyproject struct {
	Project struct {
		RequiresPython string   `toml:"requires-python"`
		Dependencies   []string `toml:"dependencies"`
	} `toml:"project"`
	BuildSystem *struct {
		BuildBackend string `toml:"build-backend"`
	} `toml:"build-system"`
	Tool struct {
		Poetry *struct {
			PackageMode  *bool          `toml:"package-mode"`
			Dependencies map[string]any `toml:"dependencies"`
		} `toml:"poetry"`
		UV *struct{} `toml:"uv"`
	} `toml:"tool"`
}

var (
	flaskAppRe     = regexp.MustCompile(`(?m)^(\w+)\s*(?::\s*\w+\s*)?=\s*(?:flask\.)?(Flask|create_app)\(`)
	createAppRe    = regexp.MustCompile(`(?m)^def\s+create_app\s*\(`)
	gunicornReqRe  = regexp.MustCompile(`(?mi)^\s*gunicorn\b`)
	requirementsRe = regexp.MustCompile(`^requirements(?:[-_.]?(?:prod|production|main|base))?\.txt$`)
)

func detectPython(d *dir) (*Project, bool) {
	p := &Project{Lang: plan.LangPython, Framework: "none"}
	var deps strings.Builder
	found := false
	for _, f := range []string{"requirements.txt", "requirements-prod.txt", "requirements/prod.txt", "requirements/production.txt", "requirements/base.txt"} {
		if data := d.read(f); data != nil {
			found = true
			p.Python.Requirements = f
			p.evidence(d.path(f), 1, "pip requirements %s", f)
			deps.Write(data)
			break
		}
	}
	if data := d.read("pyproject.toml"); data != nil {
		found = true
		p.Python.Pyproject = true
		var pp pyproject
		if _, err := toml.Decode(string(data), &pp); err != nil {
			d.warn("pyproject.toml", errLine(err), "malformed TOML: %v", firstLine(err.Error()))
		} else {
			if pp.Project.RequiresPython != "" {
				p.Version = pp.Project.RequiresPython
				p.evidence(d.path("pyproject.toml"), lineOf(data, "requires-python"), "requires-python %s", p.Version)
			}
			for _, dep := range pp.Project.Dependencies {
				deps.WriteString(dep + "\n")
			}
			if pp.Tool.Poetry != nil {
				for k := range pp.Tool.Poetry.Dependencies {
					deps.WriteString(k + "\n")
				}
				if v, ok := pp.Tool.Poetry.Dependencies["python"].(string); ok && p.Version == "" {
					p.Version = v
					p.evidence(d.path("pyproject.toml"), lineOf(data, "python ="), "poetry python %s", v)
				}
			}
			p.Python.Installable = pp.BuildSystem != nil && p.Python.Requirements == "" &&
				(pp.Tool.Poetry == nil || pp.Tool.Poetry.PackageMode == nil || *pp.Tool.Poetry.PackageMode)
		}
	}
	if d.exists("Pipfile") {
		found = true
	}
	if !found && !d.exists("setup.py") {
		return nil, false
	}
	switch {
	case d.exists("uv.lock"):
		p.Tool, p.Python.Lockfile = "uv", "uv.lock"
	case d.exists("poetry.lock"):
		p.Tool, p.Python.Lockfile = "poetry", "poetry.lock"
	case d.exists("Pipfile"):
		p.Tool = "pipenv"
		if d.exists("Pipfile.lock") {
			p.Python.Lockfile = "Pipfile.lock"
		}
	default:
		p.Tool = "pip"
	}
	if p.Python.Lockfile != "" {
		p.evidence(d.path(p.Python.Lockfile), 1, "lockfile %s: %s", p.Python.Lockfile, p.Tool)
		p.Python.Installable = false // lockfile tools export dependencies only
	}
	if p.Tool != "pip" {
		p.Python.Requirements = ""
	}
	for _, f := range []string{".python-version", "runtime.txt"} {
		if data := d.read(f); data != nil {
			for i, l := range strings.Split(string(data), "\n") {
				l = strings.TrimSpace(l)
				if l == "" || strings.HasPrefix(l, "#") {
					continue
				}
				p.Version = strings.TrimPrefix(l, "python-")
				p.evidence(d.path(f), i+1, "Python %s", p.Version)
				break
			}
			break
		}
	}
	lower := strings.ToLower(deps.String())
	p.Python.HasGunicorn = gunicornReqRe.MatchString(lower)
	switch {
	case regexp.MustCompile(`(?m)^\s*django\b`).MatchString(lower):
		p.Framework = "django"
	case regexp.MustCompile(`(?m)^\s*fastapi\b`).MatchString(lower):
		p.Framework = "fastapi"
	case regexp.MustCompile(`(?m)^\s*flask\b`).MatchString(lower):
		p.Framework = "flask"
	}
	p.Entry = flaskTarget(d, p)
	return p, true
}

// flaskTarget finds the WSGI target: a module-level app object (wsgi.py
// first), else an app factory called by gunicorn ("pkg:create_app()").
func flaskTarget(d *dir, p *Project) string {
	var files []string
	for _, pref := range []string{"wsgi.py", "app.py", "main.py", "application.py", "server.py"} {
		if d.exists(pref) {
			files = append(files, pref)
		}
	}
	for _, e := range d.list(".") {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".py") && !slices.Contains(files, e.Name()) && e.Name() != "setup.py" {
			files = append(files, e.Name())
		}
	}
	for _, f := range files {
		data := d.read(f)
		if m := flaskAppRe.FindSubmatch(data); m != nil {
			mod := strings.TrimSuffix(f, ".py")
			p.evidence(d.path(f), lineOf(data, string(m[0])), "%s = %s(...)", m[1], m[2])
			return mod + ":" + string(m[1])
		}
	}
	// Factories: a module or package defining create_app().
	for _, f := range files {
		if data := d.read(f); createAppRe.Match(data) {
			p.evidence(d.path(f), lineOf(data, "def create_app"), "app factory create_app()")
			return strings.TrimSuffix(f, ".py") + ":create_app()"
		}
	}
	for _, e := range d.list(".") {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		init := e.Name() + "/__init__.py"
		data := d.read(init)
		if m := flaskAppRe.FindSubmatch(data); m != nil {
			p.evidence(d.path(init), lineOf(data, string(m[0])), "%s = %s(...)", m[1], m[2])
			return e.Name() + ":" + string(m[1])
		}
		if createAppRe.Match(data) {
			p.evidence(d.path(init), lineOf(data, "def create_app"), "app factory create_app()")
			return e.Name() + ":create_app()"
		}
	}
	return ""
}
