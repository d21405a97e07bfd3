package detect

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// javaProject writes files (name -> content) into a fresh directory and
// detects the project at its root.
func javaProject(t *testing.T, files map[string]string) (*Project, []Warning) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		mode := os.FileMode(0o644)
		if strings.HasSuffix(name, "+x") {
			p, mode = strings.TrimSuffix(p, "+x"), 0o755
		}
		if err := os.WriteFile(p, []byte(content), mode); err != nil {
			t.Fatal(err)
		}
	}
	p, warnings, err := DetectLang(dir, "java")
	if err != nil || p == nil {
		t.Fatalf("detect: %v %v", p, err)
	}
	return p, warnings
}

const plainPom = `<project><artifactId>app</artifactId><version>1.0</version></project>`

func TestWrapperWithoutExecutableBit(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"executable", map[string]string{"pom.xml": plainPom, "mvnw+x": "#!/bin/sh\n"}, ""},
		{"sh", map[string]string{"pom.xml": plainPom, "mvnw": "#!/bin/sh\n"}, "sh"},
		{"bash", map[string]string{"pom.xml": plainPom, "mvnw": "#!/usr/bin/env bash\n"}, "bash"},
		{"gradle", map[string]string{"build.gradle": "plugins { id 'java' }\n", "gradlew": "#!/bin/sh\n", "gradle/wrapper/gradle-wrapper.properties": ""}, "sh"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, _ := javaProject(t, c.files)
			if !p.Java.Wrapper || p.Java.WrapperShell != c.want {
				t.Errorf("wrapper %v shell %q, want shell %q", p.Java.Wrapper, p.Java.WrapperShell, c.want)
			}
		})
	}
}

func TestJavaLevelAboveKnownWarns(t *testing.T) {
	p, warnings := javaProject(t, map[string]string{"pom.xml": `<project><artifactId>a</artifactId><version>1</version><properties><java.version>26</java.version></properties></project>`})
	if p.Version != "26" || len(warnings) != 1 || !strings.Contains(warnings[0].Msg, "Java 26 is newer") {
		t.Errorf("version %q warnings %v", p.Version, warnings)
	}
}

// A parent POM outside the repository (no .git above it) is not read.
func TestParentPOMStaysInRepository(t *testing.T) {
	top := t.TempDir()
	os.WriteFile(filepath.Join(top, "pom.xml"), []byte(`<project><artifactId>parent</artifactId><version>9</version><properties><java.version>1.8</java.version></properties></project>`), 0o644)
	mod := filepath.Join(top, "mod")
	os.Mkdir(mod, 0o755)
	os.WriteFile(filepath.Join(mod, "pom.xml"), []byte(`<project><parent><artifactId>parent</artifactId><version>9</version></parent><artifactId>mod</artifactId></project>`), 0o644)
	// The module is a repository of its own: the POM above it is outside.
	os.Mkdir(filepath.Join(mod, ".git"), 0o755)
	p, _, err := DetectLang(mod, "java")
	if err != nil || p.Version != "" {
		t.Fatalf("parent above the repository: version %q (%v), want none", p.Version, err)
	}
	// Inside the repository (and, without .git, within the levels a build
	// root may climb, as Maven's relativePath does) the parent is read.
	os.Remove(filepath.Join(mod, ".git"))
	os.Mkdir(filepath.Join(top, ".git"), 0o755)
	p, _, _ = DetectLang(mod, "java")
	if p.Version != "1.8" || p.Entry != "target/mod-9.jar" {
		t.Errorf("in the repository: version %q entry %q, want 1.8 and the inherited version", p.Version, p.Entry)
	}
}

