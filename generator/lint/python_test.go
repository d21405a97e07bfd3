package lint

import "testing"

// The Python project rules (DG801-DG805), each by the cause a real
// generated Dockerfile failed on (examples/corpus/reviews, issue 16).
func TestPythonProjectRules(t *testing.T) {
	const venv = "RUN python -m venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\n"
	const runtime = "FROM python:3.13-slim AS runtime\nCOPY --from=build /opt/venv /opt/venv\nCOPY . /app\n" + user
	// A pin whose wheels stop at cp312 (kind/pywheels.yaml), installed from
	// a bind-mounted requirements file.
	pins := map[string]string{"requirements.txt": "flask==3.0.0\ngreenlet==3.0.1\n", "app.py": "app = None\n"}
	install := "RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \\\n    pip install -r /tmp/requirements.txt\n"
	// A source-only package with native build and runtime needs (native.yaml).
	pg := map[string]string{"requirements.txt": "django==5.0\npsycopg2==2.9.9\n", "manage.py": "", "site/wsgi.py": ""}
	aptBuild := "RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev libpq-dev\n"
	runtimePG := "FROM python:3.12-slim AS runtime\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5\nCOPY --from=build /opt/venv /opt/venv\nCOPY . /app\n" + user
	// A requirements file that includes others (wagtail/bakerydemo's shape).
	incl := map[string]string{"requirements.txt": "-r requirements/production.txt\n", "requirements/production.txt": "-r base.txt\ngunicorn==23.0\n", "requirements/base.txt": "flask==3.0\n", "app.py": ""}
	// Django with WhiteNoise's manifest storage (heroku/python-getting-started).
	dj := map[string]string{
		"requirements.txt":     "django==5.1\nwhitenoise==6.7\ngunicorn==23.0\n",
		"manage.py":            "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site1.settings\")\nfrom django.core.management import execute_from_command_line\n",
		"site1/__init__.py":    "",
		"site1/wsgi.py":        "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site1.settings\")\n",
		"site1/settings.py":    "STATIC_ROOT = BASE_DIR / \"staticfiles\"\nSTORAGES = {\"staticfiles\": {\"BACKEND\": \"whitenoise.storage.CompressedManifestStaticFilesStorage\"}}\n",
		"site1/templates/x.md": "",
	}
	djCmd := "CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"site1.wsgi:application\"]\n"
	runTwins(t, []twin{
		// py-01 (microblog), py-216, py-218: python:3.13-slim for pins whose
		// wheels stop at cp312, and no compiler for pip's source build.
		{name: "no wheel for the base's Python, no compiler", rule: "DG801", line: 4,
			fires: "FROM python:3.13-slim AS build\n" + venv + install + runtime, ctxFire: pins,
			quiet: "FROM python:3.12-slim AS build\n" + venv + install + "FROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\n" + user},
		{name: "no wheel, but a compiler", rule: "DG801",
			fires: "ARG PYTHON_VERSION=3.13\nFROM python:${PYTHON_VERSION}-slim AS build\n" + venv + install + runtime, ctxFire: pins,
			quiet: "FROM python:3.13-slim AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev\n" + venv + install + runtime},
		{name: "the full python image has a compiler", rule: "DG801",
			fires: "FROM python:3.13-alpine\n" + install + user, ctxFire: pins,
			quiet: "FROM python:3.13\n" + install + user},
		{name: "a named tool is not the project's dependencies", rule: "DG801",
			fires: "FROM python:3.13-slim\n" + install + user, ctxFire: pins,
			quiet: "FROM python:3.13-slim\nRUN pip install gunicorn\n" + user},
		// py-206 (healthchecks, pycurl), py-209 and py-214 (mysqlclient,
		// python-ldap): source-only packages and no build packages.
		{name: "source-only package without build packages", rule: "DG801", line: 2,
			fires: "FROM python:3.12-slim AS build\n" + install + runtimePG, ctxFire: pg,
			quiet: "FROM python:3.12-slim AS build\n" + aptBuild + install + runtimePG},
		{name: "runtime library missing from the final stage", rule: "DG802", line: 5,
			fires: "FROM python:3.12-slim AS build\n" + aptBuild + install + "FROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\n" + user, ctxFire: pg,
			quiet: "FROM python:3.12-slim AS build\n" + aptBuild + install + runtimePG},
		{name: "one stage: the -dev package brings the library", rule: "DG802",
			fires: "FROM python:3.12-slim AS build\n" + aptBuild + install + "FROM python:3.12-slim\nCOPY --from=build /opt/venv /opt/venv\n" + user, ctxFire: pg,
			quiet: "FROM python:3.12-slim\n" + aptBuild + install + user},
		// py-205 (bakerydemo), py-213 (flasky): only the top requirements
		// file is bind-mounted; its -r lines name files pip cannot open.
		{name: "included requirements not beside the file", rule: "DG803", line: 2,
			fires: "FROM python:3.12-slim\n" + install + user, ctxFire: incl,
			quiet: "FROM python:3.12-slim\nCOPY requirements.txt /tmp/requirements.txt\nCOPY requirements/production.txt /tmp/requirements/production.txt\nCOPY requirements/base.txt /tmp/requirements/base.txt\nRUN pip install -r /tmp/requirements.txt\n" + user},
		{name: "the requirements folder copied", rule: "DG803", line: 4,
			fires: "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\n" + user, ctxFire: incl,
			quiet: "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nCOPY requirements requirements\nRUN pip install -r requirements.txt\n" + user},
		{name: "the whole context bind-mounted", rule: "DG803",
			fires: "FROM python:3.12-slim\n" + install + user, ctxFire: incl,
			quiet: "FROM python:3.12-slim\nRUN --mount=type=bind,target=/src pip install -r /src/requirements.txt\n" + user},
		// py-210 (paperless-ngx), py-205, static-211 (pi-hole/docs): the
		// server is started on an app module the project does not have.
		{name: "app module nowhere in the project", rule: "DG804", line: 4,
			fires: "FROM python:3.12-slim\nRUN pip install gunicorn flask\nCOPY . /app\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n", ctxFire: map[string]string{"requirements.txt": "flask\n", "src/web/server.py": "", "ui/src/app/main.ts": ""},
			quiet: "FROM python:3.12-slim\nRUN pip install gunicorn flask\nCOPY . /app\nCMD [\"gunicorn\", \"--chdir\", \"src\", \"--bind\", \"0.0.0.0:8000\", \"web.server:app\"]\n"},
		{name: "app module from a dependency or a RUN", rule: "DG804",
			fires: "FROM python:3.12-slim\nCMD gunicorn -c python:conf.gunicorn --bind 0.0.0.0:8000 httpbin:app\n", ctxFire: map[string]string{"README.md": ""},
			quiet: "FROM python:3.12-slim\nRUN pip install httpbin gunicorn\nCMD gunicorn -c python:conf.gunicorn --bind 0.0.0.0:8000 httpbin:app\n"},
		{name: "app module as a package folder", rule: "DG804",
			fires: "FROM python:3.12-slim\nCMD [\"uvicorn\", \"api.main:app\"]\n", ctxFire: map[string]string{"README.md": ""},
			quiet: "FROM python:3.12-slim\nCMD [\"uvicorn\", \"api.main:app\"]\n", ctxQui: map[string]string{"backend/api/main.py": ""}},
		// py-06 (heroku/python-getting-started): manifest storage and no
		// collectstatic anywhere.
		{name: "manifest storage without collectstatic", rule: "DG805", line: 4,
			fires: "FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n" + djCmd + user, ctxFire: dj,
			quiet: "FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt && python /app/manage.py collectstatic --noinput\n" + djCmd + user},
		{name: "collectstatic in a start script", rule: "DG805",
			fires: "FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n" + djCmd + user, ctxFire: dj,
			quiet: "FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD [\"./start.sh\"]\n" + user},
	})
}

