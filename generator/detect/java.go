package detect

import (
	"encoding/xml"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/dockgen/dockgen/generator/kind"
)

// xnode is any XML element, for plugin configuration blocks whose shape
// depends on the plugin.
type xnode struct {
	XMLName xml.Name
	Content string  `xml:",chardata"`
	Nodes   []xnode `xml:",any"`
}

// find returns the first descendant along names, nil when there is none.
func (n *xnode) find(names ...string) *xnode {
	cur := n
	for _, name := range names {
		if cur == nil {
			return nil
		}
		var next *xnode
		for i := range cur.Nodes {
			if cur.Nodes[i].XMLName.Local == name {
				next = &cur.Nodes[i]
				break
			}
		}
		cur = next
	}
	return cur
}

// get returns the trimmed text of the first descendant along names.
func (n *xnode) get(names ...string) string {
	if cur := n.find(names...); cur != nil {
		return strings.TrimSpace(cur.Content)
	}
	return ""
}

// all returns the trimmed texts of every child named child under names.
func (n *xnode) all(child string, names ...string) []string {
	cur := n.find(names...)
	if cur == nil {
		return nil
	}
	var out []string
	for _, c := range cur.Nodes {
		if c.XMLName.Local == child {
			out = append(out, strings.TrimSpace(c.Content))
		}
	}
	return out
}

type pomPlugin struct {
	GroupID       string `xml:"groupId"`
	ArtifactID    string `xml:"artifactId"`
	Version       string `xml:"version"`
	Configuration xnode  `xml:"configuration"`
	Executions    []struct {
		ID            string   `xml:"id"`
		Phase         string   `xml:"phase"`
		Goals         []string `xml:"goals>goal"`
		Configuration xnode    `xml:"configuration"`
	} `xml:"executions>execution"`
}

// conf is a configuration value of the plugin: the execution's that runs
// goal (any goal when goal is ""), else the plugin's own.
func (pl *pomPlugin) conf(goal string, names ...string) string {
	for _, e := range pl.Executions {
		// An execution inherited from a parent is often configured by its
		// id alone (the starter parent's "repackage").
		if goal == "" || contains(e.Goals, goal) || strings.TrimSpace(e.ID) == goal {
			if v := e.Configuration.get(names...); v != "" {
				return v
			}
		}
	}
	return pl.Configuration.get(names...)
}

type pom struct {
	ArtifactID string `xml:"artifactId"`
	Version    string `xml:"version"`
	Packaging  string `xml:"packaging"`
	Parent     struct {
		GroupID      string  `xml:"groupId"`
		ArtifactID   string  `xml:"artifactId"`
		Version      string  `xml:"version"`
		RelativePath *string `xml:"relativePath"`
	} `xml:"parent"`
	Properties struct {
		Entries []struct {
			XMLName xml.Name
			Value   string `xml:",chardata"`
		} `xml:",any"`
	} `xml:"properties"`
	Modules          []string    `xml:"modules>module"`
	FinalName        string      `xml:"build>finalName"`
	Plugins          []pomPlugin `xml:"build>plugins>plugin"`
	PluginManagement []pomPlugin `xml:"build>pluginManagement>plugins>plugin"`
	Profiles         []struct {
		ID string `xml:"id"`
		// Reactors list modules in profiles too (see pom.allModules).
		Modules         []string `xml:"modules>module"`
		ActiveByDefault string   `xml:"activation>activeByDefault"`
	} `xml:"profiles>profile"`
	Dependencies []struct {
		GroupID    string `xml:"groupId"`
		ArtifactID string `xml:"artifactId"`
	} `xml:"dependencies>dependency"`
}

func (p *pom) property(name string) string {
	for _, e := range p.Properties.Entries {
		if e.XMLName.Local == name {
			return strings.TrimSpace(e.Value)
		}
	}
	return ""
}

func (p *pom) plugin(artifactID string) *pomPlugin {
	for i := range p.Plugins {
		if p.Plugins[i].ArtifactID == artifactID {
			return &p.Plugins[i]
		}
	}
	return nil
}

// pomChain is a POM and the parents found in the same repository (by
// relativePath), nearest first: properties, the project version and the
// Spring Boot version are inherited from them.
type pomChain struct {
	poms  []*pom
	files []string // evidence path of each POM
	data  [][]byte
}

// property resolves a property through the chain (the child's wins).
func (c *pomChain) property(name string) (string, int) {
	for i, p := range c.poms {
		if v := p.property(name); v != "" {
			return v, i
		}
	}
	return "", -1
}

// resolve expands ${...} references to properties and project
// coordinates; ok is false when one cannot be resolved literally.
func (c *pomChain) resolve(v string) (string, bool) {
	for range 5 {
		i := strings.Index(v, "${")
		if i < 0 {
			return v, true
		}
		j := strings.Index(v[i:], "}")
		if j < 0 {
			return v, false
		}
		name := v[i+2 : i+j]
		val := ""
		switch name {
		case "project.artifactId", "artifactId", "pom.artifactId":
			val = c.poms[0].ArtifactID
		case "project.version", "version", "pom.version":
			val = c.version()
		default:
			val, _ = c.property(name)
		}
		if val == "" || strings.Contains(val, "${"+name+"}") {
			return v, false
		}
		v = v[:i] + val + v[i+j+1:]
	}
	return v, !strings.Contains(v, "${")
}

