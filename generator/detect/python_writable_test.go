package detect_test

import (
	"slices"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
)

// Paths a package writes relative to its own folder, wherever the process
// runs (CTFd: uploads, logs, a cache above it and its SQLite default built
// from os.path.dirname(__file__)); a file read there is not one.
func TestPythonModuleRelativeWrites(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "requirements.txt", "flask==3.0.0\n")
	writeFile(t, root, "wsgi.py", "from app import create_app\napp = create_app()\n")
	writeFile(t, root, "app/__init__.py", "from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n")
	writeFile(t, root, "app/config.py", `import os

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "config.ini")
TEMPLATES = os.path.join(os.path.dirname(__file__), "themes")


class Config:
    DATABASE_URL = f"sqlite:///{os.path.dirname(os.path.abspath(__file__))}/app.db"
    CACHE_DIR: str = os.path.join(
        os.path.dirname(__file__), os.pardir, ".data", "filesystem_cache"
    )
    LOG_FOLDER: str = empty_str_cast(config_ini["logs"]["LOG_FOLDER"]) \
        or os.path.join(os.path.dirname(os.path.abspath(__file__)), "logs")
    UPLOAD_FOLDER = os.path.join(os.path.dirname(__file__), 'uploads')
`)
	res, err := detect.Dir(root)
	if err != nil {
		t.Fatal(err)
	}
	py := res.Projects[0].Python
	slices.Sort(py.Writable)
	if want := []string{".data/filesystem_cache", "app/logs", "app/uploads"}; !slices.Equal(py.Writable, want) {
		t.Errorf("Writable %q, want %q (config.ini and themes/ are read)", py.Writable, want)
	}
	if want := []string{"app/app.db"}; !slices.Equal(py.WritableFiles, want) {
		t.Errorf("WritableFiles %q, want %q", py.WritableFiles, want)
	}
}
