package detect

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// Each manifest parser gets a fuzz target: the manifest's bytes are written
// into an otherwise fixed project and detection must neither panic nor
// produce a result that breaks the contract. Seed corpora live in
// testdata/fuzz/<Target>/; run one with `go test -fuzz FuzzPackageJSON ./generator/detect/`.

func FuzzGoMod(f *testing.F) {
	f.Add([]byte("module example.com/x\n\ngo 1.22\n\ntoolchain go1.22.6\n\nrequire github.com/mattn/go-sqlite3 v1.14.22\n"))
	fuzzManifest(f, "go.mod", map[string]string{"main.go": "package main\nfunc main() {}\n"})
}

func FuzzPackageJSON(f *testing.F) {
	f.Add([]byte(`{"name":"a","packageManager":"pnpm@9.1.0","engines":{"node":">=20"},"scripts":{"start":"npm run serve","serve":"node dist/server.js","build":"tsc"},"dependencies":{"express":"^4"}}`))
	fuzzManifest(f, "package.json", map[string]string{"yarn.lock": "", "index.html": "<html>"})
}

func FuzzPyproject(f *testing.F) {
	f.Add([]byte("[project]\nname = \"a\"\nrequires-python = \">=3.11\"\ndependencies = [\"flask\"]\n\n[tool.poetry.dependencies]\npython = \"^3.10\"\n"))
	fuzzManifest(f, "pyproject.toml", map[string]string{"app.py": "from flask import Flask\napp = Flask(__name__)\n"})
}

func FuzzPomXML(f *testing.F) {
	f.Add([]byte("<project><artifactId>a</artifactId><version>1</version><packaging>pom</packaging><modules><module>m</module></modules><properties><java.version>17</java.version></properties></project>"))
	f.Add([]byte("<project><artifactId>a</artifactId><version>1</version><build><finalName>${project.artifactId}</finalName><plugins><plugin><artifactId>maven-assembly-plugin</artifactId><executions><execution><id>x</id><goals><goal>single</goal></goals><configuration><descriptorRefs><descriptorRef>jar-with-dependencies</descriptorRef></descriptorRefs></configuration></execution></executions></plugin></plugins></build></project>"))
	fuzzManifest(f, "pom.xml", nil)
}

// FuzzSpringConfig: the application's YAML configuration (ports, paths it
// writes, profiles) is repository input too.
func FuzzSpringConfig(f *testing.F) {
	f.Add([]byte("server:\n  port: ${PORT:8080}\nspring:\n  datasource:\n    url: jdbc:sqlite:data/app.db\nlogging:\n  file:\n    name: logs/x.log\n"))
	fuzzManifest(f, "src/main/resources/application.yml", map[string]string{"pom.xml": "<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>3.4.1</version></parent><artifactId>a</artifactId><version>1</version></project>"})
}

func FuzzBuildGradle(f *testing.F) {
	f.Add([]byte("plugins { id 'org.springframework.boot' version '3.4.1' }\nversion = '1.0'\njava { toolchain { languageVersion = JavaLanguageVersion.of(21) } }\n"))
	f.Add([]byte("plugins { application\n id(\"com.gradleup.shadow\") }\nshadowJar { archiveClassifier.set(null) }\napplication { mainClass.set(\"a.B\") }\n"))
	fuzzManifest(f, "build.gradle", map[string]string{"settings.gradle": "rootProject.name = 'a'\n"})
}

// The Go start and runtime readers: a main package's source (commands,
// usage examples, flags, relative paths) and the Makefile recipe a UI build
// is followed through.
func FuzzGoSource(f *testing.F) {
	f.Add([]byte("package main\n\nimport \"os\"\n\ntype opts struct {\n\tServer s `command:\"server\"`\n\tPath string `long:\"path\" default:\"./var\"`\n}\n\nvar ex = `\n  $ x run\n`\n\nfunc init() { RegisterCommand(Command{Name: \"run\", Short: \"in the background\"}); os.ReadFile(\"./VERSION\") }\n"))
	fuzzManifest(f, "main.go", map[string]string{"go.mod": "module example.com/x\n\ngo 1.22\n", "VERSION": "1\n", "config.json": "{\"listen\": \"127.0.0.1:80\", \"m\": \"db/x\"}\n"})
}

func FuzzGoMakefile(f *testing.F) {
	f.Add([]byte("web:\n\tcd web \\\n\t\t&& npm run build \\\n\t\t&& mv build/index.html build/app.html \\\n\t\t&& mv build ../server/site\n"))
	fuzzManifest(f, "Makefile", map[string]string{
		"go.mod":             "module example.com/x\n\ngo 1.22\n",
		"main.go":            "package main\n\nimport _ \"example.com/x/server\"\n\nfunc main() {}\n",
		"server/server.go":   "package server\n\nimport \"embed\"\n\n//go:embed site\nvar site embed.FS\n",
		"web/package.json":   `{"scripts":{"build":"vite build"},"devDependencies":{"vite":"^6"}}`,
		"web/vite.config.js": "export default { build: { outDir: 'build' } }\n",
	})
}

func FuzzProcfile(f *testing.F) {
	f.Add([]byte("web: gunicorn --bind 0.0.0.0:$PORT --workers=2 app:app\n"))
	fuzzManifest(f, "Procfile", map[string]string{"requirements.txt": "flask\n", "app.py": "app = Flask(__name__)\n"})
}

func fuzzManifest(f *testing.F, name string, others map[string]string) {
	f.Fuzz(func(t *testing.T, data []byte) {
		root := t.TempDir()
		for n, body := range others {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(root, n)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, n), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		first, err := Dir(root)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Dir(root)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first, again) {
			t.Fatal("detection is not deterministic")
		}
		if first.Chosen < -1 || first.Chosen >= len(first.Projects) {
			t.Fatalf("chosen %d out of range for %d projects", first.Chosen, len(first.Projects))
		}
		for _, p := range first.Projects {
			if p.Port < 0 || p.Port > 65535 {
				t.Fatalf("port %d", p.Port)
			}
			for _, e := range p.Evidence {
				if e.Line < 0 {
					t.Fatalf("evidence line %d", e.Line)
				}
			}
		}
		if _, err := json.Marshal(first); err != nil {
			t.Fatal(err)
		}
	})
}
