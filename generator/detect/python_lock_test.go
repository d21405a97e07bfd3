package detect

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dockgen/dockgen/generator/plan"
)

func TestWheelLines(t *testing.T) {
	for _, c := range []struct {
		file  string
		linux bool
		want  plan.PyPackage
	}{
		{"greenlet-3.0.1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", true, plan.PyPackage{Minors: []int{12}}},
		{"greenlet-3.0.1-cp312-cp312-win_amd64.whl", false, plan.PyPackage{}},
		{"greenlet-3.0.1-cp312-cp312-macosx_11_0_universal2.whl", false, plan.PyPackage{}},
		{"cryptography-43.0.1-cp39-abi3-manylinux_2_28_x86_64.whl", true, plan.PyPackage{Abi3: 9}},
		{"flask-3.0.3-py3-none-any.whl", true, plan.PyPackage{Pure: true}},
		{"six-1.16.0-py2.py3-none-any.whl", true, plan.PyPackage{Pure: true}},
		{"foo-1.0-py2-none-any.whl", false, plan.PyPackage{}},
		{"numpy-2.1.0-cp313-cp313t-manylinux_2_17_x86_64.whl", false, plan.PyPackage{}}, // free-threaded
		{"psycopg2_binary-2.9.9-cp312-cp312-musllinux_1_1_x86_64.whl", false, plan.PyPackage{}},
		{"pkg-1.0-1-cp311-cp311-linux_x86_64.whl", true, plan.PyPackage{Minors: []int{11}}}, // build tag
	} {
		var got plan.PyPackage
		if linux := wheelLines(c.file, &got); linux != c.linux || got.Pure != c.want.Pure || got.Abi3 != c.want.Abi3 || !slices.Equal(got.Minors, c.want.Minors) {
			t.Errorf("%s: linux %v %+v, want %v %+v", c.file, linux, got, c.linux, c.want)
		}
	}
}

// uv.lock names its files by URL; a source-only package (sdist, Windows
// wheels only) is recorded as such, a pure one is dropped.
func TestLockPackagesUV(t *testing.T) {
	root := t.TempDir()
	lock := `version = 1
requires-python = ">=3.12"

[[package]]
name = "httptools"
version = "0.6.1"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.example/httptools-0.6.1.tar.gz", hash = "sha256:00" }
wheels = [
    { url = "https://files.example/httptools-0.6.1-cp312-cp312-manylinux_2_5_x86_64.manylinux1_x86_64.manylinux_2_17_x86_64.manylinux2014_x86_64.whl", hash = "sha256:01" },
]

[[package]]
name = "mysqlclient"
version = "2.2.4"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.example/mysqlclient-2.2.4.tar.gz", hash = "sha256:02" }
wheels = [
    { url = "https://files.example/mysqlclient-2.2.4-cp312-cp312-win_amd64.whl", hash = "sha256:03" },
]

[[package]]
name = "flask"
version = "3.0.3"
source = { registry = "https://pypi.org/simple" }
wheels = [
    { url = "https://files.example/flask-3.0.3-py3-none-any.whl", hash = "sha256:04" },
]

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
`
	if err := os.WriteFile(filepath.Join(root, "uv.lock"), []byte(lock), 0o644); err != nil {
		t.Fatal(err)
	}
	var warns []Warning
	got := lockPackages(&dir{root: root, rel: ".", warnings: &warns}, "uv.lock")
	if len(got) != 2 || got[0].Name != "httptools" || !slices.Equal(got[0].Minors, []int{12}) || got[0].Where != "uv.lock:5" {
		t.Fatalf("httptools: %+v", got)
	}
	if !got[1].SourceOnly || got[1].Name != "mysqlclient" {
		t.Errorf("mysqlclient should be source-only: %+v", got[1])
	}
}

func TestRequirementPackages(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "requirements"), 0o755)
	os.WriteFile(filepath.Join(root, "requirements.txt"), []byte("-r requirements/prod.txt\npsycopg[c]>=3.1\nFlask==3.0.0\nnumpy==2.*\nmysqlclient==2.*\npsycopg[c,pool]==3.3.4\n"), 0o644)
	os.WriteFile(filepath.Join(root, "requirements", "prod.txt"), []byte("psycopg2-binary==2.9.3 # pinned\n-r ../requirements.txt\n"), 0o644)
	var warns []Warning
	got := requirementPackages(&dir{root: root, rel: ".", warnings: &warns}, "requirements.txt", 0, map[string]bool{})
	var names []string
	for _, p := range got {
		names = append(names, p.Name+"@"+p.Where)
	}
	// numpy==2.* is no exact pin: the table cannot bound it.
	want := []string{"psycopg2-binary@requirements/prod.txt:1", "psycopg@requirements.txt:2", "psycopg-c@requirements.txt:2", "mysqlclient@requirements.txt:5", "psycopg@requirements.txt:6", "psycopg-c@requirements.txt:6", "psycopg-pool@requirements.txt:6"}
	if !slices.Equal(names, want) {
		t.Errorf("got %v, want %v", names, want)
	}
	if got[0].MaxMinor != 10 {
		t.Errorf("psycopg2-binary 2.9.3: MaxMinor %d, want 10 (the table)", got[0].MaxMinor)
	}
}

func TestProcfileArgs(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want []string
	}{
		{[]string{"gunicorn", "--config", "g.py", "--workers", "$WEB_CONCURRENCY", "-k", "gthread", "app.wsgi", "--bind", "0.0.0.0:$PORT"},
			[]string{"gunicorn", "--config", "g.py", "-k", "gthread", "app.wsgi"}},
		{[]string{"gunicorn", "-b=:$PORT", "--preload", "app:app"}, []string{"gunicorn", "--preload", "app:app"}},
		{[]string{"uvicorn", "main:app", "--host", "0.0.0.0", "--port", "${PORT:-8000}", "--proxy-headers"}, []string{"uvicorn", "main:app", "--proxy-headers"}},
		{[]string{"gunicorn", "$APP_MODULE"}, nil},
		{[]string{"gunicorn", "app:app\nRUN x"}, nil},
	} {
		if got := procfileArgs(c.in); !slices.Equal(got, c.want) {
			t.Errorf("procfileArgs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// poetry < 1.5 keeps the file names under [metadata.files], keyed by name;
// a [package.dependencies] table's keys are not package names.
func TestLockPackagesPoetryMetadataFiles(t *testing.T) {
	root := t.TempDir()
	lock := `[[package]]
name = "psycopg2-binary"
version = "2.9.3"
description = "x"
python-versions = ">=3.6"

[package.dependencies]
name = "not-a-package"

[[package]]
name = "six"
version = "1.16.0"

[metadata]
lock-version = "1.1"

[metadata.files]
psycopg2-binary = [
    {file = "psycopg2_binary-2.9.3-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl", hash = "sha256:00"},
    {file = "psycopg2-binary-2.9.3.tar.gz", hash = "sha256:01"},
]
six = [
    {file = "six-1.16.0-py2.py3-none-any.whl", hash = "sha256:02"},
]
`
	if err := os.WriteFile(filepath.Join(root, "poetry.lock"), []byte(lock), 0o644); err != nil {
		t.Fatal(err)
	}
	var warns []Warning
	got := lockPackages(&dir{root: root, rel: ".", warnings: &warns}, "poetry.lock")
	if len(got) != 1 || got[0].Name != "psycopg2-binary" || got[0].Version != "2.9.3" || !slices.Equal(got[0].Minors, []int{10}) || got[0].Where != "poetry.lock:2" {
		t.Fatalf("got %+v", got)
	}
}
