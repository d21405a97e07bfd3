package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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
	os.RemoveAll(tmp) // an interrupted earlier extraction
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return "", err
	}
	if err := extract(gitDir, r["commit"], tmp); err != nil {
		return "", fmt.Errorf("extracting %s: %w", r["commit"], err)
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

// extract writes the commit's tree into dir. Snapshots from the search
// tool's fetch lack blobs of 4 MiB and more (fonts, images, data), which
// makes git archive fail; those files are left out and listed in
// dir/.corpus-missing, since detection never reads such files.
func extract(gitDir, commit, dir string) error {
	ls, err := exec.Command("git", "--git-dir", gitDir, "ls-tree", "-r", "-z", "--full-tree", commit).Output()
	if err != nil {
		return fmt.Errorf("git ls-tree: %w", err)
	}
	type entry struct{ mode, hash, path string }
	var entries []entry
	for _, rec := range strings.Split(strings.TrimSuffix(string(ls), "\x00"), "\x00") {
		meta, p, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 3 || f[1] != "blob" { // submodules ("commit") are not checked out
			continue
		}
		entries = append(entries, entry{f[0], f[2], p})
	}
	cmd := exec.Command("git", "--git-dir", gitDir, "cat-file", "--batch")
	var in bytes.Buffer
	for _, e := range entries {
		in.WriteString(e.hash + "\n")
	}
	cmd.Stdin = &in
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	rd := bufio.NewReader(out)
	var missing []string
	for _, e := range entries {
		head, err := rd.ReadString('\n')
		if err != nil {
			return fmt.Errorf("git cat-file: %w", err)
		}
		f := strings.Fields(head)
		if len(f) == 2 && f[1] == "missing" {
			missing = append(missing, e.path)
			continue
		}
		if len(f) != 3 {
			return fmt.Errorf("git cat-file: unexpected %q", head)
		}
		size, _ := strconv.Atoi(f[2])
		data := make([]byte, size+1) // the content and its trailing newline
		if _, err := io.ReadFull(rd, data); err != nil {
			return fmt.Errorf("git cat-file: %w", err)
		}
		dst := filepath.Join(dir, filepath.FromSlash(e.path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		switch e.mode {
		case "120000":
			err = os.Symlink(string(data[:size]), dst)
		case "100755":
			err = os.WriteFile(dst, data[:size], 0o755)
		default:
			err = os.WriteFile(dst, data[:size], 0o644)
		}
		if err != nil {
			return err
		}
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	if len(missing) > 0 {
		return os.WriteFile(filepath.Join(dir, ".corpus-missing"), []byte(strings.Join(missing, "\n")+"\n"), 0o644)
	}
	return nil
}
