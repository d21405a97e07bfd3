// Package region loads mirror profiles: data files that move every package
// source a build touches (Go proxy and checksum DB, npm, PyPI, Maven, apt/apk)
// to other hosts. Templates read a Profile; they never name a mirror host.
package region

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Global is the default profile: it sets nothing, so every tool keeps its own
// upstream default.
const Global = "global"

// Profile is one mirror profile. An empty field means "tool default".
type Profile struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
	// OmitSyntax drops the "# syntax=docker/dockerfile:1" line, whose frontend
	// image comes from Docker Hub; BuildKit's bundled frontend (Docker >= 23)
	// supports every mount dockgen emits.
	OmitSyntax bool `yaml:"omit_syntax"`
	Go         struct {
		Proxy string `yaml:"proxy"` // GOPROXY
		SumDB string `yaml:"sumdb"` // GOSUMDB; never "off"
	} `yaml:"go"`
	NPM struct {
		Registry string `yaml:"registry"`
	} `yaml:"npm"`
	PyPI struct {
		Index string `yaml:"index"` // a simple index URL (".../simple")
	} `yaml:"pypi"`
	Maven struct {
		Mirror      string `yaml:"mirror"`       // mirror of Maven Central (also used for Gradle)
		WrapperRepo string `yaml:"wrapper_repo"` // MVNW_REPOURL for ./mvnw
	} `yaml:"maven"`
	Apt struct {
		From string `yaml:"from"` // host in the image's Debian sources to replace
		To   string `yaml:"to"`   // mirror host
	} `yaml:"apt"`
	Apk struct {
		From string `yaml:"from"`
		To   string `yaml:"to"`
	} `yaml:"apk"`
	// Registries maps a source registry ("docker.io", "gcr.io", ...) to the
	// registry or repository path that proxies it: base images are pulled as
	// PREFIX/IMAGE (an Artifactory or Nexus remote, a pull-through cache).
	Registries map[string]string `yaml:"registries"`
}

// Image returns ref as pulled through the profile's registry proxy for its
// source registry; ref unchanged when there is none. A ref without a
// registry host is a Docker Hub image ("golang:1.22", "nginxinc/nginx").
func (p Profile) Image(ref string) string {
	host, rest := "docker.io", ref
	if i := strings.IndexByte(ref, '/'); i > 0 && (strings.ContainsAny(ref[:i], ".:") || ref[:i] == "localhost") {
		host, rest = ref[:i], ref[i+1:]
	}
	if prefix := p.Registries[host]; prefix != "" {
		return strings.TrimSuffix(prefix, "/") + "/" + rest
	}
	return ref
}

// safeValue is what a profile value may contain: it lands unquoted in ARG
// defaults and sed expressions, so no spaces, quotes, '#', '|' or '$'.
var safeValue = regexp.MustCompile(`^[A-Za-z0-9:/._,~%+=@-]*$`)

var nameRe = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)

// Validate checks a profile's name and values.
func (p *Profile) Validate() error {
	if !nameRe.MatchString(p.Name) {
		return fmt.Errorf("region name %q: use lowercase letters, digits and '-' (at most 32)", p.Name)
	}
	if p.Go.SumDB == "off" {
		return fmt.Errorf("region %s: go.sumdb \"off\" disables checksum verification; name a reachable checksum database instead (e.g. sum.golang.google.cn)", p.Name)
	}
	for field, v := range map[string]string{
		"go.proxy": p.Go.Proxy, "go.sumdb": p.Go.SumDB, "npm.registry": p.NPM.Registry,
		"pypi.index": p.PyPI.Index, "maven.mirror": p.Maven.Mirror, "maven.wrapper_repo": p.Maven.WrapperRepo,
		"apt.from": p.Apt.From, "apt.to": p.Apt.To, "apk.from": p.Apk.From, "apk.to": p.Apk.To,
	} {
		if !safeValue.MatchString(v) {
			return fmt.Errorf("region %s: %s %q contains characters that are not allowed in a URL or host here", p.Name, field, v)
		}
	}
	for host, prefix := range p.Registries {
		if !safeValue.MatchString(host) || !safeValue.MatchString(prefix) || strings.Contains(prefix, "://") || prefix == "" {
			return fmt.Errorf("region %s: registries %s: %q: want a registry host or path such as registry.corp.example/dockerhub (no scheme)", p.Name, host, prefix)
		}
	}
	if (p.Apt.From == "") != (p.Apt.To == "") || (p.Apk.From == "") != (p.Apk.To == "") {
		return fmt.Errorf("region %s: apt and apk mirrors need both from and to", p.Name)
	}
	return nil
}

// Load reads every regions/*.yaml from the given file systems; a profile in an
// earlier FS overrides one with the same name in a later FS.
func Load(fss ...fs.FS) (map[string]Profile, error) {
	out := map[string]Profile{}
	for i := len(fss) - 1; i >= 0; i-- {
		matches, err := fs.Glob(fss[i], "regions/*.yaml")
		if err != nil {
			return nil, err
		}
		for _, m := range matches {
			data, err := fs.ReadFile(fss[i], m)
			if err != nil {
				return nil, fmt.Errorf("reading region profile %s: %w", m, err)
			}
			var p Profile
			dec := yaml.NewDecoder(bytes.NewReader(data))
			dec.KnownFields(true)
			if err := dec.Decode(&p); err != nil {
				return nil, fmt.Errorf("region profile %s: %w", m, err)
			}
			want := strings.TrimSuffix(path.Base(m), ".yaml")
			if p.Name != want {
				return nil, fmt.Errorf("region profile %s: name %q must match the file name %q", m, p.Name, want)
			}
			if err := p.Validate(); err != nil {
				return nil, fmt.Errorf("region profile %s: %w", m, err)
			}
			out[p.Name] = p
		}
	}
	return out, nil
}

// Names returns the profile names, sorted.
func Names(m map[string]Profile) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
