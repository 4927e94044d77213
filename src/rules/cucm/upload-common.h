/* upload-common.h - what the CUCM / IM&P identity-upload checks share: which certificates of a
 * unit play "the uploaded certificate", the issuer lookup in a trust store, profile values with
 * `inherits`, and the evidence every finding carries (docs/products.md, PRODUCT-FACTS §1). */
#ifndef CD_RULES_CUCM_UPLOAD_COMMON_H
#define CD_RULES_CUCM_UPLOAD_COMMON_H

#include <stddef.h>
#include "product/product.h"

/* Most identity certificates one unit may hold in one scan (the rest are not checked). */
#define CD_UPLOAD_MAX_IDENTITIES 16

/* The identity certificates of unit u that the upload checks look at, into out (at most max);
 * returns their number.
 * - precheck: the certificate being uploaded, when it is an identity of u; nothing otherwise;
 * - scan: every identity:<unit> certificate of the node except those that issued another
 *   one of them (a `tomcat.pem` holding leaf + intermediate + root gives the leaf only). */
size_t cd_upload_identities(const struct cd_check_ctx *ctx, const struct cd_unit *u, size_t *out,
			    size_t max);

/* Was certificate idx uploaded after a CSR (CA-signed)? In a scan, a self-signed identity is the
 * one the node generated itself, never uploaded: 0. In a precheck, the uploaded certificate: 1. */
int cd_upload_ca_signed(const struct cd_check_ctx *ctx, size_t idx);

/* Self-signed: its own key verifies it (a trust anchor; not any self-issued CA). */
int cd_upload_self_signed(const struct cd_cert *c);

/* Can issuer have issued subject? Issuer's subject equals subject's issuer (canonical form),
 * and, when subject has an AKI keyIdentifier and issuer an SKI, they are equal. */
int cd_upload_issuer_match(const struct cd_cert *subject, const struct cd_cert *issuer);

/* A profile value of product at path ("limits.max_key_bits"), following `inherits:` once;
 * NULL when neither has it. */
const json_t *cd_upload_profile_value(const struct cd_eval_opts *o, const char *product,
				      const char *path);

/* The product ("cucm", "imp") whose profile lists trust store name, NULL when none does. */
const char *cd_upload_store_product(const struct cd_eval_opts *o, const char *name);

/* "tomcat on cucm-pub", or "tomcat" when the node is unknown. */
void cd_upload_unit_label(const char *unit, const char *node, char *out, size_t size);

/* Point f at the first source of object idx whose role is kind/name on node (falls back to
 * the object's first source), then add the object. */
void cd_upload_add_object_at(struct cd_finding *f, const struct cd_model *m, size_t idx,
			     enum cd_role_kind kind, const char *name, const char *node);

/* Evidence every upload finding has: node, unit, store, product/version, restart advice. */
void cd_upload_unit_evidence(struct cd_finding *f, const struct cd_eval_opts *o,
			     const struct cd_unit *u);

/* {"id", "kind", "path", "role"} of object idx (its first source, or the one with a role);
 * NULL when memory ran out. */
json_t *cd_upload_object_ref(const struct cd_model *m, size_t idx);

/* Human name of a key: "RSA 2048-bit", "EC SECP256R1 (256-bit)". */
void cd_upload_key_text(const struct cd_pubkey *k, char *out, size_t size);

/* Every identity of the cucm family units (cucm, imp) selected by --product, in a callback that
 * returns CD_OK or a negative CD_E_* code (the check could not complete). */
typedef int (*cd_upload_visit_fn)(struct cd_check_ctx *ctx, const struct cd_units *us,
				  const struct cd_unit *u, size_t idx, void *arg);
/* Collect the units and call fn for every identity certificate cd_upload_identities gives of
 * every cucm-family unit. Returns CD_OK, CD_E_NOMEM, or the first failure of fn (then stops). */
int cd_upload_for_each_identity(struct cd_check_ctx *ctx, cd_upload_visit_fn fn, void *arg);

#endif
