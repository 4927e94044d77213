/* common.h - what the writers share: colours, counts, names, the inventory and the evidence
 * vocabulary. Internal to src/report/. */
#ifndef CD_REPORT_COMMON_H
#define CD_REPORT_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include "report/jsonw.h"
#include "report/report.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"
#define C_CYAN "\033[36m"

#define CD_TEXT_LIST_MAX 10 /* default entries of a long text list before "and N more" */

/* IANA name of a TLS cipher suite ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), NULL unknown. */
const char *cd_cipher_suite_name(uint16_t code);
/* "TLS_..._SHA384 (0xC030)" or "0xC030 (name unknown)" into out. */
void cd_cipher_suite_text(uint16_t code, char *out, size_t size);

/* Findings per severity (index enum cd_severity). */
void cd_doc_counts(const struct cd_doc *d, size_t sev[3]);

/* One row of the inventory: a certificate where it plays a part (or is found without one). */
struct cd_inv_row {
	size_t object;         /* model index */
	const char *node;      /* "" when none */
	char place[112];       /* "tomcat-trust", "identity:tomcat (inferred)", "(no role)" */
	char role[96];         /* "trust:tomcat-trust" as JSON writes it, "" none */
	char status[160];      /* chain status in words */
	const char *status_key; /* "valid", "invalid", "anchor", "issuer", "not-checked", ... */
};
/* Every certificate with every node/role it has, sorted by node then place then subject.
 * *rows malloc'd (caller frees); CD_OK or CD_E_NOMEM. */
int cd_inventory(const struct cd_doc *d, struct cd_inv_row **rows, size_t *n);

/* Chains, for the text writer and the others. */
void cd_text_chain(FILE *out, const struct cd_chains *c, const struct cd_model *m, const struct cd_chain *ch,
		   int color);
void cd_text_chains(FILE *out, const struct cd_chains *c, const struct cd_model *m, int color, size_t max);
void cd_jw_chain(struct cd_jw *w, const struct cd_chains *c, const struct cd_model *m, const struct cd_chain *ch);
/* the same, left open for more members (the caller closes it with cd_jw_end) */
void cd_jw_chain_open(struct cd_jw *w, const struct cd_chains *c, const struct cd_model *m, const struct cd_chain *ch);
/* "  note: the trust store ... holds no certificate" for every named store that is empty */
void cd_text_empty_stores(FILE *out, const struct cd_chains *c);
/* TLS connections. */
void cd_text_conns(FILE *out, const struct cd_model *m, int color, size_t max);
void cd_jw_conn(struct cd_jw *w, const struct cd_model *m, const struct cd_tls_conn *k);
/* A DER Name as text (GnuTLS), into out. */
void cd_dn_text(const uint8_t *der, size_t len, char *out, size_t size);
/* ITL/CTL objects (report/itl.c): their JSON fields, written into the object w has open; their
 * `show` text, laid out as CUCM's `show itl` prints the file. */
void cd_jw_trustlist(struct cd_jw *w, const struct cd_object *o);
void cd_show_trustlist(FILE *out, const struct cd_model *m, const struct cd_object *o, cd_time_t at);
/* `certdiag show`: every object decoded, readable. */
void cd_show_text(FILE *out, const struct cd_model *m, cd_time_t at, int color);
/* `certdiag rules`: one line per rule; `rules ID`: everything about one. */
void cd_rules_list(FILE *out, const struct cd_catalogue *c);
void cd_rule_explain(FILE *out, const struct cd_rule *r);

/* The decisive evidence of a finding, one "label: value" line each (the evidence keys the
 * text report shows, in this order), lists capped at max with "and N more: see --format
 * json". lead is the indentation. */
void cd_text_evidence(FILE *out, const struct cd_finding *f, const char *lead, size_t max, int color);

#endif
