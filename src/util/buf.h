/* buf.h - growable byte buffer with a maximum size (curl's dynbuf model). */
#ifndef CD_UTIL_BUF_H
#define CD_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct cd_buf {
	uint8_t *data; /* owned; NUL-terminated when used for text */
	size_t len;
	size_t cap;
	size_t max; /* growing past max fails with CD_E_LIMIT */
};

void cd_buf_init(struct cd_buf *b, size_t max);
void cd_buf_release(struct cd_buf *b);
int cd_buf_add(struct cd_buf *b, const void *p, size_t n);
int cd_buf_addc(struct cd_buf *b, char ch);
int cd_buf_adds(struct cd_buf *b, const char *s);
int cd_buf_addf(struct cd_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cd_buf_vaddf(struct cd_buf *b, const char *fmt, va_list ap);
/* Hand the contents over (NUL-terminated, caller frees); the buffer is left empty. */
char *cd_buf_detach(struct cd_buf *b);

#endif
