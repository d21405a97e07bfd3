package lint

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// validSARIF writes findings as SARIF and checks the document against the
// constraints SARIF 2.1.0's schema puts on every property dockgen writes
// (required properties, types, enums, no null where an array or object is
// required, URI references); it returns the document.
func validSARIF(t *testing.T, fs []Finding) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, "1.2.3", fs); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	bad := func(format string, args ...any) {
		t.Errorf("invalid SARIF: "+format+"\n%s", append(args, buf.String())...)
	}
	obj := func(v any, where string) map[string]any {
		m, ok := v.(map[string]any)
		if !ok {
			bad("%s is not an object", where)
		}
		return m
	}
	arr := func(v any, where string) []any {
		a, ok := v.([]any)
		if !ok {
			bad("%s is not an array", where)
		}
		return a
	}
	str := func(v any, where string) string {
		s, ok := v.(string)
		if !ok {
			bad("%s is not a string", where)
		}
		return s
	}
	uriRef := func(s, where string) {
		if _, err := url.Parse(s); err != nil || strings.ContainsAny(s, " \t\n\\") {
			bad("%s is no URI reference: %q", where, s)
		}
	}
	if doc["version"] != "2.1.0" {
		bad("version %v", doc["version"])
	}
	runs := arr(doc["runs"], "runs")
	for _, r := range runs {
		run := obj(r, "run")
		driver := obj(obj(run["tool"], "tool")["driver"], "tool.driver")
		str(driver["name"], "driver.name")
		ids := map[string]bool{}
		for _, x := range arr(driver["rules"], "driver.rules") {
			rule := obj(x, "rule")
			ids[str(rule["id"], "rule.id")] = true
			str(obj(rule["shortDescription"], "rule.shortDescription")["text"], "rule.shortDescription.text")
			str(obj(rule["help"], "rule.help")["text"], "rule.help.text")
			if u, ok := rule["helpUri"]; ok {
				if pu, err := url.Parse(str(u, "rule.helpUri")); err != nil || !pu.IsAbs() {
					bad("helpUri %v is no absolute URI", u)
				}
			}
		}
		for _, x := range arr(run["results"], "results") {
			res := obj(x, "result")
			if id := str(res["ruleId"], "result.ruleId"); !ids[id] {
				bad("result rule %s is not in driver.rules", id)
			}
			if lv := str(res["level"], "result.level"); !slices.Contains([]string{"none", "note", "warning", "error"}, lv) {
				bad("level %q", lv)
			}
			str(obj(res["message"], "result.message")["text"], "result.message.text")
			for _, l := range arr(res["locations"], "result.locations") {
				pl := obj(obj(l, "location")["physicalLocation"], "physicalLocation")
				uriRef(str(obj(pl["artifactLocation"], "artifactLocation")["uri"], "artifactLocation.uri"), "artifactLocation.uri")
				if rg, ok := pl["region"]; ok {
					if n, ok := obj(rg, "region")["startLine"].(float64); !ok || n < 1 || n != float64(int(n)) {
						bad("region.startLine %v", n)
					}
				}
			}
		}
	}
	return doc
}

func TestSARIFIsValid(t *testing.T) {
	// Zero findings: "rules": null was invalid.
	validSARIF(t, nil)

	// Every rule of a real run, with a context folder and a Dockerfile
	// path with spaces.
	top := t.TempDir()
	ctx := filepath.Join(top, "my app")
	writeFiles(t, ctx, map[string]string{".npmrc": "//registry.npmjs.org/:_authToken=npm_x\n", ".dockerignore": "secret.txt\n", "secret.txt": "x", "pom.xml": "<project/>"})
	df := "FROM golang:1.22 as build\nENV FOO bar\nCOPY missing.txt secret.txt target/app.jar ../x /x/\nARG NPM_TOKEN\nRUN curl -fsSL https://x.example/i.sh | sh\nFROM alpine\nCMD serve\n"
	file := filepath.ToSlash(filepath.Join("my app", "Dockerfile"))
	fs, err := Check(context.Background(), file, []byte(df), Options{Context: ctx})
	if err != nil {
		t.Fatal(err)
	}
	for i := range fs {
		if strings.HasSuffix(fs[i].File, ".dockerignore") && fs[i].File != filepath.ToSlash(filepath.Join(ctx, ".dockerignore")) {
			t.Errorf("DG103 names %s, not the context's .dockerignore", fs[i].File)
		}
	}
	if len(fs) < 8 {
		t.Fatalf("expected many findings, got %v", fs)
	}
	doc := validSARIF(t, fs)
	data, _ := json.Marshal(doc)
	for _, want := range []string{`"uri":"my%20app/Dockerfile"`, `my%20app/.dockerignore"`, `"helpUri":"https://docs.docker.com/go/dockerfile/rule/from-as-casing/"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("SARIF lacks %s:\n%s", want, data)
		}
	}
}

func TestSARIFURI(t *testing.T) {
	for in, want := range map[string]string{
		"Dockerfile":                "Dockerfile",
		"my app/Dockerfile":         "my%20app/Dockerfile",
		"a#b/Dockerfile?.x":         "a%23b/Dockerfile%3F.x",
		"/srv/my app/.dockerignore": "file:///srv/my%20app/.dockerignore",
		"c:d/Dockerfile":            "./c:d/Dockerfile",
		"100%/Dockerfile":           "100%25/Dockerfile",
	} {
		if got := sarifURI(in); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// A Dockerfile's own NAME.dockerignore replaces the context's, as in BuildKit.
func TestPerDockerfileIgnoreFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{".dockerignore": "secret.txt\n", "secret.txt": "x", "api.Dockerfile.dockerignore": ".git\n"})
	df := []byte("FROM alpine:3.20\nCOPY secret.txt /s\nUSER 1000\n")
	fs, err := Check(context.Background(), "api.Dockerfile", df, Options{Context: dir, Dockerfile: filepath.Join(dir, "api.Dockerfile")})
	if err != nil || has(fs, "DG102", 0) {
		t.Errorf("own ignore file: %v %v", fs, err)
	}
	fs, err = Check(context.Background(), "Dockerfile", df, Options{Context: dir, Dockerfile: filepath.Join(dir, "Dockerfile")})
	if err != nil || !has(fs, "DG102", 2) {
		t.Errorf("context's ignore file: %v %v", fs, err)
	}
}
