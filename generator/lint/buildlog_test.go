package lint

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// Log excerpts written the way docker build / buildx / buildah print them.
func TestExplainLog(t *testing.T) {
	cases := []struct{ id, log string }{
		{"BL104", `#12 [build 4/6] RUN --mount=type=cache,target=/go/pkg/mod go mod download
#12 30.12 go: github.com/google/uuid@v1.6.0: Get "https://proxy.golang.org/github.com/google/uuid/@v/v1.6.0.mod": dial tcp 142.250.72.17:443: i/o timeout
#12 ERROR: process "/bin/sh -c go mod download" did not complete successfully: exit code: 1`},
		{"BL101", `#9 5.311 verifying github.com/acme/lib@v1.2.0/go.mod: checksum mismatch
#9 5.311 	downloaded: h1:AAAA
#9 5.311 	go.sum:     h1:BBBB
#9 5.311 SECURITY ERROR`},
		{"BL102", `#9 12.0 go: verifying module: github.com/pkg/errors@v0.9.1: Get "https://sum.golang.org/lookup/github.com/pkg/errors@v0.9.1": dial tcp 142.251.43.17:443: connect: connection refused`},
		{"BL103", `#9 1.9 go: git.corp.example/team/lib@v0.3.1: reading https://proxy.golang.org/git.corp.example/team/lib/@v/v0.3.1.info: 404 Not Found`},
		{"BL105", `#9 2.1 	fatal: could not read Username for 'https://github.com': terminal prompts disabled`},
		{"BL106", `#10 3.2 go: github.com/x/y@v1.0.0: Get "https://proxy.golang.org/github.com/x/y/@v/v1.0.0.mod": tls: failed to verify certificate: x509: certificate signed by unknown authority`},
		{"BL107", `#11 62.1 npm error code ETIMEDOUT
#11 62.1 npm error errno ETIMEDOUT
#11 62.1 npm error network request to https://registry.npmjs.org/express failed, reason: connect ETIMEDOUT 104.16.0.35:443`},
		{"BL108", `#11 4.0 npm ERR! code E401
#11 4.0 npm ERR! Unable to authenticate, your authentication token seems to be invalid.`},
		{"BL109", `#8 6.2 ERROR: Could not find a version that satisfies the requirement flask==9.9 (from versions: 0.1, 3.1.0)
#8 6.2 ERROR: No matching distribution found for flask==9.9`},
		// BL102/BL104 by the shape of the failure, whatever the host.
		{"BL104", `#12 30.1 go: github.com/google/uuid@v1.6.0: Get "https://artifactory.acme.example/api/go/golang/github.com/google/uuid/@v/v1.6.0.mod": dial tcp 10.1.2.3:443: connect: connection timed out`},
		{"BL102", `#9 12.0 go: verifying module: github.com/pkg/errors@v0.9.1: Get "https://athens.acme.example/sumdb/sum.golang.org/lookup/github.com/pkg/errors@v0.9.1": dial tcp: lookup athens.acme.example: no such host`},
		{"BL111", `#7 3.1 W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'`},
		{"BL112", `#7 4.2 E: Unable to locate package libpq-dev`},
		{"BL113", `#8 15.3 WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'ConnectTimeoutError(<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f>, 'Connection to pypi.org timed out. (connect timeout=15)')': /simple/flask/
#8 90.1 ERROR: Could not find a version that satisfies the requirement flask==3.1.0 (from versions: none)
#8 90.1 ERROR: No matching distribution found for flask==3.1.0`},
		{"BL110", `#10 40.5 [ERROR] Failed to execute goal on project demo: Could not resolve dependencies for project com.example:demo:jar:0.0.1: Could not transfer artifact org.springframework:spring-core:jar:6.1.0 from/to central (https://repo.maven.apache.org/maven2): Connect timed out`},
	}
	for _, c := range cases {
		ex, err := ExplainLog(strings.NewReader(c.log))
		if err != nil {
			t.Fatal(err)
		}
		if len(ex) == 0 || ex[0].ID != c.id || ex[0].Fix == "" || ex[0].Line == 0 {
			t.Errorf("%s: got %+v", c.id, ex)
		}
		// Matching ignores case (the needles are lower-case).
		if ex, _ := ExplainLog(strings.NewReader(strings.ToUpper(c.log))); len(ex) == 0 || ex[0].ID != c.id {
			t.Errorf("%s upper-cased: got %+v", c.id, ex)
		}
	}
	// A pip network timeout is not also explained as a bad pin.
	if ex, _ := ExplainLog(strings.NewReader(cases[len(cases)-2].log)); len(ex) != 1 {
		t.Errorf("pip timeout explained twice: %+v", ex)
	}
	// An ordinary 404 of a corporate proxy is BL103, not a network failure.
	if ex, _ := ExplainLog(strings.NewReader(`go: acme.example/lib@v1.0.0: reading https://goproxy.acme.example/acme.example/lib/@v/v1.0.0.info: 404 Not Found`)); len(ex) != 1 || ex[0].ID != "BL103" {
		t.Errorf("corporate 404: %+v", ex)
	}
	ex, _ := ExplainLog(strings.NewReader("#5 DONE 0.3s\nSuccessfully built 1234\n"))
	if len(ex) != 0 {
		t.Errorf("a clean log was explained: %+v", ex)
	}
}

