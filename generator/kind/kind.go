// Package kind is the registry of project kinds. Each kind (go, node,
// python, java, static) lives in its own file and carries everything that is
// specific to it: names, tools, defaults, how a declared version maps to an
// image tag, how an entry point is applied and checked, where its code
// declares ports, the wizard's labels and kind-only questions, and what
// `dockgen lint` knows about its toolchain. Everything else ranges over All.
//
// The package sits low in the import graph (it imports only plan), so
// detection, planning, lint and the CLI can all read it.
package kind

import (
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"github.com/dockgen/dockgen/generator/plan"
)

// all lists the kinds in the order help text, errors and the wizard show
// them. A new kind is one file in this package plus one entry here (and its
// detector, see CONTRIBUTING.md, "Adding a kind").
var all = Registry{Go, Node, Python, Java, Static}

// Registry is an ordered list of kinds. The package-level functions range
// over dockgen's (all); tests may build their own.
type Registry []*Kind

// All returns the kinds in display order.
func All() []*Kind { return slices.Clone(all) }

// Kind is one project kind.
type Kind struct {
	Name string // canonical name: templates, answers files and detection speak it
	// Title names the kind's language in the wizard ("Go 1.22", "Node version").
	Title string
	// Label is the kind in short help lists ("8080 Go/Java/static").
	Label   string
	Aliases []Alias  // other spellings users type
	Tools   []string // package managers / build tools, in the order offered; the first is the default
	Version Version  // image version when the project declares none, and the mapping of declared ones
	Port    int      // the port the app listens on when nothing says otherwise
	// PortFromTemplate: the server's port is the template's (nginx), so a
	// port found in the project (a dev server's) does not apply.
	PortFromTemplate bool
	// LowPorts: a port below 1024 that the app hard-codes is kept, with
	// the note PrivilegedPort writes (the kind's hooks move the ports dockgen
	// sets itself); without it such a port is refused.
	LowPorts bool

	// Detection. Manifests are the file names (path.Match patterns) that
	// make a directory worth running the detectors on; LookedFor is what
	// "no project found" names; CodeFiles lists the app's own files where a
	// listen port is written, most specific first.
	Manifests []string
	Markers   []string // like Manifests, but only outside a detected project
	LookedFor []string
	CodeFiles func(entry string, list ListDir) []string

	// Help and wizard text.
	EntryHelp      string // the kind's part of --entry's help: "Go main package"
	EntryTitle     string // the wizard's entry question: "Main package"
	VersionExample string // a version in --lang-version's help, "" for none

	// FromBuildRoot: the kind's built-in template builds a workspace member
	// from its build root (the workspace, reactor or settings root); other
	// kinds build the project on its own.
	FromBuildRoot bool

	// Private, when set, lets the kind fetch private dependencies given with
	// --private; the wizard asks its question.
	Private *Private
	// BuildSecrets: the kind's templates mount --build-secret (plan's
	// SecretMounts) into the steps that fetch dependencies or build.
	BuildSecrets bool

	// Hooks of the plan step, called in this order; nil means "nothing to
	// do", except Entry, which every kind has: it sets p.Entry and the
	// kind's facts from the entry point (given: the user named it, so it
	// overrides what detection put in the facts).
	Setup    func(p *plan.Plan)                         // after the tool is chosen
	Image    func(p *plan.Plan, declared string) string // the image version; nil: Version.Image(declared)
	Entry    func(p *plan.Plan, entry string, given bool)
	Runtime  func(p *plan.Plan, offered []string) string // default runtime flavour; nil: the template's first
	Validate func(p *plan.Plan, src Source) error        // kind-specific checks of a complete plan

	// SampleEntry is the entry `templates lint` renders with in an empty
	// project, where detection finds none.
	SampleEntry string
	// Sample is the fixture (generator/testdata) the golden matrix renders
	// for this kind in every region and CI flavour.
	Sample string

	Lint Lint
}

// Alias is another spelling of a kind; Tool is set when it also names a
// build tool ("gradle"). InHelp aliases are listed in --lang's help.
type Alias struct {
	Name   string
	Tool   string
	InHelp bool
}

// Private is a kind's support for private dependencies.
type Private struct {
	Title, Help string // the wizard's question
	// Apply fills the kind's facts from p.Private and returns warnings.
	Apply func(p *plan.Plan) []string
}

// Source is what a kind's validation may need to know about the project
// besides the plan. The hooks do no I/O of their own: IsDir is how they look
// at the project.
type Source struct {
	Dir       string // project directory, for messages
	Build     string // build command detection found ("hugo"), "" if none
	Framework string
	IsDir     func(rel string) bool // rel (slash path) is a directory in the project
}