func TestMavenArtifacts(t *testing.T) {
	pom := func(build string) string {
		return `<project><artifactId>svc</artifactId><version>2.0</version><build>` + build + `</build></project>`
	}
	for _, c := range []struct {
		name, build, jar string
		goals            []string
	}{
		{"main artifact", ``, "target/svc-2.0.jar", nil},
		{"build finalName", `<finalName>${project.artifactId}</finalName>`, "target/svc.jar", nil},
		{"boot plugin finalName", `<plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId><configuration><finalName>config</finalName></configuration></plugin></plugins>`, "target/config.jar", []string{"spring-boot:repackage"}}, // no parent binds the repackage
		{"boot classifier by id", `<plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId><executions><execution><id>repackage</id><configuration><classifier>exec</classifier></configuration></execution></executions></plugin></plugins>`, "target/svc-2.0-exec.jar", nil},
		{"shade replaces", `<plugins><plugin><artifactId>maven-shade-plugin</artifactId><executions><execution><goals><goal>shade</goal></goals></execution></executions></plugin></plugins>`, "target/svc-2.0.jar", nil},
		{"shade attached default classifier", `<plugins><plugin><artifactId>maven-shade-plugin</artifactId><configuration><shadedArtifactAttached>true</shadedArtifactAttached></configuration><executions><execution><goals><goal>shade</goal></goals></execution></executions></plugin></plugins>`, "target/svc-2.0-shaded.jar", nil},
		{"shade finalName", `<plugins><plugin><artifactId>maven-shade-plugin</artifactId><executions><execution><goals><goal>shade</goal></goals><configuration><finalName>svc-fat</finalName></configuration></execution></executions></plugin></plugins>`, "target/svc-fat.jar", nil},
		{"assembly bound", `<plugins><plugin><artifactId>maven-assembly-plugin</artifactId><configuration><descriptorRefs><descriptorRef>jar-with-dependencies</descriptorRef></descriptorRefs></configuration><executions><execution><phase>package</phase><goals><goal>single</goal></goals></execution></executions></plugin></plugins>`, "target/svc-2.0-jar-with-dependencies.jar", nil},
		{"assembly unbound, plugin configuration", `<plugins><plugin><artifactId>maven-assembly-plugin</artifactId><configuration><finalName>bundle</finalName><appendAssemblyId>false</appendAssemblyId><descriptorRefs><descriptorRef>jar-with-dependencies</descriptorRef></descriptorRefs></configuration></plugin></plugins>`, "target/bundle.jar", []string{"assembly:single"}},
		{"assembly unbound execution without id", `<plugins><plugin><artifactId>maven-assembly-plugin</artifactId><executions><execution><goals><goal>single</goal></goals><configuration><descriptorRefs><descriptorRef>jar-with-dependencies</descriptorRef></descriptorRefs></configuration></execution></executions></plugin></plugins>`, "target/svc-2.0-jar-with-dependencies.jar", []string{"assembly:single@default"}},
		{"unresolvable name", `<finalName>${git.tag}</finalName>`, "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, _ := javaProject(t, map[string]string{"pom.xml": pom(c.build)})
			if p.Java.Jar != c.jar || !slices.Equal(p.Java.Goals, c.goals) {
				t.Errorf("jar %q goals %v, want %q %v", p.Java.Jar, p.Java.Goals, c.jar, c.goals)
			}
		})
	}
}

func TestMavenBootAndQuarkusPackaging(t *testing.T) {
	p, _ := javaProject(t, map[string]string{"pom.xml": `<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>3.4.1</version></parent><artifactId>a</artifactId><version>1</version><build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build></project>`})
	if len(p.Java.Goals) != 0 || p.Java.Jar != "target/a-1.jar" {
		t.Errorf("starter parent: goals %v jar %q", p.Java.Goals, p.Java.Jar)
	}
	p, _ = javaProject(t, map[string]string{"pom.xml": `<project><artifactId>q</artifactId><version>1.0</version><packaging>quarkus</packaging></project>`, "src/main/resources/application.properties": "quarkus.package.jar.type=uber-jar\n"})
	if p.Java.Quarkus || p.Framework != "quarkus" || p.Java.Jar != "target/q-1.0-runner.jar" {
		t.Errorf("quarkus uber-jar: quarkus %v framework %q jar %q", p.Java.Quarkus, p.Framework, p.Java.Jar)
	}
}

func TestGradleArtifacts(t *testing.T) {
	for _, c := range []struct {
		name, build, props, jar, task string
	}{
		{"boot, plain jar configured beside", "plugins { id 'org.springframework.boot' version '3.4.1' }\nversion = '1.0'\njar { archiveClassifier = 'plain' }\n", "", "build/libs/demo-1.0.jar", "bootJar"},
		{"boot archiveFileName", "plugins { id 'org.springframework.boot' version '3.4.1' }\ntasks.named('bootJar') { archiveFileName = 'app.jar' }\n", "", "build/libs/app.jar", "bootJar"},
		{"boot computed name", "plugins { id 'org.springframework.boot' version '3.4.1' }\nbootJar { archiveFileName = \"${project.name}.jar\" }\n", "", "build/libs/*.jar", "bootJar"},
		{"shadow classifier removed", "plugins { id 'com.github.johnrengelman.shadow' version '8.1.1' }\nshadowJar { archiveClassifier.set('') }\n", "version=3.1\n", "build/libs/demo-3.1.jar", "shadowJar"},
		{"shadow computed version", "plugins { id 'com.gradleup.shadow' version '8.3.5' }\nversion = gitVersion()\n", "", "build/libs/demo*-all.jar", "shadowJar"},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"build.gradle": c.build, "settings.gradle": "rootProject.name = 'demo'\n"}
			if c.props != "" {
				files["gradle.properties"] = c.props
			}
			p, _ := javaProject(t, files)
			if p.Java.Jar != c.jar || !slices.Equal(p.Java.Goals, []string{c.task}) {
				t.Errorf("jar %q goals %v, want %q [%s]", p.Java.Jar, p.Java.Goals, c.jar, c.task)
			}
		})
	}
}

