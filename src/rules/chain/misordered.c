/* chain.misordered - a PEM or PKCS#7 file holds one chain but not in leaf→root order (RFC 8446
 * §4.4.2 and RFC 5246 §7.4.2 want the sender's certificate first, each next one certifying the
 * one before; seed 001: upload order matters). */
#include <stdlib.h>
#include "rules/chain/chainrule.h"

struct entry {
	const char *path, *container;
	uint64_t order; /* position in the file or container */
	size_t obj;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	if ((c = strcmp(x->container, y->container)))
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int issues_(const struct cd_model *m, size_t iss, size_t sub)
{
	return iss != sub &&
	       !strcmp(m->objects[iss]->u.cert->subject.canon, m->objects[sub]->u.cert->issuer.canon);
}

static void check_group(struct cd_check_ctx *ctx, const struct entry *e, size_t n)
{
	const struct cd_model *m = ctx->model;
	size_t bottom = SIZE_MAX, order[64], k = 0;
	int in_order = 1;
	struct cd_finding *f;
	if (n < 2 || n > 64)
		return;
	/* the leaf: the one certificate that issues none of the others */
	for (size_t i = 0; i < n; i++) {
		int issues_any = 0;
		for (size_t j = 0; j < n; j++)
			issues_any |= issues_(m, e[i].obj, e[j].obj);
		if (!issues_any) {
			if (bottom != SIZE_MAX)
				return; /* two bottoms: not one chain (e.g. a bundle of roots) */
			bottom = i;
		}
	}
	if (bottom == SIZE_MAX)
		return;
	/* follow issuers inside the file */
	for (size_t cur = bottom; k < n;) {
		size_t next = SIZE_MAX;
		order[k++] = cur;
		for (size_t j = 0; j < n && next == SIZE_MAX; j++)
			if (issues_(m, e[j].obj, e[cur].obj))
				next = j;
		if (next == SIZE_MAX)
			break;
		for (size_t q = 0; q < k; q++)
			if (order[q] == next)
				return; /* a loop */
		cur = next;
	}
	if (k != n)
		return; /* not every certificate is on the one chain */
	cd_check_applied(ctx);
	for (size_t i = 0; i < n; i++)
		in_order &= order[i] == i;
	if (in_order)
		return;
	f = cd_check_emit(ctx, "the %zu certificates of %s%s%s%s are not in leaf-to-root order: \"%s\" should come first",
			  n, e[0].path, e[0].container[0] ? " (inside " : "", e[0].container,
			  e[0].container[0] ? ")" : "", cd_object_label(m->objects[e[bottom].obj]));
	for (size_t i = 0; i < n; i++)
		cd_finding_add_object(f, m, e[i].obj);
	/* point at the file itself */
	for (size_t s = 0; f && s < m->objects[e[0].obj]->n_sources; s++) {
		const struct cd_source *src = &m->objects[e[0].obj]->sources[s];
		if (!strcmp(src->path ? src->path : "", e[0].path) && !strcmp(src->container, e[0].container))
			cd_finding_set_where(f, src, 1);
	}
	if (f) {
		json_t *want = json_array(), *got = json_array();
		for (size_t i = 0; i < n; i++) {
			got = cd_json_array_push(got, json_string(m->objects[e[i].obj]->id));
			want = cd_json_array_push(want, json_string(m->objects[e[order[i]].obj]->id));
		}
		cd_finding_evidence_json(f, "file_order", got);
		cd_finding_evidence_json(f, "leaf_to_root_order", want);
	}
}

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	struct entry *e = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *o = m->objects[i];
		if (o->kind != CD_KIND_CERT)
			continue;
		for (size_t s = 0; s < o->n_sources; s++) {
			const struct cd_source *src = &o->sources[s];
			if (src->role.kind == CD_ROLE_TRUST)
				continue; /* a trust store is a set of anchors: its order means nothing */
			if (src->frame)
				continue; /* a capture is not a file of certificates: a peer's order is
					   * tls.chain-misordered's, per connection */
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				struct entry *ne = realloc(e, cap * sizeof(*ne));
				if (!ne) {
					free(e);
					return CD_E_NOMEM;
				}
				e = ne;
			}
			e[n].path = src->path ? src->path : "";
			e[n].container = src->container;
			e[n].order = src->container[0] ? src->position : src->offset;
			e[n].obj = i;
			n++;
		}
	}
	if (n)
		qsort(e, n, sizeof(*e), cmp_entry);
	for (size_t a = 0; a < n;) {
		size_t b = a + 1;
		while (b < n && !strcmp(e[a].path, e[b].path) && !strcmp(e[a].container, e[b].container))
			b++;
		check_group(ctx, e + a, b - a);
		a = b;
	}
	free(e);
	return CD_OK;
}

const struct cd_check cd_check_chain_misordered = {"chain.misordered", run};
