package prompt

import (
	"bytes"
	"strings"
	"testing"
)

// The terminal backend writes to the raw terminal, so it escapes the text it
// shows: titles, help and labels carry repository values.
func TestHuhEscapesWhatItShows(t *testing.T) {
	const osc52 = "\x1b]52;c;cHduZWQ=\x07"
	var out bytes.Buffer
	h := &Huh{In: strings.NewReader("\n\n\n"), Out: &out, Accessible: true}
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