func TestWritablePath(t *testing.T) {
	for _, c := range []struct {
		key, value string
		dir        bool
		want       string
	}{
		{"spring.datasource.url", "jdbc:sqlite:dev.db", false, "."},
		{"spring.datasource.url", "jdbc:sqlite:file:./data/app.db?cache=shared", false, "data"},
		{"spring.datasource.url", "jdbc:sqlite::memory:", false, ""},
		{"spring.datasource.url", "jdbc:h2:file:./db/store;AUTO_SERVER=TRUE", false, "db"},
		{"spring.datasource.url", "jdbc:h2:./h2/app", false, "h2"},
		{"spring.datasource.url", "jdbc:h2:mem:test", false, ""},
		{"spring.datasource.url", "jdbc:h2:~/app", false, ""},
		{"spring.datasource.url", "jdbc:postgresql://db:5432/app", false, ""},
		{"spring.datasource.url", "${DB_URL:jdbc:sqlite:var/app.db}", false, "var"},
		{"spring.datasource.url", "${DB_URL}", false, ""},
		{"logging.file.name", "logs/app.log", false, "logs"},
		{"logging.file.path", "/var/logs", true, "/var/logs"},
		{"logging.file.name", "../escape.log", false, ""},
		{"spring.servlet.multipart.location", "uploads; rm -rf /", true, ""},
	} {
		if got := writablePath(c.key, c.value, c.dir); got != c.want {
			t.Errorf("%s=%s: got %q, want %q", c.key, c.value, got, c.want)
		}
	}
}

func TestFlattenYAML(t *testing.T) {
	got := flattenYAML([]byte("server:\n  # port: 443\n  port: ${PORT:5000}\nspring:\n  datasource:\n    url: \"jdbc:sqlite:x.db\" # local\n  jpa:\n    show-sql: true\n---\nlogging:\n  file:\n    name: app.log\n"))
	for k, v := range map[string]string{"server.port": "${PORT:5000}", "spring.datasource.url": "jdbc:sqlite:x.db", "spring.jpa.show-sql": "true", "logging.file.name": "app.log"} {
		if got[k].value != v {
			t.Errorf("%s = %q, want %q", k, got[k].value, v)
		}
	}
	if got["server.port"].line != 3 {
		t.Errorf("server.port line %d, want 3", got["server.port"].line)
	}
}

func TestSpringProfileOnlyWithEvidence(t *testing.T) {
	boot := `<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>3.4.1</version></parent><artifactId>a</artifactId><version>1</version></project>`
	p, warnings := javaProject(t, map[string]string{"pom.xml": boot, "src/main/resources/application.yml": "spring:\n  profiles:\n    active: dev\n", "src/main/resources/application-dev.yml": "x: 1\n"})
	if p.Java.SpringProfile != "" || len(warnings) != 1 || !strings.Contains(warnings[0].Msg, "no prod profile") {
		t.Errorf("no prod profile: profile %q warnings %v", p.Java.SpringProfile, warnings)
	}
	if _, warnings := javaProject(t, map[string]string{"pom.xml": boot, "src/main/resources/application.yml": "spring:\n  profiles:\n    active: native\n"}); len(warnings) != 0 {
		t.Errorf("a non-development profile warned: %v", warnings)
	}
	p, _ = javaProject(t, map[string]string{"pom.xml": boot, "src/main/resources/config/application-prod.yml": "server:\n  port: 8443\n"})
	if p.Java.SpringProfile != "prod" || p.Port != 8443 {
		t.Errorf("prod profile: profile %q port %d", p.Java.SpringProfile, p.Port)
	}
}

