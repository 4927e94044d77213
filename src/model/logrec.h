/* logrec.h - log records of the model (struct cd_model.logs): one per signature, rule and
 * host/address/subject, aggregated while the logs are read (src/logs/records.c) so that memory
 * does not grow with the number of matching lines; readers: the log.* rules and the reports. */
#ifndef CD_MODEL_LOGREC_H
#define CD_MODEL_LOGREC_H

#include <stddef.h>
#include "util/timefmt.h"

#define CD_LOG_EXAMPLES 3           /* example lines kept per record */
#define CD_LOG_EXAMPLE_MAX 512      /* example lines are cut to this many bytes */

struct cd_log_field {
	char *name;  /* capture name: host, address, port, subject, verify_error, depth, detail ... */
	char *value;
};

struct cd_log_example {
	char *path, *rel;   /* the file, as in struct cd_source */
	unsigned long line; /* 1-based line number */
	char *text;         /* the line, cut to CD_LOG_EXAMPLE_MAX bytes */
};

struct cd_log_record {
	char *signature, *rule, *product, *title, *product_message, *diagnosis, *remedy;
	char *host, *address, *subject; /* the aggregation key, "" when not captured */
	struct cd_log_field *fields;    /* every capture of the first line seen */
	size_t n_fields;
	unsigned long count;
	char *first_seen, *last_seen;   /* timestamp text as found, "" when none */
	cd_time_t first_t, last_t;      /* parsed, CD_TIME_NONE when no date */
	struct cd_log_example examples[CD_LOG_EXAMPLES];
	size_t n_examples;
};

/* Free what r owns and zero it (r itself is not freed). */
void cd_log_record_release(struct cd_log_record *r);

#endif
