package region

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadValidatesAndOverrides(t *testing.T) {
	base := fstest.MapFS{
		"regions/global.yaml": {Data: []byte("name: global\n")},
		"regions/corp.yaml":   {Data: []byte("name: corp\ngo:\n  proxy: https://a.example\n")},
	}
	team := fstest.MapFS{"regions/corp.yaml": {Data: []byte("name: corp\ngo:\n  proxy: https://b.example\n")}}
	m, err := Load(team, base)
	if err != nil {
		t.Fatal(err)
	}
	if m["corp"].Go.Proxy != "https://b.example" || len(m) != 2 {
		t.Fatalf("the first FS must override: %+v", m)
	}
	for name, body := range map[string]string{
		"sumdb off":    "name: bad\ngo:\n  sumdb: \"off\"\n",
		"injection":    "name: bad\nnpm:\n  registry: \"https://x\\nRUN evil\"\n",
		"unknown key":  "name: bad\nnpmm:\n  registry: x\n",
		"half apt":     "name: bad\napt:\n  to: mirror.example\n",
		"name vs file": "name: other\n",
	} {
		_, err := Load(fstest.MapFS{"regions/bad.yaml": {Data: []byte(body)}})
		if err == nil || !strings.Contains(err.Error(), "regions/bad.yaml") {
			t.Errorf("%s: want an error naming the file, got %v", name, err)
		}
	}
}

func TestImageThroughRegistries(t *testing.T) {
	p := Profile{Name: "corp", Registries: map[string]string{"docker.io": "hub.corp.example/", "gcr.io": "gcr.corp.example/mirror"}}
	for in, want := range map[string]string{
		"golang:1.22":                          "hub.corp.example/golang:1.22",
		"nginxinc/nginx-unprivileged:1-alpine": "hub.corp.example/nginxinc/nginx-unprivileged:1-alpine",
		"gcr.io/distroless/static:nonroot":     "gcr.corp.example/mirror/distroless/static:nonroot",
		"ghcr.io/acme/base:1":                  "ghcr.io/acme/base:1", // no proxy for ghcr.io: unchanged
	} {
		if got := p.Image(in); got != want {
			t.Errorf("Image(%q) = %q, want %q", in, got, want)
		}
	}
	if got := (Profile{}).Image("golang:1.22"); got != "golang:1.22" {
		t.Errorf("no registries: %q", got)
	}
	bad := Profile{Name: "corp", Registries: map[string]string{"docker.io": "https://hub.corp.example"}}
	if err := bad.Validate(); err == nil {
		t.Error("a scheme in a registry prefix was accepted")
	}
}
