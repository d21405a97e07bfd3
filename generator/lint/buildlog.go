package lint

import (
	"bufio"
	"io"
	"regexp"
	"strings"
)

// Explanation is a recognised failure in a build log.
type Explanation struct {
	ID      string `json:"id"`
	Line    int    `json:"line"`
	Text    string `json:"text"` // the log line that shows it
	Problem string `json:"problem"`
	Fix     string `json:"fix"`
}

// LogPatterns are the failures ExplainLog recognises, most specific first:
// a log line gets the first explanation that matches it.
var LogPatterns = []struct {
	ID, Problem, Fix string
	Re               *regexp.Regexp
}{
	{"BL101", "Go's checksum database rejected a module: the downloaded code is not what the module's author published (or a private module was checked against the public database)",
		"for a private module set GOPRIVATE (dockgen --private HOST/ORG), which also sets GONOSUMDB; otherwise clear the module cache and check the module version. Never set GOSUMDB=off",
		regexp.MustCompile(`(?i)SECURITY ERROR|checksum mismatch|verifying .*: .*(410 Gone|checksum)`)},
	{"BL102", "Go's checksum database is unreachable from the builder",
		"use a reachable checksum database with verification on: --region cn sets GOSUMDB=sum.golang.google.cn (or --build-arg GOSUMDB=...); private paths go in GOPRIVATE/GONOSUMDB",
		regexp.MustCompile(`(?i)sum\.golang\.org.*(timeout|dial tcp|connection refused|no such host|TLS handshake)`)},
	{"BL103", "the Go module proxy does not serve a module: 404/410 from the proxy usually means a private module",
		"mark it private so the go command fetches it from its own host: dockgen --private HOST/ORG (GOPRIVATE, fetched over SSH)",
		regexp.MustCompile(`(?i)reading https?://[^ ]*/@v/[^ ]*: (404|410)|(404 Not Found|410 Gone).*@v/`)},
	{"BL104", "the Go module proxy is unreachable or timing out from the builder",
		"point GOPROXY at a reachable mirror: dockgen --region cn, a team region profile (go.proxy), or --build-arg GOPROXY=...",
		regexp.MustCompile(`(?i)proxy\.golang\.org.*(timeout|dial tcp|connection refused|no such host|TLS handshake)`)},
	{"BL105", "git needed credentials for a private repository, and a build has no terminal to ask for them",
		"fetch private modules over SSH: dockgen --private HOST/ORG writes the ssh mount and the insteadOf rule; build with `docker build --ssh default .`",
		regexp.MustCompile(`(?i)terminal prompts disabled|could not read Username|Permission denied \(publickey\)|Host key verification failed`)},
	{"BL106", "TLS to a package source failed: the certificate is signed by an authority the build image does not trust (a corporate proxy)",
		"add the corporate CA in the build stage (COPY corp-ca.crt /usr/local/share/ca-certificates/ and RUN update-ca-certificates), or use a mirror profile whose hosts have public certificates",
		regexp.MustCompile(`(?i)x509: certificate signed by unknown authority|unable to get local issuer certificate|SELF_SIGNED_CERT_IN_CHAIN|CERTIFICATE_VERIFY_FAILED|UNABLE_TO_VERIFY_LEAF_SIGNATURE`)},
	{"BL107", "npm cannot reach its registry (timeout, reset or DNS)",
		"use a reachable registry: dockgen --region cn (npmmirror) or a team region profile (npm.registry); --build-arg NPM_CONFIG_REGISTRY=... for one build",
		regexp.MustCompile(`(?i)npm (ERR!|error) .*(ETIMEDOUT|ECONNRESET|EAI_AGAIN|ENOTFOUND|ECONNREFUSED)|npm (ERR!|error) code (ETIMEDOUT|ECONNRESET|EAI_AGAIN|ENOTFOUND)`)},
	{"BL108", "the npm registry refused the request: a private package needs a token",
		"mount the token for the install only: RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci, built with --secret id=npmrc,src=$HOME/.npmrc; never COPY .npmrc",
		regexp.MustCompile(`(?i)npm (ERR!|error) code E40[13]|npm (ERR!|error) 40[13]`)},
	{"BL109", "pip found no release of a package that fits: wrong name, a version pin that does not exist, or a Python version the package does not support",
		"check the pin against the Python version of the image (--lang-version); behind a firewall use a reachable index (dockgen --region cn or a profile's pypi.index)",
		regexp.MustCompile(`(?i)No matching distribution found for|Could not find a version that satisfies the requirement`)},
	{"BL110", "Maven could not download an artifact: the repository is unreachable, or a private repository needs credentials",
		"use a reachable mirror (dockgen --region cn, or a profile's maven.mirror); for a private repository mount settings.xml as a secret: RUN --mount=type=secret,id=m2,target=/root/.m2/settings.xml",
		regexp.MustCompile(`(?i)Could not transfer artifact|Could not resolve dependencies for project|Non-resolvable parent POM`)},
}

// ExplainLog reads a build log (docker build, buildx, buildah) and returns
// the failures it recognises, each once, in log order.
func ExplainLog(r io.Reader) ([]Explanation, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	seen := map[string]bool{}
	var out []Explanation
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		for _, p := range LogPatterns {
			if p.Re.MatchString(text) {
				if !seen[p.ID] {
					seen[p.ID] = true
					out = append(out, Explanation{ID: p.ID, Line: n, Text: strings.TrimSpace(text), Problem: p.Problem, Fix: p.Fix})
				}
				break
			}
		}
	}
	return out, sc.Err()
}
