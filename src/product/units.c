/* units.c - group roles into units (identity + CSR + trust store per node) for the product
 * rules, and the helpers they share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "product/product.h"
#include "x509/oids.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"

static int push(size_t **v, size_t *n, size_t x)
{
	size_t *nv;
	/* objects are visited in order, so a repeat (an object found twice in one store) can only
	 * be the last one added: no quadratic scan over large stores */
	if (*n && (*v)[*n - 1] == x)
		return CD_OK;
	if ((*n & (*n - 1)) == 0) { /* grow at powers of two */
		nv = realloc(*v, (*n ? *n * 2 : 4) * sizeof(**v));
		if (!nv)
			return CD_E_NOMEM;
		*v = nv;
	}
	(*v)[(*n)++] = x;
	return CD_OK;
}

static struct cd_unit *unit_get(struct cd_units *u, const char *unit, const char *node)
{
	struct cd_unit *nu;
	for (size_t i = 0; i < u->n; i++)
		if (!strcmp(u->units[i].unit, unit) && !strcmp(u->units[i].node, node))
			return &u->units[i];
	nu = realloc(u->units, (u->n + 1) * sizeof(*nu));
	if (!nu)
		return NULL;
	u->units = nu;
	nu = &u->units[u->n++];
	memset(nu, 0, sizeof(*nu));
	cd_strlcpy(nu->unit, unit, sizeof(nu->unit));
	cd_strlcpy(nu->node, node, sizeof(nu->node));
	return nu;
}

static struct cd_tstore *store_get(struct cd_units *u, const char *name, const char *node)
{
	struct cd_tstore *ns;
	for (size_t i = 0; i < u->n_stores; i++)
		if (!strcmp(u->stores[i].name, name) && !strcmp(u->stores[i].node, node))
			return &u->stores[i];
	ns = realloc(u->stores, (u->n_stores + 1) * sizeof(*ns));
	if (!ns)
		return NULL;
	u->stores = ns;
	ns = &u->stores[u->n_stores++];
	memset(ns, 0, sizeof(*ns));
	cd_strlcpy(ns->name, name, sizeof(ns->name));
	cd_strlcpy(ns->node, node, sizeof(ns->node));
	return ns;
}

int cd_units_collect(const struct cd_model *m, const struct cd_eval_opts *o, struct cd_units *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		for (size_t s = 0; s < ob->n_sources; s++) {
			const struct cd_role *r = &ob->sources[s].role;
			if (r->kind == CD_ROLE_TRUST && ob->kind == CD_KIND_CERT) {
				struct cd_tstore *st = store_get(out, r->name, r->node);
				if (!st || push(&st->members, &st->n_members, i) < 0)
					return CD_E_NOMEM;
			} else if ((r->kind == CD_ROLE_IDENTITY && ob->kind == CD_KIND_CERT) ||
				   (r->kind == CD_ROLE_CSR && ob->kind == CD_KIND_CSR)) {
				struct cd_unit *u = unit_get(out, r->name, r->node);
				if (!u)
					return CD_E_NOMEM;
				if (r->kind == CD_ROLE_IDENTITY ? push(&u->identity, &u->n_identity, i) < 0
								: push(&u->csrs, &u->n_csrs, i) < 0)
					return CD_E_NOMEM;
			}
		}
	}
	for (size_t i = 0; i < out->n; i++) {
		struct cd_unit *u = &out->units[i];
		const struct cd_role_unit *ru =
			o->product->profiles ? cd_role_unit_find(&o->product->profiles->roles, u->unit) : NULL;
		const char *store = ru ? ru->store : NULL;
		u->purpose = ru ? ru->purpose : NULL;
		u->product = ru ? ru->product : NULL;
		if (store) {
			cd_strlcpy(u->store_name, store, sizeof(u->store_name));
			u->store = cd_units_store(out, store, u->node);
			/* a store of no node (--role tomcat-trust=PATH, a loose tomcat-trust/ folder)
			 * serves every node that has none of its own (docs/roles.md, "Units") */
			if (!u->store && u->node[0])
				u->store = cd_units_store(out, store, "");
		}
		/* likewise the pending CSRs of no node (a loose tomcat.csr beside a certificate
		 * given with --role tomcat@cucm-pub=...) */
		if (u->node[0] && u->n_identity && !u->n_csrs)
			for (size_t k = 0; k < out->n; k++) {
				const struct cd_unit *nn = &out->units[k];
				if (nn->node[0] || strcmp(nn->unit, u->unit) || !nn->n_csrs)
					continue;
				if (!(u->csrs = malloc(nn->n_csrs * sizeof(*u->csrs))))
					return CD_E_NOMEM;
				memcpy(u->csrs, nn->csrs, nn->n_csrs * sizeof(*u->csrs));
				u->n_csrs = nn->n_csrs;
				break;
			}
	}
	return CD_OK;
}

void cd_units_release(struct cd_units *u)
{
	for (size_t i = 0; i < u->n; i++) {
		free(u->units[i].identity);
		free(u->units[i].csrs);
	}
	for (size_t i = 0; i < u->n_stores; i++)
		free(u->stores[i].members);
	free(u->units);
	free(u->stores);
	memset(u, 0, sizeof(*u));
}

const struct cd_tstore *cd_units_store(const struct cd_units *u, const char *name, const char *node)
{
	for (size_t i = 0; i < u->n_stores; i++)
		if (!strcmp(u->stores[i].name, name) && !strcmp(u->stores[i].node, node))
			return &u->stores[i];
	return NULL;
}

