package kind

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/plan"
)

func TestPySpecAllows(t *testing.T) {
	for _, c := range []struct {
		spec string
		yes  []int
		no   []int
	}{
		{"^3.10", []int{10, 13, 14}, []int{9}},
		{">=3.9,<3.11", []int{9, 10}, []int{8, 11}},
		{">=3.11,<3.12", []int{11}, []int{10, 12}},
		{"<3.11.4", []int{11}, []int{12}},
		{">=3.11.2", []int{11, 12}, []int{10}},
		{"3.11.4", []int{11}, []int{10, 12}},
		{"3.12.*", []int{12}, []int{11, 13}},
		{"~3.10", []int{10}, []int{11}},
		{"~=3.10", []int{10, 13}, []int{9}},
		{"~=3.10.2", []int{10}, []int{11}},
		{"!=3.12.*,>=3.10", []int{10, 11, 13}, []int{12}},
		{">3.10", []int{11}, []int{10}},
		{"<=3.11", []int{11}, []int{12}},
		{"3.10||3.12", []int{10, 12}, []int{11}},
		{"*", []int{6, 14}, nil},
		{">=3.8, <4", []int{8, 14}, []int{7}},
	} {
		for _, m := range c.yes {
			if !PySpecAllows(c.spec, m) {
				t.Errorf("%q should allow 3.%d", c.spec, m)
			}
		}
		for _, m := range c.no {
			if PySpecAllows(c.spec, m) {
				t.Errorf("%q should not allow 3.%d", c.spec, m)
			}
		}
	}
}

func TestChoosePython(t *testing.T) {
	psy := plan.PyPackage{Name: "psycopg2-binary", Version: "2.9.9", Where: "poetry.lock:9", Minors: []int{10, 11, 12}}
	abi3 := plan.PyPackage{Name: "cryptography", Version: "43.0.1", Abi3: 9}
	pinned := plan.PyPackage{Name: "cffi", Version: "1.15.1", MaxMinor: 11}
	for _, c := range []struct {
		name string
		cons []string
		pkgs []plan.PyPackage
		want string
		why  string
	}{
		{"nothing said", nil, nil, "", ""},
		{"range, no lock: the default", []string{"^3.10"}, nil, "3.13", ""},
		{"range above the default", []string{">=3.14"}, nil, "3.14", ""},
		{"lock wheels stop at cp312", []string{"^3.10"}, []plan.PyPackage{psy, abi3}, "3.12", "psycopg2-binary 2.9.9 has wheels up to cp312, none for Python 3.13"},
		{"no declaration, pinned table bound", nil, []plan.PyPackage{pinned}, "3.11", "cffi 1.15.1 has wheels up to cp311"},
		{"an exact pin wins over wheels", []string{"3.13"}, []plan.PyPackage{psy}, "3.13", "psycopg2-binary 2.9.9 has no wheel for Python 3.13: pip builds it from source"},
		{"conflicting declarations follow the first", []string{"3.9", ">=3.11"}, nil, "3.9", "conflict"},
		{"abi3 serves every later line", []string{"^3.10"}, []plan.PyPackage{abi3}, "3.13", ""},
		{"no line has every wheel: fewest missing", nil, []plan.PyPackage{
			{Name: "old", Version: "1", Minors: []int{8, 9}}, {Name: "new", Version: "1", Minors: []int{12, 13}}, {Name: "newer", Version: "1", Minors: []int{13}},
		}, "3.13", "old 1 has no wheel for Python 3.13: pip builds it from source"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var cons []PyConstraint
			for _, s := range c.cons {
				cons = append(cons, PyConstraint{Spec: s, Where: "pyproject.toml:3"})
			}
			got, why := ChoosePython(cons, c.pkgs)
			if got != c.want {
				t.Errorf("got %q, want %q (why %v)", got, c.want, why)
			}
			var facts []string
			for _, w := range why {
				facts = append(facts, w.Fact)
			}
			if all := strings.Join(facts, "; "); c.why != "" && !strings.Contains(all, c.why) || c.why == "" && all != "" {
				t.Errorf("why = %q, want it to say %q", all, c.why)
			}
		})
	}
}

func TestPythonNative(t *testing.T) {
	pkgs := []plan.PyPackage{
		{Name: "psycopg2", Version: "2.9.9", Where: "requirements.txt:2"},
		{Name: "lxml", Version: "5.2.2", MaxMinor: 12},
		{Name: "greenlet", Version: "3.0.1", Minors: []int{11, 12}},
		{Name: "psycopg", Version: "3.2.1"},
		{Name: "psycopg-binary", Version: "3.2.1", Minors: []int{12, 13}},
		{Name: "Flask_Login", Version: "0.6"},
	}
	if n := PythonNative([]plan.PyPackage{{Name: "regex", Version: "2023.8.8", SourceOnly: true}}, "3.13"); strings.Join(n.Build, " ") != "gcc libc6-dev" {
		t.Errorf("a source-only package without a row needs a compiler: %v", n.Build)
	}
	n := PythonNative(pkgs, "3.12")
	if got := strings.Join(n.Build, " "); got != "gcc libc6-dev libpq-dev" {
		t.Errorf("3.12 build = %q", got)
	}
	if got := strings.Join(n.Runtime, " "); got != "libpq5" {
		t.Errorf("3.12 runtime = %q (psycopg's own binary makes libpq5 for psycopg unnecessary, psycopg2 still needs it)", got)
	}
	// On 3.13 lxml 5.2.2 and greenlet 3.0.1 have no wheel: lxml's row, and a
	// compiler for greenlet, which has no row.
	n = PythonNative(pkgs, "3.13")
	if got := strings.Join(n.Build, " "); got != "gcc libc6-dev libpq-dev libxml2-dev libxslt1-dev" {
		t.Errorf("3.13 build = %q", got)
	}
	if got := strings.Join(n.Why, "\n"); !strings.Contains(got, "no wheel for Python 3.13, built from source: greenlet 3.0.1: gcc libc6-dev to build") ||
		!strings.Contains(got, "psycopg2 2.9.9 is built from source (requirements.txt:2): gcc libc6-dev libpq-dev to build, libpq5 to run") {
		t.Errorf("why:\n%s", got)
	}
	// Debian 12 names for the images of Python 3.8 and older.
	if n := PythonNative([]plan.PyPackage{{Name: "python_ldap", Version: "3.4.4"}}, "3.8"); !strings.Contains(strings.Join(n.Runtime, " "), "libldap-2.5-0") {
		t.Errorf("3.8 runtime = %v", n.Runtime)
	}
}

