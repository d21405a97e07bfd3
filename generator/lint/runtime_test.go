package lint

import "testing"

// Committed folders the program reads by relative path, missing from the
// final stage (go-gin-example's conf/, go-clean-template's migrations/).
func TestRuntimeDirMissing(t *testing.T) {
	migrations := map[string]string{"go.mod": goMod,
		"main.go":                  "package main\n\nimport \"net/http\"\n\nvar src = \"file://migrations\"\n\nfunc main() { _ = http.ListenAndServe(\":8080\", nil) }\n",
		"migrations/1_init.up.sql": "create table t (id int);\n"}
	runTwins(t, []twin{
		{name: "binary only", rule: "DG833", line: 5,
			fires: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: migrations,
			quiet: goImage(".", "WORKDIR /app\nCOPY migrations/ /app/migrations/\n"+`ENTRYPOINT ["/usr/local/bin/app"]`+"\n")},
		{name: "copied from the build stage's tree", rule: "DG833", line: 5,
			fires: goImage(".", "COPY --from=build /out/ /app/\n"+`ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: migrations,
			quiet: goImage(".", "COPY --from=build /src /app\n"+`ENTRYPOINT ["/usr/local/bin/app"]`+"\n")},
		{name: "the whole context", rule: "DG833", line: 5,
			fires: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: migrations,
			quiet: goImage(".", "COPY . /app/\n"+`ENTRYPOINT ["/usr/local/bin/app"]`+"\n")},
	})
}

// A path the app writes, root-owned where a non-root user runs it
// (memos' and filebrowser's database in the working directory /, Flask's
// instance/, a Spring SQLite datasource, Django's db.sqlite3).
func TestRuntimeWriteDenied(t *testing.T) {
	goDB := map[string]string{"go.mod": goMod,
		"main.go": "package main\n\nimport \"net/http\"\n\nfunc init() { flags.StringP(\"database\", \"d\", \"./app.db\", \"database path\") }\n\nfunc main() { _ = http.ListenAndServe(\":8080\", nil) }\n"}
	goDSN := map[string]string{"go.mod": goMod,
		"main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tdb, _ := gorm.Open(\"sqlite3\", \"./../gorm.db\")\n\t_ = db\n\t_ = http.ListenAndServe(\":8080\", nil)\n}\n"}
	goAssign := map[string]string{"go.mod": goMod,
		"main.go": "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tif p.Data == \"\" {\n\t\tp.Data = \".\"\n\t}\n\t_ = http.ListenAndServe(\":8080\", nil)\n}\n"}
	flask := map[string]string{"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
		"app.py": "import os\nfrom flask import Flask\n\napp = Flask(__name__, instance_relative_config=True)\nos.makedirs(app.instance_path, exist_ok=True)\n"}
	ctfd := map[string]string{"requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
		"wsgi.py":         "from app import create_app\napp = create_app()\n",
		"app/__init__.py": "from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n",
		"app/config.py":   "import os\n\nclass Config:\n    UPLOAD_FOLDER = os.path.join(os.path.dirname(__file__), 'uploads')\n"}
	kuma := map[string]string{"package.json": `{"name":"a","scripts":{"start":"node server/server.js"},"dependencies":{"express":"^4.19.2"}}`,
		"server/server.js": "const fs = require(\"fs\");\nconst dataDir = process.env.DATA_DIR || \"./data/\";\nfs.mkdirSync(dataDir, { recursive: true });\nrequire(\"express\")().listen(3001);\n"}
	node := "FROM node:22-slim\nWORKDIR /app\nCOPY . .\n"
	boot := map[string]string{
		"pom.xml": `<project><parent><artifactId>spring-boot-starter-parent</artifactId><version>3.4.1</version></parent><artifactId>a</artifactId><version>1</version></project>`,
		"src/main/resources/application.properties": "spring.datasource.url=jdbc:sqlite:dev.db\n"}
	py := "FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\n"
	java := "FROM eclipse-temurin:21-jre\nRUN useradd --system --uid 10001 app\nWORKDIR /app\nCOPY target/app.jar ./\n"
	runTwins(t, []twin{
		{name: "go: no WORKDIR means /", rule: "DG834", line: 5,
			fires: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: goDB,
			quiet: goImage(".", "COPY --from=build --chown=65532:65532 /out/ /app/\nWORKDIR /app\n"+`ENTRYPOINT ["/usr/local/bin/app"]`+"\n")},
		// ollama, syncthing: SQLite is required, but the database lives
		// where the app's own setting says ($HOME), not surely in the cwd.
		{name: "go: SQLite alone says not where", rule: "DG834", line: 5,
			fires: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: goDB,
			quiet: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxQui: map[string]string{
				"go.mod":  goMod + "\nrequire modernc.org/sqlite v1.34.0\n",
				"main.go": "package main\n\nimport \"net/http\"\n\nvar meta = map[string]string{\"metadata_encoding\", \"data\"}\n\nfunc main() { _ = http.ListenAndServe(\":8080\", nil) }\n"}},
		{name: "go: a root-owned WORKDIR; a new one is the USER's", rule: "DG834", line: 5,
			fires: goImage(".", "WORKDIR /usr/local/bin\n"+`ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: goDB,
			quiet: goImage(".", "WORKDIR /app\n"+`ENTRYPOINT ["/usr/local/bin/app", "-d", "/data/app.db"]`+"\n")},
		// golang-gin-realworld-example-app: gorm.Open("sqlite3", "./../gorm.db").
		{name: "go: an SQLite file opened by a relative literal", rule: "DG834", line: 5,
			fires: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: goDSN,
			quiet: goImage(".", "COPY --from=build --chown=65532:65532 /out/ /app/\nWORKDIR /app/run\n"+`ENTRYPOINT ["/usr/local/bin/app"]`+"\n")},
		// Handing /app over does not reach ../gorm.db, which is / itself.
		{name: "go: an SQLite file above a handed working directory", rule: "DG834", line: 5,
			fires: goImage(".", "COPY --from=build --chown=65532:65532 /out/ /app/\nWORKDIR /app\n"+`ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: goDSN,
			quiet: goImage(".", "COPY --from=build --chown=65532:65532 /out/ /app/\nWORKDIR /app/run\n"+`ENTRYPOINT ["/usr/local/bin/app"]`+"\n")},
		// memos: p.Data = "." when --data is unset.
		{name: "go: a data folder assigned the working directory", rule: "DG834", line: 5,
			fires: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: goAssign,
			quiet: goImage(".", "COPY --from=build --chown=65532:65532 /out/ /app/\nWORKDIR /app\n"+`ENTRYPOINT ["/usr/local/bin/app"]`+"\n")},
		{name: "go: root may write", rule: "DG834", line: 5,
			fires: goImage(".", `ENTRYPOINT ["/usr/local/bin/app"]`+"\n"), ctxFire: goDB,
			quiet: goImage(".", "USER 0\n"+`ENTRYPOINT ["/usr/local/bin/app"]`+"\n")},
		{name: "python: Flask instance/", rule: "DG834", line: 1,
			fires: py + "USER 10001:10001\n" + `CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]` + "\n", ctxFire: flask,
			quiet: py + "RUN mkdir -p instance && chown -R 10001:10001 instance\nUSER 10001:10001\n" + `CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]` + "\n"},
		// CTFd: UPLOAD_FOLDER = os.path.join(os.path.dirname(__file__), "uploads").
		{name: "python: a folder joined to the module's own", rule: "DG834", line: 1,
			fires: py + "USER 10001:10001\n" + `CMD ["gunicorn", "-b", "0.0.0.0:8000", "wsgi:app"]` + "\n", ctxFire: ctfd,
			quiet: py + "RUN mkdir -p app/uploads && chown -R 10001:10001 app/uploads\nUSER 10001:10001\n" + `CMD ["gunicorn", "-b", "0.0.0.0:8000", "wsgi:app"]` + "\n"},
		// uptime-kuma: dataDir defaults to ./data/, mkdirSync'd at start.
		{name: "node: a data folder the server creates", rule: "DG834", line: 1,
			fires: node + "USER 1000:1000\n" + `CMD ["node", "server/server.js"]` + "\n", ctxFire: kuma,
			quiet: node + "RUN mkdir -p data && chown -R 1000:1000 data\nUSER 1000:1000\n" + `CMD ["node", "server/server.js"]` + "\n"},
		{name: "python: paths are the project's, wherever the process runs", rule: "DG834", line: 1,
			fires: "FROM python:3.13-slim\nWORKDIR /tmp\nCOPY . /srv/app\nUSER 10001:10001\n" + `CMD ["gunicorn", "--chdir", "/srv/app", "app:app"]` + "\n", ctxFire: flask,
			quiet: "FROM python:3.13-slim\nWORKDIR /srv\nCOPY . /tmp/app\nUSER 10001:10001\n" + `CMD ["gunicorn", "--chdir", "/tmp/app", "app:app"]` + "\n"},
		{name: "java: SQLite in the working directory", rule: "DG834", line: 1,
			fires: java + "USER 10001:10001\n" + `ENTRYPOINT ["java", "-jar", "app.jar"]` + "\n", ctxFire: boot,
			quiet: java + "RUN chown 10001:10001 /app\nUSER 10001:10001\n" + `ENTRYPOINT ["java", "-jar", "app.jar"]` + "\n"},
		// healthchecks/healthchecks: /data is its user's, for DB_NAME set at run time.
		{name: "a path handed to the user elsewhere", rule: "DG834", line: 1,
			fires: py + "USER 10001:10001\n" + `CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]` + "\n", ctxFire: flask,
			quiet: py + "RUN mkdir /data && chown 10001 /data\nUSER 10001:10001\n" + `CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]` + "\n"},
		// mall-admin: logging.file.path /var/logs; Logback goes on without the file.
		{name: "java: a log folder alone stops nothing", rule: "DG834", line: 1,
			fires: java + "USER 10001:10001\n" + `ENTRYPOINT ["java", "-jar", "app.jar"]` + "\n", ctxFire: boot,
			quiet: java + "USER 10001:10001\n" + `ENTRYPOINT ["java", "-jar", "app.jar"]` + "\n", ctxQui: map[string]string{"pom.xml": boot["pom.xml"],
				"src/main/resources/application.properties": "logging.file.path=/var/logs\n"}},
		{name: "a --chown lint cannot resolve", rule: "DG834", line: 1,
			fires: py + "USER app\n" + `CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]` + "\n", ctxFire: flask,
			quiet: "FROM python:3.13-slim\nWORKDIR /app\nCOPY --chown=${APP_UID} . .\nUSER app\n" + `CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]` + "\n"},
		{name: "an unknown base image may own its folders", rule: "DG834", line: 1,
			fires: java + "USER 10001:10001\n" + `ENTRYPOINT ["java", "-jar", "app.jar"]` + "\n", ctxFire: boot,
			quiet: "FROM acme/java-runtime:21\nWORKDIR /app\nCOPY target/app.jar ./\nUSER 10001:10001\n" + `ENTRYPOINT ["java", "-jar", "app.jar"]` + "\n"},
	})
}
