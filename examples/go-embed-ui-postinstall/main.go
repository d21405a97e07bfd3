// boardvendor serves a UI that its web/ build writes into web/dist and the
// binary embeds, where web/package.json's postinstall vendors a file from
// the UI's own sources (bin/vendor.mjs): dockgen's e2e example for a UI
// stage that must run the project's install scripts after copying them.
package main

import (
	"embed"
	"io/fs"
	"log"
	"net/http"
	"os"
)

//go:embed all:web/dist
var dist embed.FS

func main() {
	ui, err := fs.Sub(dist, "web/dist")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := fs.Stat(ui, "index.html"); err != nil {
		log.Fatal("the UI was not built into web/dist: ", err)
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	log.Fatal(http.ListenAndServe(":"+port, http.FileServer(http.FS(ui))))
}
