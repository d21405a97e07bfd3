package lint

import "testing"

// kestra: java -jar with no subcommand prints the CLI help and exits; the
// README starts the server as `server local`. A root that runs by itself
// is no fault.
func TestJavaStartSubcommandMissing(t *testing.T) {
	gradle := "plugins {\n    id 'application'\n}\nrepositories { mavenCentral() }\nfinal mainClassName = \"com.example.cli.App\"\napplication {\n    mainClass = mainClassName\n}\n"
	app := func(call string) string {
		return "package com.example.cli;\n\nimport picocli.CommandLine;\nimport java.util.concurrent.Callable;\n\n@CommandLine.Command(name = \"flowrunner\", subcommands = {\n    ServerCommand.class,\n})\npublic class App implements Callable<Integer> {\n    public static void main(String[] args) {\n        System.exit(new CommandLine(new App()).execute(args));\n    }\n\n    @Override\n    public Integer call() throws Exception {\n        " + call + "\n    }\n}\n"
	}
	server := "package com.example.cli;\n\nimport picocli.CommandLine;\n\n@CommandLine.Command(name = \"server\")\npublic class ServerCommand {\n}\n"
	ctx := func(call string) map[string]string {
		return map[string]string{"build.gradle": gradle, "settings.gradle": "rootProject.name = 'flowrunner'\n",
			"README.md":                                        "    docker run example/flowrunner:latest server local\n",
			"src/main/java/com/example/cli/App.java":           app(call),
			"src/main/java/com/example/cli/ServerCommand.java": server}
	}
	img := "FROM eclipse-temurin:21-jre\nWORKDIR /app\nCOPY build/libs/app.jar application.jar\nUSER 10001:10001\n"
	runTwins(t, []twin{
		{name: "the root only prints its help", rule: "DG831", line: 5,
			fires: img + `ENTRYPOINT ["java", "-jar", "application.jar"]` + "\n", ctxFire: ctx(`return new CommandLine(new App()).execute("--help");`),
			quiet: img + `ENTRYPOINT ["java", "-jar", "application.jar"]` + "\n" + `CMD ["server", "local"]` + "\n"},
		{name: "a root that runs by itself", rule: "DG831", line: 5,
			fires: img + `ENTRYPOINT ["java", "-jar", "application.jar"]` + "\n", ctxFire: ctx(`return new CommandLine(new App()).execute("--help");`),
			quiet: img + `ENTRYPOINT ["java", "-jar", "application.jar"]` + "\n", ctxQui: ctx(`startServer(); return 0;`)},
	})
}
