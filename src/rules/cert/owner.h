/* owner.h - one root cause, one finding: which rule reports a fact that several rules could
 * see (docs/chains.md "One root cause, one finding"). The generic cert.* checks leave a
 * certificate to the rule that owns it there - when that rule runs (--rules/--skip-rules);
 * otherwise they keep reporting it. */
#ifndef CD_RULES_CERT_OWNER_H
#define CD_RULES_CERT_OWNER_H

#include "rules/common.h"

/* Is every place of o a trust-store member (trust role: a CUCM store folder, --trust, an
 * Expressway trusted CA list, public-roots)? Such a certificate is a trust anchor and nothing
 * else in the input. */
int cd_owner_only_trusted(const struct cd_object *o);

/* Is certificate idx an issuer or the anchor (any position but the leaf's) of some leaf's best
 * path? chain.expired-issuer reports the validity of those. */
int cd_owner_issuer_on_best_path(const struct cd_chains *c, size_t idx);

/* Is certificate idx an end-entity certificate as far as the input shows: not a CA by its
 * basicConstraints, and - when it has none at all (a v1 root has no extensions) - not the
 * issuer or anchor of some leaf's best path either? The cert.* end-entity lints use it: a v1
 * root that signs the input's server certificate got "has no subjectAltName". */
int cd_owner_end_entity(const struct cd_check_ctx *ctx, size_t idx);

/* Is certificate idx on some leaf's best path, at any position? */
int cd_owner_on_best_path(const struct cd_chains *c, size_t idx);

/* Does a best path reject certificate idx for its signature algorithm (chain.bad-signature's
 * weak-algorithm issue: MD2/MD5 always, SHA-1 under the web PKI profile)? */
int cd_owner_signature_rejected(const struct cd_chains *c, const struct cd_model *m, size_t idx);

/* Does cucm.expired-trust report certificate idx's expiry: it runs, idx is not the certificate
 * a precheck uploads, and every place of idx is a CUCM / IM and Presence trust store? */
int cd_owner_expired_trust(const struct cd_check_ctx *ctx, size_t idx);

/* Does cert.bad-time-encoding report why idx looks expired: it runs, and idx's notAfter is
 * before its notBefore only as its encoding reads (a UTCTime year 50+ meant as 20YY)? */
int cd_owner_time_encoding(const struct cd_check_ctx *ctx, size_t idx);

/* Does cucm.wildcard-unsupported report certificate idx: it runs and idx is one of the CUCM /
 * IM and Presence identity certificates it judges? *owned: 1 yes, 0 no. CD_OK or CD_E_NOMEM. */
int cd_owner_cucm_identity(const struct cd_check_ctx *ctx, size_t idx, int *owned);

#endif
