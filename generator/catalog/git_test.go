package catalog

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"git+https://user:token@host/team/c.git#v1": "git+https://host/team/c.git#v1",
		"git+https://token@host/team/c.git#v1":      "git+https://host/team/c.git#v1",
		"git+https://u:p@ss@host/c.git#v1":          "git+https://host/c.git#v1",
		"git+ssh://git:pw@host/team/c.git#v1":       "git+ssh://git@host/team/c.git#v1",
		"git+ssh://git@host/team/c.git#v1":          "git+ssh://git@host/team/c.git#v1",
		"git+file:///srv/c.git#v1":                  "git+file:///srv/c.git#v1",
		"git+https://host/team/c.git#user@x":        "git+https://host/team/c.git#user@x",
		"git@host:team/c.git#v1":                    "git@host:team/c.git#v1",
		"../platform-catalog":                       "../platform-catalog",
		"git+https://host/a@b/c.git#v1":             "git+https://host/a@b/c.git#v1",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitEnv(t *testing.T) {
	got := SplitEnv("git+file:///srv/c.git#v1:/opt/cat/:git@host:org/c.git#v2: ./x :git+https://h/c.git#main:git+ssh://git@h:22/c.git#v3")
	want := []string{"git+file:///srv/c.git#v1", "/opt/cat", "git@host:org/c.git#v2", "x", "git+https://h/c.git#main", "git+ssh://git@h:22/c.git#v3"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
