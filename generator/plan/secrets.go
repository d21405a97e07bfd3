package plan

import "regexp"

// secretNameRe is a build secret's name: an environment variable name, so
// it is safe in a --mount flag, a shell and a CI file alike.
var secretNameRe = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// SecretFiles are the build secrets mounted as the credentials file the
// build tools read rather than as an environment variable: ~/.netrc is
// read by go, git, pip and curl (a private module host, index or
// repository over HTTPS). Every other secret is an environment variable of
// its name.
var SecretFiles = map[string]string{"NETRC": "/root/.netrc"}

// SecretMounts are the RUN flags that give one step the build secrets
// (--build-secret): never an ARG or ENV, so no layer or image config
// holds them.
func (p Plan) SecretMounts() []string {
	var m []string
	for _, s := range p.BuildSecrets {
		if f, ok := SecretFiles[s]; ok {
			m = append(m, "--mount=type=secret,id="+s+",target="+f)
		} else {
			m = append(m, "--mount=type=secret,id="+s+",env="+s)
		}
	}
	return m
}

// checkSecrets validates the build secrets' names.
func checkSecrets(names []string) error {
	for _, s := range names {
		if !secretNameRe.MatchString(s) {
			return bad("build secret (--build-secret)", s, "want an environment variable name such as NEXT_PUBLIC_API_KEY or PIP_INDEX_URL")
		}
	}
	return nil
}
