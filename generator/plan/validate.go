package plan

import (
	"fmt"
	"regexp"
	"strings"
)

// Values read from a repository are untrusted: each one that can reach a
// template is checked here or by its kind (generator/kind) against what it
// may legitimately be, so a hostile package.json or go.mod cannot inject a
// Dockerfile instruction. Templates
// quote on top of this (exec-form JSON, shq) as a second line of defence.
var (
	relPathRe   = regexp.MustCompile(`^[A-Za-z0-9_@.-]+(/[A-Za-z0-9_@.-]+)*$`)
	versionRe   = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}$`)
	imageNameRe = regexp.MustCompile(`^[a-z0-9]+([._-][a-z0-9]+)*$`)
	privateRe   = regexp.MustCompile(`^[A-Za-z0-9*][A-Za-z0-9.*-]*\.[A-Za-z*]+(/[A-Za-z0-9_.~*-]+)*$`)
)

// FieldError names the value at fault and what it may be.
type FieldError struct {
	Field, Value, Want string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("invalid %s %q: %s", e.Field, e.Value, e.Want)
}

func bad(field, value, want string) error { return &FieldError{field, value, want} }

// SafeRel reports whether p is a relative path that stays inside the project.
func SafeRel(p string) bool {
	return p == "." || (relPathRe.MatchString(p) && !strings.Contains("/"+p+"/", "/../"))
}

// CheckPort validates a port number: one rule for flags, prompts and plans.
func CheckPort(n int) error {
	if n < 1 || n > 65535 {
		return bad("port", fmt.Sprint(n), "want 1-65535")
	}
	return nil
}

// CheckVersion validates a language version (an image tag's version part).
func CheckVersion(v string) error {
	if !versionRe.MatchString(v) {
		return bad("language version", v, "want digits and dots, e.g. 1.22, 24 or 3.12")
	}
	return nil
}

// Validate checks the values every kind shares; the kind checks its own
// (see generator/kind). lowPorts: the kind's runtime may bind ports below 1024.
func (p *Plan) Validate(lowPorts bool) error {
	if err := CheckPort(p.Port); err != nil {
		return err
	}
	if p.Port < 1024 && !lowPorts {
		return bad("port", fmt.Sprint(p.Port), "the app runs as a non-root user, which cannot bind ports below 1024; pick 1024 or above (e.g. --port 8080)")
	}
	if err := checkSecrets(p.BuildSecrets); err != nil {
		return err
	}
	if p.LangVersion != "" {
		if err := CheckVersion(p.LangVersion); err != nil {
			return err
		}
	}
	if !imageNameRe.MatchString(p.Name) {
		return bad("image name", p.Name, "want lowercase letters and digits, with one '.', '_' or '-' between them (--image-name, or image_name in .dockgen.yaml)")
	}
	for _, pr := range p.Private {
		if !privateRe.MatchString(pr) {
			return bad("--private", pr, "want module path prefixes such as github.com/acme or git.corp.example/team/*")
		}
		if err := checkPrivatePattern(pr); err != nil {
			return err
		}
	}
	return nil
}
