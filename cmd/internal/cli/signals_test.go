package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
)

func TestCompletionUnknownShellIsAUsageError(t *testing.T) {
	code, out, errOut := run(t, nil, "completion", "nosuchshell")
	if code != ExitUsage || !strings.Contains(errOut, `completion "nosuchshell": no such shell; valid shells are bash, fish, powershell, zsh`) {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
	if code, out, errOut := run(t, nil, "completion", "bash"); code != 0 || !strings.HasPrefix(out, "# bash completion") {
		t.Errorf("completion bash: exit %d: %.80s%s", code, out, errOut)
	}
	if code, out, _ := run(t, nil, "completion"); code != 0 || !strings.Contains(out, "Available Commands:") {
		t.Errorf("completion: exit %d: %s", code, out)
	}
}

// A step that fails once Ctrl-C has cancelled the context failed because
// of it: exit 130 and "interrupted", not the step's error.
func TestFailureAfterInterruptExits130(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ios, _, _, errOut := iostreams.Test()
	f := &Factory{IO: ios, Build: BuildInfo{Version: "1.2.3"}, Getenv: func(string) string { return "" }}
	code := Run(ctx, f, []string{"--dir", filepath.Join(t.TempDir(), "missing")})
	if code != ExitCancel || errOut.String() != "interrupted\n" {
		t.Errorf("exit %d: %q", code, errOut.String())
	}
}