// version is the project version, inherited from the parent when the POM
// declares none.
func (c *pomChain) version() string {
	if v := c.poms[0].Version; v != "" {
		return v
	}
	return c.poms[0].Parent.Version
}

var javaDetector = detector{kind: kind.Java, detect: detectJava, buildRoot: javaBuildRoot, deployable: notLibrary}

// javaBuildRoot: a Maven module builds from its reactor's root, a Gradle
// subproject from its settings root.
func javaBuildRoot(d *dir, p *Project) {
	switch p.Tool {
	case "maven":
		mavenReactor(d, p)
	case "gradle":
		gradleMulti(d, p)
	}
}

func detectJava(d *dir) (*Project, bool) {
	p := &Project{}
	main := "" // the main class, when the build names it
	switch {
	case d.exists("pom.xml"):
		p.Tool = "maven"
		p.Wrapper = d.exists("mvnw")
		main = mavenFacts(d, p)
	case d.exists("build.gradle") || d.exists("build.gradle.kts"):
		p.Tool = "gradle"
		p.Wrapper = d.exists("gradlew") && d.isDir("gradle")
		main = gradleFacts(d, p)
	default:
		return nil, false
	}
	if p.Wrapper {
		w := map[string]string{"maven": "mvnw", "gradle": "gradlew"}[p.Tool]
		p.evidence(d.path(w), 1, "%s wrapper", w)
		p.Java.Modules = append(p.Java.Modules, w)
		p.Java.WrapperShell = wrapperShell(d, w)
		if p.Java.WrapperShell != "" {
			p.evidence(d.path(w), 1, "%s is not executable (committed without the executable bit): run with %s", w, p.Java.WrapperShell)
		}
	}
	p.Java.Wrapper = p.Wrapper
	switch {
	case p.Java.SpringBoot:
		p.Framework = "spring-boot"
	case p.Java.Quarkus:
		p.Framework = "quarkus"
	case p.Framework == "":
		p.Framework = "none"
	}
	if !p.aggregate {
		javaVersionCheck(d, p)
		springConfig(d, p)
		mainClassFacts(d, p, main)
		frameworkPort(d, p)
		javaCLI(d, p)
	}
	return p, true
}

// frameworkPorts are the ports Java frameworks listen on when the app
// configures none.
var frameworkPorts = map[string]int{"spring-boot": 8080, "quarkus": 8080, "micronaut": 8080}

// frameworkPort: with no port in the app's configuration, code or process
// files, the framework's own default is the one it listens on.
func frameworkPort(d *dir, p *Project) {
	if p.Port != 0 {
		return
	}
	if p.Port = findPort(d, p); p.Port != 0 {
		return
	}
	if n, ok := frameworkPorts[p.Framework]; ok {
		p.Port = n
		p.evidence(d.path("."), 0, "port %d: the %s default (no port configured)", n, p.Framework)
	}
}

// wrapperShell is the shell that runs a wrapper script committed without
// the executable bit ("" when it is executable): bash when its shebang
// asks for it, else sh.
func wrapperShell(d *dir, name string) string {
	fi, err := d.stat(name)
	if err != nil || fi.Mode().Perm()&0o111 != 0 {
		return ""
	}
	first, _, _ := strings.Cut(string(d.read(name)), "\n")
	if strings.HasPrefix(first, "#!") && strings.Contains(first, "bash") {
		return "bash"
	}
	return "sh"
}

// newestJava is the newest Java level dockgen maps to a known Temurin line.
const newestJava = 25

// javaVersionCheck warns about a declared level newer than dockgen knows:
// it is used as declared (eclipse-temurin publishes every feature release),
// never replaced by the default.
func javaVersionCheck(d *dir, p *Project) {
	v := strings.TrimPrefix(p.Version, "1.")
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	if n > newestJava {
		d.warn(map[string]string{"maven": "pom.xml", "gradle": "build.gradle"}[p.Tool], 0, "Java %s is newer than the newest release dockgen knows (%d): the image uses eclipse-temurin:%d as declared; check that tag exists or pass --lang-version", p.Version, newestJava, n)
	}
}

// javaFrameworks are recognised by a dependency's group (Spring Boot and
// Quarkus by their build plugins, which also shape the build).
var javaFrameworks = []struct{ group, name string }{{"io.micronaut", "micronaut"}, {"io.javalin", "javalin"}, {"com.sparkjava", "sparkjava"}}

func javaFramework(group string) (string, bool) {
	for _, f := range javaFrameworks {
		if f.group == group {
			return f.name, true
		}
	}
	return "", false
}

