/* peer-common.c - slots, issuer walks and name helpers of the Expressway renewal, peer and
 * name rules (peer-common.h). No I/O, no clock. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rules/expressway/peer-common.h"
#include "rules/expressway/upload.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"

static int push(size_t **v, size_t *n, size_t x)
{
	size_t *nv;
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i] == x)
			return CD_OK;
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (!nv)
		return CD_E_NOMEM;
	*v = nv;
	nv[(*n)++] = x;
	return CD_OK;
}

/* Insertion sort by (notBefore, index): slots hold a handful of certificates, and this keeps
 * the check free of globals. */
static void sort_certs(const struct cd_model *m, size_t *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		size_t x = v[i], k = i;
		while (k > 0) {
			const struct cd_cert *a = m->objects[v[k - 1]]->u.cert;
			const struct cd_cert *b = m->objects[x]->u.cert;
			if (a->not_before < b->not_before ||
			    (a->not_before == b->not_before && v[k - 1] < x))
				break;
			v[k] = v[k - 1];
			k--;
		}
		v[k] = x;
	}
}

int cd_xw_slots_collect(const struct cd_check_ctx *ctx, const struct cd_units *u,
			struct cd_xw_slots *out)
{
	const struct cd_model *m = ctx->model;
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < u->n; i++) {
		const struct cd_unit *un = &u->units[i];
		struct cd_xw_slot *s = NULL;
		int e;
		if (!cd_unit_in(ctx->opts, un, "expressway"))
			continue;
		for (size_t k = 0; k < out->n && !s; k++)
			if (!strcmp(out->v[k].node, un->node) &&
			    (un->node[0] || !strcmp(out->v[k].unit, un->unit)))
				s = &out->v[k];
		if (!s) {
			struct cd_xw_slot *nv = realloc(out->v, (out->n + 1) * sizeof(*nv));
			if (!nv)
				return CD_E_NOMEM;
			out->v = nv;
			s = &nv[out->n++];
			memset(s, 0, sizeof(*s));
			cd_strlcpy(s->node, un->node, sizeof(s->node));
			cd_strlcpy(s->unit, un->unit, sizeof(s->unit));
			s->edge = -2;
		}
		/* the unit name says -E or -C; otherwise --edge / --core */
		e = cd_unit_is_edge(ctx->opts, un);
		if (cd_unit_edge_named(ctx->opts, un->unit) >= 0) {
			if (!s->edge_named)
				s->edge = e;
			s->edge_named = 1;
		} else if (s->edge == -2) {
			s->edge = e;
		}
		for (size_t k = 0; k < un->n_identity; k++) {
			const struct cd_object *o = m->objects[un->identity[k]];
			if (o->kind != CD_KIND_CERT || !cd_cert_is_end_entity(o->u.cert))
				continue;
			if (push(&s->certs, &s->n_certs, un->identity[k]) < 0)
				return CD_E_NOMEM;
		}
	}
	for (size_t k = 0; k < out->n; k++) {
		struct cd_xw_slot *s = &out->v[k];
		if (s->edge == -2)
			s->edge = ctx->opts->product->edge;
		sort_certs(m, s->certs, s->n_certs);
		s->current = s->n_certs ? s->certs[s->n_certs - 1] : SIZE_MAX;
		for (size_t c = 0; c < s->n_certs; c++)
			if (cd_is_upload(ctx->opts, s->certs[c]) ||
			    s->certs[c] == ctx->opts->product->renewal_new)
				s->current = s->certs[c];
	}
	return CD_OK;
}

int cd_xw_each_slot(struct cd_check_ctx *ctx, int skip_edge, int known, const char *enable,
		    const char *what,
		    int (*check)(struct cd_check_ctx *ctx, const struct cd_xw_slot *s, void *arg),
		    void *arg)
{
	struct cd_units u;
	struct cd_xw_slots sl = {0};
	int any = 0, rc = cd_units_collect(ctx->model, ctx->opts, &u);
	if (rc == CD_OK)
		rc = cd_xw_slots_collect(ctx, &u, &sl);
	for (size_t k = 0; rc == CD_OK && k < sl.n; k++) {
		char label[160];
		any |= sl.v[k].current != SIZE_MAX;
		if (sl.v[k].edge == skip_edge || sl.v[k].current == SIZE_MAX)
			continue;
		if (known) {
			rc = check(ctx, &sl.v[k], arg);
		} else {
			cd_xw_slot_label(sl.v[k].node, label, sizeof(label));
			cd_check_not_checked(ctx, enable, "%s: %s", label, what);
		}
	}
	if (rc == CD_OK && !any)
		cd_xw_none_checked(ctx);
	cd_xw_slots_release(&sl);
	cd_units_release(&u);
	return rc;
}

