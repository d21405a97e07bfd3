package kind

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/dockgen/dockgen/generator/plan"
)

// Python is a WSGI/ASGI app served by gunicorn or uvicorn.
var Python = &Kind{
	Name:    "python",
	Title:   "Python",
	Label:   "Python",
	Aliases: []Alias{{Name: "py", InHelp: true}, {Name: "flask", InHelp: true}},
	Tools:   []string{"pip", "poetry", "pipenv", "uv"},
	Version: Version{Default: "3.13", Map: pythonMinor},
	Port:    8000,

	Manifests: []string{"pyproject.toml", "Pipfile", "setup.py", "requirements*.txt"},
	LookedFor: []string{"pyproject.toml", "requirements.txt"},
	CodeFiles: func(entry string, list ListDir) []string {
		var files []string
		if mod, _, ok := strings.Cut(entry, ":"); ok {
			f := strings.ReplaceAll(mod, ".", "/")
			files = append(files, f+".py", f+"/__init__.py")
		}
		files = append(files, "gunicorn.conf.py", "gunicorn_config.py", "manage.py")
		for _, e := range list(".") {
			if n := e.Name(); !e.IsDir() && strings.HasSuffix(n, ".py") {
				files = append(files, n)
			}
		}
		return files
	},

	EntryHelp:      "Python module:app",
	EntryTitle:     "WSGI/ASGI target",
	VersionExample: "3.12",

	Entry: func(p *plan.Plan, entry string, _ bool) {
		p.Entry = entry
		if p.Entry == "" {
			p.Entry = "app:app"
		}
	},
	Validate: func(p *plan.Plan, _ Source) error {
		if !wsgiRe.MatchString(p.Entry) {
			return &plan.FieldError{Field: "WSGI target (--entry)", Value: p.Entry, Want: "want module:variable or module:factory(), e.g. app:app or wsgi:create_app()"}
		}
		if p.Python.Requirements != "" && !plan.SafeRel(p.Python.Requirements) {
			return &plan.FieldError{Field: "requirements file", Value: p.Python.Requirements, Want: "want a relative path"}
		}
		return nil
	},

	Sample: "python-pip",

	Lint: Lint{
		Commands:     []Command{{Re: `pip3? install\b|python3? -m pip install\b|poetry install\b|uv (sync|pip install)\b`, Download: true}},
		BuildOutputs: []BuildOutput{{"dist", "pyproject.toml", "python -m build"}},
		ImageEnv:     []ImageEnv{{"python:", []string{"PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "PYTHON_VERSION=3.13"}}},
	},
}

var wsgiRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*(\((?:'[A-Za-z0-9_.-]*'|"[A-Za-z0-9_.-]*")?\))?$`)

// pythonMinor picks a 3.x line for .python-version, runtime.txt or a
// requires-python / Poetry specifier.
func pythonMinor(d, def string) string {
	if !strings.ContainsAny(d, "<>=~^!,*") {
		return majorMinor(d, def) // "3.11.4" -> "3.11"
	}
	defMinor := atoi(strings.Split(def, ".")[1])
	lo, hi := 0, 1000 // minor bounds, inclusive
	for _, spec := range strings.Split(d, ",") {
		spec = strings.TrimSpace(spec)
		v := numRe.FindString(spec)
		parts := strings.Split(v, ".")
		if len(parts) < 2 || parts[0] != "3" {
			continue
		}
		minor := atoi(parts[1])
		switch {
		case strings.HasPrefix(spec, ">="), strings.HasPrefix(spec, "^"), strings.HasPrefix(spec, "~="):
			lo = max(lo, minor)
		case strings.HasPrefix(spec, ">"):
			lo = max(lo, minor)
			if len(parts) == 2 {
				lo = max(lo, minor+1)
			}
		case strings.HasPrefix(spec, "<="):
			hi = min(hi, minor)
		case strings.HasPrefix(spec, "<"):
			if len(parts) > 2 && parts[2] != "0" {
				hi = min(hi, minor)
			} else {
				hi = min(hi, minor-1)
			}
		case strings.HasPrefix(spec, "=="), strings.HasPrefix(spec, "~"):
			lo, hi = max(lo, minor), min(hi, minor)
		}
	}
	switch {
	case lo > hi:
		return def
	case defMinor < lo:
		return "3." + strconv.Itoa(lo)
	case defMinor > hi:
		return "3." + strconv.Itoa(hi)
	}
	return def
}
