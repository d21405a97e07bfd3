// Package plan holds the typed model (Plan) that templates render from and
// the CI providers dockgen knows. The kinds are in generator/kind.
package plan

import (
	"fmt"
	"strings"
)

// CI providers.
const (
	CIGitHub = "github"
	CIGitLab = "gitlab"
	CINone   = "none"
)

// CIProviders lists the valid --ci values.
var CIProviders = []string{CIGitHub, CIGitLab, CINone}

// ParseCI validates a --ci value.
func ParseCI(s string) (string, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	switch v {
	case CIGitHub, CIGitLab, CINone:
		return v, nil
	case "gh", "github-actions", "actions":
		return CIGitHub, nil
	case "gl", "gitlab-ci":
		return CIGitLab, nil
	}
	return "", fmt.Errorf("unknown CI provider %q: valid values are %s", s, strings.Join(CIProviders, ", "))
}