void cd_xw_slots_release(struct cd_xw_slots *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].certs);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

const char *cd_xw_edge_name(int edge)
{
	return edge == 1 ? "Expressway-E" : edge == 0 ? "Expressway-C" : "Expressway";
}

void cd_xw_slot_evidence(struct cd_finding *f, const struct cd_check_ctx *ctx,
			 const struct cd_xw_slot *s)
{
	if (!f)
		return;
	cd_finding_evidence_str(f, "node", s->node);
	cd_finding_evidence_str(f, "unit", s->unit);
	cd_finding_evidence_str(f, "role",
				s->edge == 1   ? "expressway-e"
				: s->edge == 0 ? "expressway-c"
					       : "unknown");
	cd_product_context_evidence(f, ctx->opts, "expressway");
}

char *cd_xw_join(const json_t *a, size_t max)
{
	struct cd_buf b;
	char *s;
	int rc = CD_OK;
	cd_buf_init(&b, max + 8);
	if (!json_array_size(a))
		rc = cd_buf_adds(&b, "none");
	for (size_t i = 0; i < json_array_size(a) && rc == CD_OK; i++) {
		const char *v = json_string_value(json_array_get(a, i));
		if (b.len + strlen(v) + 2 > max) {
			rc = cd_buf_adds(&b, i ? ", ..." : "...");
			break;
		}
		rc = cd_buf_addf(&b, "%s%s", i ? ", " : "", v ? v : "");
	}
	s = rc < 0 ? NULL : cd_buf_detach(&b); /* never a list cut short silently */
	cd_buf_release(&b);
	return s;
}

int cd_xw_could_issue(const struct cd_cert *iss, const struct cd_cert *sub)
{
	if (!iss->subject.canon || !sub->issuer.canon ||
	    strcmp(iss->subject.canon, sub->issuer.canon))
		return 0;
	if (sub->aki_len && iss->ski_len &&
	    (sub->aki_len != iss->ski_len || memcmp(sub->aki, iss->ski, sub->aki_len)))
		return 0;
	return 1;
}

static size_t name_len(const char *s)
{
	size_t n = strlen(s);
	return n && s[n - 1] == '.' ? n - 1 : n;
}

int cd_xw_has_dns(const struct cd_cert *c, const char *name)
{
	size_t n = name_len(name);
	for (size_t i = 0; i < c->n_san; i++) {
		const struct cd_san *s = &c->san[i];
		if (s->type == CD_SAN_DNS && s->value && name_len(s->value) == n &&
		    !strncasecmp(s->value, name, n))
			return 1;
	}
	return 0;
}

int cd_xw_ip_parse(const char *s, uint8_t ip[16], unsigned *len)
{
	char b[64];
	size_t n = strlen(s);
	if (n >= sizeof(b))
		return 0;
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		memcpy(b, s + 1, n - 2);
		b[n - 2] = 0;
	} else {
		memcpy(b, s, n + 1);
	}
	if (inet_pton(AF_INET, b, ip) == 1) {
		*len = 4;
		return 1;
	}
	if (inet_pton(AF_INET6, b, ip) == 1) {
		*len = 16;
		return 1;
	}
	return 0;
}

void cd_xw_addr_host(const char *addr, char *out, size_t size)
{
	const char *end;
	if (addr[0] == '[') {
		end = strchr(addr, ']');
		if (end) {
			snprintf(out, size, "%.*s", (int)(end - addr - 1), addr + 1);
			return;
		}
	}
	end = strrchr(addr, ':');
	if (end && strchr(addr, ':') == end)
		snprintf(out, size, "%.*s", (int)(end - addr), addr);
	else
		snprintf(out, size, "%s", addr);
}

