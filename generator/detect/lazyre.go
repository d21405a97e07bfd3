package detect

import (
	"regexp"
	"sync"
)

// lazyRE is a regexp compiled on first use. Detection holds a few dozen
// patterns; compiling them at package init cost every dockgen command
// about a millisecond of start-up, detect or not.
type lazyRE struct {
	src  string
	once sync.Once
	re   *regexp.Regexp
}

func lazy(src string) *lazyRE { return &lazyRE{src: src} }

func (l *lazyRE) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.src) })
	return l.re
}

func (l *lazyRE) Match(b []byte) bool                  { return l.get().Match(b) }
func (l *lazyRE) MatchString(s string) bool            { return l.get().MatchString(s) }
func (l *lazyRE) FindIndex(b []byte) []int             { return l.get().FindIndex(b) }
func (l *lazyRE) FindSubmatch(b []byte) [][]byte       { return l.get().FindSubmatch(b) }
func (l *lazyRE) FindStringSubmatch(s string) []string { return l.get().FindStringSubmatch(s) }
func (l *lazyRE) FindAllSubmatchIndex(b []byte, n int) [][]int {
	return l.get().FindAllSubmatchIndex(b, n)
}
func (l *lazyRE) Split(s string, n int) []string { return l.get().Split(s, n) }
