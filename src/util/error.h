/* error.h - graded negative error codes shared by every subsystem (libarchive/GnuTLS style). */
#ifndef CD_UTIL_ERROR_H
#define CD_UTIL_ERROR_H

/* 0 is success. Errors are negative. An "object" error loses one object but the input goes
 * on; an "input" error loses the whole file or argument. */
#define CD_OK 0
#define CD_E_NOMEM (-1)       /* allocation failed: input lost */
#define CD_E_TRUNCATED (-2)   /* needs more bytes than remain: object lost */
#define CD_E_MALFORMED (-3)   /* bytes present but wrong: object lost */
#define CD_E_UNSUPPORTED (-4) /* not a format we read: object lost */
#define CD_E_IO (-5)          /* read error: input lost */
#define CD_E_LIMIT (-6)       /* a named limit was reached: rest of that input skipped */
#define CD_E_USAGE (-7)       /* bad arguments */

const char *cd_strerror(int err);

#endif
