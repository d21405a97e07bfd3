package generator

import (
	"context"
	"fmt"
	"strings"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/kind"
)

// Detection is what Detect found in the project directory.
type Detection struct {
	Kind     *kind.Kind
	Project  *detect.Project // nil when the kind was given and none of its files exist
	Warnings []string
}

// Detect reads the project in dir. When c names a kind (the flag or the
// answers file, see Loaded.Choose) only that kind's detector runs;
// otherwise the directory is walked and the project at its root is used.
func Detect(dir string, c Request) (*Detection, error) {
	return DetectContext(context.Background(), dir, c)
}

// DetectContext is Detect, stopped when ctx is done (Ctrl-C during a long walk).
func DetectContext(ctx context.Context, dir string, c Request) (*Detection, error) {
	if c.Lang != "" {
		k, _, err := kind.Parse(c.Lang)
		if err != nil {
			return nil, err
		}
		p, ws, err := detect.DetectLang(dir, k.Name)
		if err != nil {
			return nil, err
		}
		if p != nil {
			if err := p.RootError(); err != nil {
				return nil, err
			}
		}
		return &Detection{Kind: k, Project: p, Warnings: warnings(ws)}, nil
	}
	d, err := detect.DirContext(ctx, dir)
	if err != nil {
		return nil, err
	}
	ws := warnings(d.Warnings)
	if len(d.Projects) == 0 {
		return nil, fmt.Errorf("%w in %s: pass --lang (one of %s)", ErrUnknownProject, dir, strings.Join(kind.Names(), ", "))
	}
	if d.Chosen < 0 || d.Projects[d.Chosen].Path != "." {
		return nil, &PickProjectError{Dir: dir, Result: d}
	}
	proj := &d.Projects[d.Chosen]
	if err := proj.RootError(); err != nil {
		return nil, err
	}
	return &Detection{Kind: kind.Lookup(proj.Lang), Project: proj, Warnings: ws}, nil
}
