package catalog

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// A git catalog is named "git+URL#REF" (git+https://, git+ssh://,
// git+file://) or "git@host:org/repo.git#REF". It is cloned with the system
// git into the user cache dir ($XDG_CACHE_HOME/dockgen/catalogs) and read at
// the commit REF resolves to; the answers file records that commit, so a
// re-run reads the same templates even after the ref moves. git runs only
// when the commit is not cached yet; nothing from the catalog is executed
// (a bare clone runs no hooks, and the tree is extracted with git archive).

var (
	gitRefRe = regexp.MustCompile(`^[A-Za-z0-9._/+-]+$`)
	scpURLRe = regexp.MustCompile(`^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[A-Za-z0-9._/~-]+$`)
	shaRe    = regexp.MustCompile(`^[0-9a-f]{40}$`)
)

// parseGitCatalog splits a git catalog reference; ok is false for a
// directory. Errors name the reference without its credentials.
func parseGitCatalog(s string) (url, ref string, ok bool, err error) {
	var rest string
	switch {
	case strings.HasPrefix(s, "git+"):
		rest = strings.TrimPrefix(s, "git+")
	case scpURLRe.MatchString(strings.SplitN(s, "#", 2)[0]):
		rest = s
	default:
		return "", "", false, nil
	}
	shown := Redact(s)
	url, ref, _ = strings.Cut(rest, "#")
	if ref == "" {
		return "", "", true, fmt.Errorf("git catalog %s: pin a ref: %s#v1.2.0 (a tag, branch or commit)", shown, shown)
	}
	if !gitRefRe.MatchString(ref) || strings.HasPrefix(ref, "-") || strings.Contains(ref, "..") {
		return "", "", true, fmt.Errorf("git catalog %s: ref %q: use letters, digits and ._/+-", shown, ref)
	}
	if !(strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "ssh://") || strings.HasPrefix(url, "file://") || scpURLRe.MatchString(url)) {
		return "", "", true, fmt.Errorf("git catalog %s: want git+https://, git+ssh://, git+file:// or git@host:path", shown)
	}
	return url, ref, true, nil
}

// Redact returns a catalog reference without the credentials its URL may
// carry (https://user:token@host, ssh://user:password@host), so that it can
// be recorded in .dockgen.yaml and printed. An ssh user name is kept: it is
// no secret and the login needs it. Anything else is returned unchanged.
func Redact(ref string) string {
	scheme, rest, ok := strings.Cut(ref, "://")
	if !ok || strings.ContainsAny(scheme, "/#") {
		return ref
	}
	end := strings.IndexAny(rest, "/#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndex(rest[:end], "@")
	if at < 0 {
		return ref
	}
	if strings.HasSuffix(scheme, "ssh") {
		user, _, hasPassword := strings.Cut(rest[:at], ":")
		if !hasPassword {
			return ref
		}
		return scheme + "://" + user + rest[at:]
	}
	return scheme + "://" + rest[at+1:]
}

// userinfoRe finds credentials in git's messages, which may quote a URL.
var userinfoRe = regexp.MustCompile(`://[^/\s'"@]*@`)

// scrub removes URL credentials from a message of git's.
func scrub(msg string) string { return userinfoRe.ReplaceAllString(msg, "://") }

// fetchGitCatalog returns a directory holding the catalog at ref (at pinned
// when it is set) and the commit it is. url may carry credentials: it is
// given to git only on its command line, never stored in the cache (which
// is keyed and named by shown, the reference without them).
//
// The cache entry of a URL (catalogs/<hash>) is shared by concurrent runs:
// a lock file serialises the runs that change it, the repository and each
// tree are built in a temporary directory and renamed into place, and
// what a killed run left (a repository git cannot open, temporary
// directories) is removed and built again.
func fetchGitCatalog(ctx context.Context, url, shown, ref, pinned string) (string, string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", "", fmt.Errorf("git catalog %s: no cache directory: %w", shown, err)
	}
	sum := sha256.Sum256([]byte(Redact(url)))
	base := filepath.Join(cache, "dockgen", "catalogs", hex.EncodeToString(sum[:8]))
	repo := filepath.Join(base, "repo.git")
	// A tree appears only by a rename of a complete one: no lock needed,
	// and git reads the repository safely while another run fetches.
	if shaRe.MatchString(pinned) {
		if tree := filepath.Join(base, "trees", pinned); isDir(tree) && onRef(ctx, repo, pinned, ref) == nil {
			return tree, pinned, nil
		}
	}
	if err := os.MkdirAll(filepath.Join(base, "trees"), 0o755); err != nil {
		return "", "", fmt.Errorf("git catalog %s: cache: %w", shown, err)
	}
	unlock, err := lockFile(ctx, filepath.Join(base, "lock"))
	if err != nil {
		return "", "", fmt.Errorf("git catalog %s: locking the cache entry %s: %w", shown, base, err)
	}
	defer unlock()
	// Holding the lock, any temporary directory is a killed run's.
	for _, dir := range []string{base, filepath.Join(base, "trees")} {
		if stale, _ := filepath.Glob(filepath.Join(dir, tmpPrefix+"*")); len(stale) > 0 {
			for _, p := range stale {
				_ = os.RemoveAll(p)
			}
		}
	}
	if err := ensureRepo(ctx, base, repo); err != nil {
		return "", "", fmt.Errorf("git catalog %s: %w", shown, err)
	}
	want := ref
	if shaRe.MatchString(pinned) {
		want = pinned
	}
	commit, err := git(ctx, repo, "rev-parse", "--verify", "--quiet", want+"^{commit}")
	if err == nil && want == pinned {
		err = onRef(ctx, repo, pinned, ref)
	}
	if err != nil {
		// Unknown here, or the pin is not on the ref as cached: fetch
		// branches and tags, then try again.
		if _, ferr := git(ctx, repo, "fetch", "--quiet", "--tags", "--force", "--", url, "+refs/heads/*:refs/heads/*"); ferr != nil {
			return "", "", fmt.Errorf("git catalog %s: fetch: %s", shown, scrub(ferr.Error()))
		}
		if commit, err = git(ctx, repo, "rev-parse", "--verify", "--quiet", want+"^{commit}"); err != nil {
			return "", "", fmt.Errorf("git catalog %s: ref %s not found", shown, want)
		}
		if want == pinned {
			if err := onRef(ctx, repo, pinned, ref); err != nil {
				return "", "", fmt.Errorf("git catalog %s: %w", shown, err)
			}
		}
	}
	tree := filepath.Join(base, "trees", commit)
	if isDir(tree) {
		return tree, commit, nil
	}
	tmp, err := os.MkdirTemp(filepath.Join(base, "trees"), tmpPrefix)
	if err != nil {
		return "", "", err
	}
	defer os.RemoveAll(tmp) // gone after the rename
	archive := exec.CommandContext(ctx, "git", "--git-dir", repo, "archive", "--format=tar", commit)
	untar := exec.CommandContext(ctx, "tar", "-x", "-C", tmp)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return "", "", err
	}
	untar.Stdin = pipe
	var stderr, untarErr bytes.Buffer // one each: the two run at once
	archive.Stderr, untar.Stderr = &stderr, &untarErr
	if err := untar.Start(); err != nil {
		return "", "", err
	}
	if err := errors.Join(archive.Run(), untar.Wait()); err != nil {
		return "", "", fmt.Errorf("git catalog %s: extracting %s: %v %s", shown, commit, err, scrub(stderr.String()+untarErr.String()))
	}
	if err := os.Rename(tmp, tree); err != nil {
		return "", "", err
	}
	return tree, commit, nil
}

