package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func readRows(file string) ([]map[string]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	header := strings.Split(lines[0], "\t")
	var rows []map[string]string
	for i, l := range lines[1:] {
		cols := strings.Split(l, "\t")
		if len(cols) != len(header) {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d", file, i+2, len(cols), len(header))
		}
		row := map[string]string{}
		for j, h := range header {
			row[h] = cols[j]
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// checkout returns a directory holding the row's commit. The directory is
// named after the repository, as a clone would be: Gradle names a jar after
// the checkout directory when settings.gradle does not.
func checkout(r map[string]string, mirrors, cache string) (string, error) {
	owner, name, _ := strings.Cut(r["repo"], "/")
	tree := filepath.Join(cache, "trees", r["commit"], name)
	if _, err := os.Stat(tree); err == nil {
		return tree, nil
	}
	gitDir := filepath.Join(mirrors, owner+"+"+name, "repo")
	if _, err := os.Stat(gitDir); mirrors == "" || err != nil {
		gitDir = filepath.Join(cache, "git", owner+"+"+name+".git")
		if _, err := os.Stat(gitDir); err != nil {
			fmt.Fprintf(os.Stderr, "cloning %s\n", r["repo"])
			if err := run("", "git", "clone", "--quiet", "--bare", "https://github.com/"+r["repo"]+".git", gitDir); err != nil {
				return "", err
			}
		}
	}
	tmp := tree + ".tmp"
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return "", err
	}
	archive := exec.Command("git", "--git-dir", gitDir, "archive", r["commit"])
	untar := exec.Command("tar", "-x", "-C", tmp)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return "", err
	}
	untar.Stdin = pipe
	var stderr bytes.Buffer
	archive.Stderr, untar.Stderr = &stderr, &stderr
	if err := untar.Start(); err != nil {
		return "", err
	}
	if err := errors.Join(archive.Run(), untar.Wait()); err != nil {
		return "", fmt.Errorf("extracting %s: %v: %s", r["commit"], err, stderr.String())
	}
	// A clone has a .git directory, and detection uses it as the repository's
	// top when it looks above a subdir for a lockfile or version pin.
	if err := run(tmp, "git", "init", "--quiet"); err != nil {
		return "", err
	}
	return tree, os.Rename(tmp, tree)
}

func run(dir string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Stderr = dir, os.Stderr
	return cmd.Run()
}
