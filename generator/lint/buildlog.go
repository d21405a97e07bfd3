package lint

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
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

// goNetErr are the go command's words for a network failure. BL102/BL104
// match them on the shape of the URL (a checksum lookup .../lookup/..., a
// module fetch .../@v/...), so a corporate GOPROXY/GOSUMDB host is
// explained like the public ones.
const goNetErr = `(timeout|timed out|dial tcp|connection refused|connection reset|no such host|TLS handshake)`

// supersedes: an explanation that makes another one in the same log
// wrong (after a pip network timeout, "no matching distribution" is not a
// bad pin).
var supersedes = map[string][]string{"BL113": {"BL109"}}

// LogPatterns are the failures ExplainLog recognises, most specific first:
// a log line gets the first explanation that matches it.
// Each has needles, lower-case strings one of which every line it matches
// contains: the cheap test that keeps reading a log fast.
var LogPatterns = []LogPattern{
	{"BL101", "Go's checksum database rejected a module: the downloaded code is not what the module's author published (or a private module was checked against the public database)",
		"for a private module set GOPRIVATE (dockgen --private HOST/ORG), which also sets GONOSUMDB; otherwise clear the module cache and check the module version. Never set GOSUMDB=off",
		regexp.MustCompile(`(?i)SECURITY ERROR|checksum mismatch|verifying .*: .*(410 Gone|checksum)`), []string{"security error", "checksum mismatch", "verifying "}},
	{"BL102", "Go's checksum database is unreachable from the builder",
		"use a reachable checksum database with verification on: --region cn sets GOSUMDB=sum.golang.google.cn (or --build-arg GOSUMDB=...); private paths go in GOPRIVATE/GONOSUMDB",
		regexp.MustCompile(`(?i)(sum\.golang\.org|/lookup/).*` + goNetErr), []string{"sum.golang.org", "/lookup/"}},
	{"BL103", "the Go module proxy does not serve a module: 404/410 from the proxy usually means a private module",
		"mark it private so the go command fetches it from its own host: dockgen --private HOST/ORG (GOPRIVATE, fetched over SSH)",
		regexp.MustCompile(`(?i)reading https?://[^ ]*/@v/[^ ]*: (404|410)|(404 Not Found|410 Gone).*@v/`), []string{"@v/"}},
	{"BL104", "the Go module proxy is unreachable or timing out from the builder",
		"point GOPROXY at a reachable mirror: dockgen --region cn, a team region profile (go.proxy), or --build-arg GOPROXY=...",
		regexp.MustCompile(`(?i)(proxy\.golang\.org|/@v/).*` + goNetErr), []string{"proxy.golang.org", "/@v/"}},
	{"BL105", "git needed credentials for a private repository, and a build has no terminal to ask for them",
		"fetch private modules over SSH: dockgen --private HOST/ORG writes the ssh mount and the insteadOf rule; build with `docker build --ssh default .`",
		regexp.MustCompile(`(?i)terminal prompts disabled|could not read Username|Permission denied \(publickey\)|Host key verification failed`), []string{"terminal prompts disabled", "could not read username", "permission denied (publickey)", "host key verification failed"}},
	{"BL106", "TLS to a package source failed: the certificate is signed by an authority the build image does not trust (a corporate proxy)",
		"add the corporate CA in the build stage (COPY corp-ca.crt /usr/local/share/ca-certificates/ and RUN update-ca-certificates), or use a mirror profile whose hosts have public certificates",
		regexp.MustCompile(`(?i)x509: certificate signed by unknown authority|unable to get local issuer certificate|SELF_SIGNED_CERT_IN_CHAIN|CERTIFICATE_VERIFY_FAILED|UNABLE_TO_VERIFY_LEAF_SIGNATURE`), []string{"x509", "unable to get local issuer", "self_signed_cert_in_chain", "certificate_verify_failed", "unable_to_verify_leaf_signature"}},
	{"BL107", "npm cannot reach its registry (timeout, reset or DNS)",
		"use a reachable registry: dockgen --region cn (npmmirror) or a team region profile (npm.registry); --build-arg NPM_CONFIG_REGISTRY=... for one build",
		regexp.MustCompile(`(?i)npm (ERR!|error) .*(ETIMEDOUT|ECONNRESET|EAI_AGAIN|ENOTFOUND|ECONNREFUSED)|npm (ERR!|error) code (ETIMEDOUT|ECONNRESET|EAI_AGAIN|ENOTFOUND)`), []string{"npm "}},
	{"BL108", "the npm registry refused the request: a private package needs a token",
		"mount the token for the install only: RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci, built with --secret id=npmrc,src=$HOME/.npmrc; never COPY .npmrc",
		regexp.MustCompile(`(?i)npm (ERR!|error) code E40[13]|npm (ERR!|error) 40[13]`), []string{"npm "}},
	{"BL109", "pip found no release of a package that fits: wrong name, a version pin that does not exist, or a Python version the package does not support",
		"check the pin against the Python version of the image (--lang-version); behind a firewall use a reachable index (dockgen --region cn or a profile's pypi.index)",
		regexp.MustCompile(`(?i)No matching distribution found for|Could not find a version that satisfies the requirement`), []string{"no matching distribution", "could not find a version"}},
	{"BL110", "Maven could not download an artifact: the repository is unreachable, or a private repository needs credentials",
		"use a reachable mirror (dockgen --region cn, or a profile's maven.mirror); for a private repository mount settings.xml as a secret: RUN --mount=type=secret,id=m2,target=/root/.m2/settings.xml",
		regexp.MustCompile(`(?i)Could not transfer artifact|Could not resolve dependencies for project|Non-resolvable parent POM`), []string{"could not transfer artifact", "could not resolve dependencies", "non-resolvable parent pom"}},
	{"BL111", "apt cannot reach its package mirror from the builder (DNS or network)",
		"use a reachable mirror: dockgen --region cn or a team region profile (apt mirror); otherwise check the builder's DNS and proxy (HTTP_PROXY/HTTPS_PROXY build args)",
		regexp.MustCompile(`(?i)Temporary failure resolving '|Could not resolve '[^']+'|Failed to fetch \S+\s+.*(Could not connect|Connection timed out|Connection failed|Unable to connect)`), []string{"temporary failure resolving", "could not resolve '", "failed to fetch"}},
	{"BL112", "apt does not know a package: its lists were not updated in the same RUN, or the name does not exist in the base image's release",
		"run apt-get update in the same RUN as apt-get install (apt-get update && apt-get install -y --no-install-recommends NAME), and check the name for the base image's Debian/Ubuntu release",
		regexp.MustCompile(`(?i)E: Unable to locate package|Package '[^']+' has no installation candidate|E: Package '[^']+' has no installation candidate`), []string{"unable to locate package", "has no installation candidate"}},
	{"BL113", "pip cannot reach its package index (timeout, reset or DNS): the 'no matching distribution' that follows is a network failure, not a wrong pin",
		"use a reachable index: dockgen --region cn or a profile's pypi.index, or --build-arg PIP_INDEX_URL=...; raise PIP_DEFAULT_TIMEOUT for a slow link",
		regexp.MustCompile(`(?i)Retrying \(Retry\(total=\d+.*(ConnectTimeoutError|ReadTimeoutError|NewConnectionError|ProtocolError|Connection reset|timed out)|HTTPSConnectionPool\(host=.*(Read timed out|Max retries exceeded)|pip\._vendor\.\S+\.(ReadTimeoutError|ConnectTimeoutError)`), []string{"retrying (retry(total=", "httpsconnectionpool(host=", "pip._vendor."}},
}

