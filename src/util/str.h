/* str.h - small string helpers: hex, case folding, bounded copies, path pieces. */
#ifndef CD_UTIL_STR_H
#define CD_UTIL_STR_H

#include <stddef.h>
#include <stdint.h>

/* Lowercase hex of n bytes into out (2n+1 bytes). */
void cd_hex(const uint8_t *p, size_t n, char *out);
/* New lowercase hex string, optionally with ':' between bytes; caller frees. */
char *cd_hex_new(const uint8_t *p, size_t n, int colons);
/* strdup that returns NULL for NULL. */
char *cd_strdup(const char *s);
char *cd_strndup(const char *s, size_t n);
/* Bounded copy; always NUL-terminates when size > 0. Returns strlen(src). */
size_t cd_strlcpy(char *dst, const char *src, size_t size);
int cd_strcaseeq(const char *a, const char *b);
int cd_str_endswith_ci(const char *s, const char *suffix);
/* Parse a non-negative decimal integer in [0, max]; CD_OK or CD_E_USAGE. */
/* The last component of a path as certdiag names places: after the last '/' or, inside an
 * archive ("a.zip!b.pem"), the last '!'; "" for NULL. */
const char *cd_path_base(const char *path);
/* The same relative path without leading "./" ("./a/b" -> "a/b", "." -> ""). */
const char *cd_path_skip_dot(const char *p);
int cd_parse_uint(const char *s, unsigned long max, unsigned long *out);
/* Length of the well-formed UTF-8 sequence at p within left bytes (1 to 4; RFC 3629 §4: no
 * overlong forms, no surrogates, nothing above U+10FFFF), 0 when the bytes there are none. */
size_t cd_utf8_seq(const unsigned char *p, size_t left);
/* A name as encoded, every byte of it (a NUL never cuts it short), as a printable UTF-8 string:
 * well-formed UTF-8 kept, control characters and bytes that are no UTF-8 shown as \xNN.
 * NULL: out of memory. Caller frees. */
char *cd_visible_text(const uint8_t *p, size_t n);
/* BMPString (width 2) or UniversalString (width 4), big-endian, as UTF-8 through
 * cd_visible_text's rules; NULL when it is not (an odd length, a surrogate, a code point past
 * U+10FFFF) or out of memory. Caller frees. */
char *cd_ucs_to_utf8(const uint8_t *p, size_t n, int width);

#endif
