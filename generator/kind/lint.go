package kind

// What `dockgen lint` knows about the kinds' toolchains, gathered from each
// kind's Lint in registry order (the order matters where commands overlap).

// LintToolchains are every kind's build-only images.
func LintToolchains() []Toolchain { return gather(func(l Lint) []Toolchain { return l.Toolchains }) }

// LintCommands are every kind's install, download and build commands.
func LintCommands() []Command { return gather(func(l Lint) []Command { return l.Commands }) }

// LintBuildOutputs are every kind's build output folders.
func LintBuildOutputs() []BuildOutput {
	return gather(func(l Lint) []BuildOutput { return l.BuildOutputs })
}

// LintImageEnv is the environment of every kind's base images.
func LintImageEnv() []ImageEnv { return gather(func(l Lint) []ImageEnv { return l.ImageEnv }) }

func gather[T any](of func(Lint) []T) []T {
	var out []T
	for _, k := range all {
		out = append(out, of(k.Lint)...)
	}
	return out
}