// Lint corpus (miguelgrinberg/flasky): the image installs another
// requirements file than the one detection read the pins from.
func TestPythonOtherRequirementsFile(t *testing.T) {
	ctx := map[string]string{"requirements.txt": "-r requirements/heroku.txt\n", "requirements/heroku.txt": "psycopg2==2.7.3\n", "requirements/docker.txt": "pymysql==0.7.11\n", "app.py": ""}
	runTwins(t, []twin{{name: "another requirements file", rule: "DG801", line: 3,
		fires: "FROM python:3.6-alpine\nCOPY . .\nRUN pip install -r requirements.txt\n" + user, ctxFire: ctx,
		quiet: "FROM python:3.6-alpine\nCOPY requirements requirements\nRUN pip install -r requirements/docker.txt\n" + user}})
}

// py-219 (postmanlabs/httpbin): runtime.txt's Python 3.6 honoured, but the
// lockfile export installs pipenv>=2023.10, which needs Python 3.7.
func TestPythonToolTooNew(t *testing.T) {
	runTwins(t, []twin{
		{name: "pipenv floor above the stage's Python", rule: "DG806", line: 3,
			fires: "ARG PYTHON_VERSION=3.6\nFROM python:${PYTHON_VERSION}-slim AS build\nRUN python -m venv /opt/tools && /opt/tools/bin/pip install \"pipenv>=2023.10\"\n" + user,
			quiet: "FROM python:3.13-slim AS export\nRUN python -m venv /opt/tools && /opt/tools/bin/pip install \"pipenv>=2023.10\"\n" + user},
		{name: "poetry 2 needs 3.9", rule: "DG806", line: 2,
			fires: "FROM python:3.8-slim\nRUN pip install \"poetry>=2,<3\" poetry-plugin-export\n" + user,
			quiet: "FROM python:3.8-slim\nRUN pip install \"poetry<2\" pipenv\n" + user},
		{name: "every uv needs 3.8", rule: "DG806", line: 2,
			fires: "FROM python:3.7-slim\nRUN pip install uv\n" + user,
			quiet: "FROM python:3.8-slim\nRUN pip install uv\n" + user},
	})
}

