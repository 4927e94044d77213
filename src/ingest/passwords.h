/* passwords.h - passwords to open encrypted PKCS#12 files and PKCS#8 keys with
 * (--password-file FILE, --password-env NAME). They are secrets: never printed, never written,
 * wiped with gnutls_memset when released. */
#ifndef CD_INGEST_PASSWORDS_H
#define CD_INGEST_PASSWORDS_H

#include <stddef.h>

#define CD_PASSWORDS_MAX 1000         /* passwords in all */
#define CD_PASSWORDS_MAX_FILE 65536UL /* bytes of one --password-file */

struct cd_passwords {
	char **v; /* owned, wiped on release */
	size_t n;
};

void cd_passwords_init(struct cd_passwords *p);
void cd_passwords_release(struct cd_passwords *p);
/* Every line of a regular file is a password (its line end, LF or CRLF, left out; an empty
 * line is the empty password). CD_OK; CD_E_IO with *err (malloc'd, naming the file, never a
 * password) when it cannot be read or is not a regular file; CD_E_LIMIT past the limits above;
 * CD_E_NOMEM. */
int cd_passwords_load_file(struct cd_passwords *p, const char *path, char **err);
/* The value of environment variable name is one password. CD_OK; CD_E_USAGE with *err when it
 * is not set; CD_E_LIMIT; CD_E_NOMEM. */
int cd_passwords_add_env(struct cd_passwords *p, const char *name, char **err);

#endif
