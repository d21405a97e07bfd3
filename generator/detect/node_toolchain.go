package detect

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/dockgen/dockgen/generator/kind"
)

// nodeLimits is reviewable data: packages whose old majors only work up to
// some Node major (no prebuilt binary or an OpenSSL 3 failure beyond it).
// Each row: the package, its newest major the row covers, the newest Node
// major that works, and why.
var nodeLimits = []struct {
	dep      string
	upTo     int // package majors <= upTo
	nodeMax  int
	why, fix string
}{
	{"node-sass", 4, 14, "node-sass 4 ships binaries up to Node 14", "move to sass (Dart Sass)"},
	{"node-sass", 5, 14, "node-sass 5 supports Node up to 15", "move to sass (Dart Sass)"},
	{"node-sass", 6, 16, "node-sass 6 supports Node up to 16", "move to sass (Dart Sass)"},
	{"node-sass", 8, 18, "node-sass 7 and 8 support Node up to 18/19", "move to sass (Dart Sass)"},
	{"node-sass", 9, 20, "node-sass 9 supports Node up to 20", "move to sass (Dart Sass)"},
	{"webpack", 4, 16, "webpack 4 hashes with md4, which OpenSSL 3 (Node 17+) refuses", "upgrade to webpack 5, or build with NODE_OPTIONS=--openssl-legacy-provider"},
	{"react-scripts", 4, 16, "react-scripts 4 bundles webpack 4 (md4 hashing fails on Node 17+)", "upgrade react-scripts to 5, or build with NODE_OPTIONS=--openssl-legacy-provider"},
	{"@vue/cli-service", 4, 16, "Vue CLI 4 bundles webpack 4 (md4 hashing fails on Node 17+)", "upgrade @vue/cli-service to 5, or build with NODE_OPTIONS=--openssl-legacy-provider"},
	{"better-sqlite3", 11, 22, "better-sqlite3 11 and older have no prebuilt binary for Node 24", "upgrade better-sqlite3 to 12"},
}

// specMajor is the major a package.json version spec asks for ("^4.14.1",
// "~4.12", "4.x"); 0 when it names none (a tag, a URL, a range with ||).
func specMajor(spec string) int {
	spec = strings.TrimLeft(strings.TrimSpace(spec), "^~=v")
	if strings.ContainsAny(spec, "|<> ") {
		return 0
	}
	majS, _, _ := strings.Cut(spec, ".")
	n, err := strconv.Atoi(majS)
	if err != nil {
		return 0
	}
	return n
}

// NodeCap is one package of a project that works up to some Node major.
type NodeCap struct {
	Dep, Spec string
	Dev       bool // a devDependency: a production install leaves it out
	NodeMax   int
	MD4       bool // webpack 4's md4 hashing (a build failure, not an install one)
	Why, Fix  string
}

// NodeCaps are the project's packages whose declared major works only up
// to some Node major (nodeLimits), in the table's order. Lint's DG815
// reads them too.
func NodeCaps(deps, devDeps map[string]string) []NodeCap {
	var out []NodeCap
	done := map[string]bool{}
	for _, l := range nodeLimits {
		spec, dev := deps[l.dep], false
		if spec == "" {
			spec, dev = devDeps[l.dep], true
		}
		// A package's rows go by ascending upTo: the first that covers it applies.
		m := specMajor(spec)
		if done[l.dep] || m == 0 || m > l.upTo {
			continue
		}
		done[l.dep] = true
		out = append(out, NodeCap{Dep: l.dep, Spec: spec, Dev: dev, NodeMax: l.nodeMax, MD4: strings.Contains(l.why, "md4"), Why: l.why, Fix: l.fix})
	}
	return out
}

// nodeToolchain caps the Node major at the newest one the project's old
// native modules or webpack 4 work on, with evidence and a warning: the
// image then runs that major (within the declared range, when it allows).
func nodeToolchain(d *dir, p *Project, pj *packageJSON, data []byte) {
	for _, l := range NodeCaps(pj.Dependencies, pj.DevDependencies) {
		if l.MD4 {
			p.Node.MD4 = true
		}
		if p.Node.MaxMajor == 0 || l.NodeMax < p.Node.MaxMajor {
			p.Node.MaxMajor = l.NodeMax
		}
		line := lineOf(data, `"`+l.Dep+`"`)
		p.evidence(d.path("package.json"), line, "%s %s: Node %d at most (%s)", l.Dep, l.Spec, l.NodeMax, l.Why)
		d.warn("package.json", line, "%s %s works up to Node %d: the image uses Node %d at most; %s to run a current Node", l.Dep, l.Spec, l.NodeMax, l.NodeMax, l.Fix)
	}
}

// nodeSpecRe is a version spec plain enough to quote in a Dockerfile comment.
var nodeSpecRe = lazy(`^[0-9A-Za-z^~<>=|*. +-]{1,40}$`)

// nodeNative reads which dependencies are node-gyp modules of the native
// table (kind/native.yaml): their build tools go into the install stages,
// the libraries of production ones into the runtime.
func nodeNative(d *dir, p *Project, pj *packageJSON, data []byte) {
	var deps []kind.NativeDep
	for _, set := range []struct {
		m    map[string]string
		prod bool
	}{{pj.Dependencies, true}, {pj.DevDependencies, false}} {
		names := slices.Sorted(maps.Keys(set.m))
		for _, name := range names {
			if _, ok := kind.Native("node", name); !ok {
				continue
			}
			spec := set.m[name]
			major := specMajor(spec)
			if !nodeSpecRe.MatchString(spec) {
				spec = "(a non-registry spec)"
			}
			line := lineOf(data, `"`+name+`"`)
			deps = append(deps, kind.NativeDep{Name: name, Spec: spec, Where: fmt.Sprintf("package.json:%d", line), Major: major, Prod: set.prod})
		}
	}
	for _, dep := range deps {
		for _, why := range kind.NodeNative([]kind.NativeDep{dep}).Why {
			p.evidence(d.path("package.json"), lineOf(data, `"`+dep.Name+`"`), "%s", why)
		}
	}
	p.Node.Native = kind.NodeNative(deps)
}