// Lint corpus check on the corpus repos' own Dockerfiles (wsvincent/djangox):
// with DEBUG = True a manifest storage serves unhashed names, so no 500.
func TestCollectstaticDebugOn(t *testing.T) {
	settings := "STATIC_ROOT = BASE_DIR / \"staticfiles\"\nSTORAGES = {\"staticfiles\": {\"BACKEND\": \"whitenoise.storage.CompressedManifestStaticFilesStorage\"}}\n"
	files := func(debug string) map[string]string {
		return map[string]string{
			"requirements.txt":  "django==5.1\nwhitenoise==6.7\ngunicorn==23.0\n",
			"manage.py":         "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site1.settings\")\n",
			"site1/__init__.py": "",
			"site1/wsgi.py":     "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site1.settings\")\n",
			"site1/settings.py": debug + settings,
		}
	}
	df := "FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nCMD [\"gunicorn\", \"site1.wsgi:application\"]\n" + user
	runTwins(t, []twin{{name: "DEBUG on", rule: "DG805", line: 4,
		fires: df, ctxFire: files("DEBUG = os.environ.get(\"DEBUG\") == \"1\"\n"),
		quiet: df, ctxQui: files("DEBUG = True  # development\n")}})
}

// CTFd/CTFd (py-203), which built: a source-only package without a
// native.yaml row may be pure Python (flask-script), and markupsafe's C
// speedups are optional; neither needs a compiler.
func TestNoCompilerNeeded(t *testing.T) {
	lock := func(name string) string {
		return "version = 1\nrequires-python = \">=3.11\"\n\n[[package]]\nname = \"" + name + "\"\nversion = \"2.0.6\"\nsource = { registry = \"https://pypi.org/simple\" }\nsdist = { url = \"https://files.pythonhosted.org/packages/aa/" + name + "-2.0.6.tar.gz\", hash = \"sha256:00\" }\n"
	}
	uv := func(name string) map[string]string {
		return map[string]string{"pyproject.toml": "[project]\nname = \"x\"\nrequires-python = \">=3.11\"\ndependencies = [\"" + name + "\"]\n", "uv.lock": lock(name), "app.py": ""}
	}
	df := "FROM python:3.11-slim\nRUN pip install uv && uv sync --frozen\n" + user
	req := func(pin string) map[string]string {
		return map[string]string{"requirements.txt": pin + "\n", "app.py": ""}
	}
	install := "FROM python:3.13-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n" + user
	runTwins(t, []twin{
		{name: "source-only package: a row says it compiles", rule: "DG801", line: 2,
			fires: df, ctxFire: uv("psycopg2"),
			quiet: df, ctxQui: uv("flask-script")},
		{name: "optional C speedups", rule: "DG801", line: 3,
			fires: install, ctxFire: req("greenlet==3.0.1"),
			quiet: install, ctxQui: req("markupsafe==2.1.3")},
	})
}

