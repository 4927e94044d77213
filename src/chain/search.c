/* search.c - path building: a depth-first search with backtracking over every candidate issuer
 * of each end-entity certificate, up to the relevant trust stores (RFC 4158 §2-3), then each
 * path validated and the paths ranked best first (docs/chains.md "Which path is reported"). */
#include <stdlib.h>
#include <string.h>
#include "chain/chain-int.h"
#include "util/error.h"

struct search {
	struct cd_chains *c;
	const struct cd_model *m;
	struct cd_chain *ch;
	const int *relevant; /* per store: 1 when relevant to this leaf */
	size_t path[CD_CHAIN_MAX_DEPTH];
	size_t depth;
	unsigned long steps;
};

static void record(struct search *s, int store)
{
	struct cd_chain *ch = s->ch;
	struct cd_path *np, *p;
	if (ch->n_paths >= CD_CHAIN_MAX_PATHS) {
		ch->limited = 1;
		return;
	}
	np = realloc(ch->paths, (ch->n_paths + 1) * sizeof(*np));
	if (!np)
		return;
	ch->paths = np;
	p = &np[ch->n_paths];
	memset(p, 0, sizeof(*p));
	p->certs = malloc(s->depth * sizeof(size_t));
	if (!p->certs)
		return;
	memcpy(p->certs, s->path, s->depth * sizeof(size_t));
	p->n = s->depth;
	p->store = store;
	ch->n_paths++;
}

static int in_path(const struct search *s, size_t idx)
{
	for (size_t i = 0; i < s->depth; i++)
		if (s->path[i] == idx)
			return 1;
	return 0;
}

static void dfs(struct search *s)
{
	const size_t cur = s->path[s->depth - 1];
	const struct cd_cert *ct = s->m->objects[cur]->u.cert;
	const size_t *cand;
	size_t nc;
	int anchored = 0, extended = 0, all_anchor = s->c->n_stores > 0;

	if (++s->steps > CD_CHAIN_MAX_STEPS) {
		s->ch->limited = 1;
		return;
	}
	for (size_t k = 0; k < s->c->n_stores; k++) {
		if (!s->relevant[k])
			continue;
		if (cd_chain_store_has(&s->c->stores[k], cur)) {
			record(s, (int)k);
			anchored = 1;
		} else {
			all_anchor = 0;
		}
	}
	if (s->c->implicit && ct->self_signed) {
		record(s, CD_STORE_IMPLICIT);
		anchored = 1;
	}
	if (ct->self_signed) {
		if (!anchored)
			record(s, CD_STORE_NONE);
		return;
	}
	if (anchored && all_anchor)
		return; /* every relevant store trusts it: going higher adds nothing */
	if (s->depth >= CD_CHAIN_MAX_DEPTH) {
		s->ch->limited = 1;
		if (!anchored)
			record(s, CD_STORE_NONE);
		return;
	}
	nc = cd_chains_issuers(s->c, s->m, cur, &cand);
	for (size_t k = 0; k < nc; k++) {
		const struct cd_cert *ic = s->m->objects[cand[k]]->u.cert;
		if (in_path(s, cand[k]) || cd_chain_key_id_contradicts(ct, ic))
			continue; /* a loop, or a namesake with another key */
		s->path[s->depth++] = cand[k];
		dfs(s);
		s->depth--;
		extended = 1;
	}
	if (!extended && !anchored)
		record(s, CD_STORE_NONE); /* the issuer is missing */
}

static int64_t newest(const struct cd_model *m, const struct cd_path *p)
{
	int64_t t = 0;
	for (size_t i = 1; i < p->n; i++)
		t += m->objects[p->certs[i]]->u.cert->not_before / 1024;
	return t;
}

/* Best first: valid, anchored, shortest, newest; then by ids for a stable order. */
static int cmp_path(const void *a, const void *b, void *arg)
{
	const struct cd_path *x = a, *y = b;
	const struct cd_model *m = arg;
	int64_t nx, ny;
	if (x->valid != y->valid)
		return y->valid - x->valid;
	if ((x->store != CD_STORE_NONE) != (y->store != CD_STORE_NONE))
		return (y->store != CD_STORE_NONE) - (x->store != CD_STORE_NONE);
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	nx = newest(m, x);
	ny = newest(m, y);
	if (nx != ny)
		return nx > ny ? -1 : 1;
	for (size_t i = 0; i < x->n; i++) {
		int c = strcmp(m->objects[x->certs[i]]->id, m->objects[y->certs[i]]->id);
		if (c)
			return c;
	}
	return x->store - y->store;
}