int cd_xw_has_ip_san(const struct cd_cert *c, const uint8_t *ip, unsigned len)
{
	for (size_t i = 0; i < c->n_san; i++)
		if (c->san[i].type == CD_SAN_IP && c->san[i].ip_len == len &&
		    !memcmp(c->san[i].ip, ip, len))
			return 1;
	return 0;
}

int cd_xw_in_public_store(const struct cd_object *o)
{
	for (size_t s = 0; s < o->n_sources; s++) {
		const struct cd_role *r = &o->sources[s].role;
		if (r->kind == CD_ROLE_TRUST &&
		    (!strcmp(r->name, "public-roots") || !strcmp(r->name, "system")))
			return 1;
	}
	return 0;
}

/* Is certificate idx public: in a public store, or the same subject and key as one that is? */
static int is_public(const struct cd_model *m, size_t idx)
{
	const struct cd_object *o = m->objects[idx];
	const struct cd_cert *c = o->u.cert;
	if (cd_xw_in_public_store(o))
		return 1;
	if (!c->key.known || !c->subject.canon)
		return 0;
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *p = m->objects[i];
		if (p->kind != CD_KIND_CERT || !cd_xw_in_public_store(p) || !p->u.cert->key.known ||
		    !p->u.cert->subject.canon)
			continue;
		if (!strcmp(p->u.cert->subject.canon, c->subject.canon) &&
		    !memcmp(p->u.cert->key.spki_sha256, c->key.spki_sha256, 32))
			return 1;
	}
	return 0;
}

int cd_xw_reach_public(const struct cd_model *m, size_t leaf, struct cd_xw_reach *out)
{
	size_t *queue = NULL, head = 0, tail = 0;
	unsigned char *seen = NULL;
	int rc = CD_OK, missing = 0;
	memset(out, 0, sizeof(*out));
	out->public_root = out->missing_from = SIZE_MAX;
	queue = malloc(m->n_objects * sizeof(*queue));
	seen = calloc(m->n_objects, 1);
	if (!queue || !seen) {
		rc = CD_E_NOMEM;
		goto out;
	}
	queue[tail++] = leaf;
	seen[leaf] = 1;
	while (head < tail) {
		size_t cur = queue[head++];
		const struct cd_cert *c = m->objects[cur]->u.cert;
		int found = 0;
		if (cur != leaf && is_public(m, cur)) {
			out->result = 1;
			out->public_root = cur;
			goto out;
		}
		if (c->self_issued) {
			if (push(&out->roots, &out->n_roots, cur) < 0) {
				rc = CD_E_NOMEM;
				goto out;
			}
			continue;
		}
		for (size_t i = 0; i < m->n_objects; i++) {
			const struct cd_object *p = m->objects[i];
			if (p->kind != CD_KIND_CERT || i == cur || !cd_xw_could_issue(p->u.cert, c))
				continue;
			found = 1;
			if (!seen[i]) {
				seen[i] = 1;
				queue[tail++] = i;
			}
		}
		if (!found && !missing) {
			missing = 1;
			out->missing_from = cur;
		}
	}
	out->result = missing ? -1 : 0;
out:
	free(queue);
	free(seen);
	return rc;
}

void cd_xw_reach_release(struct cd_xw_reach *r)
{
	free(r->roots);
	memset(r, 0, sizeof(*r));
}

int cd_xw_each_renewal(struct cd_check_ctx *ctx,
		       int (*pair)(struct cd_check_ctx *ctx, const struct cd_xw_slot *s, size_t old_i,
				   size_t new_i))
{
	struct cd_units u;
	struct cd_xw_slots sl = {0};
	int rc = cd_units_collect(ctx->model, ctx->opts, &u);
	if (rc == CD_OK)
		rc = cd_xw_slots_collect(ctx, &u, &sl);
	for (size_t k = 0; rc == CD_OK && k < sl.n; k++)
		for (size_t c = 0; rc == CD_OK && c < sl.v[k].n_certs; c++)
			if (sl.v[k].certs[c] != sl.v[k].current)
				rc = pair(ctx, &sl.v[k], sl.v[k].certs[c], sl.v[k].current);
	cd_xw_slots_release(&sl);
	cd_units_release(&u);
	return rc;
}