// LogPattern is one failure ExplainLog recognises.
type LogPattern struct {
	ID, Problem, Fix string
	Re               *regexp.Regexp
	needles          []string
}

// Limits on reading a build log: a longer line is matched on its first
// MaxLogLine bytes; reading stops after MaxLogBytes with ErrLogTruncated.
const (
	MaxLogLine  = 64 << 10
	MaxLogBytes = 256 << 20
)

// maxLogBytes is MaxLogBytes; tests lower it.
var maxLogBytes int64 = MaxLogBytes

// ErrLogTruncated: the log went on past MaxLogBytes; what was found before
// is returned with it.
var ErrLogTruncated = fmt.Errorf("the build log is larger than %d MiB: only its first %d MiB were read", MaxLogBytes>>20, MaxLogBytes>>20)

// ExplainLog reads a build log (docker build, buildx, buildah) and returns
// the failures it recognises, each once, in log order. On an error it
// returns what it found before it, too.
func ExplainLog(r io.Reader) ([]Explanation, error) {
	br := bufio.NewReaderSize(io.LimitReader(r, maxLogBytes+1), MaxLogLine)
	seen := map[string]bool{}
	var out []Explanation
	var read int64
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		read += int64(len(line))
		if err == bufio.ErrBufferFull {
			// Match the line on its first MaxLogLine bytes, skip the rest.
			line = append([]byte(nil), line...)
			for err == bufio.ErrBufferFull {
				var more []byte
				more, err = br.ReadSlice('\n')
				read += int64(len(more))
			}
		}
		if len(line) > 0 {
			out = explainLine(out, seen, n, line)
		}
		if read > maxLogBytes {
			return dropSuperseded(out), ErrLogTruncated
		}
		if err == io.EOF {
			return dropSuperseded(out), nil
		}
		if err != nil {
			return dropSuperseded(out), err
		}
	}
}

func explainLine(out []Explanation, seen map[string]bool, n int, line []byte) []Explanation {
	lower := string(bytes.ToLower(line))
	for _, p := range LogPatterns {
		if !slices.ContainsFunc(p.needles, func(s string) bool { return strings.Contains(lower, s) }) {
			continue
		}
		text := string(line)
		if p.Re.MatchString(text) {
			if !seen[p.ID] {
				seen[p.ID] = true
				out = append(out, Explanation{ID: p.ID, Line: n, Text: strings.TrimSpace(text), Problem: p.Problem, Fix: p.Fix})
			}
			break
		}
	}
	return out
}

func dropSuperseded(ex []Explanation) []Explanation {
	drop := map[string]bool{}
	for _, e := range ex {
		for _, id := range supersedes[e.ID] {
			drop[id] = true
		}
	}
	return slices.DeleteFunc(ex, func(e Explanation) bool { return drop[e.ID] })
}
