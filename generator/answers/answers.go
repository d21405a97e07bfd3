// Package answers reads and writes .dockgen.yaml, the answers file: every
// choice a run made, so that `dockgen` with no flags reproduces it.
package answers

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"go.yaml.in/yaml/v3"

	"github.com/dockgen/dockgen/generator/safefs"
)

// FileName is the answers file's name in the project directory.
const FileName = ".dockgen.yaml"

// Answers is the content of .dockgen.yaml. Field order is the file's order.
type Answers struct {
	Version  int    `yaml:"version"`
	Lang     string `yaml:"lang"`
	Template string `yaml:"template"`
	Catalog  string `yaml:"catalog,omitempty"` // catalog dir or git+URL#ref of a team template; "" = built-in
	// CatalogCommit pins a git catalog: a re-run uses this commit even when
	// the ref has moved since.
	CatalogCommit string            `yaml:"catalog_commit,omitempty"`
	Region        string            `yaml:"region"`
	CI            string            `yaml:"ci"`
	ImageName     string            `yaml:"image_name,omitempty"` // set with --image-name; "" = from the directory name
	Tool          string            `yaml:"tool,omitempty"`
	LangVersion   string            `yaml:"lang_version,omitempty"`
	Runtime       string            `yaml:"runtime,omitempty"`
	Entry         string            `yaml:"entry,omitempty"`
	Port          int               `yaml:"port,omitempty"`
	Private       []string          `yaml:"private,omitempty"`
	BuildSecrets  []string          `yaml:"build_secrets,omitempty"`
	Variables     map[string]string `yaml:"variables,omitempty"` // yaml.v3 sorts map keys
	// Build is the command that builds the image when the build context is
	// above the project (a workspace member); recorded, never read back.
	Build string `yaml:"build,omitempty"`
}

const header = "# dockgen answers file: running `dockgen` here with no flags reproduces the\n# generated files. Edit a value, or pass a flag, to change it.\n"

// Marshal renders the answers file.
func (a *Answers) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(header)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(a); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// maxSize bounds the answers file: a real one is well under a kilobyte.
const maxSize = 1 << 20

// Read loads dir/.dockgen.yaml; it returns nil, nil when there is none. The
// file comes from the repository: it is read only when it is a regular file
// inside dir (a link to /dev/zero or /etc/passwd is refused, and nothing of
// such a target reaches the error), at most maxSize bytes.
func Read(dir string) (*Answers, error) {
	data, err := safefs.ReadFile(dir, FileName, maxSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var se *safefs.Error
	if errors.As(err, &se) {
		return nil, fmt.Errorf("%s: %s; replace it with a regular file or delete it", FileName, se.Reason())
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", FileName, err)
	}
	data = safefs.StripBOM(data)
	var a Answers
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w (fix the file or delete it to start over)", FileName, err)
	}
	// One document only: a second one (after ---) would be ignored silently.
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: holds more than one YAML document (a line ---); dockgen reads one: merge them or delete the extra", FileName)
	}
	if a.Version > 1 {
		return nil, fmt.Errorf("%s: version %d was written by a newer dockgen; upgrade dockgen", FileName, a.Version)
	}
	// A file without a version is read as version 1; an explicit 0 or a
	// negative one is a typo, not a format.
	if a.Version < 0 || a.Version == 0 && lineIn(data, "version") > 0 {
		return nil, fmt.Errorf("%s:%d: version %d is not a version dockgen writes: want version: 1", FileName, lineIn(data, "version"), a.Version)
	}
	return &a, nil
}

// Line is the line of the answers file in dir where the value at path (a
// key, then keys below it) is written, 0 when it is not there: errors about
// a value from the file name the line to fix.
func Line(dir string, path ...string) int {
	data, err := safefs.ReadFile(dir, FileName, maxSize)
	if err != nil {
		return 0
	}
	return lineIn(safefs.StripBOM(data), path...)
}

// lineIn is Line for the file's content.
func lineIn(data []byte, path ...string) int {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return 0
	}
	n := doc.Content[0]
	for _, key := range path {
		if n.Kind != yaml.MappingNode {
			return 0
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				next = n.Content[i+1]
				break
			}
		}
		if next == nil {
			return 0
		}
		n = next
	}
	return n.Line
}
