//go:build !unix

package fs

import "os"

// readFile reads the whole file at path. On Windows it is os.ReadFile,
// whose system calls (CreateFile, GetFileInformationByHandle, ReadFile,
// CloseHandle) are already the few libuv makes there.
func readFile(path string) ([]byte, error) { return os.ReadFile(path) }
