/* b64.h - base64 decoding (RFC 4648 §4) tolerant of whitespace, strict about everything else. */
#ifndef CD_UTIL_B64_H
#define CD_UTIL_B64_H

#include <stddef.h>
#include <stdint.h>

/* Decode [in, in+len) into a new buffer (*out, caller frees, *out_len bytes). Spaces, tabs,
 * CR and LF are skipped. Returns CD_OK, CD_E_MALFORMED with *err_off = offset of the first
 * bad character (or of the padding fault), or CD_E_NOMEM. */
int cd_b64_decode(const char *in, size_t len, uint8_t **out, size_t *out_len, size_t *err_off);

/* Does [in, in+len) consist only of base64 alphabet, '=' and whitespace, with at least
 * min_chars alphabet characters? */
int cd_b64_looks_like(const char *in, size_t len, size_t min_chars);

#endif
