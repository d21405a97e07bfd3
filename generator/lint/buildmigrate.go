package lint

import (
	"regexp"
	"strings"
)

// ---- DG843: the image build migrates a database ----

// migrateRe is a command that applies database migrations: the migration
// tools' apply commands, or a migrate script run by node, tsx or ts-node
// (tsx lib/db/migrate).
var migrateRe = regexp.MustCompile(`\b(?:drizzle-kit\s+(?:migrate|push)|prisma\s+(?:migrate\s+(?:deploy|dev|reset)|db\s+push)|knex\s+migrate:(?:latest|up)|sequelize(?:-cli)?\s+db:migrate\b|typeorm(?:-ts-node-\w+)?\s+migration:run|node-pg-migrate\s+up|(?:tsx|ts-node|node)\s+(?:\S+/)?migrat(?:e|ions?)(?:\.[cm]?[jt]s)?(?:\s|$))`)

// checkBuildMigrates: DG843 when a RUN runs a package.json script that
// applies database migrations (itself or through the scripts it runs): the
// image build then needs a reachable database and its credentials, and
// fails (or migrates whatever database the builder reaches) without them.
func (c *checker) checkBuildMigrates(pj *pkgManifest) {
	if pj == nil || len(pj.Scripts) == 0 {
		return
	}
	for cmd, text := range c.runs() {
		name, _ := runsScript(text, pj.Scripts)
		if name == "" || !scriptReaches(pj.Scripts, name, migrateRe.MatchString) {
			continue
		}
		c.add(BuildRunsMigration, line(cmd), "the build runs package.json's "+strings.TrimSpace(name)+" script, which applies database migrations: the image build needs a reachable database")
		return
	}
}
