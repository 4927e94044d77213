/* report.h - print findings and objects: text for people, JSON for scripts, Markdown docs. */
#ifndef CD_REPORT_REPORT_H
#define CD_REPORT_REPORT_H

#include <jansson.h>
#include <stdio.h>
#include "engine/scan.h"

/* Version of the JSON document's shape (docs/report.schema.json). Bump on incompatible
 * change; adding fields is compatible. */
#define CD_JSON_SCHEMA_VERSION 1

struct cd_text_style {
	int color;
	int quiet; /* summary line only */
	const char *fail_on; /* for the summary line */
	int exit_code;
	const char *exit_reason; /* what decided the exit code instead of --fail-on, or NULL */
};

/* The JSON form of one object (owned by the caller). Private keys: never their bytes. */
json_t *cd_json_object(const struct cd_object *o);
/* The whole report document (owned by the caller). */
json_t *cd_json_report(const struct cd_scan *s, const struct cd_scan_opts *o, const char *fail_on,
		       int exit_code);

void cd_text_report(FILE *out, const struct cd_scan *s, const struct cd_scan_opts *o,
		    const struct cd_text_style *st);
/* TLS connections from captures: one JSON object (owned by the caller), the text section. */
json_t *cd_json_conn(const struct cd_model *m, const struct cd_tls_conn *k);
void cd_text_conns(FILE *out, const struct cd_model *m, int color);

/* ITL/CTL objects (report/itl.c): their JSON fields, added to j; their `show` text, laid out
 * as CUCM's `show itl` prints the file. */
void cd_json_trustlist(json_t *j, const struct cd_object *o);
void cd_show_trustlist(FILE *out, const struct cd_model *m, const struct cd_object *o, cd_time_t at);

/* `certdiag show`: every object decoded, readable. */
void cd_show_text(FILE *out, const struct cd_model *m, cd_time_t at, int color);

/* Chains: JSON (`chains` array entries), text trees, and the whole graph as DOT. cd_dot_graph
 * needs a writable chains structure (edge verdicts are cached as they are computed). */
json_t *cd_json_chain(const struct cd_chains *c, const struct cd_model *m, const struct cd_chain *ch);
json_t *cd_json_chains(const struct cd_chains *c, const struct cd_model *m);
void cd_text_chain(FILE *out, const struct cd_chains *c, const struct cd_model *m,
		   const struct cd_chain *ch, int color);
void cd_text_chains(FILE *out, const struct cd_chains *c, const struct cd_model *m, int color);
void cd_dot_graph(FILE *out, struct cd_chains *c, const struct cd_model *m);

/* `certdiag rules`: one line per rule; `rules ID`: everything about one. */
void cd_rules_list(FILE *out, const struct cd_catalogue *c);
void cd_rule_explain(FILE *out, const struct cd_rule *r);
/* docs/rules.md, generated from the catalogue. */
void cd_rules_markdown(FILE *out, const struct cd_catalogue *c);

#endif
