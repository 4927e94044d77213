/* engine.c - run the checks, collect findings, decide applied/passed/failed per rule. */
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"

static void finding_clear(struct cd_finding *f)
{
	free(f->message);
	free(f->objects);
	free(f->obj_set);
	free(f->places);
	free(f->path);
	free(f->rel);
	json_decref(f->evidence);
	memset(f, 0, sizeof(*f));
}

/* Past the rule's limit: count it, and hand out the scratch finding (emptied) instead. */
static struct cd_finding *emit_unlisted(struct cd_check_ctx *ctx)
{
	if (!ctx->spare && !(ctx->spare = calloc(1, sizeof(*ctx->spare)))) {
		ctx->status = CD_E_NOMEM;
		return NULL;
	}
	finding_clear(ctx->spare);
	ctx->spare->rule = ctx->rule;
	ctx->spare->evidence = json_object();
	if (!ctx->spare->evidence) {
		ctx->status = CD_E_NOMEM;
		return NULL;
	}
	ctx->unlisted++;
	return ctx->spare;
}

void cd_check_not_checked(struct cd_check_ctx *ctx, const char *enable, const char *fmt, ...)
{
	struct cd_not_checked *nc;
	struct cd_buf b;
	va_list ap;
	char *what;
	cd_buf_init(&b, 1 << 16);
	va_start(ap, fmt);
	cd_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	what = cd_buf_detach(&b);
	if (!what) {
		ctx->status = CD_E_NOMEM;
		return;
	}
	for (size_t i = 0; i < ctx->n_not_checked; i++)
		if (!strcmp(ctx->not_checked[i].what, what) && !strcmp(ctx->not_checked[i].enable, enable)) {
			free(what);
			return;
		}
	if (ctx->n_not_checked >= CD_LIMIT_NOT_CHECKED) {
		ctx->more_not_checked++;
		free(what);
		return;
	}
	nc = realloc(ctx->not_checked, (ctx->n_not_checked + 1) * sizeof(*nc));
	if (!nc || !(nc[ctx->n_not_checked].enable = cd_strdup(enable))) {
		if (nc)
			ctx->not_checked = nc;
		free(what);
		ctx->status = CD_E_NOMEM;
		return;
	}
	ctx->not_checked = nc;
	nc[ctx->n_not_checked++].what = what;
}

struct cd_finding *cd_check_emit(struct cd_check_ctx *ctx, const char *fmt, ...)
{
	struct cd_report *r = ctx->report;
	struct cd_finding *f;
	struct cd_buf b;
	va_list ap;
	int rc;
	if (ctx->listed >= CD_LIMIT_FINDINGS_PER_RULE)
		return emit_unlisted(ctx);
	if (r->n_findings == r->cap_findings) {
		size_t cap = r->cap_findings ? r->cap_findings * 2 : 32;
		struct cd_finding *nf = realloc(r->findings, cap * sizeof(*nf));
		if (!nf) {
			ctx->status = CD_E_NOMEM;
			return NULL;
		}
		r->findings = nf;
		r->cap_findings = cap;
	}
	f = &r->findings[r->n_findings];
	memset(f, 0, sizeof(*f));
	f->rule = ctx->rule;
	cd_buf_init(&b, 1 << 20);
	va_start(ap, fmt);
	rc = cd_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	f->message = rc < 0 ? NULL : cd_buf_detach(&b); /* never a message cut short or empty */
	cd_buf_release(&b);
	f->evidence = json_object();
	if (!f->message || !f->evidence) {
		free(f->message);
		json_decref(f->evidence);
		ctx->status = rc < 0 ? rc : CD_E_NOMEM;
		return NULL;
	}
	r->n_findings++;
	ctx->listed++;
	return f;
}