// A line longer than any buffer (issue 17 #27: one line over 4 MiB ended
// the read with "token too long" and dropped what was found) is matched on
// its start, and reading goes on.
func TestExplainLogLongLines(t *testing.T) {
	long := strings.Repeat("x", 5<<20)
	log := "#9 npm error code ETIMEDOUT\n" + long + "\n#10 fatal: could not read Username for 'https://github.com': terminal prompts disabled\n"
	ex, err := ExplainLog(strings.NewReader(log))
	if err != nil || len(ex) != 2 || ex[0].ID != "BL107" || ex[1].ID != "BL105" || ex[1].Line != 3 {
		t.Fatalf("got %+v, %v", ex, err)
	}
	ex, err = ExplainLog(strings.NewReader("x509: certificate signed by unknown authority " + long))
	if err != nil || len(ex) != 1 || ex[0].ID != "BL106" {
		t.Fatalf("long last line: %+v, %v", ex, err)
	}
}

type failingReader struct{ r io.Reader }

func (f failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errors.New("pipe broke")
	}
	return n, err
}

// A read error keeps the explanations found before it.
func TestExplainLogKeepsFindingsOnError(t *testing.T) {
	ex, err := ExplainLog(failingReader{strings.NewReader("#9 npm error code ETIMEDOUT\nmore\n")})
	if err == nil || len(ex) != 1 || ex[0].ID != "BL107" {
		t.Fatalf("got %+v, %v", ex, err)
	}
}

func TestExplainLogSizeCap(t *testing.T) {
	defer func(n int64) { maxLogBytes = n }(maxLogBytes)
	maxLogBytes = 1 << 10
	log := "#9 npm error code ETIMEDOUT\n" + strings.Repeat("ok\n", 1<<10) + "terminal prompts disabled\n"
	ex, err := ExplainLog(strings.NewReader(log))
	if !errors.Is(err, ErrLogTruncated) || len(ex) != 1 || ex[0].ID != "BL107" {
		t.Fatalf("got %+v, %v", ex, err)
	}
	if ex, err := ExplainLog(strings.NewReader(log[:1000])); err != nil || len(ex) != 1 {
		t.Fatalf("under the cap: %+v, %v", ex, err)
	}
}

func TestLogPatternNeedles(t *testing.T) {
	for _, p := range LogPatterns {
		if len(p.needles) == 0 {
			t.Errorf("%s has no needles", p.ID)
		}
		for _, n := range p.needles {
			if n != strings.ToLower(n) {
				t.Errorf("%s: needle %q is not lower-case", p.ID, n)
			}
		}
	}
}
