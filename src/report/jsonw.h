/* jsonw.h - a streaming JSON writer (RFC 8259): the report is written as it is walked, never
 * built as a tree, so memory stays flat and time stays close to the analysis itself. */
#ifndef CD_REPORT_JSONW_H
#define CD_REPORT_JSONW_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#define CD_JW_MAX_DEPTH 64 /* nesting the report never comes near; deeper values are cut */

struct cd_jw {
	FILE *f;
	int depth;
	int pretty;                              /* newline and two spaces per level */
	unsigned char empty[CD_JW_MAX_DEPTH + 1]; /* nothing written yet at this level */
	char close[CD_JW_MAX_DEPTH + 1];          /* '}' or ']' per open level */
	int after_key;
};

/* Write to f; pretty = 1 indents like `jq .`. Strings are written as ASCII (\uXXXX escapes);
 * bytes that are not UTF-8 become U+FFFD. */
void cd_jw_init(struct cd_jw *w, FILE *f, int pretty);
void cd_jw_object(struct cd_jw *w);
void cd_jw_array(struct cd_jw *w);
void cd_jw_end(struct cd_jw *w); /* closes the innermost object or array */
void cd_jw_key(struct cd_jw *w, const char *key);
void cd_jw_str(struct cd_jw *w, const char *s); /* NULL: null */
void cd_jw_strn(struct cd_jw *w, const char *s, size_t n);
void cd_jw_int(struct cd_jw *w, long long v);
void cd_jw_bool(struct cd_jw *w, int v);
void cd_jw_null(struct cd_jw *w);
void cd_jw_hex(struct cd_jw *w, const uint8_t *p, size_t n); /* lowercase hex; n = 0: null */
/* A jansson value (a finding's evidence), written through the same writer. */
void cd_jw_value(struct cd_jw *w, const json_t *v);

/* key and value in one call */
static inline void cd_jw_kstr(struct cd_jw *w, const char *k, const char *v)
{
	cd_jw_key(w, k);
	cd_jw_str(w, v);
}
static inline void cd_jw_kint(struct cd_jw *w, const char *k, long long v)
{
	cd_jw_key(w, k);
	cd_jw_int(w, v);
}
static inline void cd_jw_kbool(struct cd_jw *w, const char *k, int v)
{
	cd_jw_key(w, k);
	cd_jw_bool(w, v);
}
static inline void cd_jw_knull(struct cd_jw *w, const char *k)
{
	cd_jw_key(w, k);
	cd_jw_null(w);
}

#endif
