package prompt

import (
	"fmt"
	"slices"
	"strings"
)

// Script answers questions from a list, in order, and records every title
// it was asked. An answer "" takes the default; Cancel aborts. Answers are
// validated as a terminal would: an invalid one is an error, so a test
// cannot slip past the wizard's checks.
type Script struct {
	Answers []string
	Asked   []string // titles, in order
	Helps   []string // the help shown under each title
}

// Cancel as an answer aborts like Ctrl-C.
const Cancel = "\x03"

func (s *Script) next(title, help string) (string, error) {
	s.Asked = append(s.Asked, title)
	s.Helps = append(s.Helps, help)
	if len(s.Answers) == 0 {
		return "", fmt.Errorf("script ran out of answers at %q (asked so far: %s)", title, strings.Join(s.Asked, " | "))
	}
	a := s.Answers[0]
	s.Answers = s.Answers[1:]
	if a == Cancel {
		return "", ErrCancel
	}
	return a, nil
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