int cd_product_selected(const struct cd_eval_opts *o, const char *family)
{
	if (!o->product->product[0])
		return 1;
	return !strcmp(cd_product_family(o->product->product), family);
}

int cd_unit_in(const struct cd_eval_opts *o, const struct cd_unit *u, const char *family)
{
	if (!u->product || strcmp(cd_product_family(u->product), family))
		return 0;
	return cd_product_selected(o, family);
}

const json_t *cd_product_profile(const struct cd_eval_opts *o, const char *product)
{
	const struct cd_product_profile *p = cd_profiles_find(o->product->profiles, product);
	return p ? p->doc : NULL;
}

int cd_unit_edge_named(const struct cd_eval_opts *o, const char *unit)
{
	const struct cd_role_unit *ru =
		o->product->profiles ? cd_role_unit_find(&o->product->profiles->roles, unit) : NULL;
	return ru ? ru->edge : -1;
}

int cd_unit_is_edge(const struct cd_eval_opts *o, const struct cd_unit *u)
{
	int e = cd_unit_edge_named(o, u->unit);
	return e >= 0 ? e : o->product->edge;
}

int cd_unit_family(const struct cd_eval_opts *o, const char *unit, const char *family)
{
	const struct cd_role_unit *ru =
		o->product->profiles ? cd_role_unit_find(&o->product->profiles->roles, unit) : NULL;
	return ru && !strcmp(cd_product_family(ru->product), family);
}

json_t *cd_san_json(const struct cd_san *s, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n && a; i++) {
		struct cd_buf b;
		const char *t = cd_san_type_name(s[i].type); /* a RID read "othername" */
		cd_buf_init(&b, 1 << 20);
		a = cd_json_array_push(a, cd_buf_addf(&b, "%s:%s", t, s[i].value ? s[i].value : "") < 0
						  ? NULL
						  : cd_json_text((const char *)b.data));
		cd_buf_release(&b);
	}
	return a;
}

int cd_san_equal(const struct cd_san *a, const struct cd_san *b)
{
	if (a->type != b->type)
		return 0;
	if (a->type == CD_SAN_IP)
		return a->ip_len == b->ip_len && !memcmp(a->ip, b->ip, a->ip_len);
	if (!a->value || !b->value)
		return a->value == b->value;
	if (a->type == CD_SAN_DNS || a->type == CD_SAN_EMAIL)
		return !strcasecmp(a->value, b->value);
	return !strcmp(a->value, b->value);
}

size_t cd_san_diff(const struct cd_san *a, size_t na, const struct cd_san *b, size_t nb,
		   json_t **added, json_t **removed)
{
	size_t diff = 0;
	*added = json_array();
	*removed = json_array();
	for (size_t i = 0; i < nb; i++) {
		int found = 0;
		for (size_t k = 0; k < na && !found; k++)
			found = cd_san_equal(&b[i], &a[k]);
		if (!found) {
			json_t *one = cd_san_json(&b[i], 1);
			if (json_array_extend(*added, one) < 0) { /* also one or *added NULL */
				json_decref(*added);
				*added = NULL;
			}
			json_decref(one);
			diff++;
		}
	}
	for (size_t i = 0; i < na; i++) {
		int found = 0;
		for (size_t k = 0; k < nb && !found; k++)
			found = cd_san_equal(&a[i], &b[k]);
		if (!found) {
			json_t *one = cd_san_json(&a[i], 1);
			if (json_array_extend(*removed, one) < 0) {
				json_decref(*removed);
				*removed = NULL;
			}
			json_decref(one);
			diff++;
		}
	}
	return diff;
}

void cd_key_fingerprint(const struct cd_pubkey *k, char out[65])
{
	cd_hex(k->spki_sha256, 32, out);
}

const char *cd_ku_name(unsigned bit)
{
	for (size_t i = 0; cd_ku_bits[i].name; i++)
		if (cd_ku_bits[i].bit == bit)
			return cd_ku_bits[i].name;
	return NULL;
}

unsigned cd_ku_bit(const char *name)
{
	for (size_t i = 0; cd_ku_bits[i].name; i++)
		if (!strcmp(cd_ku_bits[i].name, name))
			return cd_ku_bits[i].bit;
	return 0;
}

void cd_product_restart_evidence(struct cd_finding *f, const struct cd_eval_opts *o,
				 const char *product, const char *unit_or_store)
{
	const json_t *doc, *e;
	const char *r;
	if (!f)
		return;
	for (int pass = 0; pass < 2; pass++) {
		const char *p = pass == 0 ? product : "cucm";
		if (!p || !(doc = cd_product_profile(o, p)))
			continue;
		e = json_object_get(json_object_get(doc, "purposes"), unit_or_store);
		if (!e)
			e = json_object_get(json_object_get(doc, "trust_stores"), unit_or_store);
		if ((r = json_string_value(json_object_get(e, "restart")))) {
			cd_finding_evidence_str(f, "restart", r);
			return;
		}
	}
}

void cd_product_context_evidence(struct cd_finding *f, const struct cd_eval_opts *o,
				 const char *product)
{
	if (!f)
		return;
	if (product)
		cd_finding_evidence_str(f, "product", product);
	if (o->product->version.valid)
		cd_finding_evidence_str(f, "version", o->product->version.text);
}

int cd_name_has_wildcard(const char *s)
{
	return s && strchr(s, '*') != NULL;
}

void cd_product_opts_init(struct cd_product_opts *p)
{
	memset(p, 0, sizeof(*p));
	p->edge = -1;
	p->upload = SIZE_MAX;
	p->renewal_new = SIZE_MAX;
}
