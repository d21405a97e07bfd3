package kind

import (
	"regexp"
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

	Manifests: []string{"pom.xml", "build.gradle", "build.gradle.kts"},
	LookedFor: []string{"pom.xml", "build.gradle"},
	CodeFiles: func(string, ListDir) []string {
		var files []string
		for _, n := range []string{"application.properties", "application.yml", "application.yaml"} {
			files = append(files, "src/main/resources/"+n)
		}
		return files
	},

	EntryHelp:      "Java jar or main class",
	EntryTitle:     "Jar or main class",
	VersionExample: "21",

	Entry: func(p *plan.Plan, entry string, _ bool) {
		p.Entry = entry
		if len(p.Java.Modules) == 0 {
			p.Java.Modules = map[string][]string{"maven": {"pom.xml"}, "gradle": {"build.gradle"}}[p.Tool]
		}
	},
	Validate: func(p *plan.Plan, _ Source) error {
		if p.Entry != "" && !jarRe.MatchString(p.Entry) && !javaClassRe.MatchString(p.Entry) {
			return &plan.FieldError{Field: "Java entry (--entry)", Value: p.Entry, Want: "want a jar path such as target/app.jar or a main class such as com.example.Main"}
		}
		for _, m := range p.Java.Modules {
			if !plan.SafeRel(m) {
				return &plan.FieldError{Field: "build file", Value: m, Want: "want a relative path"}
			}
		}
		return nil
	},

	Sample: "java-maven",

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
	jarRe       = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_./-]*\.jar$`)
)

// javaLTS maps a bytecode level to the Temurin line that builds and runs it:
// the level itself when it is an LTS, else the next LTS.
func javaLTS(d, def string) string {
	v := strings.TrimPrefix(numRe.FindString(d), "1.")
	n := atoi(strings.Split(v, ".")[0])
	for _, lts := range []int{8, 11, 17, 21, 25} {
		if n <= lts && n > 0 {
			return strconv.Itoa(lts)
		}
	}
	return def
}