// The app module may come from elsewhere than the context: a clone, a
// download, another image, a base image of the project's own.
func TestAppModuleFromElsewhere(t *testing.T) {
	ctx := map[string]string{"requirements.txt": "flask\n"}
	const cmd = "CMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"web:app\"]\n"
	runTwins(t, []twin{
		{name: "cloned", rule: "DG804", line: 3, ctxFire: ctx,
			fires: "FROM python:3.12-slim\nRUN pip install -r requirements.txt\n" + cmd,
			quiet: "FROM python:3.12-slim\nRUN git clone https://example.com/web.git /app && pip install -r /app/requirements.txt\n" + cmd},
		{name: "from an image", rule: "DG804", line: 3, ctxFire: ctx,
			fires: "FROM python:3.12-slim\nCOPY requirements.txt /app/\n" + cmd,
			quiet: "FROM python:3.12-slim\nCOPY --from=example.com/web:1.0 /app /app\n" + cmd},
		{name: "the project's own base image", rule: "DG804", line: 3, ctxFire: ctx,
			fires: "FROM python:3.12-slim\nCOPY requirements.txt /app/\n" + cmd,
			quiet: "FROM example.com/web-base:1.0\nCOPY requirements.txt /app/\n" + cmd},
	})
}

// uv sync may run on a Python it downloads (.python-version), not the
// image's: it counts only what needs a compiler on that line too.
func TestNoCompilerUvPython(t *testing.T) {
	lock := func(name, version, wheel string) string {
		return "version = 1\nrequires-python = \">=3.11\"\n\n[[package]]\nname = \"" + name + "\"\nversion = \"" + version + "\"\nsource = { registry = \"https://pypi.org/simple\" }\nsdist = { url = \"https://files.pythonhosted.org/packages/aa/" + name + "-" + version + ".tar.gz\", hash = \"sha256:00\" }\n" +
			"wheels = [{ url = \"https://files.pythonhosted.org/packages/bb/" + wheel + "\", hash = \"sha256:01\" }]\n"
	}
	ctx := func(name, version, wheel string) map[string]string {
		return map[string]string{"pyproject.toml": "[project]\nname = \"x\"\nrequires-python = \">=3.11\"\ndependencies = [\"" + name + "\"]\n", "uv.lock": lock(name, version, wheel), ".python-version": "3.12\n", "app.py": ""}
	}
	df := "FROM python:3.13-slim\nRUN pip install uv && uv sync --frozen\n" + user
	runTwins(t, []twin{{name: "uv on a .python-version", rule: "DG801", line: 2,
		fires: df, ctxFire: ctx("psycopg2", "2.9.9", "psycopg2-2.9.9-cp313-cp313-win_amd64.whl"),
		quiet: df, ctxQui: ctx("greenlet", "3.0.1", "greenlet-3.0.1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")}})
}
