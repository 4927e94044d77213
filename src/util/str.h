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
/* The same relative path without leading "./" ("./a/b" -> "a/b", "." -> ""). */
const char *cd_path_skip_dot(const char *p);
int cd_parse_uint(const char *s, unsigned long max, unsigned long *out);

#endif
