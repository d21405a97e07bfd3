package lint

import (
	"bytes"
	"strings"
	"testing"
)

// Text output escapes control characters from the log and the repository;
// JSON keeps them exact.
func TestTextOutputEscapesControlCharacters(t *testing.T) {
	ex := []Explanation{{ID: "BL107", Line: 1, Text: "npm error code ETIMEDOUT \x1b]52;c;ZWNobyBoaQ==\x07", Problem: "p", Fix: "f"}}
	var text, js bytes.Buffer
	if err := WriteExplanations(&text, FormatText, ex); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(text.String(), "\x1b\x07") || !strings.Contains(text.String(), `\x1b]52;c;ZWNobyBoaQ==\a`) {
		t.Errorf("text: %q", text.String())
	}
	if err := WriteExplanations(&js, FormatJSON, ex); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `\u001b]52`) {
		t.Errorf("json: %q", js.String())
	}
	var fs bytes.Buffer
	if err := Write(&fs, FormatText, "", []Finding{{File: "a\x1b[2Jb/Dockerfile", Line: 2, Rule: "DG101", Message: "COPY source \u009b31m is missing"}}); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(fs.String(), "\x1b\u009b") {
		t.Errorf("findings: %q", fs.String())
	}
	if printable("plain\ttext ü") != "plain\ttext ü" {
		t.Error("printable changed plain text")
	}
}