// maxParents bounds how many parent POMs are read.
const maxParents = 4

// parentChain reads the parents of pm found in the repository by their
// relativePath (default ../pom.xml), while each names the artifact the
// child asks for.
func parentChain(d *dir, pm *pom, data []byte) *pomChain {
	c := &pomChain{poms: []*pom{pm}, files: []string{d.path("pom.xml")}, data: [][]byte{data}}
	rel := d.path(".")
	cur := pm
	for range maxParents {
		if cur.Parent.ArtifactID == "" {
			break
		}
		rp := "../pom.xml"
		if cur.Parent.RelativePath != nil {
			rp = strings.TrimSpace(*cur.Parent.RelativePath)
		}
		if rp == "" || strings.Contains(rp, "$") {
			break // an empty relativePath means "from a repository"
		}
		if !strings.HasSuffix(rp, ".xml") {
			rp = path.Join(rp, "pom.xml")
		}
		next := path.Join(rel, rp)
		pdata := d.readRepo(next)
		if pdata == nil {
			break
		}
		var parent pom
		if xml.Unmarshal(pdata, &parent) != nil || parent.ArtifactID != cur.Parent.ArtifactID {
			break
		}
		c.poms = append(c.poms, &parent)
		c.files = append(c.files, next)
		c.data = append(c.data, pdata)
		rel, cur = path.Dir(next), &parent
	}
	return c
}

// readRepo reads a file by its slash path relative to the root, which may
// climb above the root as far as a build root may be (d.ceiling: the git
// top-level, else maxUp levels), so a module sees the parent POM its
// reactor builds it with even in a checkout without .git.
func (d *dir) readRepo(rel string) []byte {
	rel = path.Clean(rel)
	if rel != ".." && !strings.HasPrefix(rel, "../") {
		return (&dir{root: d.root, rel: ".", warnings: d.warnings}).read(rel)
	}
	top := d.ceiling(d.root)
	p := filepath.Join(d.root, filepath.FromSlash(rel))
	if !within(top, p) {
		return nil
	}
	if real, err := filepath.EvalSymlinks(p); err != nil || !within(top, real) {
		return nil
	}
	return readAbove(top, p)
}

func mavenFacts(d *dir, p *Project) (main string) {
	data := d.read("pom.xml")
	file := d.path("pom.xml")
	p.Java.Modules = []string{"pom.xml"}
	var pm pom
	if err := xml.Unmarshal(data, &pm); err != nil {
		d.warn("pom.xml", xmlErrLine(err), "malformed XML: %v", err)
		return
	}
	p.evidence(file, lineOf(data, "<artifactId>"+pm.ArtifactID), "artifactId %s", pm.ArtifactID)
	chain := parentChain(d, &pm, data)
	mavenJavaVersion(p, chain)

	bootVersion := ""
	for i, cp := range chain.poms {
		if cp.Parent.ArtifactID == "spring-boot-starter-parent" {
			p.Java.SpringBoot = true
			bootVersion = cp.Parent.Version
			p.evidence(chain.files[i], lineOf(chain.data[i], "spring-boot-starter-parent"), "Spring Boot parent %s", bootVersion)
			break
		}
	}
	boot := pm.plugin("spring-boot-maven-plugin")
	if boot != nil && !p.Java.SpringBoot {
		p.Java.SpringBoot = true
		bootVersion = boot.Version
		if v, ok := chain.resolve(bootVersion); ok {
			bootVersion = v
		}
		p.evidence(file, lineOf(data, "spring-boot-maven-plugin"), "spring-boot-maven-plugin")
	}
	if pm.plugin("quarkus-maven-plugin") != nil {
		p.Java.Quarkus = true
		p.evidence(file, lineOf(data, "quarkus-maven-plugin"), "quarkus-maven-plugin: fast-jar in target/quarkus-app")
	}
	if mods := pm.allModules(); pm.Packaging == "pom" && len(mods) > 0 {
		// An aggregator: its modules build the jars and are listed on their own.
		p.aggregate = true
		p.evidence(file, lineOf(data, "<modules>"), "multi-module build of %d modules, each listed as a project", len(mods))
		return
	}
	for _, dep := range pm.Dependencies {
		if fw, ok := javaFramework(dep.GroupID); ok && p.Framework == "" {
			p.Framework = fw
			p.evidence(file, lineOf(data, "<groupId>"+dep.GroupID), "depends on %s", dep.GroupID)
		}
	}
	if pm.Packaging == "quarkus" {
		p.Java.Quarkus = true
	}
	if p.Java.SpringBoot {
		p.Java.BootLayout = bootLayout(bootVersion)
		if boot != nil {
			// The repackage's <layers><enabled> overrides the version's default.
			switch boot.conf("repackage", "layers", "enabled") {
			case "false":
				p.Java.BootLayout = ""
			case "true":
				if p.Java.BootLayout == "" {
					p.Java.BootLayout = "layertools-legacy"
				}
			}
		}
	}
	mavenProfiles(d, p, &pm, data)
	main = mavenMainClass(chain)
	if strings.ContainsAny(pm.FinalName, "/\\") || pm.FinalName == ".." {
		// A file name, never a path: ../../../../etc/x would leave target/
		// (mavenBase then names no jar).
		d.warn("pom.xml", lineOf(data, "<finalName>"), "finalName %s is not a file name; ignored", pm.FinalName)
	}
	if p.Java.Quarkus {
		p.Entry = "target/quarkus-app/quarkus-run.jar"
		if quarkusUberJar(d, p) {
			if base := mavenBase(chain); base != "" {
				p.Java.Quarkus, p.Framework = false, "quarkus"
				p.Java.Jar = "target/" + base + "-runner.jar"
				p.Entry = p.Java.Jar
			}
		}
		return
	}
	p.Java.Jar = mavenJar(p, chain, boot, file, data)
	p.Entry = p.Java.Jar
	return main
}

