/* infile.c - open inputs without blocking on FIFOs or devices, without following a last
 * symbolic link when asked, without updating their access time (open(2): O_NONBLOCK,
 * O_NOFOLLOW, O_NOATIME); the type is judged on the open descriptor (fstat). */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "util/error.h"
#include "util/infile.h"

const char *cd_infile_type_name(mode_t mode)
{
	if (S_ISREG(mode))
		return "regular file";
	if (S_ISDIR(mode))
		return "directory";
	if (S_ISFIFO(mode))
		return "FIFO (named pipe)";
	if (S_ISSOCK(mode))
		return "socket";
	if (S_ISCHR(mode))
		return "character device";
	if (S_ISBLK(mode))
		return "block device";
	if (S_ISLNK(mode))
		return "symbolic link";
	return "special file";
}

static int usable(mode_t mode)
{
	return S_ISREG(mode) || S_ISDIR(mode);
}

int cd_infile_open(const char *path, int flags, struct stat *st)
{
	int oflags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
		     ((flags & CD_IN_NOFOLLOW) ? O_NOFOLLOW : 0);
	int fd, fl, e;
	/* a device, FIFO or socket is refused before it is opened: opening some devices acts */
	if (((flags & CD_IN_NOFOLLOW) ? lstat(path, st) : stat(path, st)) < 0)
		return CD_E_IO;
	if ((flags & CD_IN_NOFOLLOW) && S_ISLNK(st->st_mode)) {
		errno = ELOOP;
		return CD_E_IO;
	}
	if (!usable(st->st_mode))
		return CD_E_UNSUPPORTED;
	fd = open(path, oflags | O_NOATIME);
	if (fd < 0 && errno == EPERM) /* O_NOATIME: only for the file's owner (or CAP_FOWNER) */
		fd = open(path, oflags);
	if (fd < 0)
		return CD_E_IO;
	/* what was opened is what counts: the name may have changed since the lstat */
	if (fstat(fd, st) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return CD_E_IO;
	}
	if (!usable(st->st_mode)) {
		close(fd);
		return CD_E_UNSUPPORTED;
	}
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}
