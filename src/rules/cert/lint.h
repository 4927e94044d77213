/* lint.h - what the certificate lints (cert.validity-too-long, cert.bad-dns-name,
 * cert.internal-name, cert.cn-too-long, cert.no-revocation-info) share: which certificates
 * are TLS server certificates, which chain to a public root (the web PKI rules apply to those
 * only: docs/chains.md "Lints of the web PKI"), and the validity schedule (rules/webpki/). */
#ifndef CD_RULES_CERT_LINT_H
#define CD_RULES_CERT_LINT_H

#include "rules/common.h"

/* An end-entity certificate a TLS server can use: its EKU allows serverAuth (listed, or
 * anyExtendedKeyUsage, or no EKU extension at all: RFC 5280 §4.2.1.12). */
int cd_lint_tls_server(const struct cd_cert *c);

/* Does certificate idx chain to a public root: *verdict 1 yes, 0 only to roots no public store
 * holds, -1 cannot tell (no public store in the input - --public-roots, --system-trust - or
 * an issuer on the way is missing). CD_OK, or CD_E_NOMEM (then *verdict means nothing). */
int cd_lint_public(const struct cd_model *m, size_t idx, int *verdict);

/* One entry of rules/webpki/validity.yaml: from this notBefore on, at most `days` days. */
#define CD_LINT_MAX_LIMITS 16
struct cd_lint_limit {
	cd_time_t from;
	long days;
	char rule[160];
};
/* Load the schedule into out (CD_LINT_MAX_LIMITS entries), in date order. CD_OK,
 * CD_E_MALFORMED (the embedded file is wrong: entries need a date after the previous one and
 * a positive max_days) or CD_E_NOMEM. */
int cd_lint_limits_load(struct cd_lint_limit *out, size_t *n);
/* The entry in force for this notBefore, or NULL (older than every entry). */
const struct cd_lint_limit *cd_lint_limit_at(const struct cd_lint_limit *l, size_t n,
					     cd_time_t not_before);

/* Number of UTF-8 characters in s (RFC 5280 upper bounds count characters). */
size_t cd_lint_chars(const char *s);

#endif