static int build_chain(struct cd_chains *c, const struct cd_model *m, size_t leaf)
{
	struct cd_chain *nc = realloc(c->chains, (c->n_chains + 1) * sizeof(*nc));
	struct search s;
	int *rel;
	if (!nc)
		return CD_E_NOMEM;
	c->chains = nc;
	nc = &nc[c->n_chains];
	memset(nc, 0, sizeof(*nc));
	nc->leaf = leaf;
	rel = calloc(c->n_stores + 1, sizeof(int));
	if (!rel)
		return CD_E_NOMEM;
	cd_chain_relevant_stores(c, m->objects[leaf], rel);
	for (size_t k = 0; k < c->n_stores; k++)
		nc->has_relevant_store |= rel[k];
	memset(&s, 0, sizeof(s));
	s.c = c;
	s.m = m;
	s.ch = nc;
	s.relevant = rel;
	s.path[0] = leaf;
	s.depth = 1;
	dfs(&s);
	free(rel);
	for (size_t i = 0; i < nc->n_paths; i++) {
		cd_chain_validate(c, m, &nc->paths[i]);
		nc->n_valid += nc->paths[i].valid;
	}
	if (nc->limited)
		for (size_t i = 0; i < nc->n_paths; i++)
			if (!nc->paths[i].valid && !(nc->paths[i].problems & CD_P_LIMIT))
				cd_path_add_issue(&nc->paths[i], CD_P_LIMIT, 0, SIZE_MAX,
					  "the search stopped at a limit (%d certificates deep, %d paths, %d steps)",
					  CD_CHAIN_MAX_DEPTH, CD_CHAIN_MAX_PATHS, CD_CHAIN_MAX_STEPS);
	if (nc->n_paths > 1)
		qsort_r(nc->paths, nc->n_paths, sizeof(*nc->paths), cmp_path, (void *)m);
	c->n_chains++;
	return CD_OK;
}

static int prepare(struct cd_chains *out, const struct cd_model *m, const struct cd_chain_opts *o)
{
	int rc;
	memset(out, 0, sizeof(*out));
	out->opts = *o;
	if ((rc = cd_chain_index_build(out, m)) < 0)
		return rc;
	return cd_chain_stores_collect(out, m);
}

/* An end-entity certificate found somewhere other than a trust store. */
static int is_leaf(const struct cd_object *o)
{
	const struct cd_cert *c = o->u.cert;
	if (c->bc_present && c->is_ca)
		return 0;
	if (!c->bc_present && c->self_signed && c->version < 3)
		return 0; /* a v1 root */
	for (size_t s = 0; s < o->n_sources; s++)
		if (o->sources[s].role.kind != CD_ROLE_TRUST)
			return 1;
	return 0;
}

/* The certificate-level checks of every certificate on no best path (docs/chains.md
 * "Certificates on no path"). */
static int check_lone(struct cd_chains *c, const struct cd_model *m)
{
	uint8_t *on = calloc(m->n_objects ? m->n_objects : 1, 1);
	size_t n = 0;
	if (!on)
		return CD_E_NOMEM;
	for (size_t i = 0; i < c->n_chains; i++)
		for (size_t k = 0; k < c->chains[i].paths[0].n; k++)
			on[c->chains[i].paths[0].certs[k]] = 1;
	for (size_t i = 0; i < m->n_objects; i++)
		n += m->objects[i]->kind == CD_KIND_CERT && !on[i];
	c->lone = calloc(n ? n : 1, sizeof(*c->lone));
	if (!c->lone) {
		free(on);
		return CD_E_NOMEM;
	}
	for (size_t i = 0; i < m->n_objects; i++)
		if (m->objects[i]->kind == CD_KIND_CERT && !on[i]) {
			cd_chain_validate_lone(c, m, i, &c->lone[c->n_lone]);
			if (!c->lone[c->n_lone].certs) {
				free(on);
				return CD_E_NOMEM;
			}
			c->n_lone++;
		}
	free(on);
	return CD_OK;
}

int cd_chains_build(struct cd_chains *out, const struct cd_model *m, const struct cd_chain_opts *o)
{
	int rc = prepare(out, m, o);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < m->n_objects; i++)
		if (m->objects[i]->kind == CD_KIND_CERT && is_leaf(m->objects[i]) &&
		    (rc = build_chain(out, m, i)) < 0)
			return rc;
	return check_lone(out, m);
}

int cd_chains_build_one(struct cd_chains *out, const struct cd_model *m,
			const struct cd_chain_opts *o, size_t leaf)
{
	int rc = prepare(out, m, o);
	if (rc < 0)
		return rc;
	return build_chain(out, m, leaf);
}

void cd_chains_release(struct cd_chains *c)
{
	cd_chain_stores_release(c);
	for (size_t i = 0; i < c->n_chains; i++) {
		for (size_t k = 0; k < c->chains[i].n_paths; k++) {
			free(c->chains[i].paths[k].certs);
			free(c->chains[i].paths[k].issues);
		}
		free(c->chains[i].paths);
	}
	free(c->chains);
	for (size_t i = 0; i < c->n_lone; i++) {
		free(c->lone[i].certs);
		free(c->lone[i].issues);
	}
	free(c->lone);
	cd_chain_index_release(c);
	memset(c, 0, sizeof(*c));
}
