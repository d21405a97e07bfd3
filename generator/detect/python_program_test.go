package detect_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
)

// pyTree writes files into a fresh folder and detects it as Python.
func pyTree(t *testing.T, files map[string]string) *detect.Project {
	t.Helper()
	p, _, err := detect.DetectLang(writeTree(t, files), "python")
	if err != nil || p == nil {
		t.Fatalf("DetectLang: %v %v", p, err)
	}
	return p
}

// writeTree writes files into a fresh folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		f := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// A project that starts itself (a script or a module, from its Procfile or
// Dockerfile) runs that program; a script that defines the app object is
// served by a WSGI server instead; manage.py runserver is a dev server.
func TestPythonOwnProgram(t *testing.T) {
	for _, c := range []struct {
		name     string
		files    map[string]string
		entry    string
		program  []string
		dataDirs []string
	}{
		{"dockerfile cmd behind an entrypoint script", map[string]string{
			"requirements.txt": "flask\n",
			"run.py":           "import pkg\npkg.main()\n",
			"pkg/__init__.py":  "def main(): pass\n",
			"Dockerfile":       "FROM python:3.12\nVOLUME /data\nENTRYPOINT [\"/entry.sh\"]\nCMD [\"python3\", \"-u\", \"./run.py\", \"--data\", \"/data\", \"--cfg\", \"/etc/x.conf\"]\n",
		}, "run.py", []string{"python", "run.py", "--data", "/data", "--cfg", "/etc/x.conf"}, []string{"/data"}},
		{"procfile module with PORT", map[string]string{
			"requirements.txt": "aiohttp\n",
			"svc/__init__.py":  "",
			"svc/__main__.py":  "import svc\n",
			"Procfile":         "web: python manage_db.py upgrade && python -m svc --port $PORT --token $TOKEN\n",
			"manage_db.py":     "",
		}, "-m svc", []string{"python", "-m", "svc", "--port", "${PORT}"}, nil},
		{"python entrypoint with cmd arguments", map[string]string{
			"pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\"flask\"]\n",
			"main.py":        "from x import serve\nserve()\n",
			"Dockerfile":     "FROM python\nENTRYPOINT [\"python\", \"main.py\"]\nCMD [\"serve\"]\n",
		}, "main.py", []string{"python", "main.py", "serve"}, nil},
		{"script defining the app object", map[string]string{
			"requirements.txt": "flask\n",
			"app.py":           "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run()\n",
			"Dockerfile":       "FROM python\nCMD python app.py\n",
		}, "app:app", nil, nil},
		{"package __main__ runs as it is", map[string]string{
			"requirements.txt": "fastapi\n",
			"api/__init__.py":  "",
			"api/__main__.py":  "import uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\nuvicorn.run(app, host='0.0.0.0')\n",
			"Dockerfile":       "FROM python\nCMD [\"python\", \"-m\", \"api\"]\n",
		}, "-m api", []string{"python", "-m", "api"}, nil},
		{"module file defining the app object", map[string]string{
			"requirements.txt": "flask\n",
			"web/__init__.py":  "",
			"web/server.py":    "from flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run(host='0.0.0.0')\n",
			"Procfile":         "web: python -m web.server\n",
		}, "web.server:app", nil, nil},
		{"django runserver", map[string]string{
			"requirements.txt":  "django\n",
			"manage.py":         "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site1.settings')\n",
			"site1/__init__.py": "",
			"site1/wsgi.py":     "application = get_wsgi_application()\n",
			"Dockerfile":        "FROM python\nCMD [\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:8000\"]\n",
		}, "site1.wsgi:application", nil, nil},
		{"data flags", map[string]string{
			"requirements.txt": "flask\n",
			"serve.py":         "import pkg\npkg.main()\n",
			"Procfile":         "web: python serve.py --data-dir=/var/lib/x --port $PORT --storage ./files -d /etc\n",
		}, "serve.py", []string{"python", "serve.py", "--data-dir=/var/lib/x", "--port", "${PORT}", "--storage", "./files", "-d", "/etc"}, []string{"/var/lib/x"}},
		{"a positional argument needs the shell", map[string]string{
			"requirements.txt": "flask\n",
			"run.py":           "import pkg\n",
			"Procfile":         "web: python run.py $MODE\n",
		}, "", nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := pyTree(t, c.files)
			if c.name == "data flags" && !slices.Equal(p.Python.Writable, []string{"files"}) {
				t.Errorf("writable %q, want [files]", p.Python.Writable)
			}
			if p.Entry != c.entry || !slices.Equal(p.Python.Program, c.program) || !slices.Equal(p.Python.DataDirs, c.dataDirs) {
				t.Errorf("entry %q program %q data %q, want %q %q %q", p.Entry, p.Python.Program, p.Python.DataDirs, c.entry, c.program, c.dataDirs)
			}
		})
	}
}

