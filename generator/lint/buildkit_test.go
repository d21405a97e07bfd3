package lint

import (
	"context"
	"testing"
)

func TestBuildKitFindsKnownRules(t *testing.T) {
	dt := []byte("FROM golang:1.22 as build\nENV FOO bar\nWORKDIR app\nCMD go run .\n")
	fs, err := BuildKit(context.Background(), "Dockerfile", dt)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, f := range fs {
		got[f.Rule] = f.Line
	}
	for rule, line := range map[string]int{"FromAsCasing": 1, "LegacyKeyValueFormat": 2, "WorkdirRelativePath": 3, "JSONArgsRecommended": 4} {
		if got[rule] != line {
			t.Errorf("rule %s: got line %d, want %d (all: %v)", rule, got[rule], line, fs)
		}
	}
}

func TestBuildKitCleanFileHasNoFindings(t *testing.T) {
	dt := []byte("# syntax=docker/dockerfile:1\nARG GO_VERSION=1.22\nFROM golang:${GO_VERSION} AS build\nENV PATH=\"/x:$PATH\"\nWORKDIR /src\nFROM gcr.io/distroless/static-debian13:nonroot AS runtime\nUSER 65532:65532\nENTRYPOINT [\"/app\"]\n")
	fs, err := BuildKit(context.Background(), "Dockerfile", dt)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 0 {
		t.Fatalf("want no findings, got %v", fs)
	}
}
