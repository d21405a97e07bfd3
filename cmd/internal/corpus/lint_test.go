package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadLabelsRejectsBadRows(t *testing.T) {
	head := "repo\tdockerfile\tfile\tline\trule\tmessage\tlabel\treason\n"
	for name, row := range map[string]string{
		"no reason":       "a/b\tDockerfile\tDockerfile\t3\tDG101\tm\ttrue\t\n",
		"unknown verdict": "a/b\tDockerfile\tDockerfile\t3\tDG101\tm\tmaybe\tr\n",
		"no line":         "a/b\tDockerfile\tDockerfile\tx\tDG101\tm\ttrue\tr\n",
		"twice":           "a/b\tDockerfile\tDockerfile\t3\tDG101\tm\ttrue\tr\na/b\tDockerfile\tDockerfile\t3\tDG101\tm\tfalse\tr\n",
	} {
		f := filepath.Join(t.TempDir(), "labels.tsv")
		if err := os.WriteFile(f, []byte(head+row), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readLabels(f); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestLintReportBars(t *testing.T) {
	good := map[string]*ruleCount{"DG101": {findings: 3, truth: 2, noise: 1}, "DG204": {findings: 1, falses: 1}}
	var out bytes.Buffer
	// 3 of 4 right: precision 0.75 is below the bar.
	if lintReport(&out, 2, good, nil, nil, nil) {
		t.Errorf("precision 0.75 passed:\n%s", out.String())
	}
	good["DG204"] = &ruleCount{}
	good["DG101"].truth = 40
	out.Reset()
	if !lintReport(&out, 2, good, nil, nil, nil) {
		t.Errorf("all right failed:\n%s", out.String())
	}
	out.Reset()
	if lintReport(&out, 2, good, []string{"a/b\tDockerfile\tDockerfile\t1\tDG101\tm\t?\t(error)"}, nil, nil) {
		t.Error("an unlabelled finding passed")
	}
	good["DG302"] = &ruleCount{findings: 1, falses: 1, falseErrors: 1}
	out.Reset()
	if lintReport(&out, 2, good, nil, []string{"x"}, nil) || !strings.Contains(out.String(), "false errors: 1") {
		t.Errorf("a false error passed:\n%s", out.String())
	}
}
