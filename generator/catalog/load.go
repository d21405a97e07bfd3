package catalog

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/dockgen/dockgen/generator/answers"
	"github.com/dockgen/dockgen/templates"
)

// BuiltinSource is the name of the embedded catalog.
const BuiltinSource = "builtin"

// Refs names the catalogs of a run. Each list is in precedence order; the
// lists come in the order of the fields, and the built-in catalog last.
type Refs struct {
	Dir   string   // the project directory: the answers file's catalog is relative to it
	Flags []string // --catalog
	Env   []string // DOCKGEN_CATALOG
	// Answers is the answers file's catalog and AnswersCommit its
	// catalog_commit, which pins a git catalog.
	Answers, AnswersCommit string
}

// OpenDir opens a catalog directory so that nothing outside it can be
// read: a symlink in a team catalog that points elsewhere (/etc/passwd, a
// home directory) fails instead of rendering that file into a Dockerfile.
func OpenDir(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("catalog %s: %w", dir, err)
	}
	return root.FS(), nil
}

// answersFrom names the answers file's catalog in errors.
const answersFrom = answers.FileName + " catalog"

// Load resolves every catalog refs names (fetching git catalogs) and
// layers them over the built-in one.
func Load(ctx context.Context, refs Refs) (*Catalog, error) {
	if name := Redact(refs.Answers); name != refs.Answers {
		return nil, fmt.Errorf("%s: %s holds credentials, and the file is meant to be committed: remove them (catalog: %s) and let git supply them, from a credential helper (git config --global credential.helper store, or your platform's) or an SSH key with a git+ssh:// URL", answersFrom, name, name)
	}
	var sources []Source
	seen := map[string]bool{}
	add := func(list []string, from string) error {
		for _, d := range list {
			// A git catalog is recorded and shown without credentials.
			name := Redact(d)
			if d == "" {
				continue
			}
			url, ref, isGit, err := parseGitCatalog(d)
			if err != nil {
				return fmt.Errorf("%s: %w", from, err)
			}
			if isGit {
				if seen[name] {
					continue // named twice: the user's naming trusts it
				}
				seen[name] = true
				pinned := ""
				if refs.Answers == name {
					pinned = refs.AnswersCommit
				}
				if from == answersFrom {
					if err := checkTrust(refs, name, ""); err != nil {
						return err
					}
				}
				dir, commit, err := fetchGitCatalog(ctx, url, name, ref, pinned)
				if err != nil {
					return fmt.Errorf("%s: %w", from, err)
				}
				if from == answersFrom && !shaRe.MatchString(pinned) {
					if err := checkFetched(refs, name, commit); err != nil {
						return err
					}
				}
				fsys, err := OpenDir(dir)
				if err != nil {
					return fmt.Errorf("%s: %w", from, err)
				}
				sources = append(sources, Source{Name: name, Commit: commit, FS: fsys})
				continue
			}
			if from == answersFrom && !filepath.IsAbs(d) {
				d = filepath.Join(refs.Dir, d) // recorded relative to the project
			}
			fi, err := os.Stat(d)
			if err != nil || !fi.IsDir() {
				return fmt.Errorf("%s: catalog %s is not a readable directory", from, d)
			}
			// Sources are named by absolute path: the answers file records
			// them relative to the project, whatever the working directory.
			abs, err := filepath.Abs(d)
			if err != nil {
				return err
			}
			if seen[abs] {
				continue // named twice: the user's naming trusts it
			}
			seen[abs] = true
			if from == answersFrom {
				if err := checkTrust(refs, abs, abs); err != nil {
					return err
				}
			}
			fsys, err := OpenDir(abs)
			if err != nil {
				return fmt.Errorf("%s: %w", from, err)
			}
			sources = append(sources, Source{Name: abs, FS: fsys})
		}
		return nil
	}
	if err := add(refs.Flags, "--catalog"); err != nil {
		return nil, err
	}
	if err := add(refs.Env, "DOCKGEN_CATALOG"); err != nil {
		return nil, err
	}
	if refs.Answers != "" {
		if err := add([]string{refs.Answers}, answersFrom); err != nil {
			return nil, err
		}
	}
	sources = append(sources, Source{Name: BuiltinSource, FS: templates.FS()})
	return LoadCatalog(sources...)
}

var (
	schemeRe  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*$`)
	userHost  = regexp.MustCompile(`^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+$`)
	noPath    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://[^/]*$`) // a URL cut at its port
	listSplit = string(os.PathListSeparator)
)

// SplitEnv splits DOCKGEN_CATALOG, a path list, into catalog references.
// The separator is ':' on Unix, which git references also hold
// (git+file:///srv/c.git#v1, git@host:org/c.git#v1): a piece that is a
// URL scheme followed by "//...", a URL cut before its port, or a
// user@host followed by its path, is joined back to the next piece. Directories are cleaned; git
// references are kept as written.
func SplitEnv(v string) []string {
	parts := strings.Split(v, listSplit)
	var out []string
	for i := 0; i < len(parts); i++ {
		d := strings.TrimSpace(parts[i])
		if listSplit == ":" {
			for i+1 < len(parts) && (schemeRe.MatchString(d) && strings.HasPrefix(parts[i+1], "//") || userHost.MatchString(d) || noPath.MatchString(d)) {
				i++
				d += ":" + strings.TrimSpace(parts[i])
			}
		}
		if d == "" {
			continue
		}
		if _, _, isGit, _ := parseGitCatalog(d); !isGit {
			d = filepath.Clean(d)
		}
		out = append(out, d)
	}
	return out
}
