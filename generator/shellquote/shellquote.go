// Package shellquote quotes the words of commands dockgen prints for the
// user to paste into a POSIX shell. The words often come from the
// repository (directory names, entries), which is untrusted: a pasted
// command must run dockgen with exactly those words and nothing else.
package shellquote

import (
	"regexp"
	"strings"
)

// safe words mean the same to every POSIX shell unquoted: no blank, quote,
// $, `, \, glob, ~, #, ;, &, |, <, >, (, ), {, } or control character.
var safe = regexp.MustCompile(`^[A-Za-z0-9_./:=,@%+-]+$`)

// Quote returns s as one shell word: unchanged when every character is
// safe, else in single quotes (inside which nothing is special); a single
// quote in s closes the quotes, is escaped and reopens them. Control
// characters, newlines included, are kept: within single quotes they are
// literal.
func Quote(s string) string {
	if safe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Path quotes a path argument; a relative path that starts with "-" gets
// "./" so no program reads it as an option.
func Path(p string) string {
	if strings.HasPrefix(p, "-") {
		p = "./" + p
	}
	return Quote(p)
}

// Flag returns "--name value" with value quoted, or "--name=value" when
// value starts with "-", which a flag parser could take for a flag.
func Flag(name, value string) string {
	if strings.HasPrefix(value, "-") {
		return Quote(name + "=" + value)
	}
	return name + " " + Quote(value)
}

// Join quotes each word and joins them with spaces.
func Join(words ...string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = Quote(w)
	}
	return strings.Join(q, " ")
}
