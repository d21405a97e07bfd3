package iostreams

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// Human output carries repository values (directory names, engines,
// evidence, build-log lines), and a repository is untrusted: an ESC, OSC or
// CSI sequence in one could retitle the terminal, write the clipboard (OSC
// 52) or redraw what the user reads. So every human stream escapes control
// characters on their way out; only machine output (JSON, SARIF, generated
// files) takes the raw writer, and stays exact.

// Escape returns s with every byte a terminal could act on made visible:
// C0 controls but newline and tab (\x1b, \x0d, \x07, …), DEL (\x7f), C1
// controls (\u009b) and bytes that are not UTF-8 (\xff).
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	return string(appendEscaped(nil, s))
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return true
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 || r >= 0x80 && r <= 0x9f {
				return true
			}
			i += size - 1
		}
	}
	return false
}

func appendEscaped(out []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
				out = fmt.Appendf(out, `\x%02x`, c)
			} else {
				out = append(out, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			out = fmt.Appendf(out, `\x%02x`, c)
		case r <= 0x9f:
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, s[i:i+size]...)
		}
		i += size
	}
	return out
}

// escaper is a human stream: it escapes what it writes. Each Write is
// escaped on its own, so a character split over two writes shows as
// escaped bytes; fmt's print functions write whole strings.
type escaper struct{ w io.Writer }

func (e *escaper) Write(p []byte) (int, error) {
	s := string(p)
	if !needsEscape(s) {
		return e.w.Write(p)
	}
	if _, err := e.w.Write(appendEscaped(make([]byte, 0, len(p)+16), s)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Human wraps w so control characters written to it are escaped.
func Human(w io.Writer) io.Writer {
	if _, ok := w.(*escaper); ok {
		return w
	}
	return &escaper{w: w}
}

// Raw returns the writer under a human stream, for output that must be
// exact: JSON, SARIF, a generated file on stdout, a terminal UI's own
// escape sequences. Other writers are returned as they are.
func Raw(w io.Writer) io.Writer {
	if e, ok := w.(*escaper); ok {
		return e.w
	}
	return w
}
