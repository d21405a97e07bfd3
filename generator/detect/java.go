package detect

import (
	"encoding/xml"
	"path"
	"path/filepath"
	"strings"

	"github.com/dockgen/dockgen/generator/kind"
)

type pom struct {
	ArtifactID string `xml:"artifactId"`
	Version    string `xml:"version"`
	Packaging  string `xml:"packaging"`
	Parent     struct {
		GroupID    string `xml:"groupId"`
		ArtifactID string `xml:"artifactId"`
		Version    string `xml:"version"`
	} `xml:"parent"`
	Properties struct {
		Entries []struct {
			XMLName xml.Name
			Value   string `xml:",chardata"`
		} `xml:",any"`
	} `xml:"properties"`
	Modules   []string `xml:"modules>module"`
	FinalName string   `xml:"build>finalName"`
	Plugins   []struct {
		GroupID    string `xml:"groupId"`
		ArtifactID string `xml:"artifactId"`
		Version    string `xml:"version"`
	} `xml:"build>plugins>plugin"`
	Dependencies []struct {
		GroupID string `xml:"groupId"`
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

var (
	gradleJavaRe      = lazy(`(?m)(?:languageVersion(?:\.set)?\s*[=(]\s*JavaLanguageVersion\.of\(\s*|sourceCompatibility\s*=\s*(?:JavaVersion\.VERSION_)?['"]?)([0-9][0-9_.]*)`)
	gradleBootRe      = lazy(`org\.springframework\.boot['"]?\)?\s*(?:version\s*['"]?|\s*version\s*\(?\s*['"])?([0-9][0-9.]*)?`)
	gradleVersionRe   = lazy(`(?m)^version\s*=\s*['"]([A-Za-z0-9_.+-]+)['"]\s*$`)
	gradleNameRe      = lazy(`(?m)^\s*rootProject\.name\s*=\s*['"]([A-Za-z0-9_.-]+)['"]`)
	gradleArchivesRe  = lazy(`(?m)^\s*(?:archivesBaseName|archivesName(?:\.set\()?)\s*=?\s*['"]([A-Za-z0-9_.-]+)['"]`)
	gradleNameOK      = lazy(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	gradleMainClassRe = lazy(`mainClass(?:\.set\(|\s*=\s*)\s*['"]([A-Za-z0-9_.$]+)['"]`)
)

var javaDetector = detector{kind.Java, detectJava}

func detectJava(d *dir) (*Project, bool) {
	p := &Project{}
	switch {
	case d.exists("pom.xml"):
		p.Tool = "maven"
		p.Wrapper = d.exists("mvnw")
		mavenFacts(d, p)
	case d.exists("build.gradle") || d.exists("build.gradle.kts"):
		p.Tool = "gradle"
		p.Wrapper = d.exists("gradlew") && d.isDir("gradle")
		gradleFacts(d, p)
	default:
		return nil, false
	}
	if p.Wrapper {
		w := map[string]string{"maven": "mvnw", "gradle": "gradlew"}[p.Tool]
		p.evidence(d.path(w), 1, "%s wrapper", w)
		p.Java.Modules = append(p.Java.Modules, w)
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
	return p, true
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

func mavenFacts(d *dir, p *Project) {
	data := d.read("pom.xml")
	file := d.path("pom.xml")
	p.Java.Modules = []string{"pom.xml"}
	var pm pom
	if err := xml.Unmarshal(data, &pm); err != nil {
		d.warn("pom.xml", xmlErrLine(err), "malformed XML: %v", err)
		return
	}
	p.evidence(file, lineOf(data, "<artifactId>"+pm.ArtifactID), "artifactId %s", pm.ArtifactID)
	for _, prop := range []string{"java.version", "maven.compiler.release", "maven.compiler.source", "jdk.version"} {
		if v := pm.property(prop); v != "" && !strings.Contains(v, "${") {
			p.Version = v
			p.evidence(file, lineOf(data, "<"+prop+">"), "%s %s", prop, v)
			break
		}
	}
	bootVersion := ""
	if pm.Parent.ArtifactID == "spring-boot-starter-parent" {
		p.Java.SpringBoot = true
		bootVersion = pm.Parent.Version
		p.evidence(file, lineOf(data, "spring-boot-starter-parent"), "Spring Boot parent %s", bootVersion)
	}
	for _, pl := range pm.Plugins {
		if pl.ArtifactID == "spring-boot-maven-plugin" && !p.Java.SpringBoot {
			p.Java.SpringBoot = true
			bootVersion = pl.Version
			p.evidence(file, lineOf(data, "spring-boot-maven-plugin"), "spring-boot-maven-plugin")
		}
		if pl.ArtifactID == "quarkus-maven-plugin" {
			p.Java.Quarkus = true
			p.evidence(file, lineOf(data, "quarkus-maven-plugin"), "quarkus-maven-plugin: fast-jar in target/quarkus-app")
		}
	}
	if pm.Packaging == "pom" && len(pm.Modules) > 0 {
		// An aggregator: its modules build the jars and are listed on their own.
		p.aggregate = true
		p.evidence(file, lineOf(data, "<modules>"), "multi-module build of %d modules, each listed as a project", len(pm.Modules))
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
	}
	switch {
	case p.Java.Quarkus:
		p.Entry = "target/quarkus-app/quarkus-run.jar"
	case strings.ContainsAny(pm.FinalName, "/\\") || pm.FinalName == "..":
		// A file name, never a path: ../../../../etc/x would leave target/.
		d.warn("pom.xml", lineOf(data, "<finalName>"), "finalName %s is not a file name; ignored", pm.FinalName)
		if pm.ArtifactID != "" && pm.Version != "" && !strings.Contains(pm.ArtifactID+pm.Version, "${") {
			p.Entry = "target/" + pm.ArtifactID + "-" + pm.Version + ".jar"
		}
	case pm.FinalName != "" && !strings.Contains(pm.FinalName, "${"):
		p.Entry = "target/" + pm.FinalName + ".jar"
	case pm.ArtifactID != "" && pm.Version != "" && !strings.Contains(pm.ArtifactID+pm.Version, "${"):
		p.Entry = "target/" + pm.ArtifactID + "-" + pm.Version + ".jar"
	}
}

func gradleFacts(d *dir, p *Project) {
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
	if strings.Contains(string(data), "io.quarkus") {
		p.Java.Quarkus = true
		p.Entry = "build/quarkus-app/quarkus-run.jar"
	}
	if m := gradleMainClassRe.FindSubmatch(data); m != nil && !p.Java.SpringBoot && !p.Java.Quarkus {
		p.Entry = string(m[1])
		p.evidence(file, lineOf(data, string(m[0])), "application.mainClass %s", p.Entry)
	}
	if p.Entry == "" {
		p.Entry = gradleJar(d, data)
	}
}

// gradleJar names the jar `gradle build` writes: build/libs/NAME-VERSION.jar,
// where NAME is archivesName, rootProject.name or, failing both, the
// directory's own name.
func gradleJar(d *dir, build []byte) string {
	name := path.Base(d.rel)
	if d.rel == "." {
		name = filepath.Base(d.root)
	}
	for _, f := range []string{"settings.gradle", "settings.gradle.kts"} {
		if m := gradleNameRe.FindSubmatch(d.read(f)); m != nil {
			name = string(m[1])
			break
		}
	}
	if m := gradleArchivesRe.FindSubmatch(build); m != nil {
		name = string(m[1])
	}
	if !gradleNameOK.MatchString(name) {
		return "" // a directory name that is no artifact name (spaces, ...): unknown
	}
	if m := gradleVersionRe.FindSubmatch(build); m != nil {
		return "build/libs/" + name + "-" + string(m[1]) + ".jar"
	}
	return "build/libs/" + name + ".jar"
}

// bootLayout picks the layered-jar extraction for a Spring Boot version:
// "tools" from 3.3 (and when unknown), "layertools" for 3.2, the legacy
// launcher before that, none before 2.3.
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
	case major == 3 || (major == 2 && minor >= 3):
		return "layertools-legacy"
	}
	return ""
}

func xmlErrLine(err error) int {
	if se, ok := err.(*xml.SyntaxError); ok {
		return se.Line
	}
	return 0
}
