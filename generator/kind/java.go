package kind

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dockgen/dockgen/generator/plan"
)

// Java is a Maven or Gradle build run on a JRE.
var Java = &Kind{
	Name:  "java",
	Title: "Java",
	Label: "Java",
	Aliases: []Alias{
		{Name: "spring", InHelp: true}, {Name: "spring-boot"},
		{Name: "maven", Tool: "maven", InHelp: true}, {Name: "gradle", Tool: "gradle", InHelp: true},
	},
	Tools:   []string{"maven", "gradle"},
	Version: Version{Default: "21", Map: javaLTS},
	Port:    8080,
	// A port below 1024 the app hard-codes is kept, documented (PrivilegedPort).
	LowPorts: true,
	// --build-secret: mounted into the steps that fetch dependencies.
	BuildSecrets: true,

	Manifests: []string{"pom.xml", "build.gradle", "build.gradle.kts"},
	LookedFor: []string{"pom.xml", "build.gradle"},
	CodeFiles: func(string, ListDir) []string {
		var files []string
		for _, d := range []string{"src/main/resources/", "src/main/resources/config/"} {
			for _, n := range []string{"application.properties", "application.yml", "application.yaml", "application-prod.properties", "application-prod.yml", "application-prod.yaml"} {
				files = append(files, d+n)
			}
		}
		return files
	},

	EntryHelp:      "Java jar or main class",
	EntryTitle:     "Jar or main class",
	VersionExample: "21",

	// Entry: a jar names the artifact to run, a class the main to start it
	// with. A jar chosen with --entry replaces the detected artifact (and an
	// application distribution); a class keeps the detected jar.
	Entry: func(p *plan.Plan, entry string, given bool) {
		p.Entry = entry
		if len(p.Java.Modules) == 0 {
			p.Java.Modules = map[string][]string{"maven": {"pom.xml"}, "gradle": {"build.gradle"}}[p.Tool]
		}
		switch {
		case !given || entry == "":
		case strings.HasSuffix(entry, ".jar"):
			if p.Java.Dist != "" {
				p.Java.Goals = nil // installDist makes no named jar: the default build
			}
			p.Java.Jar, p.Java.MainClass, p.Java.Dist = entry, "", ""
		default:
			p.Java.MainClass = entry
		}
		// The image sets PORT for an app that reads it (PrivilegedPort).
		PrivilegedPort(p, p.Java.PortEnv, "10001")
	},
	Validate: func(p *plan.Plan, _ Source) error {
		if p.Entry != "" && !jarRe.MatchString(p.Entry) && !javaClassRe.MatchString(p.Entry) {
			return &plan.FieldError{Field: "Java entry (--entry)", Value: p.Entry, Want: "want a jar path such as target/app.jar or a main class such as com.example.Main"}
		}
		j := &p.Java
		if j.Jar != "" && (!jarRe.MatchString(j.Jar) || strings.Contains(j.Jar, "..")) {
			return &plan.FieldError{Field: "Java jar", Value: j.Jar, Want: "want a relative jar path such as target/app.jar"}
		}
		if j.MainClass != "" && !javaClassRe.MatchString(j.MainClass) {
			return &plan.FieldError{Field: "Java main class", Value: j.MainClass, Want: "want a class such as com.example.Main"}
		}
		for _, m := range j.Modules {
			if !plan.SafeRel(m) {
				return &plan.FieldError{Field: "build file", Value: m, Want: "want a relative path"}
			}
		}
		for _, a := range j.Reactor {
			if !javaNameRe.MatchString(a) {
				return &plan.FieldError{Field: "reactor module artifactId", Value: a, Want: "want letters, digits and ._-"}
			}
		}
		for _, g := range append(append([]string{}, j.Goals...), j.Profiles...) {
			if !javaWordRe.MatchString(g) {
				return &plan.FieldError{Field: "Java build goal or profile", Value: g, Want: "want a word such as bootJar or assembly:single"}
			}
		}
		for _, v := range []struct{ field, val string }{{"Gradle distribution", j.Dist}, {"Spring profile", j.SpringProfile}} {
			if v.val != "" && !javaNameRe.MatchString(v.val) {
				return &plan.FieldError{Field: v.field, Value: v.val, Want: "want letters, digits and ._-"}
			}
		}
		// A Gradle subproject's path, written into its task names (:NAME:task).
		if ws := p.Workspace.Name; ws != "" && !gradlePathRe.MatchString(ws) {
			return &plan.FieldError{Field: "Gradle project path", Value: ws, Want: "want names such as app or services:api"}
		}
		if j.WrapperShell != "" && j.WrapperShell != "sh" && j.WrapperShell != "bash" {
			return &plan.FieldError{Field: "wrapper shell", Value: j.WrapperShell, Want: "want sh or bash"}
		}
		for _, w := range slices.Concat(j.Args, j.Subcommands) {
			if !javaWordRe.MatchString(w) {
				return &plan.FieldError{Field: "start argument", Value: w, Want: "want a word such as server or local"}
			}
		}
		for _, w := range j.Writable {
			if !writableRe.MatchString(w) || strings.Contains(w, "..") {
				return &plan.FieldError{Field: "writable path", Value: w, Want: "want a path such as data or /var/log/app"}
			}
		}
		return nil
	},

	Sample: "java-maven",

	FromBuildRoot: true,
	Lint: Lint{
		Toolchains: []Toolchain{{"maven", ""}, {"gradle", ""}, {"eclipse-temurin", "jre"}, {"openjdk", "jre"},
			{"amazoncorretto", "jre"}, {"sapmachine", "jre"}, {"ibm-semeru-runtimes", "jre"}},
		Commands: []Command{
			{Re: `mvnw? \S*\s*(dependency:go-offline|dependency:resolve)|gradlew? \S*\s*dependencies\b`, Download: true},
			{Re: `mvnw?\s|gradlew?\s`},
		},
		BuildOutputs: []BuildOutput{{"target", "pom.xml", "mvn package"}, {"target", "mvnw", "./mvnw package"},
			{"build", "build.gradle", "gradle build"}, {"build", "build.gradle.kts", "gradle build"}},
		ImageEnv: []ImageEnv{
			{"eclipse-temurin:", []string{"PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "JAVA_HOME=/opt/java/openjdk", "LANG=en_US.UTF-8"}},
			{"maven:", []string{"PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "JAVA_HOME=/opt/java/openjdk", "MAVEN_HOME=/usr/share/maven", "MAVEN_CONFIG=/root/.m2"}},
			{"gradle:", []string{"PATH=/opt/gradle/bin:/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "JAVA_HOME=/opt/java/openjdk", "GRADLE_HOME=/opt/gradle"}},
		},
	},
}

var (
	javaClassRe = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)+$`)
	// jarRe is a relative jar path; a "*" in the file name stands for a
	// part of the name the build computes (exactly one jar must match).
	jarRe        = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_./-]*/[A-Za-z0-9_*][A-Za-z0-9_.*+-]*\.jar$|^[A-Za-z0-9_][A-Za-z0-9_.+-]*\.jar$`)
	javaWordRe   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:@-]*$`)
	javaNameRe   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
	gradlePathRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*(:[A-Za-z0-9][A-Za-z0-9_.-]*)*$`)
	writableRe   = regexp.MustCompile(`^(\.|/?[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*)$`)
)

// javaLTS maps a bytecode level to the Temurin line that builds and runs it:
// the level itself when it is an LTS, else the next LTS. Level 8 (1.8)
// stays on Temurin 8 rather than a newer JDK with --release 8: the apps of
// that era (Spring Boot 1.x/2.0, JAXB from the JDK) also need Java 8 at run
// time. A level newer than the newest LTS dockgen knows is used as declared
// (Temurin publishes every feature release; detection warns), never the
// default.
func javaLTS(d, def string) string {
	v := strings.TrimPrefix(numRe.FindString(d), "1.")
	n := atoi(strings.Split(v, ".")[0])
	for _, lts := range []int{8, 11, 17, 21, 25} {
		if n <= lts && n > 0 {
			return strconv.Itoa(lts)
		}
	}
	if n > 0 {
		return strconv.Itoa(n)
	}
	return def
}
