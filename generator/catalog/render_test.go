package catalog

import (
	"strings"
	"testing"
	"testing/fstest"
)

func catalog(t *testing.T, files map[string]string) *Catalog {
	t.Helper()
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	c, err := LoadCatalog(Source{Name: "test", FS: m})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const meta = "name: t\nkind: dockerfile\nlang: go\ndescription: d\nversion: 1.0.0\nfiles:\n  - template: Dockerfile.tmpl\n    path: Dockerfile\n"

func TestRenderErrorNamesFileLineColumn(t *testing.T) {
	c := catalog(t, map[string]string{
		"t/template.yaml":   meta,
		"t/Dockerfile.tmpl": "FROM x\nEXPOSE {{ .Vars.port }}\n",
	})
	tm, _ := c.Get("t")
	_, err := c.Render(tm, map[string]any{"Vars": map[string]string{}})
	if err == nil || err.Error() != `render error at (t/Dockerfile.tmpl:2:15): .Vars.port: map has no entry for key "port"` {
		t.Fatalf("got %v", err)
	}
}

func TestFuncMapExcludesImpureFunctions(t *testing.T) {
	fm := FuncMap()
	for _, name := range []string{"env", "expandenv", "now", "date", "randAlphaNum", "uuidv4", "genPrivateKey", "getHostByName", "keys", "shuffle"} {
		if _, ok := fm[name]; ok {
			t.Errorf("%s must not be available to templates", name)
		}
	}
	for _, name := range []string{"join", "default", "toJson", "exec", "shq", "hasSuffix"} {
		if _, ok := fm[name]; !ok {
			t.Errorf("%s should be available", name)
		}
	}
}

func TestExecFormAndShellQuote(t *testing.T) {
	got, err := execForm("node", []string{"a b.js", "x\"\ny"})
	if err != nil || got != `["node", "a b.js", "x\"\ny"]` {
		t.Fatalf("got %s %v", got, err)
	}
	if shellQuote("-s -w") != `'-s -w'` || shellQuote("plain") != "plain" || shellQuote("it's") != `'it'\''s'` {
		t.Errorf("shellQuote: %s %s %s", shellQuote("-s -w"), shellQuote("plain"), shellQuote("it's"))
	}
}

func TestMetaRejectsPathsOutsideTheProject(t *testing.T) {
	for _, p := range []string{"../Dockerfile", "/etc/x", "a/../../b"} {
		_, err := LoadCatalog(Source{Name: "test", FS: fstest.MapFS{
			"t/template.yaml": &fstest.MapFile{Data: []byte(strings.Replace(meta, "path: Dockerfile", "path: "+p, 1))},
		}})
		if err == nil || !strings.Contains(err.Error(), "stay inside the project") {
			t.Errorf("%s: got %v", p, err)
		}
	}
}

func TestResolveVars(t *testing.T) {
	m := Meta{Name: "t", Variables: []Variable{
		{Name: "mode", Type: "string", Default: "a", Allowed: []string{"a", "b"}},
		{Name: "n", Type: "int", Default: "1"},
	}}
	if v, err := m.ResolveVars(map[string]string{"mode": "b"}); err != nil || v["mode"] != "b" || v["n"] != "1" {
		t.Fatalf("got %v %v", v, err)
	}
	for set, want := range map[string]string{
		"mode=c":  "valid values are a, b",
		"n=x":     "not an integer",
		"other=1": "valid names are mode, n",
	} {
		k, v, _ := strings.Cut(set, "=")
		if _, err := m.ResolveVars(map[string]string{k: v}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", set, err, want)
		}
	}
}
