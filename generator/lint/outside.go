package lint

import (
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// checkOutside: DG842 when the Node server requires at start a file
// outside the project (detection read a top-level require that climbs out
// of it) and the final stage puts nothing at the path it resolves to.
func (c *checker) checkOutside(last int) {
	p := c.startProject(last)
	if p == nil || p.Lang != "node" || len(p.Node.Outside) == 0 {
		return
	}
	argv, ln, _ := c.startCommand(last)
	if !startsNodeScript(argv) {
		return // the image starts something else: the facts are the entry's
	}
	wd, root := "/", ""
	var dests []string
	var mentions []string
	for _, i := range c.chain(last) {
		for _, cmd := range c.stages[i].Commands {
			switch cmd := cmd.(type) {
			case *instructions.WorkdirCommand:
				wd = path.Join(wd, cmd.Path)
			case *instructions.CopyCommand:
				dest := cmd.DestPath
				if !path.IsAbs(dest) {
					dest = path.Join(wd, dest)
				}
				dests = append(dests, path.Clean(dest))
				for _, s := range cmd.SourcePaths {
					if c.copiesTree(s, cmd.From) {
						root = path.Clean(dest)
					}
				}
			case *instructions.AddCommand:
				dests = append(dests, path.Clean(path.Join(wd, cmd.DestPath)))
			case *instructions.VolumeCommand:
				dests = append(dests, cmd.Volumes...)
			case *instructions.RunCommand:
				mentions = append(mentions, strings.Join(cmd.CmdLine, " "))
			}
		}
	}
	if root == "" {
		root = wd
	}
	for _, rel := range p.Node.Outside {
		target := path.Join(root, rel)
		covered := false
		for _, d := range dests {
			if d == target || d == path.Dir(target) || strings.HasPrefix(target, d+"/") && d != "/" && !strings.HasPrefix(root+"/", d+"/") {
				covered = true
			}
		}
		for _, m := range mentions {
			covered = covered || strings.Contains(m, path.Base(target))
		}
		if !covered {
			c.add(RuntimeFileOutside, ln, "the server requires "+rel+evidenceAt(p, "requires "+rel+" at start")+", outside the project, which resolves to "+target+" in the image: nothing puts it there, so it stops with 'Cannot find module'")
		}
	}
}

// startsNodeScript: the start command runs a script with node (not npm,
// whose script lint does not follow).
func startsNodeScript(argv []string) bool {
	return len(argv) > 1 && path.Base(argv[0]) == "node"
}
