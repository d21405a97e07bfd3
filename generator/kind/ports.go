package kind

import (
	"fmt"

	"github.com/dockgen/dockgen/generator/plan"
)

// UnprivilegedPort is where an app listens when dockgen moves it off a
// privileged port.
const UnprivilegedPort = 8080

// PrivilegedPort is dockgen's one rule for ports below 1024, for every kind:
// the image runs as a non-root user (uid), which the kernel lets bind them
// only where net.ipv4.ip_unprivileged_port_start allows (Docker and podman
// set it to 0; Kubernetes does not). Where dockgen sets the listen port
// itself (sets: a server bind it writes, PORT, a listen flag or env), a
// privileged port becomes UnprivilegedPort; where the app hard-codes it, the
// port is kept. It sets and returns p.PortNote, the note the Dockerfile
// carries above EXPOSE ("" for an unprivileged port).
func PrivilegedPort(p *plan.Plan, sets bool, uid string) string {
	switch {
	case p.Port <= 0 || p.Port >= 1024:
		p.PortNote = ""
	case sets:
		p.PortAsked = p.Port
		p.PortNote = fmt.Sprintf("port %d mapped to %d: dockgen sets the listen port and the runtime user (%s) may not bind below 1024", p.Port, UnprivilegedPort, uid)
		p.Port = UnprivilegedPort
	default:
		p.PortNote = fmt.Sprintf("port %d is the app's own and below 1024: the runtime user (%s) binds it where net.ipv4.ip_unprivileged_port_start allows (Docker, podman); on Kubernetes set that sysctl to 0 or add the NET_BIND_SERVICE capability", p.Port, uid)
	}
	return p.PortNote
}
