/* trust-common.h - what the CUCM trust-store and node rules share (expired-trust,
 * trust-same-cn-not-replaced, ipsec-trust-serial, itlrecovery-key-length, capf-not-ca,
 * upload-format): which stores are CUCM's, certificates as evidence, serials in decimal. */
#ifndef CD_RULES_CUCM_TRUST_COMMON_H
#define CD_RULES_CUCM_TRUST_COMMON_H

#include <stddef.h>
#include "product/product.h"

/* The profile ("cucm" or "imp") whose trust_stores list names store (case-insensitively), or
 * NULL when no CUCM / IM&P profile knows the store or --product selects another family.
 * Static string. */
const char *cd_cucm_store_product(const struct cd_eval_opts *o, const char *store);

/* The product to report: --product when given, else dflt. Not owned. */
const char *cd_cucm_product_name(const struct cd_eval_opts *o, const char *dflt);

/* The first source of ob with role kind and name on node (node NULL: any node), NULL when
 * none. Points into the model. */
const struct cd_source *cd_cucm_role_source(const struct cd_object *ob, enum cd_role_kind kind,
					    const char *name, const char *node);

/* Does any source of ob carry a role of this kind (CD_ROLE_NONE: any role at all)? */
int cd_cucm_has_role(const struct cd_object *ob, enum cd_role_kind kind);

/* The serial number as an unsigned decimal integer, as CUCM's OS Administration page shows
 * it, into out (128 bytes hold the largest serial the model keeps). */
void cd_cucm_serial_decimal(const struct cd_cert *c, char *out, size_t size);

/* Same serial number (byte for byte)? */
int cd_cucm_same_serial(const struct cd_cert *a, const struct cd_cert *b);

/* A new JSON object describing certificate ob for evidence: id, subject, issuer,
 * serial_hex, serial_decimal, not_before, not_after, signature, key, sha256. Caller owns it;
 * NULL when memory ran out. */
json_t *cd_cucm_cert_json(const struct cd_object *ob);

/* "tomcat-trust on cucm-pub" or "tomcat-trust" (no node) into out. */
void cd_cucm_where(const char *name, const char *node, char *out, size_t size);

#endif
