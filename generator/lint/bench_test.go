package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkLint300Lines lints a 300-line Dockerfile against a build context
// of 100,000 files. Budget (issue): under 500 ms.
func BenchmarkLint300Lines(b *testing.B) {
	dir := b.TempDir()
	for i := 0; i < 1000; i++ {
		sub := filepath.Join(dir, "src", fmt.Sprintf("p%03d", i))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		for j := 0; j < 100; j++ {
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("f%02d.go", j)), nil, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n\ngo 1.22\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	var df strings.Builder
	df.WriteString("FROM golang:1.22 AS build\nWORKDIR /src\nCOPY go.mod ./\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n")
	for i := 0; strings.Count(df.String(), "\n") < 296; i++ {
		fmt.Fprintf(&df, "COPY src/p%03d/ ./src/p%03d/\n", i%1000, i%1000)
	}
	df.WriteString("FROM gcr.io/distroless/static-debian13:nonroot\nCOPY --from=build /src /app\nUSER 65532:65532\n")
	build := df.String()
	for _, bc := range []struct{ name, df string }{
		{"copy", build},
		// A Go build and start: the project rules ask detection for the
		// module's facts (mains, start, writes) in the same budget.
		{"go-start", strings.Replace(build, "FROM gcr.io", "RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /out/app ./src/p000\nFROM gcr.io", 1) +
			"COPY --from=build /out/app /app/app\nEXPOSE 8080\nENTRYPOINT [\"/app/app\"]\n"},
	} {
		data := []byte(bc.df)
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				fs, err := Check(context.Background(), "Dockerfile", data, Options{Context: dir})
				if err != nil {
					b.Fatal(err)
				}
				if len(fs) != 0 {
					b.Fatalf("findings: %v", fs)
				}
			}
		})
	}
}
