package lint

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema is the official SARIF 2.1.0 schema (testdata/README.md).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const id = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validSARIF writes findings as SARIF and validates the document against
// the official schema; it returns the document.
func validSARIF(t *testing.T, schema *jsonschema.Schema, fs []Finding) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, "1.2.3", fs); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("invalid SARIF: %v\n%s", err, buf.String())
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestSARIFIsValid(t *testing.T) {
	schema := sarifSchema(t)
	// Zero findings: "rules": null was invalid.
	validSARIF(t, schema, nil)

	// Every rule of a real run, with a context folder and a Dockerfile
	// path with spaces.
	top := t.TempDir()
	ctx := filepath.Join(top, "my app")
	writeFiles(t, ctx, map[string]string{".npmrc": "x", ".dockerignore": "secret.txt\n", "secret.txt": "x", "pom.xml": "<project/>"})
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
	doc := validSARIF(t, schema, fs)
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