void cd_finding_set_where(struct cd_finding *f, const struct cd_source *s, int has_offset)
{
	if (!f || !s)
		return;
	free(f->path);
	free(f->rel);
	f->path = cd_strdup(s->path);
	f->rel = cd_strdup(s->rel);
	if ((s->path && !f->path) || (s->rel && !f->rel))
		f->incomplete = 1; /* the finding would point nowhere */
	f->offset = s->offset;
	f->pem_block = s->pem_block;
	f->has_offset = has_offset;
}

/* A finding may name thousands of objects (a trusted CA list past its limit): past
 * OBJ_SET_FROM objects, membership goes through a hash set instead of a scan. */
#define OBJ_SET_FROM 32
#define OBJ_EMPTY SIZE_MAX

static size_t obj_hash(size_t v)
{
	uint64_t x = v;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	return (size_t)(x ^ (x >> 33));
}

static void set_insert(size_t *set, size_t cap, size_t idx)
{
	size_t h = obj_hash(idx) & (cap - 1);
	while (set[h] != OBJ_EMPTY && set[h] != idx)
		h = (h + 1) & (cap - 1);
	set[h] = idx;
}

static void finding_set_add(struct cd_finding *f, size_t idx)
{
	if (f->n_objects < OBJ_SET_FROM)
		return;
	if (f->n_objects * 2 > f->obj_set_cap) { /* (re)build at load factor 1/2 */
		size_t cap = f->obj_set_cap ? f->obj_set_cap * 2 : 4 * OBJ_SET_FROM;
		size_t *set;
		while (cap < f->n_objects * 2)
			cap *= 2;
		set = malloc(cap * sizeof(*set));
		if (!set)
			return; /* the scan below still works */
		for (size_t i = 0; i < cap; i++)
			set[i] = OBJ_EMPTY;
		for (size_t i = 0; i < f->n_objects; i++)
			set_insert(set, cap, f->objects[i]);
		free(f->obj_set);
		f->obj_set = set;
		f->obj_set_cap = cap;
		return;
	}
	set_insert(f->obj_set, f->obj_set_cap, idx);
}

static int finding_has_object(const struct cd_finding *f, size_t idx)
{
	if (f->obj_set && f->n_objects * 2 <= f->obj_set_cap) {
		size_t h = obj_hash(idx) & (f->obj_set_cap - 1);
		while (f->obj_set[h] != OBJ_EMPTY) {
			if (f->obj_set[h] == idx)
				return 1;
			h = (h + 1) & (f->obj_set_cap - 1);
		}
		return 0;
	}
	for (size_t i = 0; i < f->n_objects; i++)
		if (f->objects[i] == idx)
			return 1;
	return 0;
}

void cd_finding_add_object(struct cd_finding *f, const struct cd_model *m, size_t idx)
{
	size_t *no;
	if (!f)
		return;
	if (finding_has_object(f, idx))
		return;
	if ((f->n_objects & (f->n_objects - 1)) == 0) { /* capacity: powers of two */
		no = realloc(f->objects, (f->n_objects ? f->n_objects * 2 : 1) * sizeof(*no));
		if (!no) {
			f->incomplete = 1;
			return;
		}
		f->objects = no;
	}
	f->objects[f->n_objects++] = idx;
	finding_set_add(f, idx);
	if (!f->path && m->objects[idx]->n_sources)
		cd_finding_set_where(f, &m->objects[idx]->sources[0], 1);
}

void cd_finding_add_object_at(struct cd_finding *f, const struct cd_model *m, size_t idx,
			      const struct cd_source *s)
{
	const struct cd_object *o;
	size_t *np;
	cd_finding_add_object(f, m, idx);
	if (!f || !s)
		return;
	o = m->objects[idx];
	for (size_t k = 0; k < o->n_sources; k++) {
		if (&o->sources[k] != s)
			continue;
		np = realloc(f->places, (f->n_places + 1) * 2 * sizeof(*np));
		if (!np) {
			f->incomplete = 1;
			return;
		}
		f->places = np;
		np[f->n_places * 2] = idx;
		np[f->n_places * 2 + 1] = k;
		f->n_places++;
		return;
	}
}

