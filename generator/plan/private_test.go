package plan

import (
	"strings"
	"testing"
)

func TestPrivatePatterns(t *testing.T) {
	base := Plan{Lang: "go", Port: 8080, Name: "app", Entry: ".", Facts: Facts{Go: GoFacts{Binary: "app"}}}
	for _, pr := range []string{"*.*", "*.com", "*.*.org", "*.*/acme"} {
		p := base
		p.Private = []string{"github.com/acme", pr}
		err := p.Validate(false)
		if err == nil || !strings.Contains(err.Error(), "--private") || !strings.Contains(err.Error(), `"`+pr+`"`) || !strings.Contains(err.Error(), "checksum database") {
			t.Errorf("%s: want an error naming --private and the value, got %v", pr, err)
		}
	}
	for _, pr := range []string{"github.com/acme", "*.corp.example", "git.corp.example/team/*", "git.*"} {
		p := base
		p.Private = []string{pr}
		if err := p.Validate(false); err != nil {
			t.Errorf("%s: %v", pr, err)
		}
	}
}
