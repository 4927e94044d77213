/* chain-int.h - what the files of src/chain/ share among themselves and nobody else includes:
 * the index types, the store lookups and the steps of validation (docs/dev/architecture.md
 * "Chains"). */
#ifndef CD_CHAIN_CHAIN_INT_H
#define CD_CHAIN_CHAIN_INT_H

#include <stddef.h>
#include <stdint.h>
#include "chain/chain.h"

/* ---- index.c: byte-string keys to lists of certificate indices ---- */

struct cd_chain_bucket {
	const char *key; /* not owned: points into the model */
	size_t klen;
	size_t *v;
	size_t n, cap;
};

struct cd_chain_map {
	struct cd_chain_bucket *b;
	size_t cap; /* power of two */
	size_t n;
};

/* Append v to key's list (key is not copied: it must outlive the map). CD_OK or CD_E_NOMEM. */
int cd_chain_map_add(struct cd_chain_map *m, const char *k, size_t kl, size_t v);
/* key's bucket or NULL; m may be NULL. */
const struct cd_chain_bucket *cd_chain_map_get(const struct cd_chain_map *m, const char *k, size_t kl);
/* Free the buckets (not m itself). */
void cd_chain_map_clear(struct cd_chain_map *m);

/* Subject index, key representatives and the signature cache over the model. CD_OK or
 * CD_E_NOMEM; out->by_subject, ->edges and ->key_rep are set (freed by cd_chain_index_release). */
int cd_chain_index_build(struct cd_chains *out, const struct cd_model *m);
void cd_chain_index_release(struct cd_chains *c);
/* AKI and SKI both present and different: not this issuer (RFC 5280 §4.2.1.1). */
int cd_chain_key_id_contradicts(const struct cd_cert *sub, const struct cd_cert *iss);

/* ---- stores.c: trust stores and which of them a leaf is judged against ---- */

/* Collect the stores from the roles of the model's certificates; sets out->implicit. */
int cd_chain_stores_collect(struct cd_chains *out, const struct cd_model *m);
int cd_chain_store_has(const struct cd_store *s, size_t idx);
/* rel[k] = 1 for each store relevant to the leaf (rel has c->n_stores entries). */
void cd_chain_relevant_stores(const struct cd_chains *c, const struct cd_object *leaf, int *rel);
void cd_chain_stores_release(struct cd_chains *c);

/* ---- names.c: name constraints (host matching is cd_host_matches in chain.h) ---- */

/* Is cert sub outside the name constraints of CA ca (RFC 5280 §4.2.1.10)? 1 with why filled. */
int cd_chain_nc_violation(const struct cd_model *m, size_t ca, size_t sub, char *why, size_t wsz);

/* ---- validate.c / policy.c: the checks of one path ---- */

void cd_path_add_issue(struct cd_path *p, enum cd_problem pr, size_t at, size_t other,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Signed with MD2 or MD5 (RFC 6151)? */
int cd_chain_weak_algorithm(const struct cd_cert *c);
/* The structure of certificate i of the path under the profile (policy.c). */
void cd_chain_check_structure(const struct cd_chains *c, const struct cd_model *m, struct cd_path *p,
			      size_t i, int is_anchor, int as_ca);
/* Every check of RFC 5280 §6.1 and the profile on path p; sets p->problems and p->valid. */
void cd_chain_validate(struct cd_chains *c, const struct cd_model *m, struct cd_path *p);
/* The certificate-level checks of certificate idx alone, into p (p->certs allocated here). */
void cd_chain_validate_lone(const struct cd_chains *c, const struct cd_model *m, size_t idx,
			    struct cd_path *p);

#endif
