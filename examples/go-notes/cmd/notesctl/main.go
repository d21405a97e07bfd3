// notesctl is the command-line client beside the server: not what the image runs.
package main

import (
	"fmt"
	"os"
)

func main() { fmt.Println("notesctl", len(os.Args)) }