// quarkusUberJar reports whether application.properties packages Quarkus
// as one uber-jar (NAME-runner.jar) instead of the fast-jar directory.
func quarkusUberJar(d *dir, p *Project) bool {
	conf, _ := readAppConfig(d, "")
	for _, k := range []string{"quarkus.package.jar.type", "quarkus.package.type"} {
		if e, ok := conf[k]; ok && e.value == "uber-jar" {
			p.evidence(d.path(e.file), e.line, "%s uber-jar: the runnable jar is NAME-runner.jar", k)
			return true
		}
	}
	return false
}

// mavenMainClass is the main class the POM names: Spring Boot's
// start-class, exec's mainClass, or the manifest of an assembly or shade.
func mavenMainClass(chain *pomChain) string {
	for _, prop := range []string{"start-class", "exec.mainClass", "main.class", "mainClass"} {
		if v, _ := chain.property(prop); v != "" {
			if rv, ok := chain.resolve(v); ok {
				return rv
			}
		}
	}
	pm := chain.poms[0]
	if pl := pm.plugin("maven-assembly-plugin"); pl != nil {
		if v := pl.conf("", "archive", "manifest", "mainClass"); v != "" {
			return v
		}
	}
	if pl := pm.plugin("maven-shade-plugin"); pl != nil {
		if v := pl.conf("", "transformers", "transformer", "mainClass"); v != "" {
			return v
		}
	}
	return ""
}

// mavenJavaVersion reads the Java level: the usual properties through the
// parent chain, then the compiler plugins' configuration.
func mavenJavaVersion(p *Project, chain *pomChain) {
	for _, prop := range []string{"java.version", "maven.compiler.release", "maven.compiler.source", "maven.compiler.target", "jdk.version", "kotlin.compiler.jvmTarget"} {
		v, i := chain.property(prop)
		if v == "" {
			continue
		}
		if rv, ok := chain.resolve(v); ok && rv != "" {
			p.Version = rv
			p.evidence(chain.files[i], lineOf(chain.data[i], "<"+prop+">"), "%s %s", prop, rv)
			return
		}
	}
	pm := chain.poms[0]
	for _, c := range []struct{ plugin, key string }{
		{"maven-compiler-plugin", "release"}, {"maven-compiler-plugin", "source"},
		{"maven-compiler-plugin", "target"}, {"kotlin-maven-plugin", "jvmTarget"},
	} {
		pl := pm.plugin(c.plugin)
		if pl == nil {
			continue
		}
		if v, ok := chain.resolve(pl.conf("", c.key)); ok && v != "" {
			p.Version = v
			p.evidence(chain.files[0], lineOf(chain.data[0], "<"+c.key+">"), "%s %s %s", c.plugin, c.key, v)
			return
		}
	}
}

// mavenBase is the main artifact's file name without .jar: build.finalName,
// else artifactId-version; "" when not literal.
func mavenBase(chain *pomChain) string {
	pm := chain.poms[0]
	if pm.FinalName != "" {
		if v, ok := chain.resolve(pm.FinalName); ok && !strings.ContainsAny(v, "/\\") {
			return v
		}
		return ""
	}
	if v := chain.version(); pm.ArtifactID != "" && v != "" {
		if rv, ok := chain.resolve(pm.ArtifactID + "-" + v); ok {
			return rv
		}
	}
	return ""
}

// bootRepackageBound reports whether `mvn package` runs the Spring Boot
// repackage: the starter parent binds it, or an execution of the plugin
// does; a parent dockgen cannot read may bind it too (assumed so).
func bootRepackageBound(chain *pomChain) bool {
	for _, cp := range chain.poms {
		if cp.Parent.ArtifactID == "spring-boot-starter-parent" {
			return true
		}
		for _, list := range [][]pomPlugin{cp.Plugins, cp.PluginManagement} {
			for _, pl := range list {
				if pl.ArtifactID != "spring-boot-maven-plugin" {
					continue
				}
				for _, e := range pl.Executions {
					if contains(e.Goals, "repackage") || strings.TrimSpace(e.ID) == "repackage" {
						return true
					}
				}
			}
		}
	}
	return chain.poms[len(chain.poms)-1].Parent.ArtifactID != ""
}

