/* inventory.c - per node and store (or unit), every certificate with its chain status, read
 * from the chain model (writers only write: no signature is verified here). */
#include <stdlib.h>
#include <string.h>
#include "report/common.h"
#include "util/error.h"

static int is_member(const struct cd_store *s, size_t idx)
{
	size_t lo = 0, hi = s->n_members;
	while (lo < hi) { /* members are sorted */
		size_t mid = lo + (hi - lo) / 2;
		if (s->members[mid] == idx)
			return 1;
		if (s->members[mid] < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static void problems_text(unsigned problems, char *out, size_t size)
{
	size_t l = 0;
	out[0] = 0;
	for (unsigned bit = 1; bit && l < size; bit <<= 1) /* every problem the chain model names */
		if (problems & bit)
			l += (size_t)snprintf(out + l, size - l, "%s%s", l ? ", " : "",
					      cd_problem_name((enum cd_problem)bit));
}

static void status(const struct cd_doc *d, size_t idx, const struct cd_role *role, struct cd_inv_row *r)
{
	const struct cd_chains *c = d->chains;
	size_t on_paths = 0;
	char buf[128];
	if (!c || (!c->n_chains && !c->n_stores)) {
		r->status_key = "not-checked";
		snprintf(r->status, sizeof(r->status), "not checked (no chain was built)");
		return;
	}
	for (size_t i = 0; i < c->n_chains; i++) {
		const struct cd_path *p = &c->chains[i].paths[0];
		if (c->chains[i].leaf == idx) {
			if (p->valid) {
				cd_store_label(c, p->store, buf, sizeof(buf));
				r->status_key = "valid";
				snprintf(r->status, sizeof(r->status), "valid, anchored by %s", buf);
			} else if (p->problems == CD_P_UNANCHORED) {
				r->status_key = "not-anchored";
				snprintf(r->status, sizeof(r->status),
					 "not anchored: no trust store given (--trust)");
			} else {
				problems_text(p->problems, buf, sizeof(buf));
				r->status_key = "invalid";
				snprintf(r->status, sizeof(r->status), "INVALID: %s", buf);
			}
			return;
		}
		for (size_t k = 1; k < p->n; k++)
			on_paths += p->certs[k] == idx;
	}
	{
		/* a trust-store member: say the store of this row (the same certificate may sit in
		 * several), else the first store that holds it */
		int first = -1, own = -1;
		for (size_t s = 0; s < c->n_stores; s++)
			if (is_member(&c->stores[s], idx)) {
				if (first < 0)
					first = (int)s;
				if (own < 0 && role && role->kind == CD_ROLE_TRUST && !strcmp(c->stores[s].name, role->name) &&
				    !strcmp(c->stores[s].node, role->node))
					own = (int)s;
			}
		if (first >= 0) {
			cd_store_label(c, own >= 0 ? own : first, buf, sizeof(buf));
			r->status_key = "anchor";
			snprintf(r->status, sizeof(r->status), "trust anchor (%s)%s", buf, on_paths ? ", on chains" : "");
			return;
		}
	}
	if (on_paths) {
		r->status_key = "issuer";
		snprintf(r->status, sizeof(r->status), "issuer on %zu chain%s", on_paths, on_paths == 1 ? "" : "s");
		return;
	}
	r->status_key = "unused";
	snprintf(r->status, sizeof(r->status), "on no chain");
}

static int cmp_rows(const void *a, const void *b, void *arg)
{
	const struct cd_inv_row *x = a, *y = b;
	const struct cd_model *m = arg;
	int c = strcmp(x->node, y->node);
	if (c)
		return c;
	/* rows with a role first, "(no role)" last */
	if ((x->role[0] != 0) != (y->role[0] != 0))
		return x->role[0] ? -1 : 1;
	c = strcmp(x->place, y->place);
	if (c)
		return c;
	c = strcmp(cd_object_label(m->objects[x->object]), cd_object_label(m->objects[y->object]));
	return c ? c : (x->object < y->object ? -1 : x->object > y->object);
}

int cd_inventory(const struct cd_doc *d, struct cd_inv_row **rows, size_t *n)
{
	const struct cd_model *m = d->model;
	struct cd_inv_row *v = NULL;
	size_t cnt = 0, cap = 0;
	*rows = NULL;
	*n = 0;
	for (size_t i = 0; m && i < m->n_objects; i++) {
		const struct cd_object *o = m->objects[i];
		size_t first = cnt;
		if (o->kind != CD_KIND_CERT)
			continue;
		for (size_t s = 0; s <= o->n_sources; s++) {
			const struct cd_role *role = s < o->n_sources ? &o->sources[s].role : NULL;
			struct cd_inv_row r;
			int dup = 0;
			if (role && !role->kind)
				continue;
			if (!role && cnt > first) /* a certificate with a role needs no "(no role)" row */
				break;
			memset(&r, 0, sizeof(r));
			r.object = i;
			r.node = role ? role->node : "";
			if (role) {
				cd_role_format(role, r.role, sizeof(r.role));
				/* an inferred role says so wherever it is shown (docs/roles.md) */
				snprintf(r.place, sizeof(r.place), "%s%s", role->kind == CD_ROLE_TRUST ? role->name : r.role,
					 role->origin == CD_ROLE_FROM_CONTENT ? " (inferred)" : "");
			} else {
				snprintf(r.place, sizeof(r.place), "(no role)");
			}
			for (size_t k = first; k < cnt && !dup; k++)
				dup = !strcmp(v[k].node, r.node) && !strcmp(v[k].role, r.role);
			if (dup)
				continue;
			status(d, i, role, &r);
			if (cnt == cap) {
				struct cd_inv_row *nv = realloc(v, (cap ? cap * 2 : 16) * sizeof(*v));
				if (!nv) {
					free(v);
					return CD_E_NOMEM;
				}
				v = nv;
				cap = cap ? cap * 2 : 16;
			}
			v[cnt++] = r;
		}
	}
	if (cnt)
		qsort_r(v, cnt, sizeof(*v), cmp_rows, (void *)m);
	*rows = v;
	*n = cnt;
	return CD_OK;
}
