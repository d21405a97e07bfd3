package lint

// checkProjectInstall runs the project rules on installs and workspaces
// (DG811-DG819): the Dockerfile's install and build steps against what
// detection reads from the project.
func (c *checker) checkProjectInstall() {
	if c.project() == nil {
		return
	}
	c.checkWorkspaceRoot()
}
