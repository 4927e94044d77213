/* upload.h - what the Expressway upload checks share (PRODUCT-FACTS §3; seeds 003, 004): which
 * identity certificate is "the server certificate", the trusted CA list of a node in list
 * order, version gates and evidence. docs/expressway-upload.md explains the choices. */
#ifndef CD_RULES_EXPRESSWAY_UPLOAD_H
#define CD_RULES_EXPRESSWAY_UPLOAD_H

#include <stddef.h>
#include "product/product.h"

/* The trust store name roles give the Expressway trusted CA list (docs/roles.md). */
#define CD_XW_STORE "expressway-trusted-ca"

/* Is certificate idx, an identity certificate of an Expressway unit, "the server
 * certificate"? Precheck: only the certificate being uploaded. Scan: every end-entity
 * identity certificate (a server.pem that also carries CAs gives them the identity role too;
 * they are not the server certificate). */
int cd_xw_is_server_cert(const struct cd_eval_opts *o, const struct cd_model *m, size_t idx);

/* Does this run concern Expressway at all (--product, when given, is expressway)? */
int cd_xw_selected(const struct cd_eval_opts *o);

/* Precheck of an upload for Expressway purpose p ("server", "trusted-ca")? */
int cd_xw_precheck_purpose(const struct cd_eval_opts *o, const char *p);

/* The trusted CA list an Expressway unit is judged against: the list of its node, else the
 * list of no node (a loose trusted-ca-list.pem, precheck --trust); NULL when the input has
 * none. */
const struct cd_tstore *cd_xw_unit_list(const struct cd_units *us, const struct cd_unit *u);

/* Is st an Expressway trusted CA list? */
int cd_xw_is_list(const struct cd_tstore *st);

/* The members of list st in list order: by file path, then by place in the file (PEM block,
 * offset); in precheck the certificate being uploaded comes last (it is appended). Returns a
 * malloc'd array of st->n_members model indices (caller frees), NULL when out of memory. */
size_t *cd_xw_list_order(const struct cd_model *m, const struct cd_eval_opts *o,
			 const struct cd_tstore *st);

/* The source by which object ob is a member of list st (first one), else its first source.
 * Points into the model. */
const struct cd_source *cd_xw_list_source(const struct cd_object *ob, const struct cd_tstore *st);

/* Version gate on the profile key ("san_limit", "eku_client_server"): 0 when --product gives a
 * version outside the range (the rule does not apply), else 1. range receives the range as
 * text ("before X15.4"). */
int cd_xw_version_applies(const struct cd_eval_opts *o, const char *key, char *range, size_t size);

/* The node for messages: "exp-e1", or "Expressway" for the node "" (precheck, loose files).
 * Not owned. */
const char *cd_xw_node_label(const char *node);

/* Evidence "trusted_list": {node, store, files, certificates}. */
void cd_xw_list_evidence(struct cd_finding *f, const struct cd_model *m, const struct cd_tstore *st);

/* Evidence of a unit: node, unit, product, version, and the restart advice of purpose
 * server. */
void cd_xw_unit_evidence(struct cd_finding *f, const struct cd_eval_opts *o, const struct cd_unit *u);

/* "where" of an object for messages: "trusted-ca-list.pem, block 2" into out. */
void cd_xw_place(const struct cd_source *s, char *out, size_t size);

/* Call check(ctx, unit, index, arg) for every Expressway server certificate (scan: every
 * end-entity certificate of an Expressway unit; precheck: the upload). check returns CD_OK or
 * a negative CD_E_* code; returns CD_OK, CD_E_NOMEM, or check's first failure (then stops). */
int cd_xw_each_server_cert(struct cd_check_ctx *ctx,
			   int (*check)(struct cd_check_ctx *ctx, const struct cd_unit *u, size_t idx,
					const void *arg),
			   const void *arg);

#endif
