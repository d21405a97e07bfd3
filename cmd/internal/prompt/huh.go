package prompt

import (
	"bytes"
	"errors"
	"io"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/huh"

	"github.com/dockgen/dockgen/cmd/internal/iostreams"
)

// Huh prompts on a terminal with github.com/charmbracelet/huh. Accessible
// switches to plain line-by-line prompts for screen readers. Out is the raw
// terminal (huh draws with escape sequences), so the text shown, which
// carries repository values, is escaped here.
type Huh struct {
	In         io.Reader
	Out        io.Writer
	Accessible bool
}

// accessibleTitle folds the help and the default into the title: plain
// prompts show neither a description nor a pre-selected value.
func (h *Huh) accessibleTitle(title, help, def string) string {
	if help != "" {
		title += " (" + help + ")"
	}
	if def != "" {
		title += " [Enter for " + def + "]"
	}
	return title
}

func (h *Huh) run(f huh.Field) error {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("ctrl+c", "esc"))
	in := h.In
	var plain *cancelReader
	if h.Accessible {
		plain = &cancelReader{r: h.In}
		in = plain
	}
	form := huh.NewForm(huh.NewGroup(f)).
		WithAccessible(h.Accessible).
		WithInput(in).
		WithOutput(h.Out).
		WithKeyMap(km).
		WithShowHelp(false)
	err := form.Run()
	if errors.Is(err, huh.ErrUserAborted) || plain != nil && plain.cancelled {
		return ErrCancel
	}
	return err
}

// cancelReader is the input of the plain (accessible) prompts. huh reads
// them line by line and takes the default at the end of input, so neither
// Esc nor Ctrl-D could cancel: Esc (then Enter, the terminal being in line
// mode), a Ctrl-C or Ctrl-D byte that reaches it, or the end of input
// cancel instead. (Ctrl-C on a terminal is a SIGINT, which main handles.)
type cancelReader struct {
	r         io.Reader
	cancelled bool
}

func (c *cancelReader) Read(p []byte) (int, error) {
	if c.cancelled {
		return 0, io.EOF
	}
	n, err := c.r.Read(p)
	if bytes.ContainsAny(p[:n], "\x1b\x03\x04") || n == 0 && err != nil {
		c.cancelled = true
		return 0, io.EOF
	}
	return n, err
}

func (h *Huh) Select(title, help string, options []Option, def string) (string, error) {
	v := def
	title, help = iostreams.Escape(title), iostreams.Escape(help)
	if h.Accessible {
		title = h.accessibleTitle(title, help, iostreams.Escape(def))
	}
	opts := make([]huh.Option[string], len(options))
	for i, o := range options {
		opts[i] = huh.NewOption(iostreams.Escape(o.Label), o.Value).Selected(o.Value == def)
	}
	err := h.run(huh.NewSelect[string]().Title(title).Description(help).Options(opts...).Value(&v))
	return v, err
}

func (h *Huh) Input(title, help, def string, validate func(string) error) (string, error) {
	v := def
	title, help = iostreams.Escape(title), iostreams.Escape(help)
	if h.Accessible {
		// Line-by-line prompts cannot pre-fill: an empty line takes the default.
		v = ""
		title, help = h.accessibleTitle(title, help, iostreams.Escape(def)), ""
	}
	orDefault := func(s string) string {
		if s == "" && h.Accessible {
			return def
		}
		return s
	}
	in := huh.NewInput().Title(title).Description(help).Value(&v)
	if validate != nil {
		in = in.Validate(func(s string) error { return validate(orDefault(s)) })
	}
	err := h.run(in)
	return orDefault(v), err
}

func (h *Huh) Confirm(title string, def bool) (bool, error) {
	v := def
	err := h.run(huh.NewConfirm().Title(iostreams.Escape(title)).Affirmative("Yes").Negative("No").Value(&v))
	return v, err
}
