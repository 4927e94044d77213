/* product.h - what the product rules (cucm.*, expressway.*) share: the units of each node
 * (identity certificate, pending CSR, trust store, from roles), the product context and
 * evidence helpers. docs/products.md explains the model. */
#ifndef CD_PRODUCT_PRODUCT_H
#define CD_PRODUCT_PRODUCT_H

#include <stddef.h>
#include "rules/common.h"
#include "product/context.h"
#include "product/profile.h"
#include "x509/oids.h"

/* A trust store of one node (or of no node: ""), as roles gave it. */
struct cd_tstore {
	char name[48];
	char node[72];
	size_t *members; /* certificate indices in order of sight */
	size_t n_members;
};

/* One certificate slot of one node: "tomcat on cucm-pub", "expressway-server". */
struct cd_unit {
	char node[72];
	char unit[48];          /* role name: "tomcat", "cup-xmpp", "expressway-server" */
	const char *product;    /* profile: "cucm", "imp", "expressway"; NULL when none knows it */
	const json_t *purpose;  /* the profile's purpose entry; NULL when none */
	size_t *identity;       /* certificates with role identity:<unit> on the node */
	size_t n_identity;
	size_t *csrs;           /* CSRs with role csr:<unit> on the node */
	size_t n_csrs;
	const struct cd_tstore *store; /* its trust store on the node, NULL when the input has none */
	char store_name[48];    /* the store it should have ("tomcat-trust"), "" none */
};

struct cd_units {
	struct cd_unit *units;
	size_t n;
	struct cd_tstore *stores;
	size_t n_stores;
};

/* Group the model's roles into units and stores (docs/products.md). CD_OK or CD_E_NOMEM. */
int cd_units_collect(const struct cd_model *m, const struct cd_eval_opts *o, struct cd_units *out);
void cd_units_release(struct cd_units *u);
/* The store named name on node ("" matches ""), NULL when absent. */
const struct cd_tstore *cd_units_store(const struct cd_units *u, const char *name, const char *node);

/* Do the rules of family ("cucm" for cucm and imp, "expressway") run under these options?
 * Yes unless --product names another family. */
int cd_product_selected(const struct cd_eval_opts *o, const char *family);
/* Does unit belong to family and to --product (when given)? */
int cd_unit_in(const struct cd_eval_opts *o, const struct cd_unit *u, const char *family);
/* The loaded profile of a product name, NULL when absent. */
const json_t *cd_product_profile(const struct cd_eval_opts *o, const char *product);
/* Expressway-E? 1 yes, 0 Expressway-C, -1 unknown (unit name, then --edge/--core). */
int cd_unit_is_edge(const struct cd_eval_opts *o, const struct cd_unit *u);

/* Is the object the certificate being uploaded (precheck), or is this a scan (no upload)? */
static inline int cd_is_upload(const struct cd_eval_opts *o, size_t idx)
{
	return o->product->upload_path && o->product->upload == idx;
}
static inline int cd_precheck(const struct cd_eval_opts *o)
{
	return o->product->upload_path != NULL;
}

/* SAN entries as strings "DNS:a.example", "IP:10.0.0.1" (type prefix as openssl prints);
 * NULL when memory ran out. */
json_t *cd_san_json(const struct cd_san *s, size_t n);
/* Same entry? DNS/email case-insensitively, IPs by bytes, the rest exactly. */
int cd_san_equal(const struct cd_san *a, const struct cd_san *b);
/* Entries of b not in a (added) and of a not in b (removed), as cd_san_json strings (an array
 * is NULL when memory ran out). Returns the number of differences. */
size_t cd_san_diff(const struct cd_san *a, size_t na, const struct cd_san *b, size_t nb,
		   json_t **added, json_t **removed);
/* SHA-256 of the SubjectPublicKeyInfo, lowercase hex (64 characters). */
void cd_key_fingerprint(const struct cd_pubkey *k, char out[65]);
/* Name of a GNUTLS_KEY_* bit ("digitalSignature") and back; 0 when unknown. */
const char *cd_ku_name(unsigned bit);
unsigned cd_ku_bit(const char *name);

/* Add the profile's restart advice for a unit or store ("restart" evidence), if any. */
void cd_product_restart_evidence(struct cd_finding *f, const struct cd_eval_opts *o,
				 const char *product, const char *unit_or_store);
/* Add "product" and, when given, "version" to the evidence. */
void cd_product_context_evidence(struct cd_finding *f, const struct cd_eval_opts *o,
				 const char *product);
/* A CN or DNS SAN with a wildcard label? */
int cd_name_has_wildcard(const char *s);

#endif