// mavenJar names the runnable jar `mvn package` writes, from the plugin
// that makes it: the Spring Boot repackage (its finalName and classifier),
// maven-shade (attached under its classifier, or its finalName),
// maven-assembly's jar-with-dependencies, else the main artifact. It adds
// the goals `package` alone does not run (an assembly execution not bound
// to a phase). "" when the name cannot be read literally.
func mavenJar(p *Project, chain *pomChain, boot *pomPlugin, file string, data []byte) string {
	pm := chain.poms[0]
	base := mavenBase(chain)
	lit := func(v string) (string, bool) {
		r, ok := chain.resolve(v)
		return r, ok && r != "" && !strings.ContainsAny(r, "/\\")
	}
	if boot != nil {
		if !bootRepackageBound(chain) {
			p.Java.Goals = append(p.Java.Goals, "spring-boot:repackage")
			p.evidence(file, lineOf(data, "spring-boot-maven-plugin"), "spring-boot-maven-plugin has no repackage execution and no Spring Boot parent: the build runs package spring-boot:repackage")
		}
		name := base
		if v := boot.conf("repackage", "finalName"); v != "" {
			var ok bool
			if name, ok = lit(v); !ok {
				return ""
			}
		}
		if v := boot.conf("repackage", "classifier"); v != "" {
			c, ok := lit(v)
			if !ok || name == "" {
				return ""
			}
			name += "-" + c
			p.evidence(file, lineOf(data, "<classifier>"), "Spring Boot repackage classifier %s: the runnable jar is target/%s.jar", c, name)
		}
		if name == "" {
			return ""
		}
		return "target/" + name + ".jar"
	}
	if p.Java.SpringBoot {
		return jarOrEmpty(base)
	}
	if sh := pm.plugin("maven-shade-plugin"); sh != nil && len(sh.Executions) > 0 {
		if v := sh.conf("shade", "finalName"); v != "" {
			name, ok := lit(v)
			if !ok {
				return ""
			}
			p.evidence(file, lineOf(data, "maven-shade-plugin"), "maven-shade-plugin finalName %s", name)
			return "target/" + name + ".jar"
		}
		if sh.conf("shade", "shadedArtifactAttached") == "true" {
			c := "shaded"
			if v := sh.conf("shade", "shadedClassifierName"); v != "" {
				var ok bool
				if c, ok = lit(v); !ok {
					return ""
				}
			}
			if base == "" {
				return ""
			}
			p.evidence(file, lineOf(data, "maven-shade-plugin"), "maven-shade-plugin attaches the shaded jar with classifier %s", c)
			return "target/" + base + "-" + c + ".jar"
		}
		p.evidence(file, lineOf(data, "maven-shade-plugin"), "maven-shade-plugin replaces the main jar with the shaded one")
		return jarOrEmpty(base)
	}
	if as := pm.plugin("maven-assembly-plugin"); as != nil {
		if jar, ok := assemblyJar(p, chain, as, base, file, data); ok {
			return jar
		}
	}
	return jarOrEmpty(base)
}

func jarOrEmpty(base string) string {
	if base == "" {
		return ""
	}
	return "target/" + base + ".jar"
}

// assemblyJar is the jar-with-dependencies of maven-assembly-plugin. An
// execution of `single` bound to no phase never runs in `mvn package`, so
// the build runs it by name (with its execution id, whose configuration
// holds the descriptor).
func assemblyJar(p *Project, chain *pomChain, as *pomPlugin, base, file string, data []byte) (string, bool) {
	refs := func(n *xnode) []string {
		out := n.all("descriptorRef", "descriptorRefs")
		if v := n.get("descriptorRef"); v != "" {
			out = append(out, v)
		}
		return out
	}
	type found struct {
		id, phase string
		conf      *xnode
	}
	var hit *found
	for i := range as.Executions {
		e := &as.Executions[i]
		if !contains(e.Goals, "single") && !contains(e.Goals, "attached") {
			continue
		}
		r := refs(&e.Configuration)
		if len(r) == 0 {
			r = refs(&as.Configuration)
		}
		if contains(r, "jar-with-dependencies") {
			hit = &found{id: e.ID, phase: strings.TrimSpace(e.Phase), conf: &e.Configuration}
			if hit.phase != "" {
				break
			}
		}
	}
	if hit == nil {
		if !contains(refs(&as.Configuration), "jar-with-dependencies") {
			return "", false
		}
		hit = &found{conf: &as.Configuration}
	}
	get := func(key string) string {
		if v := hit.conf.get(key); v != "" {
			return v
		}
		return as.Configuration.get(key)
	}
	name := base
	if v := get("finalName"); v != "" {
		r, ok := chain.resolve(v)
		if !ok || strings.ContainsAny(r, "/\\") {
			return "", true
		}
		name = r
	}
	if name == "" {
		return "", true
	}
	if get("appendAssemblyId") != "false" {
		name += "-jar-with-dependencies"
	}
	if hit.phase == "" {
		goal := "assembly:single"
		if hit.conf != &as.Configuration {
			id := hit.id
			if id == "" {
				id = "default"
			}
			if jarNameOK.MatchString(id) {
				goal += "@" + id
			}
		}
		p.Java.Goals = append(p.Java.Goals, goal)
		p.evidence(file, lineOf(data, "maven-assembly-plugin"), "maven-assembly-plugin jar-with-dependencies is bound to no phase: the build runs package %s", goal)
	} else {
		p.evidence(file, lineOf(data, "maven-assembly-plugin"), "maven-assembly-plugin jar-with-dependencies at %s", hit.phase)
	}
	return "target/" + name + ".jar", true
}

