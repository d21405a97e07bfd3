// Command dockgen turns a repository into a production-grade container build.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"

	"github.com/dockgen/dockgen/cmd/internal/cli"
	"github.com/dockgen/dockgen/cmd/internal/iostreams"
)

// Set by the Makefile with -ldflags -X.
var version, commit, date string

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, &cli.Factory{
		IO:     iostreams.System(),
		Build:  buildInfo(),
		Getenv: os.Getenv,
	}, os.Args[1:])
	stop()
	os.Exit(code)
}

func buildInfo() cli.BuildInfo {
	b := cli.BuildInfo{Version: version, Commit: commit, Date: date}
	if b.Version == "" {
		b.Version = "dev"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			b.Version = bi.Main.Version
		}
	}
	return b
}
