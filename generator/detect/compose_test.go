package detect

import "testing"

// A port published by a tool service (adminer, a mail catcher, a database)
// is not the app's; the service built from the project decides.
func TestComposePortIsTheBuiltService(t *testing.T) {
	data := []byte(`services:
  adminer:
    image: adminer
    ports:
      - 8080:8080
  mail:
    image: maildev/maildev
    ports: ["1080:1080", "1025:1025"]
  api:
    build:
      context: .
    ports:
      - "3001:3000"
`)
	if port, _ := scanPort("docker-compose.yaml", data); port != 3000 {
		t.Errorf("port %d, want 3000 (the api service's container port)", port)
	}
	onlyTools := []byte("services:\n  adminer:\n    image: adminer\n    ports:\n      - 8080:8080\n  db:\n    image: postgres\n    ports: [\"5432:5432\"]\n")
	if port, _ := scanPort("compose.yaml", onlyTools); port != 8080 {
		t.Errorf("port %d, want 8080 when no service is built from the project", port)
	}
	if port, _ := scanPort("settings.js", []byte("smtp: { port: 465 }\nport: 587\n")); port != 0 {
		t.Errorf("port %d, want 0: SMTP ports are not the app's", port)
	}
}
