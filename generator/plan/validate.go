package plan

import (
	"fmt"
	"regexp"
	"strings"
)

// Values read from a repository are untrusted: each one that can reach a
// template is checked here against what it may legitimately be, so a hostile
// package.json or go.mod cannot inject a Dockerfile instruction. Templates
// quote on top of this (exec-form JSON, shq) as a second line of defence.
var (
	goMainRe      = regexp.MustCompile(`^\.(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$`)
	wordRe        = regexp.MustCompile(`^[A-Za-z0-9@%+=:,./_-]+$`)
	relPathRe     = regexp.MustCompile(`^[A-Za-z0-9_@.-]+(/[A-Za-z0-9_@.-]+)*$`)
	wsgiRe        = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*(\((?:'[A-Za-z0-9_.-]*'|"[A-Za-z0-9_.-]*")?\))?$`)
	javaClassRe   = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)+$`)
	jarRe         = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_./-]*\.jar$`)
	versionRe     = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}$`)
	toolVersionRe = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.+-]*$`)
	binaryRe      = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	imageNameRe   = regexp.MustCompile(`^[a-z0-9]+([._-][a-z0-9]+)*$`)
	privateRe     = regexp.MustCompile(`^[A-Za-z0-9*][A-Za-z0-9.*-]*\.[A-Za-z*]+(/[A-Za-z0-9_.~*-]+)*$`)
)

// FieldError names the value at fault and what it may be.
type FieldError struct {
	Field, Value, Want string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("invalid %s %q: %s", e.Field, e.Value, e.Want)
}

func bad(field, value, want string) error { return &FieldError{field, value, want} }

func safeRel(p string) bool {
	return p == "." || (relPathRe.MatchString(p) && !strings.Contains("/"+p+"/", "/../"))
}

// Validate checks every value of the plan that can reach a template.
func (p *Plan) Validate() error {
	if p.Port < 1 || p.Port > 65535 {
		return bad("port", fmt.Sprint(p.Port), "want 1-65535")
	}
	if p.Port < 1024 && p.Lang != LangGo {
		return bad("port", fmt.Sprint(p.Port), "the app runs as a non-root user, which cannot bind ports below 1024; pick 1024 or above (e.g. --port 8080)")
	}
	if p.LangVersion != "" && !versionRe.MatchString(p.LangVersion) {
		return bad("language version", p.LangVersion, "want digits and dots, e.g. 1.22, 24 or 3.12")
	}
	if !imageNameRe.MatchString(p.Name) {
		return bad("image name", p.Name, "want lowercase letters, digits, '.', '_' or '-'")
	}
	for _, pr := range p.Private {
		if !privateRe.MatchString(pr) {
			return bad("--private", pr, "want module path prefixes such as github.com/acme or git.corp.example/team/*")
		}
		if err := checkPrivatePattern(pr); err != nil {
			return err
		}
	}
	switch p.Lang {
	case LangGo:
		if !goMainRe.MatchString(p.Entry) || strings.Contains(p.Entry+"/", "/../") {
			return bad("Go main package (--entry)", p.Entry, "want a package path inside the module such as . or ./cmd/server")
		}
		if !binaryRe.MatchString(p.Go.Binary) {
			return bad("binary name", p.Go.Binary, "want letters, digits, '.', '_' or '-'")
		}
	case LangNode:
		if len(p.Node.Start) == 0 {
			return bad("start command (--entry)", "", "no start script, main field or server file found; pass --entry server.js or --entry \"npm start\"")
		}
		for _, w := range p.Node.Start {
			if !wordRe.MatchString(w) {
				return bad("start command (--entry)", strings.Join(p.Node.Start, " "), "each word may hold letters, digits and @%+=:,./_- only")
			}
		}
	case LangPython:
		if !wsgiRe.MatchString(p.Entry) {
			return bad("WSGI target (--entry)", p.Entry, "want module:variable or module:factory(), e.g. app:app or wsgi:create_app()")
		}
		if p.Python.Requirements != "" && !safeRel(p.Python.Requirements) {
			return bad("requirements file", p.Python.Requirements, "want a relative path")
		}
	case LangJava:
		if p.Entry != "" && !jarRe.MatchString(p.Entry) && !javaClassRe.MatchString(p.Entry) {
			return bad("Java entry (--entry)", p.Entry, "want a jar path such as target/app.jar or a main class such as com.example.Main")
		}
		for _, m := range p.Java.Modules {
			if !safeRel(m) {
				return bad("build file", m, "want a relative path")
			}
		}
	case LangStatic:
		if !safeRel(p.Static.Root) {
			return bad("site directory (--entry)", p.Static.Root, "want a relative directory such as ., public or dist")
		}
	}
	for _, m := range p.Node.Manifests {
		if !safeRel(m) || m == "." {
			return bad("package manifest", m, "want a relative file path")
		}
	}
	if p.Node.ManagerVersion != "" && !toolVersionRe.MatchString(p.Node.ManagerVersion) {
		return bad("packageManager version", p.Node.ManagerVersion, "want a version such as 9.12.0")
	}
	return nil
}
