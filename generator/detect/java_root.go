package detect

import (
	"encoding/xml"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/dockgen/dockgen/generator/safefs"
)

// Java build roots: a Maven reactor's module builds from the reactor root
// (`-pl MODULE -am`), a Gradle subproject from its settings root
// (`:path:task`). Both report the same two roots as the Node and Go
// workspaces (plan.Context, plan.WorkspaceFacts).

// maxReactorModules bounds the POMs and build files read for one build.
const maxReactorModules = 500

// readAbove reads the file at abs (bounded, regular, no link out of top).
func readAbove(top, abs string) []byte {
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil
	}
	data, err := safefs.ReadFile(top, rel, maxFileSize)
	if err != nil {
		return nil
	}
	return data
}

// moduleDir is the directory a <module> or include names, relative to base
// (slash), "" when it leaves base or is no plain path.
func moduleDir(base, m string) string {
	m = strings.TrimSpace(m)
	if strings.HasSuffix(m, ".xml") {
		m = path.Dir(m)
	}
	if m == "" || strings.Contains(m, "$") || path.IsAbs(m) {
		return ""
	}
	r := path.Join(base, m)
	if r == "." || r == ".." || strings.HasPrefix(r, "../") || !safeDirRe.MatchString(r) {
		return ""
	}
	return r
}

// setRoot records the build root rootAbs for the project at abs.
func setRoot(d *dir, p *Project, rootAbs, abs string) {
	app, _ := filepath.Rel(rootAbs, abs)
	p.BuildRoot = d.relFromRoot(rootAbs)
	ws := &p.Workspace
	ws.App = filepath.ToSlash(app)
	ws.Root = strings.TrimSuffix(strings.Repeat("../", strings.Count(ws.App, "/")+1), "/")
}

// rootWrapper makes the build root's wrapper the build's: a module's own
// wrapper (rare) is not the one that runs from the root.
func rootWrapper(d *dir, p *Project, rootAbs, script string, extra ...string) {
	rd := &dir{root: rootAbs, rel: ".", warnings: d.warnings}
	w := rd.exists(script)
	for _, e := range extra {
		w = w && rd.isDir(e)
	}
	// The build's wrapper (Java.Wrapper) is the root's; the reported
	// wrapper stays the project's own.
	p.Java.Wrapper, p.Java.WrapperShell = w, ""
	if !w {
		return
	}
	p.Workspace.Files = append(p.Workspace.Files, script)
	p.Workspace.Files = append(p.Workspace.Files, extra...)
	p.Java.WrapperShell = wrapperShell(rd, script)
	p.evidence(path.Join(p.BuildRoot, script), 1, "%s wrapper at the build root", script)
}

// ---- Maven reactor ----

