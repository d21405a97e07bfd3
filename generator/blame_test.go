package generator

import (
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/plan"
)

// TestBlameNamesTheEvidence: a detected value no file line holds (a
// directory name) is blamed on the evidence that found it, not on a flag
// and not on "a project file".
func TestBlameNamesTheEvidence(t *testing.T) {
	l := &Loaded{Dir: t.TempDir()}
	d := &Detection{Project: &detect.Project{Evidence: []detect.Evidence{
		{File: "go.mod", Line: 1, Fact: "module example.com/x"},
		{File: "cmd/.hid", Fact: "package main: ./cmd/.hid"},
	}}}
	err := blame(&plan.FieldError{Field: "Go main package (--entry)", Value: "./cmd/.hid", Want: "want a package path"}, Request{}, l, d)
	want := `cmd/.hid: invalid Go main package "./cmd/.hid": want a package path; fix the file`
	if fe, ok := err.(*FileError); !ok || err.Error() != want {
		t.Fatalf("got %T %v, want %q", err, err, want)
	} else if fe.Line != 0 {
		t.Errorf("line %d", fe.Line)
	}
}
