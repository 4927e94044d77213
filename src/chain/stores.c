/* stores.c - the trust stores of the input (folders named after a product's trust store,
 * --trust, the system store) and which of them a leaf is judged against (docs/chains.md
 * "Stores"). Where the knowledge of which store is relevant to an identity enters the chain
 * builder: cd_chain_relevant_stores() is the one place to change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "chain/chain-int.h"
#include "ingest/ingest.h"
#include "util/error.h"
#include "util/str.h"

static int store_find(const struct cd_chains *c, const char *name, const char *node)
{
	for (size_t i = 0; i < c->n_stores; i++)
		if (!strcmp(c->stores[i].name, name) && !strcmp(c->stores[i].node, node))
			return (int)i;
	return -1;
}

static struct cd_store *store_get(struct cd_chains *c, const char *name, const char *node)
{
	int s = store_find(c, name, node);
	struct cd_store *st;
	if (s < 0) {
		struct cd_store *ns = realloc(c->stores, (c->n_stores + 1) * sizeof(*ns));
		if (!ns)
			return NULL;
		c->stores = ns;
		st = &ns[c->n_stores++];
		memset(st, 0, sizeof(*st));
		cd_strlcpy(st->name, name, sizeof(st->name));
		cd_strlcpy(st->node, node, sizeof(st->node));
		return st;
	}
	return &c->stores[s];
}

static int store_add_path(struct cd_store *st, const char *path)
{
	size_t l, pl = strlen(path);
	char *np;
	st->named = 1;
	l = st->paths ? strlen(st->paths) : 0;
	np = realloc(st->paths, l + pl + 3);
	if (!np)
		return CD_E_NOMEM;
	if (l)
		memcpy(np + l, "; ", 2), l += 2;
	memcpy(np + l, path, pl + 1);
	st->paths = np;
	return CD_OK;
}

/* Mark the store the user named and add path to what they gave for it. A role without a
 * node ("--role tomcat-trust=DIR") covers the stores of that name on every node the paths
 * below DIR name; only when there is none is it a store of its own, empty. */
static int store_name(struct cd_chains *c, const char *name, const char *node, const char *path)
{
	struct cd_store *st;
	int found = 0;
	if (!node[0])
		for (size_t k = 0; k < c->n_stores; k++)
			if (!strcmp(c->stores[k].name, name)) {
				if (store_add_path(&c->stores[k], path) < 0)
					return CD_E_NOMEM;
				found = 1;
			}
	if (found)
		return CD_OK;
	st = store_get(c, name, node);
	return st ? store_add_path(st, path) : CD_E_NOMEM;
}

static int store_add_member(struct cd_chains *c, const struct cd_role *r, size_t idx)
{
	int s = store_find(c, r->name, r->node);
	struct cd_store *st;
	if (s < 0) {
		struct cd_store *ns = realloc(c->stores, (c->n_stores + 1) * sizeof(*ns));
		if (!ns)
			return CD_E_NOMEM;
		c->stores = ns;
		st = &ns[c->n_stores++];
		memset(st, 0, sizeof(*st));
		cd_strlcpy(st->name, r->name, sizeof(st->name));
		cd_strlcpy(st->node, r->node, sizeof(st->node));
	} else {
		st = &c->stores[s];
	}
	if (st->n_members && st->members[st->n_members - 1] == idx)
		return CD_OK;
	size_t *nm = realloc(st->members, (st->n_members + 1) * sizeof(*nm));
	if (!nm)
		return CD_E_NOMEM;
	st->members = nm;
	st->members[st->n_members++] = idx;
	return CD_OK;
}