func TestNativeTable(t *testing.T) {
	for _, eco := range []string{"python", "node", "go"} {
		if len(native()[eco]) == 0 {
			t.Errorf("native.yaml has no %s rows", eco)
		}
	}
	if _, ok := Native("python", "Psycopg2"); !ok {
		t.Error("PyPI names are compared normalized")
	}
	for _, bad := range []string{
		"python: [{package: x, when: sometimes}]",
		"python: [{package: x, when: always, build: [\"gcc; rm -rf /\"]}]",
	} {
		if _, err := parseNative([]byte(bad)); err == nil {
			t.Errorf("parseNative accepted %s", bad)
		}
	}
}

func TestPyWheelMax(t *testing.T) {
	for _, c := range []struct {
		name, version string
		want          int
	}{
		{"psycopg2-binary", "2.9.3", 10},
		{"psycopg2_binary", "2.9.9", 12},
		{"psycopg2-binary", "2.9.10", 0},
		{"greenlet", "3.0.1", 12},
		{"PyYAML", "6.0", 10},
		{"flask", "3.0.0", 0},
	} {
		if got := PyWheelMax(c.name, c.version); got != c.want {
			t.Errorf("PyWheelMax(%s, %s) = %d, want %d", c.name, c.version, got, c.want)
		}
	}
}

func TestPythonStart(t *testing.T) {
	if got := strings.Join(pythonStart([]string{"gunicorn", "-k", "gthread", "app.wsgi"}, 8000), " "); got != "gunicorn --bind 0.0.0.0:8000 -k gthread app.wsgi" {
		t.Errorf("gunicorn: %s", got)
	}
	got := pythonStart([]string{"uvicorn", "main:app"}, 8080)
	if strings.Join(got, " ") != "uvicorn main:app --host 0.0.0.0 --port 8080" {
		t.Errorf("uvicorn: %s", got)
	}
	if again := pythonStart(got, 8080); len(again) != len(got) {
		t.Errorf("not idempotent: %q", again)
	}
}

// The server's bind is dockgen's: a privileged port is mapped, not refused.
func TestPythonPrivilegedPort(t *testing.T) {
	p := &plan.Plan{Port: 80, Name: "app"}
	Python.Entry(p, "app:app", true)
	if p.Port != 8080 || p.Python.PrivilegedPort != 80 {
		t.Fatalf("port %d (privileged %d), want 8080 (80)", p.Port, p.Python.PrivilegedPort)
	}
	if err := Python.Check(p, Source{}); err != nil {
		t.Errorf("mapped port refused: %v", err)
	}
}

// --entry naming another target drops the Procfile's command; replaying the
// detected entry (an answers file) keeps it.
func TestPythonStartGivenEntry(t *testing.T) {
	for entry, keep := range map[string]bool{"mysite.wsgi:application": true, "other:app": false} {
		p := &plan.Plan{Port: 8000}
		p.Python.Start = []string{"gunicorn", "-k", "gthread", "mysite.wsgi"}
		Python.Entry(p, entry, true)
		if got := len(p.Python.Start) > 0; got != keep {
			t.Errorf("entry %s: start kept %v, want %v", entry, got, keep)
		}
	}
}

// A program start: replaying the detected entry keeps it (with the port in
// place of ${PORT}); --entry naming another script runs that script; a WSGI
// target drops the program; a script outside the project is refused.
func TestPythonProgramEntry(t *testing.T) {
	detected := []string{"python", "-m", "svc", "--port", "${PORT}"}
	for _, c := range []struct {
		entry string
		want  string
		err   bool
	}{
		{"-m svc", "python -m svc --port 5000", false},
		{"tools/run.py", "python tools/run.py", false},
		{"-m other.web", "python -m other.web", false},
		{"-m x;rm", "python -m x;rm", true},
		{"svc.web:app", "", false},
		{"../run.py", "python ../run.py", true},
	} {
		p := &plan.Plan{Port: 5000, Name: "app"}
		p.Python.Program = slices.Clone(detected)
		p.Python.DataDirs = []string{"/data"}
		Python.Entry(p, c.entry, true)
		if got := strings.Join(p.Python.Program, " "); got != c.want {
			t.Errorf("entry %s: program %q, want %q", c.entry, got, c.want)
		}
		if err := Python.Check(p, Source{}); (err != nil) != c.err {
			t.Errorf("entry %s: check %v, want error %v", c.entry, err, c.err)
		}
	}
}
