package catalog

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dockgen/dockgen/generator/answers"
)

// A catalog named by a repository's .dockgen.yaml is the repository's
// choice, and a repository is untrusted input: fetching it runs git against
// any URL (the network, the user's SSH keys, any local path) and its
// templates are rendered. Such a catalog is used only when the user named
// the same catalog (--catalog, DOCKGEN_CATALOG) or trusted it: `dockgen
// trust`, or an earlier run with --catalog, records it in the user's
// config with the commit (a git catalog) or the content digest (a
// directory) that was trusted. A different commit or changed content is
// not trusted.

// TrustFileName is the trust store's name in $XDG_CONFIG_HOME/dockgen.
const TrustFileName = "trusted-catalogs.yaml"

// TrustEntry is one trusted catalog.
type TrustEntry struct {
	Catalog string `yaml:"catalog"`          // a git reference without credentials, or an absolute directory
	Commit  string `yaml:"commit,omitempty"` // a git catalog's trusted commit
	Digest  string `yaml:"digest,omitempty"` // a directory's trusted content (sha256 of its files)
}

type trustFile struct {
	Catalogs []TrustEntry `yaml:"catalogs"`
}

const trustHeader = "# Catalogs named by a repository's .dockgen.yaml that you trust (dockgen trust,\n# or dockgen --catalog). dockgen uses such a catalog only at a commit or with\n# content listed here. Delete an entry to withdraw the trust.\n"

// TrustPath is the trust store's path.
func TrustPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no user config directory to record trusted catalogs in (set XDG_CONFIG_HOME): %w", err)
	}
	return filepath.Join(dir, "dockgen", TrustFileName), nil
}

func readTrust() ([]TrustEntry, string, error) {
	p, err := TrustPath()
	if err != nil {
		return nil, "", err
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, p, nil
	}
	if err != nil {
		return nil, p, err
	}
	var tf trustFile
	if err := yaml.Unmarshal(data, &tf); err != nil {
		return nil, p, fmt.Errorf("%s: %w (fix or delete it)", p, err)
	}
	return tf.Catalogs, p, nil
}

func trusted(entries []TrustEntry, want TrustEntry) bool {
	for _, e := range entries {
		if e == want {
			return true
		}
	}
	return false
}

// remember adds e to the trust store (written atomically) unless it is there.
func remember(e TrustEntry) (string, error) {
	entries, p, err := readTrust()
	if err != nil {
		return p, err
	}
	if trusted(entries, e) {
		return p, nil
	}
	entries = append(entries, e)
	var buf bytes.Buffer
	buf.WriteString(trustHeader)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(trustFile{Catalogs: entries}); err != nil {
		return p, err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return p, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+TrustFileName+".*")
	if err != nil {
		return p, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return p, err
	}
	if err := tmp.Close(); err != nil {
		return p, err
	}
	return p, os.Rename(tmp.Name(), p)
}

// maxDigestBytes bounds what is read to digest a directory catalog.
const maxDigestBytes = 64 << 20

