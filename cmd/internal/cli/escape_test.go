package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// osc52 asks a terminal to put "pwned" on the clipboard; csi is the 8-bit
// (C1) control sequence introducer, as UTF-8.
const (
	osc52   = "\x1b]52;c;cHduZWQ=\x07"
	osc52Up = `\x1b]52;c;cHduZWQ=\x07` // as human output shows it
	csi     = "\u009b"
)

// noControls fails if out holds a byte a terminal would act on.
func noControls(t *testing.T, what, out string) {
	t.Helper()
	if strings.ContainsAny(out, "\x1b\x07"+csi) {
		t.Errorf("%s prints control characters raw:\n%q", what, out)
	}
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// A package.json whose engines carry OSC 52 and a C1 CSI.
func hostileEngines(t *testing.T) string {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"package.json": `{"name":"x","engines":{"node":"\u001b]52;c;cHduZWQ=\u0007 >=18 \u009b31m"},"scripts":{"start":"node s.js"}}`,
		"s.js":         "\n",
	})
	return dir
}

func TestDetectEscapesControlCharacters(t *testing.T) {
	dir := hostileEngines(t)
	code, out, errOut := run(t, nil, "detect", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	noControls(t, "detect", out+errOut)
	if !strings.Contains(out, "engines.node "+osc52Up) {
		t.Errorf("the engines value is not shown escaped:\n%s", out)
	}
}

// JSON stays exact: the decoded value is the repository's, byte for byte.
func TestDetectJSONStaysExact(t *testing.T) {
	dir := hostileEngines(t)
	code, out, errOut := run(t, nil, "detect", "--json", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, csi) {
		t.Errorf("JSON output lost the C1 character encoding/json leaves as it is:\n%q", out)
	}
	if !strings.Contains(out, `\u001b]52`) {
		t.Errorf("JSON output does not carry ESC as encoding/json writes it:\n%q", out)
	}
	var v any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	want := "engines.node " + osc52 + " >=18 " + csi + "31m"
	if !strings.Contains(string(mustJSON(t, v)), mustJSONString(t, want)) {
		t.Errorf("JSON does not hold %q exactly:\n%s", want, out)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustJSONString(t *testing.T, s string) string { return string(mustJSON(t, s)) }

// The pick-list error names directories, which the repository chooses.
func TestPickListEscapesControlCharacters(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"svc" + osc52, "web"} {
		writeFiles(t, filepath.Join(root, d), map[string]string{
			"go.mod":  "module example.com/svc\n\ngo 1.23\n",
			"main.go": "package main\n\nfunc main() {}\n",
		})
	}
	code, out, errOut := run(t, nil, "--dir", root, "--ci", "none")
	if code == 0 {
		t.Fatalf("exit 0 in a monorepo:\n%s", errOut)
	}
	noControls(t, "the pick-list", out+errOut)
	if !strings.Contains(errOut, "svc"+osc52Up) {
		t.Errorf("the directory is not shown escaped:\n%s", errOut)
	}
}

func TestBuildLogEscapesControlCharacters(t *testing.T) {
	log := filepath.Join(t.TempDir(), "build.log")
	writeFiles(t, filepath.Dir(log), map[string]string{"build.log": "#8 1.2 npm ERR! code E401 " + osc52 + "\n"})
	code, out, errOut := run(t, nil, "lint", "--build-log", log)
	noControls(t, "lint --build-log", out+errOut)
	if !strings.Contains(out, "BL108") || !strings.Contains(out, osc52Up) {
		t.Errorf("exit %d: no escaped explanation:\n%s%s", code, out, errOut)
	}
	_, out, _ = run(t, nil, "lint", "--build-log", log, "--format", "json")
	var ex []struct{ Text string }
	if err := json.Unmarshal([]byte(out), &ex); err != nil || len(ex) != 1 || !strings.Contains(ex[0].Text, osc52) {
		t.Errorf("JSON explanation not exact (%v):\n%q", err, out)
	}
}
