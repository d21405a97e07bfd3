// Package lint checks Dockerfiles: BuildKit's own build checks, run in-process
// and offline, plus dockgen's context checks.
package lint

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	digest "github.com/opencontainers/go-digest"

	"github.com/dockgen/dockgen/generator/kind"
)

// Finding is one check result.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity,omitempty"`
	Message  string   `json:"message"`
	Why      string   `json:"why,omitempty"`
	Fix      string   `json:"fix,omitempty"`
	URL      string   `json:"url,omitempty"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
}

func (f Finding) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", f.File, f.Line, f.Rule, f.Message)
}

// BuildKit runs BuildKit's build checks (the rules behind `docker build
// --check`) on a Dockerfile. Base images are never fetched: a stub resolver
// answers with a config holding the environment the real image is known to
// set, so UndefinedVar sees PATH, GOPATH and friends.
func BuildKit(ctx context.Context, file string, dt []byte) ([]Finding, error) {
	sm := llb.NewSourceMap(nil, file, "Dockerfile", dt)
	sm.Definition = &llb.Definition{} // DockerfileLint needs a non-nil Definition
	res, err := dockerfile2llb.DockerfileLint(ctx, dt, dockerfile2llb.ConvertOpt{
		SourceMap:    sm,
		MetaResolver: stubResolver{},
	})
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, w := range res.Warnings {
		// BuildKit's checks warn; dockgen keeps that severity.
		f := Finding{Rule: w.RuleName, Severity: SevWarning, Message: w.Detail, URL: w.URL, File: file}
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			f.Line = int(w.Location.Ranges[0].Start.Line)
		}
		out = append(out, f)
	}
	if res.Error != nil {
		// The Dockerfile does not parse: nothing else can be trusted.
		f := Finding{Rule: ParseErrorRule, Severity: SevError, Message: res.Error.Message, File: file}
		if len(res.Error.Location.Ranges) > 0 {
			f.Line = int(res.Error.Location.Ranges[0].Start.Line)
		}
		out = append(out, f)
	}
	Sort(out)
	return out, nil
}

// Sort orders findings by file, line, then rule.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	})
}

const defaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// imageEnv is the environment well-known base images set (see
// ../shared/reference/base-images.md); unknown images get PATH only.
var imageEnv = append(kind.LintImageEnv(), // each kind's images, then the runtimes they share
	kind.ImageEnv{Prefix: "gcr.io/distroless/", Env: []string{defaultPath, "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"}})

type stubResolver struct{}

func (stubResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	env := []string{defaultPath}
	name := strings.TrimPrefix(strings.TrimPrefix(ref, "docker.io/"), "library/")
	for _, ie := range imageEnv {
		if strings.HasPrefix(name, ie.Prefix) {
			env = ie.Env
			break
		}
	}
	cfg := map[string]any{
		"architecture": "amd64",
		"os":           "linux",
		"config":       map[string]any{"Env": env},
		"rootfs":       map[string]any{"type": "layers", "diff_ids": []string{}},
	}
	dt, err := json.Marshal(cfg)
	if err != nil {
		return "", "", nil, err
	}
	return ref, digest.FromBytes(dt), dt, nil
}
