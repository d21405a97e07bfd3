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
	ops     []viewOp          // COPYs from the context and bind mounts, in order
	mapped  map[string]string // image folder or file -> context path; made from ops when asked
	ctx     *buildContext
	// generates: a RUN so far ran a code generator (go generate, sqlc
	// generate, buf generate ...): folders may hold more than the context.
	generates bool
}

// viewOp is one COPY source from the context (n: how many sources the
// COPY has) or, with mount set, one bind mount of the context.
type viewOp struct {
	dest, src string
	n         int
	destSlash bool
	mount     bool
}

// newView starts a stage's view: empty, or the view of the stage it is
// built FROM.
func newView(parent *imageView, ctx *buildContext) *imageView {
	v := &imageView{workdir: "/", ctx: ctx}
	if parent != nil {
		v.workdir = parent.workdir
		v.ops = slices.Clone(parent.ops)
		v.generates = parent.generates
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
// The context is read (is a source a folder?) only when a rule asks
// contextPath: a Dockerfile of hundreds of COPYs costs no stat here.
func (v *imageView) apply(cmd instructions.Command) {
	switch cmd := cmd.(type) {
	case *instructions.WorkdirCommand:
		if !strings.Contains(cmd.Path, "$") {
			v.workdir = v.abs(cmd.Path)
		}
	case *instructions.RunCommand:
		if strings.Contains(strings.Join(cmd.CmdLine, " "), "generate") {
			v.generates = true
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
			v.ops = append(v.ops, viewOp{dest: dest, src: clean, n: len(cmd.SourcePaths), destSlash: strings.HasSuffix(cmd.DestPath, "/")})
			v.mapped = nil
		}
	}
}

// resolve replays the view's COPYs and mounts into image path -> context path.
func (v *imageView) resolve() map[string]string {
	if v.mapped != nil {
		return v.mapped
	}
	m := map[string]string{}
	for _, op := range v.ops {
		switch {
		case op.mount:
			// A mount hides what the image held below its target.
			for k := range m {
				if k == op.dest || strings.HasPrefix(k, op.dest+"/") {
					delete(m, k)
				}
			}
			m[op.dest] = op.src
		case isDir(v.ctx, op.src) && op.n == 1:
			// A folder's contents land in dest: COPY . /src, COPY cmd/ cmd/.
			m[op.dest] = op.src
		case isDir(v.ctx, op.src):
			// Several folders merged into dest: which holds what is unknown.
		case op.n == 1 && !op.destSlash:
			m[op.dest] = op.src // COPY main.go /src/main.go
		default:
			m[path.Join(op.dest, path.Base(op.src))] = op.src
		}
	}
	v.mapped = m
	return m
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
	out := newView(v, v.ctx)
	for _, m := range binds {
		src, escapes := clampSource(m.Source)
		if escapes {
			continue
		}
		out.ops = append(out.ops, viewOp{dest: out.abs(m.Target), src: src, mount: true})
	}
	return out
}

// contextPath is the context path an image path holds, when the view
// knows it: the longest mapped folder above it.
func (v *imageView) contextPath(p string) (string, bool) {
	p = v.abs(p)
	best := ""
	mapped := v.resolve()
	for k := range mapped {
		if (p == k || strings.HasPrefix(p, k+"/") || k == "/") && len(k) > len(best) {
			best = k
		}
	}
	if best == "" {
		return "", false
	}
	rel := strings.TrimPrefix(strings.TrimPrefix(p, best), "/")
	return path.Join(mapped[best], rel), true
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
