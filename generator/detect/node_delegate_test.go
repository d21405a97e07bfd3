package detect

import "testing"

// A workspace root's production start that runs one package's script names
// that package; a start that runs every package, several steps, or a dev
// script names none.
func TestDelegatedStart(t *testing.T) {
	cases := []struct {
		scripts map[string]string
		script  string
		member  string
	}{
		{map[string]string{"prod": "pnpm --filter ep_app run prod"}, "prod", "ep_app"},
		{map[string]string{"start": "pnpm -F @acme/api start"}, "start", "@acme/api"},
		{map[string]string{"start": "npm run start -w server"}, "start", "server"},
		{map[string]string{"start": "npm start --workspace=apps/api"}, "start", "apps/api"},
		{map[string]string{"start": "yarn workspace @acme/api start"}, "start", "@acme/api"},
		// start wins over prod; the first production script decides.
		{map[string]string{"start": "node server.js", "prod": "pnpm --filter api run prod"}, "", ""},
		{map[string]string{"start": "turbo run start"}, "", ""},
		{map[string]string{"start": "pnpm --filter api run build && pnpm --filter api start"}, "", ""},
		{map[string]string{"dev": "pnpm --filter api run dev"}, "", ""},
		{map[string]string{"start": "pnpm --filter '$(evil)' start"}, "", ""},
	}
	for _, c := range cases {
		script, member := delegatedStart(&packageJSON{Scripts: c.scripts})
		if script != c.script || member != c.member {
			t.Errorf("%v: got %q %q, want %q %q", c.scripts, script, member, c.script, c.member)
		}
	}
}
