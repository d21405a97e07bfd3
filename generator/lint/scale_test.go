package lint

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// dockerfileOf repeats one instruction shape n times after a FROM.
func dockerfileOf(n int, shape func(i int) string) []byte {
	var b strings.Builder
	b.WriteString("FROM alpine:3.20 AS s0\n")
	for i := 0; i < n; i++ {
		b.WriteString(shape(i))
	}
	b.WriteString("USER 1000\n")
	return []byte(b.String())
}

var shapes = map[string]func(i int) string{
	"run":   func(i int) string { return fmt.Sprintf("RUN echo %d\n", i) },
	"env":   func(i int) string { return fmt.Sprintf("ENV GOPRIVATE=a%d.example\nRUN go mod download\n", i) },
	"stage": func(i int) string { return fmt.Sprintf("FROM s%d AS s%d\nCOPY --from=s%d /a /b\n", i, i+1, i) },
}

// BenchmarkLintScale lints Dockerfiles of growing size (issue 17 #14:
// 10k/20k/40k RUN lines took 1.5/5.8/39 s). dockgen's own rules are
// linear; BuildKit's checks are quadratic per stage, which MaxInstructions
// bounds.
func BenchmarkLintScale(b *testing.B) {
	dir := b.TempDir()
	for _, name := range []string{"run", "env", "stage"} {
		for _, n := range []int{300, 600, 1200} {
			data := dockerfileOf(n, shapes[name])
			b.Run(fmt.Sprintf("%s-%d", name, n), func(b *testing.B) {
				for b.Loop() {
					if _, err := Check(context.Background(), "Dockerfile", data, Options{Context: dir}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func TestSizeCaps(t *testing.T) {
	big := dockerfileOf(MaxInstructions, shapes["run"])
	if _, err := Check(context.Background(), "Dockerfile", big, Options{}); err == nil || !strings.Contains(err.Error(), "instructions: dockgen lint checks Dockerfiles of up to 2500") {
		t.Errorf("over the instruction cap: %v", err)
	}
	ok := dockerfileOf(MaxInstructions-3, shapes["run"])
	if _, err := Check(context.Background(), "Dockerfile", ok, Options{}); err != nil {
		t.Errorf("at the cap: %v", err)
	}
	huge := append([]byte("FROM alpine:3.20\nRUN true"), make([]byte, MaxDockerfileBytes)...)
	if _, err := Check(context.Background(), "Dockerfile", huge, Options{}); err == nil || !strings.Contains(err.Error(), "KiB") {
		t.Errorf("over the byte cap: %v", err)
	}
}

// BenchmarkDockgenRulesScale times dockgen's own rules alone (parsed once,
// no BuildKit): linear in the instructions, for every shape.
func BenchmarkDockgenRulesScale(b *testing.B) {
	dir := b.TempDir()
	writeFilesB(b, dir, map[string]string{"go.mod": "module x\n\nrequire git.corp.example/a v1.0.0\n"})
	for _, name := range []string{"run", "env", "stage"} {
		for _, n := range []int{1000, 4000, 16000} {
			data := dockerfileOf(n, shapes[name])
			res, err := parser.Parse(bytes.NewReader(data))
			if err != nil {
				b.Fatal(err)
			}
			stages, meta, err := instructions.Parse(res.AST, nil)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("%s-%d", name, n), func(b *testing.B) {
				ctx, err := openContext(dir)
				if err != nil {
					b.Fatal(err)
				}
				defer ctx.close()
				for b.Loop() {
					c := &checker{file: "Dockerfile", stages: stages, args: argDefaults(meta), ctx: ctx}
					if err := c.run(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func writeFilesB(b *testing.B, dir string, files map[string]string) {
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}
