package prompt

import (
	"fmt"
	"slices"
	"strings"
)

// TB is the part of testing.TB a Script reports to (the package does not
// import testing: it is linked into dockgen).
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// Script answers each question by its title, so adding a question to the
// wizard does not shift the other answers. It records every title it was
// asked. The test fails when a question has no scripted answer and, at its
// end, when a scripted answer was never asked for.
//
// An answer "" takes the default; Cancel aborts. Answers are validated as a
// terminal would: an invalid one is an error, so a test cannot slip past the
// wizard's checks.
type Script struct {
	t       TB
	answers []scripted
	Asked   []string // titles, in order
	Helps   []string // the help shown under each title
}

type scripted struct {
	title, answer string
	used          bool
}

// Cancel as an answer aborts like Ctrl-C.
const Cancel = "\x03"

// NewScript returns a Script answering title, answer, title, answer, …
// A title ending in "*" matches every title that starts with the rest (for
// titles that list the template's variables). A title given more than once
// answers the question that many times, in order (show the diff, then skip).
func NewScript(t TB, pairs ...string) *Script {
	t.Helper()
	if len(pairs)%2 != 0 {
		t.Fatalf("prompt.NewScript: %d strings, want title, answer pairs", len(pairs))
		return &Script{t: t}
	}
	s := &Script{t: t}
	for i := 0; i < len(pairs); i += 2 {
		s.answers = append(s.answers, scripted{title: pairs[i], answer: pairs[i+1]})
	}
	t.Cleanup(func() {
		for _, a := range s.answers {
			if !a.used {
				t.Errorf("scripted answer %q to %q was never asked for (asked: %s)", a.answer, a.title, strings.Join(s.Asked, " | "))
			}
		}
	})
	return s
}

func (a *scripted) matches(title string) bool {
	if p, ok := strings.CutSuffix(a.title, "*"); ok {
		return strings.HasPrefix(title, p)
	}
	return a.title == title
}

func (s *Script) next(title, help string) (string, error) {
	s.Asked = append(s.Asked, title)
	s.Helps = append(s.Helps, help)
	for i := range s.answers {
		if a := &s.answers[i]; !a.used && a.matches(title) {
			a.used = true
			if a.answer == Cancel {
				return "", ErrCancel
			}
			return a.answer, nil
		}
	}
	s.t.Errorf("no scripted answer for %q (asked so far: %s)", title, strings.Join(s.Asked, " | "))
	return "", fmt.Errorf("no scripted answer for %q", title)
}

func (s *Script) Select(title, help string, options []Option, def string) (string, error) {
	a, err := s.next(title, help)
	if err != nil || a == "" {
		return def, err
	}
	if !slices.ContainsFunc(options, func(o Option) bool { return o.Value == a }) {
		return "", fmt.Errorf("%q is not an option of %q", a, title)
	}
	return a, nil
}

func (s *Script) Input(title, help string, def string, validate func(string) error) (string, error) {
	a, err := s.next(title, help)
	if err != nil {
		return "", err
	}
	if a == "" {
		a = def
	}
	if validate != nil {
		if err := validate(a); err != nil {
			return "", fmt.Errorf("answer %q to %q rejected: %w", a, title, err)
		}
	}
	return a, nil
}

func (s *Script) Confirm(title string, def bool) (bool, error) {
	a, err := s.next(title, "")
	if err != nil || a == "" {
		return def, err
	}
	switch a {
	case "y", "yes":
		return true, nil
	case "n", "no":
		return false, nil
	}
	return false, fmt.Errorf("answer %q to %q: want y or n", a, title)
}
