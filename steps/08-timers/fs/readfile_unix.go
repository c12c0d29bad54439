//go:build unix

package fs

import (
	"os"

	"golang.org/x/sys/unix"
)

// ANCHOR: readfile

// readFile reads the whole file at path with four system calls, as
// libuv's uv_fs_open, uv_fs_fstat, uv_fs_read and uv_fs_close make them
// for Node's fs.readFile: open (close-on-exec), fstat for the size, one
// read of that size, close. os.ReadFile makes more: it registers the
// file with Go's netpoller (fcntl, epoll_ctl) and reads until a read
// returns 0. A file whose size fstat does not know (0, as for /proc)
// is read until end of file. Errors are *os.PathError values, as from
// os.ReadFile, so errors.Is(err, fs.ErrNotExist) works.
func readFile(path string) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, &os.PathError{Op: "fstat", Path: path, Err: err}
	}
	size := int(st.Size)
	b := make([]byte, 0, max(size, 512))
	for size == 0 || len(b) < size {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grow: the size fstat gave was wrong
		}
		n, err := unix.Read(fd, b[len(b):cap(b)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			break // end of file, sooner than fstat said
		}
		b = b[:len(b)+n]
	}
	return b, nil
}

// ANCHOR_END: readfile
