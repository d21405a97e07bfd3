package generator

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/dockgen/dockgen/generator/answers"
	render "github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/plan"
	"github.com/dockgen/dockgen/generator/safefs"
)

// FileError is a bad value that came from a file (the answers file or a
// project manifest), not from the command line: the user fixes the file,
// so the error names it and its line and is no usage error. It does not
// unwrap to the FieldError it replaces, which the CLI reports as a flag error.
type FileError struct {
	File string
	Line int // 0 = unknown
	Msg  string
}

func (e *FileError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	return fmt.Sprintf("%s: %s; fix the file", loc, e.Msg)
}

// Failed carries the warnings gathered before a run failed: they often
// explain the failure, so they must not be dropped with the result.
type Failed struct {
	Warnings []string
	Err      error
}

func (e *Failed) Error() string { return e.Err.Error() }
func (e *Failed) Unwrap() error { return e.Err }

var flagHint = regexp.MustCompile(` \(--([a-z-]+)\)`)

// answersKey is the answers file's key for each flag a FieldError can name.
var answersKey = map[string]string{"entry": "entry", "lang-version": "lang_version", "runtime": "runtime", "image-name": "image_name", "private": "private"}

// blame attributes a bad value to where it came from: a flag the user
// passed stays a flag error; a value from .dockgen.yaml or from a
// repository file becomes a FileError naming that file and line.
func blame(err error, req Request, l *Loaded, d *Detection) error {
	var ve *render.VarError
	if errors.As(err, &ve) {
		if _, ok := req.Set[ve.Name]; ok || l.Saved == nil {
			return err
		}
		if _, ok := l.Saved.Variables[ve.Name]; !ok {
			return err
		}
		return &FileError{File: answers.FileName, Line: answers.Line(l.Dir, "variables", ve.Name),
			Msg: fmt.Sprintf("variables: %s: %v", ve.Name, ve.Err)}
	}
	var fe *plan.FieldError
	if !errors.As(err, &fe) {
		return err
	}
	flag := ""
	if m := flagHint.FindStringSubmatch(fe.Field); m != nil {
		flag = m[1]
	}
	if flag != "" && flagGiven(req, flag) || flag == "" && valueGiven(req, fe.Value) {
		return err
	}
	msg := (&plan.FieldError{Field: flagHint.ReplaceAllString(fe.Field, ""), Value: fe.Value, Want: fe.Want}).Error()
	if l.Saved != nil {
		if key, ok := answersKey[flag]; ok {
			if line := answers.Line(l.Dir, key); line > 0 {
				return &FileError{File: answers.FileName, Line: line, Msg: msg}
			}
		}
	}
	// Detected: the value is in one of the files detection read.
	if d != nil && d.Project != nil && fe.Value != "" {
		seen := map[string]bool{}
		for _, ev := range d.Project.Evidence {
			if ev.File == "" || seen[ev.File] {
				continue
			}
			seen[ev.File] = true
			if line := lineOf(l.Dir, ev.File, fe.Value); line > 0 {
				return &FileError{File: ev.File, Line: line, Msg: msg}
			}
		}
		for _, ev := range d.Project.Evidence {
			if ev.File != "" && strings.Contains(ev.Fact, fe.Value) {
				return &FileError{File: ev.File, Line: ev.Line, Msg: msg}
			}
		}
	}
	return &FileError{File: "a project file (see dockgen detect)", Msg: msg}
}

// flagGiven reports whether the user passed --name.
func flagGiven(req Request, name string) bool {
	switch name {
	case "entry":
		return req.Entry != ""
	case "lang-version":
		return req.LangVersion != ""
	case "runtime":
		return req.Runtime != ""
	case "image-name":
		return req.ImageName != ""
	case "private":
		return len(req.Private) > 0
	}
	return true // a flag this function does not know: keep the flag error
}

// valueGiven reports whether v is one of the values the user passed.
func valueGiven(req Request, v string) bool {
	for _, f := range append([]string{req.Entry, req.LangVersion, req.Runtime, req.Tool, req.ImageName, fmt.Sprint(req.Port)}, req.Private...) {
		if f != "" && f == v {
			return true
		}
	}
	for _, s := range req.Set {
		if s == v {
			return true
		}
	}
	return false
}

// lineOf is the first line of dir/rel holding v, 0 when none does (or the
// file cannot be read safely).
func lineOf(dir, rel, v string) int {
	data, err := safefs.ReadFile(dir, rel, 1<<20)
	if err != nil {
		return 0
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, v) {
			return i + 1
		}
	}
	return 0
}
