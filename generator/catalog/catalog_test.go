package catalog

import "testing"

func TestOutputPathAllowed(t *testing.T) {
	for _, ok := range []string{"Dockerfile", ".dockerignore", ".gitlab-ci.yml", "nginx.conf", "compose.yaml",
		".github/workflows/docker-image.yml", ".gitlab/ci/docker-image.yml"} {
		if !OutputPathAllowed(ok) {
			t.Errorf("%s refused", ok)
		}
	}
	for _, bad := range []string{".git/config", ".git/hooks/pre-commit", ".GIT/config", "sub/.git/config", ".dockgen.yaml",
		".envrc", ".github/CODEOWNERS", ".github/workflows/.x.yml", ".gitlab/.git/config", ".github/workflows", "src/main.go",
		"node_modules/.bin/x", ".vscode/settings.json"} {
		if OutputPathAllowed(bad) {
			t.Errorf("%s allowed", bad)
		}
	}
}

func TestIntVariableRanges(t *testing.T) {
	one, max := int64(1), int64(64)
	ranged := Variable{Name: "workers", Type: "int", Min: &one, Max: &max}
	for _, ok := range []string{"1", "2", "64"} {
		if err := ranged.Check(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"0", "-3", "65", "+3", "007", "99999999999999999999", " 2", "2.0", ""} {
		if err := ranged.Check(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	open := Variable{Name: "n", Type: "int"}
	if err := open.Check("-5"); err != nil {
		t.Errorf("-5: %v", err)
	}
	if err := open.Check("99999999999999"); err == nil {
		t.Error("99999999999999 accepted without a declared range")
	}
	for _, m := range []Meta{
		{Name: "t", Kind: KindCI, CI: "github", Files: []File{{Template: "a.tmpl", Path: "a"}}, Variables: []Variable{{Name: "s", Type: "string", Min: &one}}},
		{Name: "t", Kind: KindCI, CI: "github", Files: []File{{Template: "a.tmpl", Path: "a"}}, Variables: []Variable{{Name: "n", Type: "int", Min: &max, Max: &one}}},
		{Name: "t", Kind: KindCI, CI: "github", Files: []File{{Template: "a.tmpl", Path: "a"}}, Variables: []Variable{{Name: "n", Type: "int", Default: "0", Min: &one}}},
	} {
		if err := m.validate(); err == nil {
			t.Errorf("%+v accepted", m.Variables[0])
		}
	}
}
