// Package prompt asks the user questions. The wizard depends only on the
// Prompter interface: Huh is the terminal backend, Script the scripted one
// tests drive, so every flow is tested without a terminal and the backend
// can be swapped in this package alone.
package prompt

import "errors"

// ErrCancel is returned when the user aborts (Ctrl-C or Esc).
var ErrCancel = errors.New("cancelled")

// Option is one choice of a Select.
type Option struct {
	Label string // what the user sees
	Value string // what the wizard gets back
}

// Prompter asks one question at a time.
type Prompter interface {
	// Select returns the Value of the chosen option; def is the Value
	// selected at first.
	Select(title, help string, options []Option, def string) (string, error)
	// Input returns the text entered; def is pre-filled. validate, when not
	// nil, rejects an answer with a message and the question is asked again.
	Input(title, help, def string, validate func(string) error) (string, error)
	// Confirm returns yes or no.
	Confirm(title string, def bool) (bool, error)
}
