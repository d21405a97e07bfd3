package catalog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// listItemRe bounds what a list item may be: list values end up as words in
// RUN lines (package names), so they are plain tokens.
var listItemRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._+:=@/-]*$`)

// intRe is an integer as written in a generated file: no sign but '-', no
// leading zeros (strconv also takes "+3" and "007").
var intRe = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)

// defaultIntLimit bounds an int variable that declares no range.
const defaultIntLimit = 1<<31 - 1

func (v Variable) checkInt(val string) error {
	lo, hi := int64(-defaultIntLimit), int64(defaultIntLimit)
	if v.Min != nil {
		lo = *v.Min
	}
	if v.Max != nil {
		hi = *v.Max
	}
	if !intRe.MatchString(val) {
		return fmt.Errorf("%q is not an integer (digits, with '-' for a negative one)", val)
	}
	n, err := strconv.ParseInt(val, 10, 64)
	if err != nil || n < lo || n > hi {
		return fmt.Errorf("%s is out of range: want %d to %d", val, lo, hi)
	}
	return nil
}

// Check validates a value against the variable's declaration.
func (v Variable) Check(val string) error {
	if strings.ContainsAny(val, "\n\r\x00") {
		return fmt.Errorf("value must be a single line")
	}
	switch v.Type {
	case "bool":
		if _, err := strconv.ParseBool(val); err != nil {
			return fmt.Errorf("%q is not a bool (true or false)", val)
		}
	case "int":
		if err := v.checkInt(val); err != nil {
			return err
		}
	case "list":
		for _, item := range strings.Fields(val) {
			if !listItemRe.MatchString(item) {
				return fmt.Errorf("list item %q: use letters, digits and ._+:=@/- only", item)
			}
		}
	}
	if len(v.Allowed) > 0 {
		ok := false
		for _, a := range v.Allowed {
			ok = ok || a == val
		}
		if !ok {
			return fmt.Errorf("%q is not allowed: valid values are %s", val, strings.Join(v.Allowed, ", "))
		}
	}
	if v.Pattern != "" {
		re, err := regexp.Compile(`^(?:` + v.Pattern + `)$`)
		if err != nil {
			return err
		}
		if !re.MatchString(val) {
			return fmt.Errorf("%q does not match the pattern %s", val, v.Pattern)
		}
	}
	return nil
}

// ResolveVars validates --set values against the template's declarations and
// fills defaults. Unknown names are errors that list the declared ones.
func (m Meta) ResolveVars(set map[string]string) (map[string]string, error) {
	out := map[string]string{}
	byName := map[string]Variable{}
	var names []string
	for _, v := range m.Variables {
		byName[v.Name] = v
		names = append(names, v.Name)
		out[v.Name] = v.Default
	}
	for k, val := range set {
		v, ok := byName[k]
		if !ok {
			if len(names) == 0 {
				return nil, fmt.Errorf("--set %s: template %s declares no variables", k, m.Name)
			}
			return nil, fmt.Errorf("--set %s: template %s has no such variable: valid names are %s", k, m.Name, strings.Join(names, ", "))
		}
		if err := v.Check(val); err != nil {
			return nil, &VarError{Name: k, Err: err}
		}
		out[k] = val
	}
	for _, v := range m.Variables {
		if v.Required && out[v.Name] == "" {
			return nil, fmt.Errorf("template %s needs --set %s=<value> (%s)", m.Name, v.Name, v.Description)
		}
	}
	return out, nil
}

// VarError is a variable value its schema refuses; the caller can tell
// whether the value came from --set or from a file.
type VarError struct {
	Name string
	Err  error
}

func (e *VarError) Error() string { return fmt.Sprintf("--set %s: %v", e.Name, e.Err) }
func (e *VarError) Unwrap() error { return e.Err }
