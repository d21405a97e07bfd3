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
