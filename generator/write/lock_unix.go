//go:build unix

package write

import (
	"errors"
	"os"
	"syscall"
)

var errBusy = errors.New("locked")

// flock takes an exclusive lock without waiting. The kernel drops it when
// the process ends, however it ends, so a killed run leaves no stale lock.
func flock(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return errBusy
		}
		return err
	}
}