// onRef checks that pinned, the answers file's catalog_commit, is the
// commit ref names or an ancestor of it: a pin survives the ref moving on,
// but a commit of another branch is not what the reference names.
func onRef(ctx context.Context, repo, pinned, ref string) error {
	at, err := git(ctx, repo, "rev-parse", "--verify", "--quiet", ref+"^{commit}")
	if err != nil {
		return fmt.Errorf("ref %s not found", ref)
	}
	if at == pinned {
		return nil
	}
	if _, err := git(ctx, repo, "merge-base", "--is-ancestor", pinned, at); err != nil {
		return fmt.Errorf("catalog_commit %s is not on %s (which names %s): a pin is the ref's commit or one before it; fix catalog_commit in .dockgen.yaml, or delete it to pin what %s names now", pinned, ref, at, ref)
	}
	return nil
}

// tmpPrefix names the cache's temporary directories.
const tmpPrefix = ".tmp-"

// ensureRepo makes repo a bare repository git can open: one left broken
// by a killed run is removed, and a new one is made in a temporary
// directory and renamed into place, so repo is never half made. It is an
// empty repository fetched into by URL: a clone would record the URL,
// credentials and all, as its origin.
func ensureRepo(ctx context.Context, base, repo string) error {
	if isDir(repo) {
		if out, err := git(ctx, repo, "rev-parse", "--is-bare-repository"); err == nil && out == "true" {
			return nil
		}
		if err := os.RemoveAll(repo); err != nil {
			return fmt.Errorf("removing the broken cache entry %s: %w", repo, err)
		}
	}
	tmp, err := os.MkdirTemp(base, tmpPrefix)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if _, err := git(ctx, "", "init", "--bare", "--quiet", tmp); err != nil {
		return fmt.Errorf("init: %w", err)
	}
	return os.Rename(tmp, repo)
}

// git runs the system git without prompts and returns its trimmed stdout.
func git(ctx context.Context, gitDir string, args ...string) (string, error) {
	if gitDir != "" {
		args = append([]string{"--git-dir", gitDir}, args...)
	}
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=", "SSH_ASKPASS=")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("%s", msg)
		}
		return "", err
	}
	return strings.TrimSpace(out.String()), nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
