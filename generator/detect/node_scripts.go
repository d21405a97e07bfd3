package detect

import (
	"slices"
	"strings"
)

// installScripts are the scripts npm, Yarn, pnpm and Bun run for the root
// package while installing, in npm's order.
var installScripts = []string{"preinstall", "install", "postinstall", "prepublish", "preprepare", "prepare", "postprepare"}

// rerunScripts are the install scripts the build stage runs once the
// sources are there: they generate or patch what the app needs (prisma
// generate, patch-package, a Sass build). preinstall guards the install
// itself ("only-allow pnpm") and has nothing left to do afterwards.
var rerunScripts = []string{"install", "postinstall", "prepare"}

// gitHookTools install git hooks or do nothing: useless in an image, and
// they fail without .git or their devDependency.
var gitHookTools = []string{"husky", "husky-init", "is-ci", "simple-git-hooks", "lefthook", "pinst", "git-hooks", "true", "echo", "exit", ":"}

// versionSpecRe is a dependency version written in package.json that is
// safe to put after "@" in a command (^8.0.0, ~1.2, 8.0.0).
var versionSpecRe = lazy(`^[\^~]?[0-9][0-9A-Za-z.+-]*$`)

// onlyGitHooks reports whether every step of a script is a git-hook
// installer (husky, "is-ci || husky install", simple-git-hooks).
func onlyGitHooks(cmd string) bool {
	for _, step := range shellStepRe.Split(cmd, -1) {
		words := strings.Fields(step)
		for len(words) > 0 && (words[0] == "npx" || words[0] == "pnpm" && len(words) > 1 && words[1] == "exec" || words[0] == "exec") {
			if words[0] == "pnpm" {
				words = words[1:]
			}
			words = words[1:]
		}
		if len(words) == 0 {
			continue
		}
		if !slices.Contains(gitHookTools, words[0]) {
			return false
		}
	}
	return true
}

// splitInstallScripts splits a package.json's own install lifecycle scripts:
// every one is dropped from a dependency install that runs before the
// sources are copied; Run are those the build reruns once the sources are
// there (git-hook installers and preinstall guards are left out);
// SkipHooks when one of them also installs git hooks. note, when not nil,
// says why for each script. The Node kind and a Go binary's embedded UI
// share it.
func splitInstallScripts(scripts map[string]string, note func(script, why string)) (drop, run []string, skipHooks bool) {
	if note == nil {
		note = func(string, string) {}
	}
	for _, s := range installScripts {
		cmd, ok := scripts[s]
		if !ok {
			continue
		}
		drop = append(drop, s)
		switch {
		case !slices.Contains(rerunScripts, s):
			note(s, "%s script: left out of the dependency installs")
		case onlyGitHooks(cmd):
			note(s, "%s script installs git hooks only: left out of the image")
		default:
			run = append(run, s)
			if hasGitHookStep(cmd) {
				skipHooks = true
			}
			note(s, "%s script runs in the build stage once the sources are copied, not while installing dependencies")
		}
	}
	return drop, run, skipHooks
}

// installDownloads are devDependencies whose own install script downloads a
// large binary from their vendor's host (a test browser, Electron) that
// building and running the app never uses; the variable skips it. As
// dependencies (puppeteer rendering PDFs at run time) they are left alone.
var installDownloads = []struct{ pkg, env string }{
	{"cypress", "CYPRESS_INSTALL_BINARY=0"},
	{"puppeteer", "PUPPETEER_SKIP_DOWNLOAD=true"},
	{"electron", "ELECTRON_SKIP_BINARY_DOWNLOAD=1"},
}

// nodeInstallDownloads sets the variables that skip the install-time
// downloads of test-only devDependencies (Cypress from download.cypress.io).
func nodeInstallDownloads(d *dir, p *Project, data []byte, pj *packageJSON) {
	for _, dl := range installDownloads {
		_, dev := pj.DevDependencies[dl.pkg]
		_, prod := pj.Dependencies[dl.pkg]
		if !dev || prod || slices.Contains(p.Node.InstallEnv, dl.env) {
			continue
		}
		p.Node.InstallEnv = append(p.Node.InstallEnv, dl.env)
		p.evidence(d.path("package.json"), lineOf(data, `"`+dl.pkg+`"`), "devDependency %s downloads a binary while installing that the image never uses: %s", dl.pkg, dl.env)
	}
}

