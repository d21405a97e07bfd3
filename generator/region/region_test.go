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
