/* report.h - the writer layer: one report model per command (struct cd_doc) and one writer per
 * format behind one interface (struct cd_writer), looked up by name. Writers only write: every
 * verdict they print (chains, precheck, compare) comes from the model they are given. */
#ifndef CD_REPORT_REPORT_H
#define CD_REPORT_REPORT_H

#include <stdio.h>
#include "engine/scan.h"
#include "product/compare.h"
#include "product/precheck.h"

/* Version of the JSON document's shape (docs/report.schema.json). Bump on incompatible
 * change; adding fields is compatible. */
#define CD_JSON_SCHEMA_VERSION 1

enum cd_doc_kind {
	CD_DOC_SCAN = 0,
	CD_DOC_PRECHECK,
	CD_DOC_COMPARE,
	CD_DOC_VERIFY,
	CD_DOC_SHOW,
	CD_DOC_RULES,
	CD_DOC_KINDS
};

/* What a command hands its writer. Everything is borrowed from the command for the call. */
struct cd_doc {
	enum cd_doc_kind kind;
	const char *command;            /* "scan", "precheck", ... */
	cd_time_t at;                   /* evaluation time */
	const char *const *inputs;      /* the paths given */
	size_t n_inputs;
	const struct cd_model *model;   /* NULL for rules */
	const struct cd_chains *chains; /* NULL or empty when none were built */
	const struct cd_report *report; /* findings and rule results; NULL for verify, show, rules */
	const struct cd_catalogue *cat; /* the rule catalogue (rules, SARIF); may be NULL */
	int exit_code;
	const char *fail_on;            /* --fail-on when it decides the exit code, else NULL */
	const char *exit_reason;        /* what decides it otherwise ("the verdict above") */
	const struct cd_precheck *precheck; /* precheck */
	const struct cd_compare *compare;   /* compare */
	const struct cd_chain *verify;      /* verify: the chain of the leaf */
	const struct cd_rule *rule;         /* rules ID */
};

/* Options of the text and HTML writers (others ignore them). */
struct cd_write_opts {
	int color;       /* ANSI colours (the CLI decides: a terminal, no NO_COLOR) */
	int quiet;       /* text: the summary line (precheck: the verdict) only */
	int brief;       /* text: one line per finding, no why/fix */
	int inventory;   /* text: the inventory table */
	size_t list_max; /* text: entries of a long list shown before "and N more"; 0 = 10 */
};
/* TLS 1.3 connections of m: all, decrypted with key log secrets, without secrets, and
 * whose secrets did not decrypt (report summaries) */
void cd_conn_tls13_counts(const struct cd_model *m, size_t *all, size_t *decrypted, size_t *missing,
			  size_t *failed);

struct cd_writer {
	const char *name;  /* --format NAME */
	unsigned kinds;    /* (1u << CD_DOC_x) for each kind it renders */
	int needs_chains;  /* scan builds chains for it even when no chain.* rule runs */
	/* Write d to out; CD_OK or a negative CD_E_* code (the CLI reports a write error). */
	int (*write)(FILE *out, const struct cd_doc *d, const struct cd_write_opts *o);
};

/* The writer called name that renders kind, NULL when none. */
const struct cd_writer *cd_writer_find(const char *name, enum cd_doc_kind kind);
/* "text|json|sarif|..." of every writer that renders kind, into out. */
void cd_writer_names(enum cd_doc_kind kind, char *out, size_t size);

/* The writers (report/<format>.c). */
extern const struct cd_writer cd_writer_text, cd_writer_json, cd_writer_sarif, cd_writer_html,
	cd_writer_dot, cd_writer_markdown;

/* docs/rules.md, generated from the catalogue (the markdown writer of `certdiag rules`). */
void cd_rules_markdown(FILE *out, const struct cd_catalogue *c);

#endif