const struct cd_source *cd_finding_object_source(const struct cd_finding *f,
						 const struct cd_model *m, size_t idx)
{
	const struct cd_object *o = m->objects[idx];
	for (size_t k = f->n_places; k-- > 0;)
		if (f->places[k * 2] == idx)
			return &o->sources[f->places[k * 2 + 1]];
	if (!f->path)
		return NULL;
	for (size_t k = 0; k < o->n_sources; k++) {
		const struct cd_source *s = &o->sources[k];
		if (s->path && !strcmp(s->path, f->path) && s->pem_block == f->pem_block &&
		    (!f->has_offset || s->offset == f->offset))
			return s;
	}
	return NULL;
}

static void role_text(const struct cd_role *r, char *out, size_t size)
{
	char role[96];
	cd_role_format(r, role, sizeof(role));
	/* a role inferred from content says so where a finding names it (docs/roles.md) */
	snprintf(out, size, "%s%s%s%s", role, r->node[0] ? " on " : "", r->node,
		 r->origin == CD_ROLE_FROM_CONTENT ? ", inferred" : "");
}

/* The distinct roles of a label, at most 4 (then " and others"). */
struct role_list {
	char shown[4][192];
	size_t n, len;
	int more;
};

static void role_list_add(struct role_list *l, const struct cd_role *r, char *out, size_t size)
{
	char one[192];
	size_t j = 0;
	if (!r->kind || l->more)
		return;
	role_text(r, one, sizeof(one));
	while (j < l->n && strcmp(l->shown[j], one))
		j++;
	if (j < l->n)
		return;
	if (l->n == 4) {
		l->more = 1;
		snprintf(out + l->len, size - l->len, " and others");
		return;
	}
	memcpy(l->shown[l->n++], one, sizeof(one));
	l->len += (size_t)snprintf(out + l->len, size - l->len, "%s%s", l->n > 1 ? ", " : "", one);
	if (l->len >= size)
		l->len = size - 1;
}

void cd_finding_object_roles(const struct cd_finding *f, const struct cd_model *m, size_t idx,
			     char *out, size_t size)
{
	const struct cd_object *o = m->objects[idx];
	const struct cd_source *s;
	struct role_list l = {.n = 0};
	out[0] = 0;
	/* the places the finding names (a certificate shared by two nodes: both) */
	for (size_t k = 0; k < f->n_places; k++)
		if (f->places[k * 2] == idx)
			role_list_add(&l, &o->sources[f->places[k * 2 + 1]].role, out, size);
	if (l.n)
		return;
	s = cd_finding_object_source(f, m, idx);
	if (s && s->role.kind) {
		role_list_add(&l, &s->role, out, size);
		return;
	}
	/* no one place: every distinct role, so that no store is named as if it were the only
	 * one (one pass: an object may have thousands of sources) */
	for (size_t k = 0; k < o->n_sources && !l.more; k++)
		role_list_add(&l, &o->sources[k].role, out, size);
}

json_t *cd_json_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct cd_buf b;
	json_t *j = NULL;
	size_t i = 0, n;
	int rc = CD_OK;
	if (!s)
		return NULL;
	size_t len = strlen(s);
	while (p[i] && (n = cd_utf8_seq(p + i, len - i)))
		i += n;
	if (!p[i])
		return json_string(s);
	cd_buf_init(&b, 4 * len + 1);
	for (i = 0; p[i] && rc >= 0; i += n ? n : 1) {
		n = cd_utf8_seq(p + i, len - i);
		rc = n ? cd_buf_add(&b, p + i, n) : cd_buf_addf(&b, "\\x%02x", p[i]);
	}
	if (rc >= 0 && b.data)
		j = json_stringn((const char *)b.data, b.len);
	cd_buf_release(&b);
	return j;
}

