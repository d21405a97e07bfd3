package lint

import (
	"bytes"
	"strings"
	"testing"
)

// JSON keeps control characters from the log exact (the CLI's human
// output stream escapes them in text; see cmd/internal/iostreams).
func TestJSONKeepsControlCharacters(t *testing.T) {
	ex := []Explanation{{ID: "BL107", Line: 1, Text: "npm error code ETIMEDOUT \x1b]52;c;ZWNobyBoaQ==\x07", Problem: "p", Fix: "f"}}
	var js bytes.Buffer
	if err := WriteExplanations(&js, FormatJSON, ex); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `\u001b]52`) {
		t.Errorf("json: %q", js.String())
	}
}
