/* logs.h - known log signatures (rules/signatures/, compiled in; --signatures adds more)
 * and the line matcher that turns a text log into aggregated log records in the model. */
#ifndef CD_LOGS_LOGS_H
#define CD_LOGS_LOGS_H

#include <stddef.h>
#include <stdint.h>
#include "util/timefmt.h"
#include "model/model.h"

/* Named limits (docs/limits.md). */
#define CD_LOG_LINE_MAX 65536       /* a longer line is matched on its first 64 KiB only */

#define CD_LOG_MATCH_LIMIT 100000U /* PCRE2 match limit per line and signature: real lines need < 1000 */
#define CD_LOG_KEYWORD_MIN 4        /* shorter keywords cannot feed the prefilter */
#define CD_LOG_TS_LOOKBACK 20       /* lines looked back for the timestamp of a continuation */

#define CD_LIMIT_LOG_RECORDS 100000 /* distinct records in one scan; more is ingest.limit-reached */

/* What a matcher hands to cd_model_log_hit (strings are copied). */
struct cd_log_hit {
	const char *signature, *rule, *product, *title, *product_message, *diagnosis, *remedy;
	const struct cd_log_field *fields;
	size_t n_fields;
	unsigned long line;
	const char *text;
	size_t text_len;
	const char *ts; /* timestamp text as found, "" when none */
	cd_time_t t;    /* CD_TIME_NONE when the timestamp has no date */
};

/* Add one log line a signature matched, at src (path, rel), to m's log records (records.c).
 * Aggregates with the record of the same signature, rule, host, address and subject: count,
 * first and last timestamp (by parsed time when both have a date, else by order of sight), the
 * first CD_LOG_EXAMPLES lines. CD_OK, CD_E_NOMEM, or CD_E_LIMIT (CD_LIMIT_LOG_RECORDS reached:
 * an event is recorded once). */
int cd_model_log_hit(struct cd_model *m, const struct cd_log_hit *h, const struct cd_source *src);

struct cd_logsig {
	char *id;              /* "cucm.handle-ssl-error" */
	char *product;         /* "CUCM CallManager SDL trace" */
	char *title;           /* short description for messages */
	char *rule;            /* log.* rule id it maps to (diagnosis family) */
	char *product_message; /* the product's wording, quoted exactly, or NULL */
	char *diagnosis;       /* a rule id such as "chain.incomplete", or text */
	char *remedy;          /* text */
	char *keyword;         /* literal every matching line contains (case-insensitive), or NULL */
	char *pattern;         /* PCRE2, compiled caseless */
	char *sample;          /* a line the pattern must match, or NULL */
	char **expect;         /* sample's expected captures: name, value, name, value, ... */
	size_t n_expect;       /* number of strings in expect (pairs * 2) */
	char *file;            /* where it was defined: "signatures/cucm.yaml" or a path */
	int benign;            /* a match means "not an error": the line is consumed silently */
	void *re;              /* pcre2_code_8 * */
};

struct cd_logsig_set {
	struct cd_logsig *v; /* in matching order: run-time additions, then built-ins by file */
	size_t n, cap;
	void *mctx;          /* pcre2_match_context_8 * */
	void *md;            /* pcre2_match_data_8 *: one scan at a time per set */
	/* prefilter: 4-byte case-folded hash of keyword prefixes */
	uint64_t bloom[1024]; /* 65536 bits: every 4-gram at offsets 0..step-1 of each keyword */
	size_t step;          /* positions checked: every step-th (shortest keyword - 3, max 8) */
	uint64_t first[1024]; /* 65536 bits: the first 4-gram of each keyword */
	int has_every_line;   /* some signature has no keyword: every line is tried */
};

/* Load the built-in signatures, then each FILE or DIR (*.yaml, sorted) of extra, which are
 * tried first. On failure *err (malloc'd) names the file and the problem (CD_E_MALFORMED,
 * CD_E_IO) and the set is released. */
int cd_logsig_set_load(struct cd_logsig_set *s, const char *const *extra, size_t n_extra,
		       char **err);
/* Parse YAML text (a sequence of signatures) into s; name is used in messages. */
int cd_logsig_set_add_yaml(struct cd_logsig_set *s, const char *name, const char *text,
			   size_t len, char **err);
/* Compile patterns and build the prefilter; call after the last add. */
int cd_logsig_set_finish(struct cd_logsig_set *s, char **err);
void cd_logsig_set_release(struct cd_logsig_set *s);
const struct cd_logsig *cd_logsig_set_find(const struct cd_logsig_set *s, const char *id);

/* One captured field of a match. Strings point into caller storage for the match's life. */
struct cd_log_capture {
	const char *name;
	char value[256];
};

/* Match one line against one signature; captures filled (at most max). Returns 1 on match,
 * 0 on no match, negative on a PCRE2 error (match limit). */
int cd_logsig_match(const struct cd_logsig_set *s, const struct cd_logsig *sig,
		    const char *line, size_t len, struct cd_log_capture *caps, size_t max,
		    size_t *n_caps);

/* Does this buffer look like a log? By path (the documented CUCM, IM&P and Expressway log
 * locations, rel relative to the scan root), by timestamps at the start of its first lines,
 * or by a signature keyword anywhere in it. Binary data never is. */
int cd_log_looks_like(const struct cd_logsig_set *s, const uint8_t *data, size_t len,
		      const char *rel);

/* Match every line of data against s and add aggregated records to m (src: the file).
 * Counts the file in m->stats.logs. CD_OK or CD_E_NOMEM. */
int cd_log_scan(struct cd_model *m, const struct cd_logsig_set *s, const uint8_t *data,
		size_t len, const struct cd_source *src);

/* A timestamp at the start of a line (within its first 40 bytes): ISO 8601 / RFC 3339
 * ("2026-05-01T12:00:00.123+00:00", "2026-05-01 12:00:00,123"), Tomcat ("01-May-2026
 * 12:00:00.000"), syslog ("May  1 12:00:00", no year) or a CallManager SDL trace time
 * ("|12:00:00.123 |"). The text as found goes to text (NUL-terminated); *t is the parsed
 * UTC time or CD_TIME_NONE (no date, or no zone: taken as UTC). Returns 1 if found. */
int cd_log_timestamp(const char *line, size_t len, char *text, size_t text_size, cd_time_t *t);

/* OpenSSL X509_V_ERR_* number -> its text and the log rule it points to (NULL if unknown). */
const char *cd_log_verify_text(long n);
const char *cd_log_verify_rule(long n);
/* Text -> number, when the text is one of OpenSSL's verify texts (case-insensitive); -1. */
long cd_log_verify_number(const char *text);

#endif