void cd_finding_evidence_str(struct cd_finding *f, const char *key, const char *value)
{
	if (f && value && json_object_set_new(f->evidence, key, cd_json_text(value)) < 0)
		f->incomplete = 1;
}

void cd_finding_evidence_int(struct cd_finding *f, const char *key, long long value)
{
	if (f && json_object_set_new(f->evidence, key, json_integer(value)) < 0)
		f->incomplete = 1;
}

void cd_finding_evidence_time(struct cd_finding *f, const char *key, cd_time_t t)
{
	char buf[40];
	cd_time_format(t, buf, sizeof(buf));
	cd_finding_evidence_str(f, key, buf);
}

/* Does id match one of the comma-separated globs in list? */
static int match_list(const char *list, const char *id)
{
	char glob[128];
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n && n < sizeof(glob)) {
			memcpy(glob, p, n);
			glob[n] = 0;
			if (fnmatch(glob, id, 0) == 0)
				return 1;
		}
		p += n + (e ? 1 : 0);
	}
	return 0;
}

int cd_engine_rule_selected(const struct cd_eval_opts *opts, const char *id)
{
	if (opts->rules && !match_list(opts->rules, id))
		return 0;
	return !(opts->skip_rules && match_list(opts->skip_rules, id));
}

static const struct cd_check *find_check(const struct cd_check *const *checks, const char *id)
{
	for (size_t i = 0; checks[i]; i++)
		if (!strcmp(checks[i]->id, id))
			return checks[i];
	return NULL;
}

int cd_engine_check_table(const struct cd_catalogue *cat, const struct cd_check *const *checks,
			  char **err)
{
	struct cd_buf b;
	*err = NULL;
	cd_buf_init(&b, 4096);
	for (size_t i = 0; i < cat->n; i++)
		if (!find_check(checks, cat->rules[i].id)) {
			cd_buf_addf(&b, "catalogue rule \"%s\" has no check in src/rules/", cat->rules[i].id);
			*err = cd_buf_detach(&b);
			return CD_E_MALFORMED;
		}
	for (size_t i = 0; checks[i]; i++)
		if (!cd_catalogue_find(cat, checks[i]->id)) {
			cd_buf_addf(&b, "check \"%s\" has no catalogue entry in rules/", checks[i]->id);
			*err = cd_buf_detach(&b);
			return CD_E_MALFORMED;
		}
	return CD_OK;
}

int cd_engine_check_registry(const struct cd_catalogue *cat, char **err)
{
	return cd_engine_check_table(cat, cd_checks, err);
}

static const char *first_obj_id(const struct cd_model *m, const struct cd_finding *f)
{
	return f->n_objects ? m->objects[f->objects[0]]->id : "";
}

static int cmp_object_id(const void *a, const void *b, void *arg)
{
	const struct cd_model *m = arg;
	return strcmp(m->objects[*(const size_t *)a]->id, m->objects[*(const size_t *)b]->id);
}

static int cmp_finding(const void *a, const void *b, void *arg)
{
	const struct cd_finding *x = a, *y = b;
	const struct cd_model *m = arg;
	int c;
	if (x->rule->severity != y->rule->severity)
		return (int)y->rule->severity - (int)x->rule->severity;
	if ((c = strcmp(x->rule->id, y->rule->id)))
		return c;
	if ((c = strcmp(x->path ? x->path : "", y->path ? y->path : "")))
		return c;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return strcmp(first_obj_id(m, x), first_obj_id(m, y));
}

int cd_engine_run(const struct cd_model *m, const struct cd_chains *chains,
		  const struct cd_catalogue *cat,
		  const struct cd_eval_opts *opts, struct cd_report *out, char **err)
{
	return cd_engine_run_checks(m, chains, cat, opts, cd_checks, out, err);
}