// ListDir lists a directory relative to the project ("." for its root);
// nil when it does not exist.
type ListDir func(dir string) []fs.DirEntry

// Lint is what `dockgen lint` knows about a kind's toolchain.
type Lint struct {
	// Toolchains are build-only images (compilers, SDKs, build tools) that
	// must not be the runtime stage.
	Toolchains []Toolchain
	// Commands install the kind's dependencies or build it: a cache mount
	// is wanted on each; the downloads belong before the sources.
	Commands []Command
	// BuildOutputs are the folders the kind's build writes: a COPY from one
	// needs the build first, it is no missing file.
	BuildOutputs []BuildOutput
	// ImageEnv is the environment a kind's base images set, for BuildKit's
	// checks run offline (no image config is fetched).
	ImageEnv []ImageEnv
}

// Toolchain is a build image: Image is its repository's last path
// component (or a path with a slash); a tag holding RuntimeTag is the
// image's runtime flavour (eclipse-temurin:21-jre), "" for none.
type Toolchain struct{ Image, RuntimeTag string }

// Command is a regexp of a command (matched where a shell command starts);
// Download marks the ones that only fetch dependencies, as opposed to builds.
type Command struct {
	Re       string
	Download bool
	// Scripts: the install runs the project's own lifecycle scripts
	// (package.json prepare/postinstall), which need the sources.
	Scripts bool
	// GoModules: the step resolves Go modules, so it fetches nothing (and
	// needs no cache) when the module is vendored or uses only the
	// standard library.
	GoModules bool
}

// BuildOutput is a folder (Dir) a build writes next to the file (Marker)
// that says which build it is, and the Command that makes it.
type BuildOutput struct{ Dir, Marker, Command string }

// ImageEnv is the environment of images whose reference starts with Prefix.
type ImageEnv struct {
	Prefix string
	Env    []string
}

// Lookup returns the kind named exactly name (a canonical name), nil if none.
func Lookup(name string) *Kind { return all.Lookup(name) }

// Lookup returns the kind named exactly name, nil if none.
func (r Registry) Lookup(name string) *Kind {
	for _, k := range r {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// SampleEntry is the entry `templates lint` renders a template of kind name
// with in an empty project ("" when it needs none or the kind is unknown).
func SampleEntry(name string) string {
	if k := all.Lookup(name); k != nil {
		return k.SampleEntry
	}
	return ""
}

// Names returns the canonical names in display order.
func Names() []string { return all.Names() }

// Names returns the canonical names in order.
func (r Registry) Names() []string {
	var out []string
	for _, k := range r {
		out = append(out, k.Name)
	}
	return out
}

// Parse resolves a --lang value or alias. toolHint is non-empty when the
// alias names a build tool (e.g. "gradle").
func Parse(s string) (k *Kind, toolHint string, err error) { return all.Parse(s) }

// Parse resolves a name or alias among r's kinds.
func (r Registry) Parse(s string) (k *Kind, toolHint string, err error) {
	v := strings.ToLower(strings.TrimSpace(s))
	for _, k := range r {
		if k.Name == v {
			return k, "", nil
		}
		for _, a := range k.Aliases {
			if a.Name == v {
				return k, a.Tool, nil
			}
		}
	}
	return nil, "", fmt.Errorf("unknown language %q: valid values are %s (aliases: %s)",
		s, strings.Join(r.Names(), ", "), strings.Join(r.aliases(false), ", "))
}

// aliases returns every alias, sorted; only those meant for help text when
// inHelp (then in registry order).
func (r Registry) aliases(inHelp bool) []string {
	var out []string
	for _, k := range r {
		for _, a := range k.Aliases {
			if !inHelp || a.InHelp {
				out = append(out, a.Name)
			}
		}
	}
	if !inHelp {
		sort.Strings(out)
	}
	return out
}

// HasTool reports whether tool is one of the kind's tools.
func (k *Kind) HasTool(tool string) bool { return slices.Contains(k.Tools, tool) }

// ImageVersion is the image version for a declared one (see Version.Image),
// through the kind's Image hook when it has one.
func (k *Kind) ImageVersion(p *plan.Plan, declared string) string {
	if k.Image != nil {
		return k.Image(p, declared)
	}
	return k.Version.Image(declared)
}

// Check validates a complete plan: the values every kind shares, then the
// kind's own.
func (k *Kind) Check(p *plan.Plan, src Source) error {
	if err := p.Validate(k.LowPorts); err != nil {
		return err
	}
	if k.Validate != nil {
		return k.Validate(p, src)
	}
	return nil
}

// PrivateKinds are the titles of the kinds that support --private.
func PrivateKinds() []string {
	var out []string
	for _, k := range all {
		if k.Private != nil {
			out = append(out, k.Title)
		}
	}
	return out
}