// mavenProfiles selects the production build profile a project defines:
// a profile named prod (JHipster's, also detected from .yo-rc.json).
func mavenProfiles(d *dir, p *Project, pm *pom, data []byte) {
	for _, pr := range pm.Profiles {
		if strings.TrimSpace(pr.ID) == "prod" {
			p.Java.Profiles = []string{"prod"}
			what := "the POM defines a prod profile"
			if jhipster(d) {
				what = "JHipster (.yo-rc.json) builds production with its prod profile"
			}
			p.evidence(d.path("pom.xml"), lineOf(data, "<id>prod</id>"), "%s: the build runs -Pprod", what)
			return
		}
	}
}

func jhipster(d *dir) bool {
	return strings.Contains(string(d.read(".yo-rc.json")), `"generator-jhipster"`)
}

var (
	gradleJavaRe      = lazy(`(?m)(?:languageVersion(?:\.set)?\s*[=(]\s*JavaLanguageVersion\.of\(\s*|jvmToolchain\(\s*|(?:source|target)Compatibility\s*=\s*(?:JavaVersion\.VERSION_)?['"]?)([0-9][0-9_.]*)`)
	gradleJavaConstRe = lazy(`JavaVersion\.VERSION_([0-9][0-9_]*)`)
	gradleBootRe      = lazy(`org\.springframework\.boot['"]?\)?\s*(?:version\s*['"]?|\s*version\s*\(?\s*['"])?([0-9][0-9.]*)?`)
	gradleVersionRe   = lazy(`(?m)^version\s*=\s*['"]([A-Za-z0-9_.+-]+)['"]\s*$`)
	gradleVersionAny  = lazy(`(?m)^\s*(?:project\.)?version\s*=`)
	gradlePropVersion = lazy(`(?m)^\s*version\s*[=:]\s*([A-Za-z0-9_.+-]+)\s*$`)
	gradleNameRe      = lazy(`(?m)^\s*rootProject\.name\s*=\s*['"]([A-Za-z0-9_.-]+)['"]`)
	gradleArchivesRe  = lazy(`(?m)^\s*(?:archivesBaseName|archivesName(?:\.set\()?)\s*=?\s*['"]([A-Za-z0-9_.-]+)['"]`)
	gradleNameOK      = lazy(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	gradleMainClassRe = lazy(`mainClass(?:\.set\(|\s*=\s*)\s*['"]([A-Za-z0-9_.$]+)['"]`)
	gradleShadowRe    = lazy(`(?:com\.github\.johnrengelman\.shadow|com\.gradleup\.shadow|io\.github\.goooler\.shadow|shadow-gradle-plugin)`)
	// gradleAppRe is the application plugin, also as applied by Micronaut's.
	gradleAppRe     = lazy(`(?m)(?:^|[\s{(])(?:application\s*$|id\s*\(?\s*['"](?:application|io\.micronaut\.(?:minimal\.)?application)['"]|apply\s+plugin\s*:\s*['"]application['"]|` + "`application`" + `)`)
	gradleAppNameRe = lazy(`applicationName(?:\.set\(|\s*=\s*)\s*['"]([A-Za-z0-9_.-]+)['"]`)
	jarNameOK       = lazy(`^[A-Za-z0-9][A-Za-z0-9_.+-]*$`)
)

func gradleFacts(d *dir, p *Project) string {
	name := "build.gradle"
	if d.exists("build.gradle.kts") {
		name = "build.gradle.kts"
		p.Java.Kotlin = true
	}
	data := d.read(name)
	file := d.path(name)
	for _, f := range []string{name, "settings.gradle", "settings.gradle.kts", "gradle.properties"} {
		if d.exists(f) {
			p.Java.Modules = append(p.Java.Modules, f)
		}
	}
	if m := gradleJavaRe.FindSubmatch(data); m != nil {
		v := strings.ReplaceAll(string(m[1]), "_", ".")
		p.Version = v
		p.evidence(file, lineOf(data, string(m[0])), "Java %s", v)
	} else if m := gradleJavaConstRe.FindSubmatch(data); m != nil {
		// sourceCompatibility = someVal, where someVal = JavaVersion.VERSION_21
		v := strings.ReplaceAll(string(m[1]), "_", ".")
		p.Version = v
		p.evidence(file, lineOf(data, string(m[0])), "Java %s", v)
	}
	if m := gradleBootRe.FindSubmatch(data); m != nil {
		p.Java.SpringBoot = true
		p.Java.BootLayout = bootLayout(string(m[1]))
		p.evidence(file, lineOf(data, "org.springframework.boot"), "Spring Boot plugin %s", string(m[1]))
	}
	for _, fw := range javaFrameworks {
		if strings.Contains(string(data), fw.group+":") && p.Framework == "" {
			p.Framework = fw.name
			p.evidence(file, lineOf(data, fw.group+":"), "depends on %s", fw.group)
		}
	}
	if jhipster(d) {
		p.Java.Profiles = []string{"prod"}
		p.evidence(d.path(".yo-rc.json"), 1, "JHipster builds production with -Pprod")
	}
	if strings.Contains(string(data), "io.quarkus") {
		p.Java.Quarkus = true
		p.Java.Goals = []string{"quarkusBuild"}
		p.Entry = "build/quarkus-app/quarkus-run.jar"
		return ""
	}
	main := ""
	if m := gradleMainClassRe.FindSubmatch(data); m != nil && !p.Java.SpringBoot {
		main = string(m[1])
		p.evidence(file, lineOf(data, string(m[0])), "application.mainClass %s", main)
	}
	shadow := gradleShadowRe.FindIndex(data)
	switch {
	case p.Java.SpringBoot:
		p.Java.Goals = []string{"bootJar"}
		p.Java.Jar = gradleJar(d, data, "bootJar", "")
		p.evidence(file, lineOf(data, "org.springframework.boot"), "bootJar writes the runnable jar (never the -plain jar of the jar task)")
	case shadow != nil:
		p.Java.Goals = []string{"shadowJar"}
		p.Java.Jar = gradleJar(d, data, "shadowJar", "all")
		p.Java.MainClass = main
		p.evidence(file, lineAt(data, shadow[0]), "Shadow plugin: shadowJar writes the runnable jar %s", p.Java.Jar)
	case gradleAppRe.Match(data) && main != "":
		p.Java.Goals = []string{"installDist"}
		p.Java.Dist = gradleProjectName(d)
		if !d.exists("settings.gradle") && !d.exists("settings.gradle.kts") {
			p.Java.Dist = "" // named after the directory Gradle runs in
		}
		if m := gradleAppNameRe.FindSubmatch(data); m != nil {
			p.Java.Dist = string(m[1])
		}
		if !gradleNameOK.MatchString(p.Java.Dist) {
			p.Java.Dist, p.Java.Goals = "", nil
			p.Java.Jar, p.Java.MainClass = gradleJar(d, data, "jar", ""), main
			break
		}
		p.evidence(file, lineOf(data, "application"), "application plugin: installDist writes build/install/%s with bin/%s", p.Java.Dist, p.Java.Dist)
	default:
		p.Java.Jar = gradleJar(d, data, "jar", "")
		p.Java.MainClass = main
	}
	p.Entry = p.Java.Jar
	if p.Entry == "" || main != "" && p.Java.Dist != "" {
		p.Entry = main
	}
	return main
}

// gradleProjectName is the project's name: rootProject.name in the
// settings file, else the directory's own name.
func gradleProjectName(d *dir) string {
	name := path.Base(d.rel)
	if d.rel == "." {
		name = filepath.Base(d.root)
	}
	for _, f := range []string{"settings.gradle", "settings.gradle.kts"} {
		if m := gradleNameRe.FindSubmatch(d.read(f)); m != nil {
			return string(m[1])
		}
	}
	return name
}

var (
	gradleTaskBlock   = `(?:tasks\.)?(?:named(?:<[A-Za-z.]+>)?\(\s*["']%[1]s["']\s*\)|withType\(\s*%[2]s(?:::class(?:\.java)?)?\s*\)|withType<%[2]s>\(\)|\b%[1]s)\s*(?:\.configure\s*)?\{`
	gradleArchiveProp = `\b%s(?:\.set\(|\s*=\s*|\s+)\s*(null\b|['"]([^'"\n]*)['"])?`
)

// gradleTaskSettings reads the archive settings of one task's
// configuration block: key -> value ("" when set to null or empty), and
// whether any value is not literal.
func gradleTaskSettings(build []byte, task, typ string) (map[string]string, bool) {
	re := regexp.MustCompile(strings.ReplaceAll(strings.ReplaceAll(gradleTaskBlock, "%[1]s", task), "%[2]s", typ))
	out := map[string]string{}
	dynamic := false
	for _, loc := range re.FindAllIndex(build, -1) {
		block := braceBlock(build, loc[1]-1)
		for _, key := range []string{"archiveFileName", "archiveBaseName", "archiveVersion", "archiveClassifier", "archiveName", "baseName", "classifier"} {
			m := regexp.MustCompile(strings.ReplaceAll(gradleArchiveProp, "%s", key)).FindSubmatch(block)
			if m == nil {
				continue
			}
			switch {
			case m[1] == nil || strings.Contains(string(m[2]), "$"):
				dynamic = true
			case string(m[1]) == "null":
				out[key] = ""
			default:
				out[key] = string(m[2])
			}
		}
	}
	return out, dynamic
}

// gradleJar names the jar a task writes: build/libs/NAME-VERSION[-CLASSIFIER].jar,
// where NAME is the task's archiveBaseName, archivesName, rootProject.name
// or, failing all, the directory's name, VERSION the project's version
// (build file or gradle.properties) and CLASSIFIER the task's (def by
// default: "all" for shadowJar). A part that cannot be read literally
// becomes "*": then exactly one jar must match.
func gradleJar(d *dir, build []byte, task, def string) string {
	typ := map[string]string{"bootJar": "BootJar", "shadowJar": "ShadowJar", "jar": "Jar"}[task]
	set, dynamic := gradleTaskSettings(build, task, typ)
	if dynamic {
		if def != "" {
			return "build/libs/*-" + def + ".jar"
		}
		return "build/libs/*.jar"
	}
	if v, ok := set["archiveFileName"]; ok && v != "" {
		return checkedJar("build/libs/" + v)
	}
	if v, ok := set["archiveName"]; ok && v != "" {
		return checkedJar("build/libs/" + v)
	}
	name := gradleProjectName(d)
	if !d.exists("settings.gradle") && !d.exists("settings.gradle.kts") {
		// Without a settings file the project is named after the directory
		// Gradle runs in: the build stage's, or the checkout's in a build
		// from a settings root above; either way exactly one jar matches.
		name = "*"
	}
	if m := gradleArchivesRe.FindSubmatch(build); m != nil {
		name = string(m[1])
	}
	for _, k := range []string{"archiveBaseName", "baseName"} {
		if v, ok := set[k]; ok && v != "" {
			name = v
		}
	}
	if !gradleNameOK.MatchString(name) {
		name = "*" // a directory name that is no artifact name (spaces, ...)
	}
	version := ""
	if m := gradleVersionRe.FindSubmatch(build); m != nil {
		version = string(m[1])
	} else if gradleVersionAny.Match(build) {
		version = "*" // computed
	} else if m := gradlePropVersion.FindSubmatch(d.read("gradle.properties")); m != nil {
		version = string(m[1])
	} else if up := d.findUp("settings.gradle", "settings.gradle.kts"); up != "" {
		// A subproject: its version may come from the root build.
		version = "*"
		if m := gradlePropVersion.FindSubmatch(d.readUp(path.Join(path.Dir(up), "gradle.properties"))); m != nil {
			version = string(m[1])
		}
	}
	if v, ok := set["archiveVersion"]; ok {
		version = v
	}
	classifier := def
	for _, k := range []string{"archiveClassifier", "classifier"} {
		if v, ok := set[k]; ok {
			classifier = v
		}
	}
	jar := name
	switch version {
	case "":
	case "*":
		jar += "*" // with or without a version
	default:
		jar += "-" + version
	}
	if classifier != "" {
		jar += "-" + classifier
	}
	return checkedJar("build/libs/" + strings.ReplaceAll(strings.ReplaceAll(jar, "*-*", "*"), "**", "*") + ".jar")
}

var jarPathOK = lazy(`^[A-Za-z0-9_][A-Za-z0-9_./-]*/[A-Za-z0-9_*][A-Za-z0-9_.*+-]*\.jar$`)

// checkedJar keeps a jar path only when it is safe to write into a shell
// line ("" otherwise: exactly one jar must then exist).
func checkedJar(p string) string {
	if !jarPathOK.MatchString(p) || strings.Contains(p, "..") {
		return ""
	}
	return p
}

// bootLayout picks the layered-jar extraction for a Spring Boot version:
// "tools" from 3.3 (and when unknown), "layertools" for 3.2, the legacy
// launcher before that, none before 2.4 (the first to layer by default).
func bootLayout(v string) string {
	var major, minor int
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return "tools"
	}
	for _, c := range parts[0] {
		major = major*10 + int(c-'0')
	}
	for _, c := range parts[1] {
		if c < '0' || c > '9' {
			break
		}
		minor = minor*10 + int(c-'0')
	}
	switch {
	case major > 3 || (major == 3 && minor >= 3):
		return "tools"
	case major == 3 && minor == 2:
		return "layertools"
	case major == 3 || (major == 2 && minor >= 4):
		return "layertools-legacy"
	}
	return "" // 2.3 builds layered jars only when asked to (layers enabled)
}

func xmlErrLine(err error) int {
	if se, ok := err.(*xml.SyntaxError); ok {
		return se.Line
	}
	return 0
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if strings.TrimSpace(v) == s {
			return true
		}
	}
	return false
}