// allModules are the modules a POM aggregates: its <modules> and those its
// profiles list (a reactor often keeps modules in an active-by-default
// profile, or in one per build flavour), each once, in order.
func (pm *pom) allModules() []string {
	out := slices.Clone(pm.Modules)
	for _, pr := range pm.Profiles {
		for _, m := range pr.Modules {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
	}
	return out
}

// moduleProfile is the profile that must be activated (-P) for the reactor
// to hold module m: "" when <modules> or an active-by-default profile
// lists it, else the first profile listing it.
func (pm *pom) moduleProfile(m string) string {
	if slices.Contains(pm.Modules, m) {
		return ""
	}
	id := ""
	for _, pr := range pm.Profiles {
		if slices.Contains(pr.Modules, m) {
			if strings.TrimSpace(pr.ActiveByDefault) == "true" {
				return ""
			}
			if id == "" {
				id = strings.TrimSpace(pr.ID)
			}
		}
	}
	return id
}

type reactorPom struct {
	dir string // relative to the reactor root
	pm  *pom
}

// mavenReactor makes a module's build root the reactor root: the highest
// aggregator POM above it whose <modules> lists it (through intermediate
// aggregators). The dependency step reads every POM of the reactor.
func mavenReactor(d *dir, p *Project) {
	if p.aggregate {
		return // an intermediate aggregator is listed, not built
	}
	abs := filepath.Join(d.root, filepath.FromSlash(d.rel))
	top := d.ceiling(abs)
	rootAbs, cur := "", abs
	var lists, profiles []string // profiles: those -P must activate for the reactor to hold the module
	evFile, evLine := "", 0
	for up := filepath.Dir(abs); within(top, up); up = filepath.Dir(up) {
		if data := readAbove(top, filepath.Join(up, "pom.xml")); data != nil {
			var pm pom
			if xml.Unmarshal(data, &pm) != nil {
				break
			}
			want, _ := filepath.Rel(up, cur)
			found := false
			for _, m := range pm.allModules() {
				if moduleDir(".", m) == filepath.ToSlash(want) {
					found = true
					evFile, evLine = path.Join(d.relFromRoot(up), "pom.xml"), lineOf(data, "<module>"+strings.TrimSpace(m))
					lists = append(lists, evFile+": <module>"+strings.TrimSpace(m))
					if pr := pm.moduleProfile(m); pr != "" && jarNameOK.MatchString(pr) {
						// -P switches active-by-default profiles off: name them too.
						profiles = append(profiles, pr)
						for _, def := range pm.Profiles {
							if id := strings.TrimSpace(def.ID); strings.TrimSpace(def.ActiveByDefault) == "true" && jarNameOK.MatchString(id) {
								profiles = append(profiles, id)
							}
						}
						lists[len(lists)-1] += " (profile " + pr + ")"
					}
					break
				}
			}
			if !found {
				break
			}
			rootAbs, cur = up, up
		}
		if up == top || filepath.Dir(up) == up {
			break
		}
	}
	if rootAbs == "" {
		return
	}
	// Every POM of the reactor, breadth-first from its root.
	var mods []reactorPom
	queue, seen := []string{"."}, map[string]bool{".": true}
	for len(queue) > 0 && len(mods) < maxReactorModules {
		dirRel := queue[0]
		queue = queue[1:]
		data := readAbove(top, filepath.Join(rootAbs, filepath.FromSlash(dirRel), "pom.xml"))
		var pm pom
		if data == nil || xml.Unmarshal(data, &pm) != nil {
			continue
		}
		mods = append(mods, reactorPom{dirRel, &pm})
		for _, m := range pm.allModules() {
			if md := moduleDir(dirRel, m); md != "" && !seen[md] {
				seen[md] = true
				queue = append(queue, md)
			}
		}
	}
	byArtifact := map[string]int{}
	for i, m := range mods {
		if a := strings.TrimSpace(m.pm.ArtifactID); a != "" {
			byArtifact[a] = i
		}
	}
	// A module that neither inherits from a reactor POM nor depends on a
	// module of the reactor builds alone (an aggregator of independent
	// samples): its own directory stays its build root.
	var own pom
	if xml.Unmarshal(d.read("pom.xml"), &own) != nil {
		return
	}
	needs := ""
	if _, ok := byArtifact[strings.TrimSpace(own.Parent.ArtifactID)]; ok {
		needs = "its parent " + strings.TrimSpace(own.Parent.ArtifactID)
	}
	for _, dep := range own.Dependencies {
		if _, ok := byArtifact[strings.TrimSpace(dep.ArtifactID)]; ok && needs == "" {
			needs = "its dependency " + strings.TrimSpace(dep.ArtifactID)
		}
	}
	if needs == "" {
		return
	}
	setRoot(d, p, rootAbs, abs)
	ws := &p.Workspace
	for _, pr := range profiles {
		if !slices.Contains(p.Java.Profiles, pr) {
			p.Java.Profiles = append(p.Java.Profiles, pr)
		}
	}
	p.evidence(evFile, evLine,
		"reactor root %s lists %s (%s) and holds %s: build from there with -pl %s -am", p.BuildRoot, ws.App, strings.Join(lists, ", "), needs, ws.App)
	rootWrapper(d, p, rootAbs, "mvnw", ".mvn")
	// .mvn marks the reactor root and holds maven.config, jvm.config and
	// extensions.xml, which every mvn reads: copied with or without a wrapper.
	if !slices.Contains(ws.Files, ".mvn") && (&dir{root: rootAbs, rel: ".", warnings: d.warnings}).isDir(".mvn") {
		ws.Files = append(ws.Files, ".mvn")
	}
	// Aggregators' POMs are build-root files (CI watches them); the
	// modules' are manifests.
	for _, m := range mods {
		f := path.Join(m.dir, "pom.xml")
		if len(m.pm.allModules()) > 0 {
			ws.Files = append(ws.Files, f)
		} else {
			ws.Manifests = append(ws.Manifests, f)
		}
	}
	sort.Strings(ws.Manifests)
	// The modules -am builds: the project's reactor dependencies and
	// parents, transitively (CI rebuilds when one of them changes).
	visited := map[int]bool{}
	var visit func(i int)
	visit = func(i int) {
		if visited[i] {
			return
		}
		visited[i] = true
		pm := mods[i].pm
		names := []string{pm.Parent.ArtifactID}
		for _, dep := range pm.Dependencies {
			names = append(names, dep.ArtifactID)
		}
		for _, n := range names {
			if j, ok := byArtifact[strings.TrimSpace(n)]; ok {
				visit(j)
			}
		}
	}
	for i, m := range mods {
		if m.dir == ws.App {
			visit(i)
		}
	}
	for i := range mods {
		if visited[i] && mods[i].dir != ws.App && len(mods[i].pm.allModules()) == 0 {
			ws.Deps = append(ws.Deps, mods[i].dir)
			if a := strings.TrimSpace(mods[i].pm.ArtifactID); jarNameOK.MatchString(a) && mods[i].pm.Packaging != "pom" {
				p.Java.Reactor = append(p.Java.Reactor, a)
			}
		}
	}
	sort.Strings(p.Java.Reactor)
	sort.Strings(ws.Deps)
	if len(ws.Deps) > 0 {
		p.evidence(d.path("pom.xml"), 1, "reactor modules the build makes (-am): %s", strings.Join(ws.Deps, ", "))
	}
	// In a reactor, a module that makes no runnable artifact is a library.
	p.library = !mavenRunnable(&own)
}

// mavenRunnable reports whether a module's own POM makes something to run:
// a plugin that packages an application, Spring Boot's parent, or a main
// class property.
func mavenRunnable(pm *pom) bool {
	for _, pl := range []string{"spring-boot-maven-plugin", "quarkus-maven-plugin", "maven-shade-plugin", "maven-assembly-plugin", "jib-maven-plugin"} {
		if pm.plugin(pl) != nil {
			return true
		}
	}
	if pm.Packaging == "quarkus" || pm.Parent.ArtifactID == "spring-boot-starter-parent" {
		return true
	}
	for _, prop := range []string{"start-class", "exec.mainClass", "main.class", "mainClass"} {
		if pm.property(prop) != "" {
			return true
		}
	}
	return false
}

// ---- Gradle multi-project ----

var (
	gradleCommentRe     = lazy(`(?s)/\*.*?\*/|(?m)^\s*//[^\n]*`)
	gradleIncludeRe     = lazy(`(?m)(?:^|[\s;])include\s*(\(([^)]*)\)|[^\n(]*)`)
	gradleQuotedRe      = lazy(`["']([^"'\n]+)["']`)
	gradleProjectDirRe  = lazy(`project\(\s*["']:?([A-Za-z0-9_.:-]+)["']\s*\)\.projectDir\s*=\s*(?:file\(\s*|new\s+File\(\s*(?:rootDir|settingsDir)\s*,\s*)["']([^"'\n]+)["']`)
	gradleIncludeBuild  = lazy(`includeBuild\s*\(?\s*["']([^"'\n]+)["']`)
	gradleProjectDepRe  = lazy(`project\(\s*(?:path\s*[:=]\s*)?["']:([A-Za-z0-9_.:-]+)["']`)
	gradleProjectPathOK = lazy(`^[A-Za-z0-9][A-Za-z0-9_.-]*(:[A-Za-z0-9][A-Za-z0-9_.-]*)*$`)
)

// gradleIncludes are the projects a settings file includes: Gradle path
// ("services:api") -> directory relative to the settings root.
func gradleIncludes(settings []byte) map[string]string {
	out := map[string]string{}
	// A commented-out include names no project.
	settings = gradleCommentRe.get().ReplaceAll(settings, nil)
	for _, m := range gradleIncludeRe.get().FindAllSubmatch(settings, -1) {
		args := m[1]
		if m[2] != nil {
			args = m[2]
		}
		for _, q := range gradleQuotedRe.get().FindAllSubmatch(args, -1) {
			gp := strings.TrimPrefix(string(q[1]), ":")
			if gradleProjectPathOK.MatchString(gp) {
				out[gp] = strings.ReplaceAll(gp, ":", "/")
			}
		}
	}
	for _, m := range gradleProjectDirRe.get().FindAllSubmatch(settings, -1) {
		gp := strings.TrimPrefix(string(m[1]), ":")
		if _, ok := out[gp]; ok {
			if dir := moduleDir(".", string(m[2])); dir != "" {
				out[gp] = dir
			} else {
				delete(out, gp)
			}
		}
	}
	return out
}

// gradleMulti makes a subproject's build root the settings root that
// includes it: the root's wrapper, settings, version catalog, buildSrc and
// every build file are read by the configuration of any one project.
func gradleMulti(d *dir, p *Project) {
	for _, sf := range []string{"settings.gradle.kts", "settings.gradle"} {
		if !d.exists(sf) {
			continue
		}
		// The root of a multi-project build that makes nothing to run
		// itself only groups its projects (as a Maven aggregator does).
		if data := d.read(sf); len(gradleIncludes(data)) > 0 && !p.Java.SpringBoot && !p.Java.Quarkus && p.Java.MainClass == "" && len(p.Java.Goals) == 0 {
			p.aggregate = true
			p.evidence(d.path(sf), max(1, lineOf(data, "include")), "multi-project build: its included projects are listed, this root makes nothing to run")
		}
		return // a build of its own
	}
	if path.Base(d.path(".")) == "buildSrc" {
		p.library = true // the build's own plugins, never an app
		return
	}
	abs := filepath.Join(d.root, filepath.FromSlash(d.rel))
	top := d.ceiling(abs)
	for up := filepath.Dir(abs); within(top, up); up = filepath.Dir(up) {
		for _, sf := range []string{"settings.gradle.kts", "settings.gradle"} {
			data := readAbove(top, filepath.Join(up, sf))
			if data == nil {
				continue
			}
			rel, _ := filepath.Rel(up, abs)
			rel = filepath.ToSlash(rel)
			incl := gradleIncludes(data)
			gp := ""
			for k, v := range incl {
				if v == rel && (gp == "" || k < gp) {
					gp = k
				}
			}
			if gp == "" {
				return // the nearest settings does not include it
			}
			gradleSettingsRoot(d, p, up, top, sf, data, gp, incl)
			return
		}
		if up == top || filepath.Dir(up) == up {
			break
		}
	}
}

func gradleSettingsRoot(d *dir, p *Project, rootAbs, top, sf string, settings []byte, gp string, incl map[string]string) {
	abs := filepath.Join(d.root, filepath.FromSlash(d.rel))
	setRoot(d, p, rootAbs, abs)
	ws := &p.Workspace
	ws.Name = gp
	p.evidence(path.Join(p.BuildRoot, sf), lineOf(settings, gp), "settings root %s includes :%s: build from there with :%s:%s", p.BuildRoot, gp, gp, firstOr(p.Java.Goals, "build"))
	rootWrapper(d, p, rootAbs, "gradlew", "gradle")
	rd := &dir{root: rootAbs, rel: ".", warnings: d.warnings}
	ws.Files = append(ws.Files, sf)
	for _, f := range []string{"build.gradle.kts", "build.gradle", "gradle.properties"} {
		if rd.exists(f) {
			ws.Files = append(ws.Files, f)
		}
	}
	if !p.Java.Wrapper && rd.isDir("gradle") {
		ws.Files = append(ws.Files, "gradle") // the version catalog (libs.versions.toml)
	}
	// buildSrc and included builds (convention plugins) configure the
	// projects: copied whole.
	builds := []string{"buildSrc"}
	for _, m := range gradleIncludeBuild.get().FindAllSubmatch(settings, -1) {
		builds = append(builds, string(m[1]))
	}
	for _, b := range builds {
		if bd := moduleDir(".", b); bd != "" && rd.isDir(bd) && !slices.Contains(ws.Files, bd) {
			ws.Files = append(ws.Files, bd)
			p.evidence(path.Join(p.BuildRoot, bd), 0, "%s configures the build: copied with the build files", bd)
		}
	}
	var paths []string
	for k := range incl {
		paths = append(paths, k)
	}
	sort.Strings(paths)
	for _, k := range paths {
		// A project's own gradle.properties is read when it is configured.
		own := false
		for _, f := range []string{"build.gradle.kts", "build.gradle", "gradle.properties"} {
			if len(ws.Manifests) < maxReactorModules && rd.exists(path.Join(incl[k], f)) {
				ws.Manifests = append(ws.Manifests, path.Join(incl[k], f))
				own = true
			}
		}
		// A project configured from the root (subprojects {}, allprojects {})
		// has no build file to copy, but Gradle needs its directory to exist
		// when the settings include it.
		if !own && len(ws.Dirs) < maxReactorModules && rd.isDir(incl[k]) {
			ws.Dirs = append(ws.Dirs, incl[k])
		}
	}
	// The projects the build depends on (project(":lib")), transitively.
	seen := map[string]bool{gp: true}
	queue := []string{gp}
	for len(queue) > 0 && len(seen) < maxReactorModules {
		cur := queue[0]
		queue = queue[1:]
		var data []byte
		for _, f := range []string{"build.gradle.kts", "build.gradle"} {
			if data = readAbove(top, filepath.Join(rootAbs, filepath.FromSlash(incl[cur]), f)); data != nil {
				break
			}
		}
		for _, m := range gradleProjectDepRe.get().FindAllSubmatch(data, -1) {
			dep := string(m[1])
			if _, ok := incl[dep]; ok && !seen[dep] {
				seen[dep] = true
				queue = append(queue, dep)
				ws.Deps = append(ws.Deps, incl[dep])
			}
		}
	}
	sort.Strings(ws.Deps)
	// In a multi-project build, a project that makes nothing to run is a
	// library.
	p.library = !p.Java.SpringBoot && !p.Java.Quarkus && p.Java.MainClass == "" && len(p.Java.Goals) == 0
	// Without a settings file of its own, the subproject's name is its
	// Gradle path's last part: the application plugin's distribution is
	// named after it.
	name := gp[strings.LastIndex(gp, ":")+1:]
	build := d.read("build.gradle.kts")
	if build == nil {
		build = d.read("build.gradle")
	}
	if p.Java.Dist == "" && len(p.Java.Goals) == 0 && p.Java.MainClass != "" && gradleAppRe.Match(build) && gradleNameOK.MatchString(name) {
		p.Java.Dist, p.Java.Goals, p.Java.Jar = name, []string{"installDist"}, ""
		p.Entry = p.Java.MainClass
		p.evidence(d.path("build.gradle"), lineOf(build, "application"), "application plugin: installDist writes build/install/%s", name)
	}
}

func firstOr(list []string, def string) string {
	if len(list) > 0 {
		return list[0]
	}
	return def
}