// Without a settings file Gradle names the project after the directory it
// runs in (the build stage's /build, not the checkout's name).
func TestGradleNameWithoutSettings(t *testing.T) {
	p, _ := javaProject(t, map[string]string{"build.gradle": "plugins { id 'org.springframework.boot' version '2.6.3' }\nversion = '0.0.1-SNAPSHOT'\n"})
	if p.Java.Jar != "build/libs/*-0.0.1-SNAPSHOT.jar" {
		t.Errorf("jar %q", p.Java.Jar)
	}
	p, _ = javaProject(t, map[string]string{"build.gradle": "plugins { id 'application' }\napplication { mainClass = 'a.Main' }\n"})
	if p.Java.Dist != "" || p.Java.MainClass != "a.Main" || p.Java.Jar != "build/libs/*.jar" {
		t.Errorf("application without settings: dist %q main %q jar %q", p.Java.Dist, p.Java.MainClass, p.Java.Jar)
	}
}

// Micronaut's application plugin applies Gradle's: without Shadow the
// runnable form is installDist's distribution, not the thin jar.
func TestGradleMicronautApplication(t *testing.T) {
	p, _ := javaProject(t, map[string]string{
		"build.gradle.kts":    "plugins {\n    id(\"io.micronaut.application\") version \"4.4.4\"\n}\napplication {\n    mainClass.set(\"example.Application\")\n}\n",
		"settings.gradle.kts": "rootProject.name = \"hello\"\n",
	})
	if p.Java.Dist != "hello" || !slices.Equal(p.Java.Goals, []string{"installDist"}) {
		t.Errorf("dist %q goals %v", p.Java.Dist, p.Java.Goals)
	}
}

func TestUnderHome(t *testing.T) {
	for v, want := range map[string]bool{
		"jdbc:h2:~/test": true, "jdbc:h2:file:~/data/db;MODE=MySQL": true, "jdbc:h2:mem:x": false,
		"jdbc:sqlite:dev.db": false, "${DB:jdbc:h2:~/x}": true,
	} {
		if got := underHome("spring.datasource.url", v); got != want {
			t.Errorf("%s: got %v", v, got)
		}
	}
	if !underHome("logging.file.path", "${user.home}/logs") || underHome("logging.file.path", "logs") {
		t.Error("logging.file.path under home")
	}
}

func TestBootLayout(t *testing.T) {
	for v, want := range map[string]string{"3.4.1": "tools", "3.2.0": "layertools", "3.1.0": "layertools-legacy", "2.7.5": "layertools-legacy", "2.4.0": "layertools-legacy", "2.3.12.RELEASE": "", "2.2.5.RELEASE": "", "": "tools"} {
		if got := bootLayout(v); got != want {
			t.Errorf("bootLayout(%q) = %q, want %q", v, got, want)
		}
	}
}

func TestBootLayersSetting(t *testing.T) {
	pom := func(version, enabled string) string {
		return `<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>` + version + `</version></parent><artifactId>a</artifactId><version>1</version><build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId><configuration><layers><enabled>` + enabled + `</enabled></layers></configuration></plugin></plugins></build></project>`
	}
	if p, _ := javaProject(t, map[string]string{"pom.xml": pom("2.3.4.RELEASE", "true")}); p.Java.BootLayout != "layertools-legacy" {
		t.Errorf("2.3 with layers enabled: %q", p.Java.BootLayout)
	}
	if p, _ := javaProject(t, map[string]string{"pom.xml": pom("3.4.1", "false")}); p.Java.BootLayout != "" {
		t.Errorf("3.4 with layers disabled: %q", p.Java.BootLayout)
	}
}

// A module of a reactor reads its parent POM above it also in a checkout
// without .git (a downloaded archive), as far as a build root may be: the
// Spring Boot version there decides the layer extraction.
func TestParentPOMReadWithoutGit(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"pom.xml": `<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>root</artifactId><version>1</version><packaging>pom</packaging>
<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>2.7.18</version></parent>
<modules><module>app</module></modules></project>`,
		"app/pom.xml": `<project><modelVersion>4.0.0</modelVersion><artifactId>app</artifactId>
<parent><groupId>g</groupId><artifactId>root</artifactId><version>1</version></parent>
<build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build></project>`,
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Dir(filepath.Join(dir, "app"))
	if err != nil || res.Chosen < 0 {
		t.Fatalf("%v %+v", err, res)
	}
	if got := res.Projects[res.Chosen].Java.BootLayout; got != "layertools-legacy" {
		t.Errorf("Boot 2.7 from the parent POM: layout %q, want layertools-legacy", got)
	}
}
