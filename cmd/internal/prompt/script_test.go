package prompt

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// fakeT records what a Script reports, so the failures themselves are tested.
type fakeT struct {
	errs     []string
	cleanups []func()
}

func (f *fakeT) Helper() {}
func (f *fakeT) Errorf(format string, args ...any) {
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}
func (f *fakeT) Fatalf(format string, args ...any) { f.Errorf(format, args...) }
func (f *fakeT) Cleanup(fn func())                 { f.cleanups = append(f.cleanups, fn) }
func (f *fakeT) end() {
	for _, fn := range f.cleanups {
		fn()
	}
}

func TestScriptAnswersByTitleInAnyOrder(t *testing.T) {
	ft := &fakeT{}
	s := NewScript(ft, "Port", "9090", "Region", "cn", "Change template variables*", "n")
	opts := []Option{{Label: "global", Value: "global"}, {Label: "cn", Value: "cn"}}
	if v, err := s.Select("Region", "", opts, "global"); err != nil || v != "cn" {
		t.Fatalf("Region: %q, %v", v, err)
	}
	if v, err := s.Confirm("Change template variables (a, b)?", true); err != nil || v {
		t.Fatalf("variables: %v, %v", v, err)
	}
	if v, err := s.Input("Port", "", "8080", nil); err != nil || v != "9090" {
		t.Fatalf("Port: %q, %v", v, err)
	}
	ft.end()
	if len(ft.errs) != 0 {
		t.Errorf("unexpected failures: %v", ft.errs)
	}
	if strings.Join(s.Asked, "|") != "Region|Change template variables (a, b)?|Port" {
		t.Errorf("asked %v", s.Asked)
	}
}

func TestScriptRepeatedTitleAnswersInOrder(t *testing.T) {
	ft := &fakeT{}
	s := NewScript(ft, "Dockerfile exists", "diff", "Dockerfile exists", "skip")
	opts := []Option{{Value: "diff"}, {Value: "skip"}}
	a, _ := s.Select("Dockerfile exists", "", opts, "")
	b, _ := s.Select("Dockerfile exists", "", opts, "")
	if a != "diff" || b != "skip" {
		t.Errorf("got %q, %q", a, b)
	}
	ft.end()
	if len(ft.errs) != 0 {
		t.Errorf("unexpected failures: %v", ft.errs)
	}
}

func TestScriptFailsOnAnUnaskedAnswer(t *testing.T) {
	ft := &fakeT{}
	s := NewScript(ft, "Port", "", "Go version", "1.23")
	if _, err := s.Input("Port", "", "8080", nil); err != nil {
		t.Fatal(err)
	}
	ft.end()
	if len(ft.errs) != 1 || !strings.Contains(ft.errs[0], `"1.23" to "Go version" was never asked for`) {
		t.Errorf("failures: %v", ft.errs)
	}
}

func TestScriptFailsOnAQuestionWithoutAnswer(t *testing.T) {
	ft := &fakeT{}
	s := NewScript(ft)
	if _, err := s.Input("Port", "", "8080", nil); err == nil {
		t.Error("no error for an unscripted question")
	}
	if len(ft.errs) != 1 || !strings.Contains(ft.errs[0], `no scripted answer for "Port"`) {
		t.Errorf("failures: %v", ft.errs)
	}
}

func TestScriptCancelAndValidation(t *testing.T) {
	ft := &fakeT{}
	s := NewScript(ft, "Port", "0", "CI", Cancel)
	if _, err := s.Input("Port", "", "8080", func(v string) error {
		if v == "0" {
			return errors.New("want 1-65535")
		}
		return nil
	}); err == nil || !strings.Contains(err.Error(), "rejected") {
		t.Errorf("invalid answer: %v", err)
	}
	if _, err := s.Select("CI", "", nil, ""); !errors.Is(err, ErrCancel) {
		t.Errorf("cancel: %v", err)
	}
	if len(ft.errs) != 0 {
		t.Errorf("unexpected failures: %v", ft.errs)
	}
}

func TestNewScriptOddPairs(t *testing.T) {
	ft := &fakeT{}
	NewScript(ft, "Port")
	if len(ft.errs) != 1 {
		t.Errorf("failures: %v", ft.errs)
	}
}
