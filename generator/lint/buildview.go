package lint

import (
	"path"
	"slices"
	"strings"

	"github.com/google/shlex"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// imageView follows, through a stage, which image folders hold which
// context folders: WORKDIR, COPY from the context and RUN's bind mounts
// of it. The build-step rules (DG821...) use it to find the context
// folder a command such as go build ./cmd/app reads. Anything lint cannot
// follow (a variable, a COPY --from) leaves the folder unknown, and the
// rules then say nothing.
type imageView struct {
	workdir string
	mapped  map[string]string // image folder or file -> context path
}

// newView starts a stage's view: empty, or the view of the stage it is
// built FROM.
func newView(parent *imageView) *imageView {
	v := &imageView{workdir: "/", mapped: map[string]string{}}
	if parent != nil {
		v.workdir = parent.workdir
		for k, p := range parent.mapped {
			v.mapped[k] = p
		}
	}
	return v
}

// abs resolves an image path against the working directory.
func (v *imageView) abs(p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	return path.Join(v.workdir, p)
}

// apply records what a WORKDIR or a COPY from the context does to the view.
func (v *imageView) apply(cmd instructions.Command, ctx *buildContext) {
	switch cmd := cmd.(type) {
	case *instructions.WorkdirCommand:
		if !strings.Contains(cmd.Path, "$") {
			v.workdir = v.abs(cmd.Path)
		}
	case *instructions.CopyCommand:
		if cmd.From != "" || len(cmd.SourceContents) > 0 || strings.Contains(cmd.DestPath, "$") {
			return
		}
		dest := v.abs(cmd.DestPath)
		for _, src := range cmd.SourcePaths {
			clean, escapes := clampSource(src)
			if escapes || hasGlobMeta(clean) || strings.Contains(clean, "$") {
				continue
			}
			switch {
			case isDir(ctx, clean) && len(cmd.SourcePaths) == 1:
				// A folder's contents land in dest: COPY . /src, COPY cmd/ cmd/.
				v.mapped[dest] = clean
			case isDir(ctx, clean):
				// Several folders merged into dest: which holds what is unknown.
			case len(cmd.SourcePaths) == 1 && !strings.HasSuffix(cmd.DestPath, "/"):
				v.mapped[dest] = clean // COPY main.go /src/main.go
			default:
				v.mapped[path.Join(dest, path.Base(clean))] = clean
			}
		}
	}
}

// withMounts is the view a RUN sees: its bind mounts of the context laid
// over the stage's view.
func (v *imageView) withMounts(run *instructions.RunCommand) *imageView {
	_ = run.Expand(func(w string) (string, error) { return w, nil })
	var binds []*instructions.Mount
	for _, m := range instructions.GetMounts(run) {
		if m.Type == instructions.MountTypeBind && m.From == "" && !strings.Contains(m.Source+m.Target, "$") {
			binds = append(binds, m)
		}
	}
	if len(binds) == 0 {
		return v
	}
	out := newView(v)
	for _, m := range binds {
		src, escapes := clampSource(m.Source)
		if escapes {
			continue
		}
		target := out.abs(m.Target)
		// A mount hides what the image held below its target.
		for k := range out.mapped {
			if k == target || strings.HasPrefix(k, target+"/") {
				delete(out.mapped, k)
			}
		}
		out.mapped[target] = src
	}
	return out
}

// contextPath is the context path an image path holds, when the view
// knows it: the longest mapped folder above it.
func (v *imageView) contextPath(p string) (string, bool) {
	p = v.abs(p)
	best := ""
	for k := range v.mapped {
		if (p == k || strings.HasPrefix(p, k+"/") || k == "/") && len(k) > len(best) {
			best = k
		}
	}
	if best == "" {
		return "", false
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(p, best), "/")
	return path.Join(v.mapped[best], rel), true
}

// shellCommand is one simple command of a RUN's shell text: its words
// (quotes removed) and the folder it runs in (after cd in the same RUN).
type shellCommand struct {
	words []string
	dir   string // image folder
}

// shellCommands splits a RUN's shell text at &&, ||, ; and | into simple
// commands, following cd. Leading NAME=value assignments are dropped. A
// command whose words cannot be split (an open quote) is left out.
func shellCommands(text, workdir string) []shellCommand {
	var out []shellCommand
	dir := workdir
	for _, seg := range splitShell(text) {
		w, err := shlex.Split(seg)
		if err != nil || len(w) == 0 {
			continue
		}
		for len(w) > 0 && strings.Contains(w[0], "=") && !strings.HasPrefix(w[0], "-") {
			w = w[1:]
		}
		if len(w) == 0 {
			continue
		}
		if w[0] == "cd" {
			switch {
			case len(w) < 2 || strings.Contains(w[1], "$") || w[1] == "-":
				dir = "" // unknown from here on
			case dir != "" || strings.HasPrefix(w[1], "/"):
				if strings.HasPrefix(w[1], "/") {
					dir = path.Clean(w[1])
				} else {
					dir = path.Join(dir, w[1])
				}
			}
			continue
		}
		out = append(out, shellCommand{words: w, dir: dir})
	}
	return out
}

// splitShell cuts shell text at the operators between simple commands,
// outside quotes.
func splitShell(text string) []string {
	var out []string
	var cur strings.Builder
	var quote byte
	for i := 0; i < len(text); i++ {
		ch := text[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == ';' || ch == '\n' || ch == '|' || ch == '&' || ch == '(' || ch == ')':
			out = append(out, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteByte(ch)
	}
	return slices.DeleteFunc(append(out, cur.String()), func(s string) bool { return strings.TrimSpace(s) == "" })
}
