package prompt

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// terminalLines is input as a terminal in line mode gives it: one line per
// read, then the end of input.
type terminalLines struct{ lines []string }

func (l *terminalLines) Read(p []byte) (int, error) {
	if len(l.lines) == 0 {
		return 0, io.EOF
	}
	n := copy(p, l.lines[0])
	l.lines = l.lines[1:]
	return n, nil
}

// In plain (accessible) prompts, Esc then Enter cancels, and so does the
// end of input (Ctrl-D), instead of taking the default.
func TestAccessiblePromptsCancel(t *testing.T) {
	for name, lines := range map[string][]string{
		"esc":          {"\x1b\n"},
		"esc mid-line": {"80\x1b\n"},
		"ctrl-d":       nil,
		"ctrl-c byte":  {"\x03"},
	} {
		var out bytes.Buffer
		h := &Huh{In: &terminalLines{lines: lines}, Out: &out, Accessible: true}
		if _, err := h.Input("Port", "", "8080", nil); !errors.Is(err, ErrCancel) {
			t.Errorf("%s: Input err = %v, want cancel", name, err)
		}
		h.In = &terminalLines{lines: lines}
		if _, err := h.Confirm("Write Dockerfile?", true); !errors.Is(err, ErrCancel) {
			t.Errorf("%s: Confirm err = %v, want cancel", name, err)
		}
		h.In = &terminalLines{lines: lines}
		if _, err := h.Select("CI", "", []Option{{Label: "none", Value: "none"}}, "none"); !errors.Is(err, ErrCancel) {
			t.Errorf("%s: Select err = %v, want cancel", name, err)
		}
	}
	// An answer still answers.
	h := &Huh{In: &terminalLines{lines: []string{"9090\n"}}, Out: io.Discard, Accessible: true}
	if v, err := h.Input("Port", "", "8080", nil); err != nil || v != "9090" {
		t.Errorf("Input = %q, %v", v, err)
	}
}

// The terminal backend writes to the raw terminal, so it escapes the text it
// shows: titles, help and labels carry repository values.
func TestHuhEscapesWhatItShows(t *testing.T) {
	const osc52 = "\x1b]52;c;cHduZWQ=\x07"
	var out bytes.Buffer
	h := &Huh{In: &terminalLines{lines: []string{"\n", "\n", "\n"}}, Out: &out, Accessible: true}
	v, err := h.Select("Which project?", "from "+osc52, []Option{{Label: "svc" + osc52, Value: "svc"}}, "svc")
	if err != nil || v != "svc" {
		t.Fatalf("Select = %q, %v", v, err)
	}
	if _, err := h.Input("Port", "from package.json "+osc52, "8080", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Confirm("Write "+osc52+"?", true); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out.String(), "\x1b\x07") {
		t.Errorf("prompts print control characters raw:\n%q", out.String())
	}
	if !strings.Contains(out.String(), `svc\x1b]52`) {
		t.Errorf("the label is not shown escaped:\n%q", out.String())
	}
}