// nodeScripts records the project's own install lifecycle scripts: they are
// dropped from the dependency installs (the sources are not copied yet) and
// the ones that build or patch something run in the build stage. It also
// finds Prisma and patch folders, which are install inputs.
func nodeScripts(d *dir, p *Project, pj *packageJSON, data []byte) {
	pkgFile := d.path("package.json")
	drop, run, skip := splitInstallScripts(pj.Scripts, func(s, why string) {
		p.evidence(pkgFile, lineOf(data, `"`+s+`"`), why, s)
	})
	p.Node.DropScripts = append(p.Node.DropScripts, drop...)
	p.Node.RunScripts = append(p.Node.RunScripts, run...)
	p.Node.SkipHooks = p.Node.SkipHooks || skip
	nodeInstallDownloads(d, p, data, pj)
	patchDir := "patches"
	usesPatchPackage := false
	for _, s := range p.Node.RunScripts {
		cmd := pj.Scripts[s]
		if !strings.Contains(cmd, "patch-package") {
			continue
		}
		usesPatchPackage = true
		words := strings.Fields(cmd)
		for i, w := range words {
			if w == "--patch-dir" && i+1 < len(words) && plainRelDir(words[i+1]) {
				patchDir = strings.TrimSuffix(strings.TrimPrefix(words[i+1], "./"), "/")
			}
		}
	}
	if d.isDir(patchDir) {
		p.Node.Patches = patchDir
		p.evidence(d.path(patchDir), 0, "%s/ holds dependency patches: copied with the manifests", patchDir)
	}
	if usesPatchPackage && p.Node.Patches != "" {
		p.Node.PatchPackage = patchPackageCommand(p, pj, patchDir)
		p.evidence(pkgFile, lineOf(data, "patch-package"), "patch-package: the production dependencies are patched too")
	}
	if pj.has("prisma") || pj.has("@prisma/client") {
		schema := ""
		for _, f := range []string{"prisma/schema.prisma", "schema.prisma"} {
			if d.exists(f) {
				schema = f
				break
			}
		}
		if schema == "" && d.isDir("prisma/schema") {
			schema = "prisma/schema"
		}
		if schema != "" {
			p.Node.Prisma = true
			p.evidence(d.path(schema), 1, "Prisma schema: prisma generate in the build stage, openssl in the images; run `prisma migrate deploy` as a release step")
			generated := scriptRuns(pj, "build", "prisma generate", 0)
			for _, s := range p.Node.RunScripts {
				generated = generated || scriptRuns(pj, s, "prisma generate", 0)
			}
			switch {
			case generated:
			case pj.has("prisma"):
				p.Node.PrismaGenerate = true
			default:
				d.warn("package.json", lineOf(data, `"@prisma/client"`), "@prisma/client without the prisma CLI in package.json: the image cannot run prisma generate; add prisma to devDependencies")
			}
		}
	}
}

// patchPackageCommand runs patch-package from production dependencies,
// or pinned through npx when it is a devDependency.
func patchPackageCommand(p *Project, pj *packageJSON, patchDir string) []string {
	var cmd []string
	if _, ok := pj.Dependencies["patch-package"]; ok {
		cmd = []string{"node_modules/.bin/patch-package"}
	} else {
		spec := "patch-package"
		if v := pj.DevDependencies["patch-package"]; versionSpecRe.MatchString(v) {
			spec += "@" + strings.TrimLeft(v, "^~")
		}
		cmd = []string{"npx", "--yes", spec}
		if p.Tool == "bun" {
			cmd = []string{"bunx", spec}
		}
	}
	if patchDir != "patches" {
		cmd = append(cmd, "--patch-dir", patchDir)
	}
	return cmd
}

// plainRelDir is a relative folder name safe to copy (no "..", no spaces).
func plainRelDir(s string) bool {
	s = strings.TrimPrefix(s, "./")
	return s != "" && nodeFileRe.MatchString(s) && !strings.Contains(s, "..")
}

// scriptRuns reports whether a script runs a command containing needle,
// itself or through the scripts it runs ("npm run prisma:generate").
func scriptRuns(pj *packageJSON, script, needle string, depth int) bool {
	cmd, ok := pj.Scripts[script]
	if !ok || depth > 3 {
		return false
	}
	if strings.Contains(cmd, needle) {
		return true
	}
	for _, step := range shellStepRe.Split(cmd, -1) {
		words := strings.Fields(step)
		if len(words) >= 2 && slices.Contains([]string{"npm", "pnpm", "yarn", "bun"}, words[0]) {
			next := words[1]
			if (next == "run" || next == "run-script") && len(words) >= 3 {
				next = words[2]
			}
			if scriptRuns(pj, next, needle, depth+1) {
				return true
			}
		}
	}
	return false
}

// hasGitHookStep reports whether some step of a script installs git hooks.
func hasGitHookStep(cmd string) bool {
	for _, step := range shellStepRe.Split(cmd, -1) {
		if strings.TrimSpace(step) != "" && onlyGitHooks(step) && !slices.Contains([]string{"true", "echo", "exit", ":"}, strings.Fields(step)[0]) {
			return true
		}
	}
	return false
}
