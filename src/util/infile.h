/* infile.h - open an input for reading without hanging on it, following it or touching it. */
#ifndef CD_UTIL_INFILE_H
#define CD_UTIL_INFILE_H

#include <sys/stat.h>

/* Flags of cd_infile_open. */
#define CD_IN_NOFOLLOW 1 /* a symbolic link as the last component is not followed (ELOOP) */

/* Open path read-only for certdiag to read: O_NONBLOCK (opening a FIFO or a device cannot
 * block), O_NOCTTY, O_CLOEXEC, and O_NOATIME where the kernel allows it (the caller owns the
 * file or has CAP_FOWNER; on EPERM it is opened again without: a scan should change no time
 * stamp of the customer's files, and may when it cannot ask). The type is looked at before the
 * open (devices, FIFOs and sockets are never opened) and again with fstat on the descriptor,
 * which is what counts; *st holds the fstat.
 * Returns the descriptor (>= 0; the caller closes it; O_NONBLOCK is cleared) of a regular file
 * or directory; CD_E_UNSUPPORTED for anything else (nothing stays open; *st says what it is,
 * cd_infile_type_name names it); CD_E_IO when it cannot be opened or looked at (errno says
 * why; ELOOP with CD_IN_NOFOLLOW: path is a symbolic link). */
int cd_infile_open(const char *path, int flags, struct stat *st);

/* "FIFO (named pipe)", "socket", "character device", "block device", "symbolic link",
 * "directory", "regular file", or "special file". Static. */
const char *cd_infile_type_name(mode_t mode);

#endif
