package lint

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// WriteSARIF writes findings as SARIF 2.1.0, the format GitHub code
// scanning uploads (github/codeql-action/upload-sarif).
func WriteSARIF(w io.Writer, version string, findings []Finding) error {
	type msg struct {
		Text string `json:"text"`
	}
	type region struct {
		StartLine int `json:"startLine"`
	}
	type location struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region *region `json:"region,omitempty"`
		} `json:"physicalLocation"`
	}
	type result struct {
		RuleID    string     `json:"ruleId"`
		Level     string     `json:"level"`
		Message   msg        `json:"message"`
		Locations []location `json:"locations"`
	}
	type rule struct {
		ID               string `json:"id"`
		Name             string `json:"name,omitempty"`
		ShortDescription msg    `json:"shortDescription"`
		Help             msg    `json:"help"`
		HelpURI          string `json:"helpUri,omitempty"`
	}
	level := map[Severity]string{SevError: "error", SevWarning: "warning", SevInfo: "note"}
	rules := []rule{} // an empty run still needs an array: null is invalid SARIF
	seen := map[string]bool{}
	results := []result{}
	for _, f := range findings {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			r := rule{ID: f.Rule, ShortDescription: msg{f.Message}, Help: msg{f.Fix}, HelpURI: f.URL}
			if known, ok := RuleByID(f.Rule); ok {
				r.Name, r.ShortDescription, r.Help = known.Name, msg{known.Why}, msg{known.Fix}
			} else if bk, ok := buildKitRuleByName(f.Rule); ok {
				r.Name, r.ShortDescription = bk.Name, msg{bk.Description}
				if r.HelpURI == "" {
					r.HelpURI = bk.URL
				}
			}
			if r.Help.Text == "" {
				r.Help.Text = f.Message
			}
			rules = append(rules, r)
		}
		var loc location
		loc.PhysicalLocation.ArtifactLocation.URI = sarifURI(f.File)
		if f.Line > 0 {
			loc.PhysicalLocation.Region = &region{StartLine: f.Line}
		}
		lv := level[f.Severity]
		if lv == "" {
			lv = "warning"
		}
		results = append(results, result{RuleID: f.Rule, Level: lv, Message: msg{f.Message}, Locations: []location{loc}})
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name": "dockgen", "version": version, "informationUri": "https://github.com/dockgen/dockgen", "rules": rules,
			}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// sarifURI turns a file path into a URI reference: relative paths stay
// relative (GitHub resolves them against the checkout), absolute ones
// become file URIs, and both are percent-encoded (spaces, %, #, ?).
func sarifURI(p string) string {
	p = filepath.ToSlash(p)
	if filepath.IsAbs(filepath.FromSlash(p)) || strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x -> /C:/x
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	u := (&url.URL{Path: p}).EscapedPath()
	if first, _, _ := strings.Cut(u, "/"); strings.Contains(first, ":") {
		u = "./" + u // a colon in the first segment would read as a scheme
	}
	return u
}
