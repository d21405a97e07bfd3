package plan

import "strings"

// checkPrivatePattern refuses a --private pattern whose host part is only
// wildcards over a top-level domain (*.*, *.com, *.*.org): as GOPRIVATE and
// GONOSUMDB it matches every module on the internet (or every .com one), so
// the checksum database stops verifying all of them, silently.
func checkPrivatePattern(pr string) error {
	host, _, _ := strings.Cut(pr, "/")
	labels := strings.Split(host, ".")
	for _, l := range labels[:len(labels)-1] {
		if l != "" && !strings.ContainsAny(l, "*?[") {
			return nil
		}
	}
	return bad("--private", pr, "the host is only wildcards, so it matches every module and GONOSUMDB turns the checksum database off for all of them; name the host, e.g. github.com/acme or git.corp.example/team")
}
