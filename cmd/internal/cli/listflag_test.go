package cli

import (
	"strings"
	"testing"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
)

func parseArgs(t *testing.T, args ...string) (*GenerateOptions, error) {
	t.Helper()
	ios, _, _, _ := iostreams.Test()
	var got *GenerateOptions
	cmd := NewCmdRoot(&Factory{IO: ios, Getenv: func(string) string { return "" }}, func(o *GenerateOptions) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	return got, cmd.Execute()
}

// --private $'a.b/c\nRUN x' used to be cut silently at the newline.
func TestPrivateWithNewlineIsRejected(t *testing.T) {
	_, err := parseArgs(t, "--private", "a.b/c\nRUN x")
	if err == nil || !strings.Contains(err.Error(), "--private") || !strings.Contains(err.Error(), `a.b/c\nRUN x`) || !strings.Contains(err.Error(), "newline") {
		t.Fatalf("want an error naming --private and the value, got %v", err)
	}
}

func TestPrivateIsACommaSeparatedRepeatableList(t *testing.T) {
	o, err := parseArgs(t, "--private", "a.com/x", "--private", " b.com/y , c.com/z,")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(o.Private, " "); got != "a.com/x b.com/y c.com/z" {
		t.Errorf("got %q", got)
	}
}