int cd_chain_store_has(const struct cd_store *s, size_t idx)
{
	size_t lo = 0, hi = s->n_members;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->members[mid] == idx)
			return 1;
		if (s->members[mid] < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void cd_store_label(const struct cd_chains *c, int store, char *out, size_t size)
{
	if (store == CD_STORE_IMPLICIT)
		snprintf(out, size, "a self-signed root of the input (no trust store given)");
	else if (store < 0 || (size_t)store >= c->n_stores)
		snprintf(out, size, "no trust store");
	else if (c->stores[store].node[0])
		snprintf(out, size, "%s on %s%s", c->stores[store].name, c->stores[store].node,
			 c->stores[store].n_members ? "" : " (empty)");
	else
		snprintf(out, size, "%s%s", c->stores[store].name, c->stores[store].n_members ? "" : " (empty)");
}

/* Stores relevant to a leaf: its own unit's trust store when it has an identity role and that
 * store exists in the input, every store otherwise. */
int cd_store_empty_note(const struct cd_chains *c, int store, char *out, size_t size)
{
	const struct cd_store *st;
	if (size)
		out[0] = 0;
	if (store < 0 || (size_t)store >= c->n_stores)
		return 0;
	st = &c->stores[store];
	if (!st->named || st->n_members)
		return 0;
	if (!strcmp(st->name, "system") && !st->node[0])
		snprintf(out, size, "the system trust store is empty: GnuTLS found no certificate in it; "
				    "nothing is trusted through it");
	else
		snprintf(out, size, "the trust store %s%s%s is empty: no certificate could be read from %s; "
				    "nothing is trusted through it",
			 st->name, st->node[0] ? " on " : "", st->node, st->paths ? st->paths : "it");
	return 1;
}

void cd_chain_relevant_stores(const struct cd_chains *c, const struct cd_object *leaf, int *rel)
{
	int any = 0;
	for (size_t k = 0; k < c->n_stores; k++)
		rel[k] = 0;
	for (size_t s = 0; s < leaf->n_sources; s++) {
		const struct cd_role *r = &leaf->sources[s].role;
		char want[64];
		if (r->kind != CD_ROLE_IDENTITY)
			continue;
		cd_role_unit_store(r->name, want, sizeof(want));
		for (size_t k = 0; k < c->n_stores; k++)
			if (!strcasecmp(c->stores[k].name, want) &&
			    (!c->stores[k].node[0] || !r->node[0] || !strcmp(c->stores[k].node, r->node))) {
				rel[k] = 1;
				any = 1;
			}
	}
	if (!any)
		for (size_t k = 0; k < c->n_stores; k++)
			rel[k] = 1;
	/* stores given on the command line are always relevant */
	for (size_t k = 0; k < c->n_stores; k++)
		if (!strcmp(c->stores[k].name, "--trust") || !strcmp(c->stores[k].name, "system"))
			rel[k] = 1;
}

int cd_chain_stores_collect(struct cd_chains *out, const struct cd_model *m)
{
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		if (ob->kind != CD_KIND_CERT)
			continue;
		for (size_t s = 0; s < ob->n_sources; s++)
			/* public-roots is a reference for the product rules, not a store (docs/roles.md) */
			if (ob->sources[s].role.kind == CD_ROLE_TRUST &&
			    strcmp(ob->sources[s].role.name, "public-roots") &&
			    store_add_member(out, &ob->sources[s].role, i) < 0)
				return CD_E_NOMEM;
	}
	/* a store the user named exists even when nothing could be read from it: an empty
	 * --trust trusts nothing, it does not turn the input's own roots into anchors */
	for (size_t r = 0; r < out->opts.n_named; r++) {
		const struct cd_role_spec *sp = &out->opts.named[r];
		if (sp->role.kind == CD_ROLE_TRUST && strcmp(sp->role.name, "public-roots") &&
		    store_name(out, sp->role.name, sp->role.node, sp->path ? sp->path : "") < 0)
			return CD_E_NOMEM;
	}
	if (out->opts.system_store && store_name(out, "system", "", "(system trust store)") < 0)
		return CD_E_NOMEM;
	out->implicit = out->n_stores == 0;
	return CD_OK;
}

void cd_chain_stores_release(struct cd_chains *c)
{
	for (size_t i = 0; i < c->n_stores; i++) {
		free(c->stores[i].members);
		free(c->stores[i].paths);
	}
	free(c->stores);
	c->stores = NULL;
	c->n_stores = 0;
}
