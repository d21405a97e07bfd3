package lint

import (
	"encoding/json"
	"fmt"
	"io"
)

// Format is how findings are written.
type Format string

const (
	FormatText  Format = "text"
	FormatJSON  Format = "json"
	FormatSARIF Format = "sarif"
)

// ParseFormat reads text, json or sarif.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case FormatText, FormatJSON, FormatSARIF:
		return f, nil
	}
	return "", fmt.Errorf("%q: want text, json or sarif", s)
}

// Write prints findings in a format; version names dockgen in SARIF.
func Write(w io.Writer, format Format, version string, fs []Finding) error {
	switch format {
	case FormatSARIF:
		return WriteSARIF(w, version, fs)
	case FormatJSON:
		if fs == nil {
			fs = []Finding{}
		}
		return writeJSON(w, fs)
	}
	for _, f := range fs {
		if _, err := fmt.Fprintf(w, "%s:%d: %s %s: %s\n", f.File, f.Line, f.Severity, f.Rule, f.Message); err != nil {
			return err
		}
		if f.Why != "" {
			fmt.Fprintf(w, "    why: %s\n    fix: %s\n", f.Why, f.Fix)
		}
		if f.URL != "" {
			fmt.Fprintf(w, "    see: %s\n", f.URL)
		}
	}
	return nil
}

// WriteExplanations prints what ExplainLog found.
func WriteExplanations(w io.Writer, format Format, ex []Explanation) error {
	if format == FormatJSON {
		if ex == nil {
			ex = []Explanation{}
		}
		return writeJSON(w, ex)
	}
	for _, e := range ex {
		if _, err := fmt.Fprintf(w, "%s (log line %d): %s\n    %s\n    fix: %s\n", e.ID, e.Line, e.Problem, e.Text, e.Fix); err != nil {
			return err
		}
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Summary is the one line that ends a run over several Dockerfiles.
func Summary(files, unreadable int, fs []Finding) string {
	n := map[Severity]int{}
	for _, f := range fs {
		n[f.Severity]++
	}
	s := fmt.Sprintf("%d Dockerfile(s), %d finding(s): %d error, %d warning, %d info", files, len(fs), n[SevError], n[SevWarning], n[SevInfo])
	if unreadable > 0 {
		s += fmt.Sprintf("; %d could not be checked", unreadable)
	}
	return s
}