int cd_engine_run_checks(const struct cd_model *m, const struct cd_chains *chains,
			 const struct cd_catalogue *cat, const struct cd_eval_opts *opts,
			 const struct cd_check *const *checks, struct cd_report *out, char **err)
{
	int rc;
	memset(out, 0, sizeof(*out));
	if (!opts->product) { /* the product rules read it: a caller that forgot it is refused */
		if (err)
			*err = cd_strdup("cd_engine_run: no product context (cd_eval_opts.product)");
		return CD_E_USAGE;
	}
	rc = cd_engine_check_table(cat, checks, err);
	if (rc < 0)
		return rc;
	out->results = calloc(cat->n ? cat->n : 1, sizeof(*out->results));
	if (!out->results)
		return CD_E_NOMEM;
	for (size_t i = 0; i < cat->n; i++) {
		const struct cd_check *chk = find_check(checks, cat->rules[i].id);
		struct cd_check_ctx ctx = {.model = m, .chains = chains, .opts = opts, .rule = &cat->rules[i],
					   .report = out, .status = CD_OK};
		struct cd_rule_result *res = &out->results[out->n_results];
		size_t before = out->n_findings;
		int st;
		if (!cd_engine_rule_selected(opts, cat->rules[i].id))
			continue; /* not run: absent from rule_results */
		st = chk->run(&ctx);
		if (ctx.spare) {
			finding_clear(ctx.spare);
			free(ctx.spare);
		}
		if (st >= 0)
			st = ctx.status;
		for (size_t k = before; st >= 0 && k < out->n_findings; k++)
			if (out->findings[k].incomplete)
				st = CD_E_NOMEM;
		res->rule = &cat->rules[i];
		res->applied = ctx.applied;
		res->listed = out->n_findings - before;
		res->fired = res->listed + ctx.unlisted;
		res->error = st < 0 ? st : 0;
		res->not_checked = ctx.not_checked;
		res->n_not_checked = ctx.n_not_checked;
		res->more_not_checked = ctx.more_not_checked;
		res->result = st < 0                   ? CD_RESULT_FATAL
			      : res->fired             ? CD_RESULT_FAIL
			      : ctx.applied            ? CD_RESULT_PASS
			      : res->n_not_checked     ? CD_RESULT_NOT_CHECKED
						       : CD_RESULT_NA;
		out->n_results++;
	}
	cd_engine_correlate(out, m);
	/* objects of a finding in a stable order: by id */
	for (size_t i = 0; i < out->n_findings; i++) {
		struct cd_finding *f = &out->findings[i];
		/* sort indices by object id (qsort: a finding may name thousands of objects) */
		if (f->n_objects > 1)
			qsort_r(f->objects, f->n_objects, sizeof(*f->objects), cmp_object_id, (void *)m);
	}
	if (out->n_findings)
		qsort_r(out->findings, out->n_findings, sizeof(*out->findings), cmp_finding, (void *)m);
	return CD_OK;
}

void cd_report_release(struct cd_report *r)
{
	for (size_t i = 0; i < r->n_findings; i++)
		finding_clear(&r->findings[i]);
	free(r->findings);
	for (size_t i = 0; i < r->n_results; i++) {
		for (size_t k = 0; k < r->results[i].n_not_checked; k++) {
			free(r->results[i].not_checked[k].what);
			free(r->results[i].not_checked[k].enable);
		}
		free(r->results[i].not_checked);
	}
	free(r->results);
	memset(r, 0, sizeof(*r));
}

size_t cd_report_n_fatal(const struct cd_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_results; i++)
		if (r->results[i].result == CD_RESULT_FATAL)
			n++;
	return n;
}

size_t cd_report_count_at_least(const struct cd_report *r, enum cd_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_findings; i++)
		if (r->findings[i].rule->severity >= sev)
			n++;
	for (size_t i = 0; i < r->n_results; i++)
		if (r->results[i].rule->severity >= sev)
			n += r->results[i].fired - r->results[i].listed;
	return n;
}

size_t cd_report_unlisted(const struct cd_report *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_results; i++)
		n += r->results[i].fired - r->results[i].listed;
	return n;
}