// dirDigest is the sha256 of a catalog directory's regular files and
// symbolic links (names, link targets and contents), read through
// OpenDir so nothing outside it is followed. Other files (FIFOs, devices)
// are refused: a catalog holds none.
func dirDigest(dir string) (string, error) {
	fsys, err := OpenDir(dir)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	var total int64
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch t := d.Type(); {
		case t.IsDir():
			if d.Name() == ".git" {
				return fs.SkipDir
			}
			fmt.Fprintf(h, "d %s\x00", p)
		case t&fs.ModeSymlink != 0:
			target, _ := fs.ReadLink(fsys, p)
			fmt.Fprintf(h, "l %s\x00%s\x00", p, target)
		case t.IsRegular():
			f, err := fsys.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			fmt.Fprintf(h, "f %s\x00", p)
			n, err := io.Copy(h, io.LimitReader(f, maxDigestBytes-total+1))
			total += n
			if err != nil {
				return err
			}
			if total > maxDigestBytes {
				return fmt.Errorf("catalog %s holds more than %d MiB; a catalog is templates and profiles", dir, maxDigestBytes>>20)
			}
			h.Write([]byte{0})
		default:
			return fmt.Errorf("catalog %s: %s is not a regular file (%v)", dir, p, t)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// UntrustedError stops a run whose .dockgen.yaml names a catalog the user
// has not trusted: it says what dockgen would fetch or read, and how to
// trust it.
type UntrustedError struct {
	Project string // the project directory (as given)
	Catalog string // the answers file's catalog, without credentials
	Commit  string // the commit a git catalog would be read at ("" = what its ref names)
	Dir     string // a directory catalog's absolute path
}

func (e *UntrustedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s names the catalog %s, which you have not trusted: ", answers.FileName, e.Catalog)
	if e.Dir != "" {
		fmt.Fprintf(&b, "dockgen would render the templates in the directory %s (new, or changed since you trusted it)", e.Dir)
	} else {
		at := "the commit its ref names"
		if e.Commit != "" {
			at = "commit " + e.Commit
		}
		fmt.Fprintf(&b, "dockgen would run git to fetch it (a network connection, with your credentials) and render its templates at %s", at)
	}
	trust := "dockgen trust"
	if e.Project != "" && e.Project != "." {
		trust += " --dir " + shellQuote(e.Project)
	}
	fmt.Fprintf(&b, ".\nA repository chooses no code for you to run: review the catalog, then trust it (recorded in your user config):\n  %s\nor name it yourself for one run: dockgen --catalog %s", trust, shellQuote(e.Catalog))
	if e.Dir != "" {
		fmt.Fprintf(&b, "\nor remove catalog: from %s to use the built-in templates", answers.FileName)
	}
	return b.String()
}

// checkTrust stops before anything of the answers file's catalog is
// fetched or read unless the user trusts it. commit is the pinned commit
// of a git catalog; for a directory it is "".
func checkTrust(refs Refs, name, dir string) error {
	entries, _, err := readTrust()
	if err != nil {
		return err
	}
	e := &UntrustedError{Project: refs.Dir, Catalog: name}
	if dir != "" {
		digest, err := dirDigest(dir)
		if err != nil {
			return err
		}
		if trusted(entries, TrustEntry{Catalog: dir, Digest: digest}) {
			return nil
		}
		e.Dir = dir
		return e
	}
	if shaRe.MatchString(refs.AnswersCommit) {
		if trusted(entries, TrustEntry{Catalog: name, Commit: refs.AnswersCommit}) {
			return nil
		}
		e.Commit = refs.AnswersCommit
		return e
	}
	// No pinned commit: the ref must be trusted at some commit, and the
	// commit it names is checked once fetched (checkFetched).
	for _, t := range entries {
		if t.Catalog == name && t.Commit != "" {
			return nil
		}
	}
	return e
}

// checkFetched checks the commit an unpinned, trusted git catalog turned
// out to name.
func checkFetched(refs Refs, name, commit string) error {
	entries, _, err := readTrust()
	if err != nil {
		return err
	}
	if trusted(entries, TrustEntry{Catalog: name, Commit: commit}) {
		return nil
	}
	return &UntrustedError{Project: refs.Dir, Catalog: name, Commit: commit}
}

// Trust records the catalog that dir's .dockgen.yaml names as trusted by
// the user: a git catalog at the commit the file pins (or, unpinned, the
// one its ref names now), fetched first; a directory with its content.
// progress, when set, is told what is fetched. It returns the entry and
// the trust store's path.
func Trust(ctx context.Context, dir string, progress func(string)) (TrustEntry, string, error) {
	ans, err := answers.Read(dir)
	if err != nil {
		return TrustEntry{}, "", err
	}
	if ans == nil || ans.Catalog == "" {
		return TrustEntry{}, "", fmt.Errorf("%s names no catalog: there is nothing to trust (dockgen uses the built-in templates)", filepath.Join(dir, answers.FileName))
	}
	name := Redact(ans.Catalog)
	url, ref, isGit, err := parseGitCatalog(ans.Catalog)
	if err != nil {
		return TrustEntry{}, "", fmt.Errorf("%s: %w", answersFrom, err)
	}
	var e TrustEntry
	if isGit {
		if name != ans.Catalog {
			return TrustEntry{}, "", fmt.Errorf("%s: %s holds credentials: remove them from the file first", answersFrom, name)
		}
		if progress != nil {
			progress("fetching " + name + " with git")
		}
		_, commit, err := fetchGitCatalog(ctx, url, name, ref, ans.CatalogCommit)
		if err != nil {
			return TrustEntry{}, "", err
		}
		if shaRe.MatchString(ans.CatalogCommit) && commit != ans.CatalogCommit {
			return TrustEntry{}, "", fmt.Errorf("%s: catalog_commit %s is not what %s fetched", answersFrom, ans.CatalogCommit, name)
		}
		e = TrustEntry{Catalog: name, Commit: commit}
	} else {
		d := ans.Catalog
		if !filepath.IsAbs(d) {
			d = filepath.Join(dir, d)
		}
		abs, err := filepath.Abs(d)
		if err != nil {
			return TrustEntry{}, "", err
		}
		if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
			return TrustEntry{}, "", fmt.Errorf("%s: catalog %s is not a readable directory", answersFrom, abs)
		}
		digest, err := dirDigest(abs)
		if err != nil {
			return TrustEntry{}, "", err
		}
		e = TrustEntry{Catalog: abs, Digest: digest}
	}
	p, err := remember(e)
	return e, p, err
}

// Remember records t's catalog as trusted when the user named it (one of
// flags, as given to --catalog): a later run whose .dockgen.yaml names it
// then needs no flag. Built-in templates and catalogs the user did not
// name are left alone.
func Remember(t *Template, flags []string) error {
	if t == nil || t.Source == BuiltinSource {
		return nil
	}
	for _, f := range flags {
		if t.Commit != "" && Redact(f) == t.Source {
			_, err := remember(TrustEntry{Catalog: t.Source, Commit: t.Commit})
			return err
		}
		if abs, err := filepath.Abs(f); err == nil && t.Commit == "" && abs == t.Source {
			digest, err := dirDigest(abs)
			if err != nil {
				return err
			}
			_, err = remember(TrustEntry{Catalog: abs, Digest: digest})
			return err
		}
	}
	return nil
}
