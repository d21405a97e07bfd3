package cli

import (
	"errors"
	"strings"
	"unicode"
)

// listFlag is a comma-separated, repeatable string list like pflag's
// StringSlice, except that a value holding a newline or another control
// character is an error. StringSlice parses its value as CSV and keeps the
// first line only, so `--private $'a.b/c\nRUN x'` was silently cut to a.b/c.
type listFlag struct {
	dst     *[]string
	changed bool
}

func newListFlag(dst *[]string) *listFlag { return &listFlag{dst: dst} }

func (f *listFlag) Set(v string) error {
	if strings.IndexFunc(v, unicode.IsControl) >= 0 {
		return errors.New("the value holds a newline or another control character; give each prefix on one line, comma-separated")
	}
	var vals []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			vals = append(vals, s)
		}
	}
	if !f.changed {
		*f.dst = vals
		f.changed = true
	} else {
		*f.dst = append(*f.dst, vals...)
	}
	return nil
}

// String is "" when empty, so help prints no default, as for StringSlice.
func (f *listFlag) String() string {
	if len(*f.dst) == 0 {
		return ""
	}
	return "[" + strings.Join(*f.dst, ",") + "]"
}

// Type is StringSlice's, so help and completion read the same.
func (f *listFlag) Type() string { return "strings" }
