package detect_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
)

// pyTree writes files into a fresh folder and detects it as Python.
func pyTree(t *testing.T, files map[string]string) *detect.Project {
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
	p, _, err := detect.DetectLang(root, "python")
	if err != nil || p == nil {
		t.Fatalf("DetectLang: %v %v", p, err)
	}
	return p
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
		{"django runserver", map[string]string{
			"requirements.txt":  "django\n",
			"manage.py":         "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site1.settings')\n",
			"site1/__init__.py": "",
			"site1/wsgi.py":     "application = get_wsgi_application()\n",
			"Dockerfile":        "FROM python\nCMD [\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:8000\"]\n",
		}, "site1.wsgi:application", nil, nil},
		{"a positional argument needs the shell", map[string]string{
			"requirements.txt": "flask\n",
			"run.py":           "import pkg\n",
			"Procfile":         "web: python run.py $MODE\n",
		}, "", nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := pyTree(t, c.files)
			if p.Entry != c.entry || !slices.Equal(p.Python.Program, c.program) || !slices.Equal(p.Python.DataDirs, c.dataDirs) {
				t.Errorf("entry %q program %q data %q, want %q %q %q", p.Entry, p.Python.Program, p.Python.DataDirs, c.entry, c.program, c.dataDirs)
			}
		})
	}
}
