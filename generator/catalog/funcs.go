package catalog

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// sprigAllowed is the explicit allowlist of sprig functions templates may use.
// Everything that reads the clock, the environment, the network or randomness
// is left out (sprig's "hermetic" map still has random and crypto helpers), as
// is anything whose output depends on map iteration order (keys, values).
var sprigAllowed = []string{
	// strings
	"trim", "trimAll", "trimPrefix", "trimSuffix", "upper", "lower", "title", "untitle",
	"repeat", "substr", "nospace", "trunc", "abbrev", "initials", "wrap", "wrapWith",
	"contains", "hasPrefix", "hasSuffix", "quote", "squote", "cat", "indent", "nindent",
	"replace", "plural", "snakecase", "camelcase", "kebabcase", "swapcase",
	"regexMatch", "regexFind", "regexFindAll", "regexReplaceAll", "regexReplaceAllLiteral", "regexSplit", "regexQuoteMeta",
	"join", "split", "splitList", "splitn", "toStrings", "sortAlpha",
	// defaults and flow
	"default", "empty", "coalesce", "all", "any", "ternary", "fail", "required",
	"toJson", "toPrettyJson", "toRawJson", "fromJson",
	// conversion and math
	"atoi", "int", "int64", "float64", "toString", "toDecimal",
	"add", "add1", "sub", "mul", "div", "mod", "max", "min", "floor", "ceil", "round", "until", "untilStep", "seq",
	// lists and dicts (no keys/values: their order is random)
	"list", "append", "prepend", "first", "last", "rest", "initial", "reverse", "uniq", "without", "has",
	"compact", "concat", "slice", "chunk",
	"dict", "get", "set", "unset", "hasKey", "pluck", "pick", "omit", "merge", "mergeOverwrite", "dig",
	// semver (pure)
	"semver", "semverCompare",
	// encoding (pure)
	"b64enc", "b64dec", "sha256sum",
	// paths (pure string functions)
	"base", "dir", "ext", "clean", "isAbs",
}

// FuncMap returns the functions available to templates: the sprig allowlist
// plus dockgen's quoting helpers.
func FuncMap() template.FuncMap {
	all := sprig.TxtFuncMap()
	fm := template.FuncMap{}
	for _, name := range sprigAllowed {
		if f, ok := all[name]; ok {
			fm[name] = f
		}
	}
	// exec renders an exec-form argument list (JSON array), so no value can
	// break out of its string: CMD {{ exec .Node.Start }}.
	fm["exec"] = execForm
	// shq quotes one word for /bin/sh.
	fm["shq"] = shellQuote
	// jsonStr renders one JSON string literal.
	fm["jsonStr"] = func(s string) (string, error) {
		b, err := json.Marshal(s)
		return string(b), err
	}
	return fm
}

func execForm(args ...any) (string, error) {
	var words []string
	for _, a := range args {
		switch v := a.(type) {
		case string:
			words = append(words, v)
		case []string:
			words = append(words, v...)
		default:
			return "", fmt.Errorf("exec: want strings, got %T", a)
		}
	}
	if len(words) == 0 {
		return "", fmt.Errorf("exec: empty command")
	}
	parts := make([]string, len(words))
	for i, w := range words {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // keep <, > and & readable; JSON escaping still covers quotes and newlines
		if err := enc.Encode(w); err != nil {
			return "", err
		}
		parts[i] = strings.TrimSuffix(b.String(), "\n")
	}
	return "[" + strings.Join(parts, ", ") + "]", nil
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
