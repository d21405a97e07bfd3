package iostreams

import (
	"bytes"
	"testing"
)

// osc52 asks the terminal to put "pwned" on the clipboard; osc0 retitles it.
const (
	osc52 = "\x1b]52;c;cHduZWQ=\x07"
	osc0  = "\x1b]0;owned\x1b\\"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text\n\twith tab", "plain text\n\twith tab"},
		{"engines " + osc52, `engines \x1b]52;c;cHduZWQ=\x07`},
		{osc0, `\x1b]0;owned\x1b\`},
		{"over\rwrite", `over\x0dwrite`},
		{"bell\a nul\x00 del\x7f", `bell\x07 nul\x00 del\x7f`},
		{"c1 csi \u009b31m and \u0085", `c1 csi \u009b31m and \u0085`},
		{"bad \xff\xfe utf8 \xc3", `bad \xff\xfe utf8 \xc3`},
		{"ünïcødé ✓ 中文 \u00a0", "ünïcødé ✓ 中文 \u00a0"},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestHumanAndRawWriters(t *testing.T) {
	var b bytes.Buffer
	h := Human(&b)
	if Human(h) != h {
		t.Error("Human wrapped twice")
	}
	n, err := h.Write([]byte("dir " + osc52 + "\n"))
	if err != nil || n != len("dir "+osc52+"\n") {
		t.Errorf("Write = %d, %v; want the input's length", n, err)
	}
	if got := b.String(); got != "dir \\x1b]52;c;cHduZWQ=\\x07\n" {
		t.Errorf("human stream wrote %q", got)
	}
	b.Reset()
	if _, err := Raw(h).Write([]byte(osc52)); err != nil || b.String() != osc52 {
		t.Errorf("raw stream wrote %q, %v", b.String(), err)
	}
	if Raw(&b) != &b {
		t.Error("Raw changed a plain writer")
	}
}

// The process's own streams are human: a value printed there cannot act on
// the terminal.
func TestSystemStreamsAreHuman(t *testing.T) {
	s := System()
	for name, w := range map[string]any{"Out": s.Out, "ErrOut": s.ErrOut} {
		if _, ok := w.(*escaper); !ok {
			t.Errorf("System().%s is %T, not a human stream", name, w)
		}
	}
}
