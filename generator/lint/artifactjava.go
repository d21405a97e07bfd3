package lint

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// javaBuild reads a Maven or Gradle command (mvn, ./mvnw, gradle,
// ./gradlew, also through sh): whether it builds the artifact (a Maven
// package/install/verify, a Gradle task that makes a jar or
// distribution), and the build profiles its -P flags name.
func javaBuild(w []string) (builds bool, profiles []string) {
	if len(w) > 1 && (w[0] == "sh" || w[0] == "bash") {
		w = w[1:]
	}
	if len(w) == 0 {
		return false, nil
	}
	tool := path.Base(w[0])
	maven := tool == "mvn" || tool == "mvnw"
	if !maven && tool != "gradle" && tool != "gradlew" {
		return false, nil
	}
	goals := []string{"package", "install", "verify", "deploy"}
	if !maven {
		goals = []string{"build", "assemble", "jar", "bootJar", "bootWar", "shadowJar", "installDist", "quarkusBuild", "war"}
	}
	for i := 1; i < len(w); i++ {
		a := w[i]
		switch {
		case a == "-P" || a == "--activate-profiles":
			if i+1 < len(w) {
				i++
				profiles = append(profiles, strings.Split(w[i], ",")...)
			}
		case strings.HasPrefix(a, "--activate-profiles="):
			profiles = append(profiles, strings.Split(strings.TrimPrefix(a, "--activate-profiles="), ",")...)
		case strings.HasPrefix(a, "-P"):
			// Maven -Pprod,webapp; Gradle -Pprod is a project property,
			// which is how JHipster's Gradle build picks its profile.
			v, _, _ := strings.Cut(strings.TrimPrefix(a, "-P"), "=")
			profiles = append(profiles, strings.Split(v, ",")...)
		case !strings.HasPrefix(a, "-"):
			task := a[strings.LastIndex(a, ":")+1:] // :app:bootJar
			if slices.Contains(goals, task) {
				builds = true
			}
		}
	}
	return builds, profiles
}

// checkJavaProfile: DG825 when the project defines the profile its
// production build needs (detection's Java.Profiles: JHipster's prod, a
// POM's prod profile) and a RUN builds the artifact without it: the image
// runs the development build (JHipster: the dev Spring profile with an
// in-memory H2 database, the client's dev bundle).
func (c *checker) checkJavaProfile(run *instructions.RunCommand) {
	text := strings.Join(run.CmdLine, " ")
	if !strings.Contains(text, "mvn") && !strings.Contains(text, "gradle") {
		return
	}
	p := c.project()
	if p == nil || p.Lang != "java" || len(p.Java.Profiles) == 0 {
		return
	}
	for _, sc := range shellCommands(text, "/") {
		builds, named := javaBuild(sc.words)
		if !builds {
			continue
		}
		for _, want := range p.Java.Profiles {
			if !slices.Contains(named, want) && !c.profileActivates(want) {
				c.add(JavaProfileMissing, line(run), sc.words[0]+" builds without -P"+want+", the profile the project's production build uses"+c.profileWhere())
				return
			}
		}
	}
}

// profileWhere cites detection's evidence for the production profile.
func (c *checker) profileWhere() string {
	for _, e := range c.project().Evidence {
		if strings.Contains(e.Fact, "-Pprod") {
			return " (" + e.File + ": " + e.Fact + ")"
		}
	}
	return ""
}

// checkJarRef: DG824 when a step takes a jar from the folder the
// project's build writes its runnable jar to (detection's Java.Jar: the
// assembly jar-with-dependencies, the shaded or Boot jar), but not that
// jar: the plain jar has no dependencies, often no Main-Class, and java
// -jar stops at start.
func (c *checker) checkJarRef(ln int, ctxPath string) {
	if !strings.HasSuffix(ctxPath, ".jar") {
		return
	}
	p := c.project()
	if p == nil || p.Lang != "java" || p.Java.Jar == "" || p.Java.MainClass != "" {
		return
	}
	want := path.Join(c.projectDir, p.Java.Jar)
	if path.Dir(ctxPath) != path.Dir(want) || !strings.HasSuffix(ctxPath, ".jar") {
		return
	}
	if ok, err := path.Match(path.Base(want), path.Base(ctxPath)); ok || err != nil {
		return
	}
	c.add(JavaThinJar, ln, "takes "+ctxPath+", but the project's runnable jar is "+want+c.jarWhere())
}

// jarWhere cites detection's evidence for the runnable jar (the plugin
// that makes it).
func (c *checker) jarWhere() string {
	for _, e := range c.project().Evidence {
		for _, k := range []string{"jar-with-dependencies", "shade", "Spring Boot", "shadow", "bootJar"} {
			if strings.Contains(e.Fact, k) {
				return " (" + e.File + ": " + e.Fact + ")"
			}
		}
	}
	return ""
}

// checkJarRun: DG824 on the jars a RUN copies, moves or starts.
func (c *checker) checkJarRun(run *instructions.RunCommand, v *imageView) {
	text := strings.Join(run.CmdLine, " ")
	if !strings.Contains(text, ".jar") {
		return
	}
	for _, sc := range shellCommands(text, v.workdir) {
		if sc.dir == "" || len(sc.words) < 2 || !slices.Contains([]string{"cp", "mv", "java", "ln"}, sc.words[0]) {
			continue
		}
		args := sc.words[1:]
		if sc.words[0] != "java" && len(args) > 1 {
			args = args[:len(args)-1] // the destination
		}
		for _, a := range args {
			if !strings.HasSuffix(a, ".jar") || strings.HasPrefix(a, "-") || strings.Contains(a, "$") || hasGlobMeta(a) {
				continue
			}
			img := path.Join(sc.dir, a)
			if strings.HasPrefix(a, "/") {
				img = path.Clean(a)
			}
			if ctxPath, ok := v.contextPath(img); ok {
				c.checkJarRef(line(run), ctxPath)
			}
		}
	}
}

var pomProfileRe = regexp.MustCompile(`(?s)<profile>.*?</profile>`)

// profileActivates: the POM's profile has an <activation> of its own
// (activeByDefault, a property, a JDK): Maven may use it without -P, so
// its absence from the command proves nothing.
func (c *checker) profileActivates(id string) bool {
	data, err := c.ctx.readFile(path.Join(c.projectDir, "pom.xml"))
	if err != nil {
		return false
	}
	for _, block := range pomProfileRe.FindAll(data, 50) {
		if strings.Contains(string(block), "<id>"+id+"</id>") && strings.Contains(string(block), "<activation>") {
			return true
		}
	}
	return false
}