// A production dependency group is installed: the one the project's own
// uv command takes, else one named prod/production that uv does not
// install by default; dev and test groups never.
func TestPythonDependencyGroups(t *testing.T) {
	pp := "[project]\nname = \"x\"\ndependencies = [\"flask\"]\n[dependency-groups]\ndev = [\"pytest\"]\ntests = [\"coverage\"]\nprod = [\"gunicorn\"]\nweb = [\"gunicorn\", { include-group = \"prod\" }]\n"
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"conventional name", map[string]string{"pyproject.toml": pp, "uv.lock": "version = 1\n"}, []string{"prod"}},
		{"the project's own export", map[string]string{"pyproject.toml": pp, "uv.lock": "version = 1\n",
			"requirements/prod.txt": "# This file was autogenerated by uv via the following command:\n#    uv export --frozen --group web --group tests --no-dev --no-hashes\nflask==3.0\n"}, []string{"web"}},
		{"a default group", map[string]string{"pyproject.toml": pp + "[tool.uv]\ndefault-groups = [\"dev\", \"prod\"]\n", "uv.lock": "version = 1\n"}, nil},
		{"poetry does not read them", map[string]string{"pyproject.toml": pp, "poetry.lock": ""}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := pyTree(t, c.files)
			if !slices.Equal(p.Python.Groups, c.want) {
				t.Errorf("groups %q, want %q", p.Python.Groups, c.want)
			}
			if c.want != nil && !p.Python.HasGunicorn {
				t.Error("gunicorn in the installed group is not seen as a dependency")
			}
		})
	}
}

// Requirements installed from a version-control URL are found in what the
// tool installs from, with their names.
func TestPythonVCSRequirements(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string // name/tool of each, space-separated
	}{
		{"requirements", map[string]string{"requirements.txt": "flask\n# git+https://example.com/not-this.git\n-e git+https://github.com/a/b.git@v1#egg=libb\n-r more.txt\n", "more.txt": "pkgc @ hg+https://hg.example.com/c\n"}, "libb/git pkgc/hg"},
		{"uv.lock", map[string]string{"pyproject.toml": "[project]\nname = \"x\"\n", "uv.lock": "version = 1\n[[package]]\nname = \"dep\"\nversion = \"1\"\nsource = { git = \"https://github.com/a/dep.git?rev=1#1\" }\n[[package]]\nname = \"x\"\n[package.metadata]\nrequires-dist = [{ name = \"dep\", git = \"https://github.com/a/dep.git\" }]\n"}, "dep/git"},
		{"poetry.lock", map[string]string{"pyproject.toml": "[tool.poetry]\nname = \"x\"\n", "poetry.lock": "[[package]]\nname = \"dep\"\nversion = \"1\"\n\n[package.source]\ntype = \"git\"\nurl = \"https://github.com/a/dep.git\"\n"}, "dep/git"},
		{"none", map[string]string{"requirements.txt": "flask==3.0\n"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := pyTree(t, c.files)
			var got []string
			for _, v := range p.Python.VCS {
				got = append(got, v.Name+"/"+v.Tool)
			}
			if g := strings.Join(got, " "); g != c.want {
				t.Errorf("vcs %q, want %q", g, c.want)
			}
		})
	}
}

// A repository package only a dev group or Pipfile's dev-packages name is
// not installed in the image: no git for it.
func TestPythonVCSDevOnly(t *testing.T) {
	uvLock := "version = 1\n[[package]]\nname = \"stubs\"\nversion = \"0\"\nsource = { git = \"https://github.com/a/stubs.git#1\" }\n"
	for name, files := range map[string]map[string]string{
		"uv typing group":      {"pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\"flask\"]\n[dependency-groups]\ntyping = [\"stubs @ git+https://github.com/a/stubs.git\"]\n", "uv.lock": uvLock},
		"Pipfile.lock develop": {"Pipfile": "[packages]\nflask = \"*\"\n", "Pipfile.lock": "{\n \"default\": {\n  \"flask\": {\"version\": \"==3.0\"}\n },\n \"develop\": {\n  \"stubs\": {\n   \"git\": \"https://github.com/a/stubs.git\"\n  }\n }\n}\n"},
		"Pipfile dev-packages": {"Pipfile": "[dev-packages]\nstubs = {git = \"https://github.com/a/stubs.git\"}\n[packages]\nflask = \"*\"\n"},
	} {
		if p := pyTree(t, files); len(p.Python.VCS) > 0 {
			t.Errorf("%s: %+v, want none", name, p.Python.VCS)
		}
	}
}

// The port is read from the program's own file, also below the root.
func TestPythonProgramPort(t *testing.T) {
	p := pyTree(t, map[string]string{
		"requirements.txt": "aiohttp\n",
		"svc/__init__.py":  "",
		"svc/__main__.py":  "import os\nfrom aiohttp import web\nweb.run_app(web.Application(), port=int(os.environ.get('PORT', 7040)))\n",
		"Procfile":         "web: python -m svc\n",
	})
	if p.Entry != "-m svc" || p.Port != 7040 {
		t.Errorf("entry %q port %d, want -m svc on 7040", p.Entry, p.Port)
	}
}
