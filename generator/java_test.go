package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator"
	"github.com/dockgen/dockgen/generator/testkit"
)

func javaDockerfile(t *testing.T, dir string, req generator.Request) string {
	t.Helper()
	req.Dir, req.CI = dir, "none"
	res, err := generator.Generate(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if f.Path == "Dockerfile" {
			return string(f.Content)
		}
	}
	t.Fatal("no Dockerfile")
	return ""
}

// A wrapper committed without the executable bit (git mode 100644) is run
// through sh: ./mvnw would fail with "Permission denied".
func TestJavaWrapperNotExecutable(t *testing.T) {
	dir := testkit.Fixture(t, "java-maven-boot")
	if err := os.Chmod(filepath.Join(dir, "mvnw"), 0o644); err != nil {
		t.Fatal(err)
	}
	df := javaDockerfile(t, dir, generator.Request{})
	if !strings.Contains(df, "sh ./mvnw --batch-mode dependency:go-offline") || !strings.Contains(df, "sh ./mvnw --batch-mode -DskipTests package") {
		t.Errorf("wrapper not run through sh:\n%s", df)
	}
}

// --entry with a jar replaces the detected artifact, also an application
// distribution; a main class keeps the detected jar.
func TestJavaEntryOverrides(t *testing.T) {
	df := javaDockerfile(t, testkit.Fixture(t, "java-gradle-app"), generator.Request{Entry: "build/libs/notes-all.jar"})
	if !strings.Contains(df, "cp build/libs/notes-all.jar /out/application.jar") || strings.Contains(df, "bin/notes") || strings.Contains(df, "installDist") {
		t.Errorf("--entry jar did not replace the distribution:\n%s", df)
	}
	df = javaDockerfile(t, testkit.Fixture(t, "java-gradle-shadow"), generator.Request{Entry: "com.example.Admin"})
	if !strings.Contains(df, "cp build/libs/chat-1.2.0-all.jar") || !strings.Contains(df, `ENTRYPOINT ["java", "-cp", "application.jar", "com.example.Admin"]`) {
		t.Errorf("--entry class did not keep the jar:\n%s", df)
	}
}

func TestJavaWritableSetIsChecked(t *testing.T) {
	for _, bad := range []string{"../etc", "/var/data", "a b", "data;rm"} {
		_, err := generator.Generate(context.Background(), generator.Request{Dir: testkit.Fixture(t, "java-maven"), CI: "none", Set: map[string]string{"writable": bad}})
		if err == nil || !strings.Contains(err.Error(), "writable") {
			t.Errorf("writable=%q: got %v, want an error naming the variable", bad, err)
		}
	}
}

// Re-running from the answers file (which records the detected entry)
// writes the same Dockerfile: the recorded main class is no override of
// the application distribution's start script.
func TestJavaAnswersReplay(t *testing.T) {
	dir := testkit.Fixture(t, "java-gradle-app")
	first := javaDockerfile(t, dir, generator.Request{})
	again := javaDockerfile(t, dir, generator.Request{Entry: "com.example.Notes"})
	if first != again || !strings.Contains(again, `ENTRYPOINT ["/app/bin/notes"]`) {
		t.Errorf("replay changed the Dockerfile:\n%s\n---\n%s", first, again)
	}
}
