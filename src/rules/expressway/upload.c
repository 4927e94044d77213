/* upload.c - helpers of the Expressway upload checks: the server certificate of a unit, the
 * trusted CA list in list order, version gates (PRODUCT-FACTS §3; docs/expressway-upload.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rules/expressway/upload.h"
#include "util/str.h"

int cd_xw_is_server_cert(const struct cd_eval_opts *o, const struct cd_model *m, size_t idx)
{
	const struct cd_object *ob = m->objects[idx];
	if (ob->kind != CD_KIND_CERT)
		return 0;
	if (cd_precheck(o))
		return cd_is_upload(o, idx);
	return cd_cert_is_end_entity(ob->u.cert);
}

int cd_xw_selected(const struct cd_eval_opts *o)
{
	return cd_product_selected(o, "expressway");
}

int cd_xw_precheck_purpose(const struct cd_eval_opts *o, const char *p)
{
	return cd_precheck(o) && o->product->upload_purpose &&
	       !strcmp(o->product->upload_purpose, p) && cd_xw_selected(o);
}

int cd_xw_is_list(const struct cd_tstore *st)
{
	return st && !strcmp(st->name, CD_XW_STORE);
}

const struct cd_tstore *cd_xw_unit_list(const struct cd_units *us, const struct cd_unit *u)
{
	const struct cd_tstore *st = cd_units_store(us, CD_XW_STORE, u->node);
	return st ? st : cd_units_store(us, CD_XW_STORE, "");
}

const struct cd_source *cd_xw_list_source(const struct cd_object *ob, const struct cd_tstore *st)
{
	for (size_t s = 0; s < ob->n_sources; s++) {
		const struct cd_role *r = &ob->sources[s].role;
		if (r->kind == CD_ROLE_TRUST && !strcmp(r->name, st->name) && !strcmp(r->node, st->node))
			return &ob->sources[s];
	}
	return cd_object_first_source(ob);
}

struct order_key {
	size_t idx;
	int last; /* the certificate being uploaded */
	const struct cd_source *src;
};

static int cmp_key(const void *pa, const void *pb)
{
	const struct order_key *a = pa, *b = pb;
	int c;
	if (a->last != b->last)
		return a->last - b->last;
	c = strcmp(a->src ? a->src->path : "", b->src ? b->src->path : "");
	if (c)
		return c;
	if (a->src && b->src && a->src->offset != b->src->offset)
		return a->src->offset < b->src->offset ? -1 : 1;
	if (a->src && b->src && a->src->position != b->src->position)
		return a->src->position < b->src->position ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

size_t *cd_xw_list_order(const struct cd_model *m, const struct cd_eval_opts *o,
			 const struct cd_tstore *st)
{
	struct order_key *k = calloc(st->n_members ? st->n_members : 1, sizeof(*k));
	size_t *out = calloc(st->n_members ? st->n_members : 1, sizeof(*out));
	if (!k || !out) {
		free(k);
		free(out);
		return NULL;
	}
	for (size_t i = 0; i < st->n_members; i++) {
		k[i].idx = st->members[i];
		k[i].last = cd_is_upload(o, st->members[i]);
		k[i].src = cd_xw_list_source(m->objects[st->members[i]], st);
	}
	qsort(k, st->n_members, sizeof(*k), cmp_key);
	for (size_t i = 0; i < st->n_members; i++)
		out[i] = k[i].idx;
	free(k);
	return out;
}

int cd_xw_version_applies(const struct cd_eval_opts *o, const char *key, char *range, size_t size)
{
	const json_t *r = cd_json_path(cd_product_profile(o, "expressway"), key);
	cd_version_range_text(r, range, size);
	return cd_version_in(&o->product->version, r) != 0;
}

const char *cd_xw_node_label(const char *node)
{
	return node && node[0] ? node : "Expressway";
}

#define CD_XW_MAX_FILES 50 /* files of a trusted CA list named in evidence */

void cd_xw_list_evidence(struct cd_finding *f, const struct cd_model *m, const struct cd_tstore *st)
{
	json_t *l, *files;
	if (!f || !st)
		return;
	l = json_object();
	files = json_array();
	/* members come in order of sight, so a file's certificates are adjacent: compare with the
	 * last file only, and list at most CD_XW_MAX_FILES (a list can be thousands of files) */
	const char *last = NULL;
	size_t n_files = 0;
	for (size_t i = 0; i < st->n_members; i++) {
		const struct cd_source *s = cd_xw_list_source(m->objects[st->members[i]], st);
		if (!s || (last && !strcmp(last, s->path)))
			continue;
		last = s->path;
		if (n_files++ < CD_XW_MAX_FILES)
			files = cd_json_array_push(files, cd_json_text(s->path));
	}
	if (n_files > CD_XW_MAX_FILES)
		l = cd_json_object_put(l, "files_not_listed",
				       json_integer((json_int_t)(n_files - CD_XW_MAX_FILES)));
	l = cd_json_object_put(l, "node", cd_json_text(st->node));
	l = cd_json_object_put(l, "store", cd_json_text(st->name));
	l = cd_json_object_put(l, "files", files);
	l = cd_json_object_put(l, "certificates", json_integer((json_int_t)st->n_members));
	cd_finding_evidence_json(f, "trusted_list", l); /* NULL: the finding is incomplete */
}

void cd_xw_unit_evidence(struct cd_finding *f, const struct cd_eval_opts *o, const struct cd_unit *u)
{
	if (!f)
		return;
	cd_finding_evidence_str(f, "node", u->node);
	cd_finding_evidence_str(f, "unit", u->unit);
	cd_product_context_evidence(f, o, u->product);
	cd_product_restart_evidence(f, o, u->product, "server");
}

void cd_xw_place(const struct cd_source *s, char *out, size_t size)
{
	if (!s) {
		snprintf(out, size, "?");
		return;
	}
	if (s->pem_block)
		snprintf(out, size, "%s, block %lu", s->rel ? s->rel : s->path, s->pem_block);
	else if (s->position)
		snprintf(out, size, "%s, position %u", s->rel ? s->rel : s->path, s->position);
	else
		snprintf(out, size, "%s", s->rel ? s->rel : s->path);
}

int cd_xw_each_server_cert(struct cd_check_ctx *ctx,
			   int (*check)(struct cd_check_ctx *ctx, const struct cd_unit *u, size_t idx,
					const void *arg),
			   const void *arg)
{
	struct cd_units us;
	int rc = cd_units_collect(ctx->model, ctx->opts, &us);
	for (size_t i = 0; rc == CD_OK && i < us.n; i++) {
		const struct cd_unit *u = &us.units[i];
		if (!cd_unit_in(ctx->opts, u, "expressway"))
			continue;
		for (size_t k = 0; rc == CD_OK && k < u->n_identity; k++)
			if (cd_xw_is_server_cert(ctx->opts, ctx->model, u->identity[k]))
				rc = check(ctx, u, u->identity[k], arg);
	}
	cd_units_release(&us);
	return rc;
}
