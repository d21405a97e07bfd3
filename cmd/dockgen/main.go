// Command dockgen turns a repository into a production-grade container build.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"time"

	"github.com/dockgen/dockgen/cmd/internal/cli"
	"github.com/dockgen/dockgen/cmd/internal/iostreams"
)

// Set by the Makefile with -ldflags -X.
var version, commit, date string

// interruptGrace is how long a step has, after Ctrl-C cancelled the
// context, to stop on its own (and clean up) before the process exits
// anyway: a read that blocks (a prompt on a line-mode terminal, a pipe, a
// FIFO) or a loop that does not check the context must not keep the user
// waiting. Ctrl-C ends dockgen within 100 ms either way.
const interruptGrace = 25 * time.Millisecond

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	var exit sync.Once // the first of Run's return and the deadline exits
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt)
	go func() {
		<-sig
		cancel()
		select {
		case <-sig: // a second Ctrl-C: now
		case <-time.After(interruptGrace):
		}
		exit.Do(func() {
			fmt.Fprintln(os.Stderr, "\ninterrupted")
			os.Exit(cli.ExitCancel)
		})
	}()
	code := cli.Run(ctx, &cli.Factory{
		IO:     iostreams.System(),
		Build:  buildInfo(),
		Getenv: os.Getenv,
	}, os.Args[1:])
	exit.Do(func() { os.Exit(code) })
	select {} // the interrupt is exiting
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
