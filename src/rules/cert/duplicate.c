/* cert.duplicate - the same certificate more than once in one place (same role/store), or two
 * different certificates with the same issuer and serial number (RFC 5280 §4.1.2.2). */
#include <stdlib.h>
#include <string.h>
#include "rules/common.h"
#include "util/buf.h"

static void role_key(const struct cd_source *s, char *out, size_t n)
{
	char r[96];
	cd_role_format(&s->role, r, sizeof(r));
	snprintf(out, n, "%s@%s", r, s->role.node);
}

/* CUCM keeps every certificate as <name>.pem and <name>.der side by side (PRODUCT-FACTS §5):
 * the same directory and file stem is one logical copy. */
static int same_logical_file(const struct cd_source *a, const struct cd_source *b)
{
	const char *pa = a->path ? a->path : "", *pb = b->path ? b->path : "";
	const char *da = strrchr(pa, '.'), *db = strrchr(pb, '.');
	const char *sa = strrchr(pa, '/'), *sb = strrchr(pb, '/');
	size_t la = da && (!sa || da > sa) ? (size_t)(da - pa) : strlen(pa);
	size_t lb = db && (!sb || db > sb) ? (size_t)(db - pb) : strlen(pb);
	if (a->container[0] || b->container[0])
		return 0;
	return la == lb && !strncmp(pa, pb, la) && (strcmp(pa, pb) || a->offset == b->offset);
}

static int cmp_src_path(const struct cd_source *a, const struct cd_source *b)
{
	int c = strcmp(a->rel ? a->rel : "", b->rel ? b->rel : "");
	if (c)
		return c;
	return a->offset < b->offset ? -1 : a->offset > b->offset;
}

/* (a): one certificate seen several times under the same role */
static void same_place(struct cd_check_ctx *ctx, size_t i, const struct cd_object *o)
{
	for (size_t a = 0; a < o->n_sources; a++) {
		char ka[200];
		const struct cd_source *first = &o->sources[a];
		size_t count = 1;
		int seen_before = 0;
		if (o->sources[a].frame || cd_source_in_trustlist(&o->sources[a]))
			continue; /* a certificate crossing the wire many times is no duplicate, nor one
				   * that ITL and CTL files list (they list the node's certificates by design) */
		role_key(&o->sources[a], ka, sizeof(ka));
		for (size_t b = 0; b < a && !seen_before; b++) {
			char kb[200];
			role_key(&o->sources[b], kb, sizeof(kb));
			seen_before = !strcmp(ka, kb);
		}
		if (seen_before)
			continue;
		for (size_t b = a + 1; b < o->n_sources; b++) {
			char kb[200];
			int logical_dup = 0;
			if (o->sources[b].frame || cd_source_in_trustlist(&o->sources[b]))
				continue;
			role_key(&o->sources[b], kb, sizeof(kb));
			for (size_t k = 0; k < b && !logical_dup; k++)
				logical_dup = same_logical_file(&o->sources[k], &o->sources[b]);
			if (!strcmp(ka, kb) && !logical_dup) {
				count++;
				if (cmp_src_path(&o->sources[b], first) < 0)
					first = &o->sources[b];
			}
		}
		if (count < 2)
			continue;
		char role[96];
		cd_role_format(&o->sources[a].role, role, sizeof(role));
		struct cd_finding *f = cd_check_emit(
			ctx, "\"%s\" appears %zu times%s%s%s", cd_object_label(o), count,
			role[0] ? " in " : "", role[0] ? role : "",
			o->sources[a].role.node[0] ? " on the same node" : "");
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_set_where(f, first, 1);
		if (f) {
			json_t *places = json_array();
			for (size_t b = 0; b < o->n_sources; b++) {
				char kb[200];
				role_key(&o->sources[b], kb, sizeof(kb));
				if (strcmp(ka, kb))
					continue;
				struct cd_buf p;
				int rc;
				cd_buf_init(&p, 1 << 16);
				if (o->sources[b].pem_block)
					rc = cd_buf_addf(&p, "%s (PEM block %lu)", o->sources[b].path,
							 o->sources[b].pem_block);
				else
					rc = cd_buf_addf(&p, "%s", o->sources[b].path);
				char *s = rc < 0 ? NULL : cd_buf_detach(&p);
				cd_buf_release(&p);
				places = cd_json_array_push(places, cd_json_text(s));
				free(s);
			}
			cd_finding_evidence_json(f, "places", places);
		}
	}
}

struct keyed {
	size_t idx;
	const struct cd_cert *c;
};

static int cmp_issuer_serial(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->c->issuer.canon, y->c->issuer.canon);
	if (c)
		return c;
	if (x->c->serial_len != y->c->serial_len)
		return x->c->serial_len < y->c->serial_len ? -1 : 1;
	c = memcmp(x->c->serial, y->c->serial, x->c->serial_len);
	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	size_t n = 0;
	struct keyed *v;
	size_t seen = 0;
	CD_FOREACH_OBJECT(m, i, o)
	if (o->kind == CD_KIND_CERT) {
		n++;
		seen += o->n_sources;
	}
	if (seen < 2)
		return CD_OK; /* not applicable: fewer than two certificates seen, nothing to compare */
	v = malloc(n * sizeof(*v));
	if (!v)
		return CD_E_NOMEM;
	n = 0;
	CD_FOREACH_OBJECT(m, i, o)
	{
		if (o->kind != CD_KIND_CERT)
			continue;
		cd_check_applied(ctx);
		v[n].idx = i;
		v[n].c = o->u.cert;
		n++;
		same_place(ctx, i, o);
	}
	/* (b): same issuer and serial, different certificates */
	qsort(v, n, sizeof(*v), cmp_issuer_serial);
	for (size_t a = 0; a < n;) {
		size_t b = a + 1;
		while (b < n && strcmp(v[a].c->issuer.canon, v[b].c->issuer.canon) == 0 &&
		       v[a].c->serial_len == v[b].c->serial_len &&
		       memcmp(v[a].c->serial, v[b].c->serial, v[a].c->serial_len) == 0)
			b++;
		if (b - a >= 2) {
			const struct cd_source *first = NULL;
			struct cd_finding *f = cd_check_emit(
				ctx, "%zu different certificates from \"%s\" share serial number %s", b - a,
				v[a].c->issuer.cn ? v[a].c->issuer.cn : v[a].c->issuer.display,
				v[a].c->serial_hex);
			for (size_t k = a; k < b; k++) {
				const struct cd_object *o = m->objects[v[k].idx];
				cd_finding_add_object(f, m, v[k].idx);
				for (size_t s = 0; s < o->n_sources; s++)
					if (!first || cmp_src_path(&o->sources[s], first) < 0)
						first = &o->sources[s];
			}
			cd_finding_set_where(f, first, 1);
			cd_finding_evidence_str(f, "issuer", v[a].c->issuer.display);
			cd_finding_evidence_str(f, "serial", v[a].c->serial_hex);
		}
		a = b;
	}
	free(v);
	return CD_OK;
}

const struct cd_check cd_check_cert_duplicate = {"cert.duplicate", run};
