/* assign.c - roles decided once ingest is done (docs/roles.md, "Roles given on the command
 * line" and "Roles from content"): the
 * specs of the command line (also over archive members), Expressway server files anywhere,
 * roles from content (a certificate with a CSR's key, or with its subject and SANs), and the
 * roles of ingest events' files. Every role says where it came from and why. */
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "product/product.h"
#include "product/roles.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"

/* Longest path the spec matching compares; longer ones are compared by their first 8191
 * bytes (docs/limits.md). */
#define ASSIGN_PATH_MAX 8192

/* ---- paths ---- */

/* p without "./" at its start and after each "!/" (archive members), into out. */
static void norm_path(const char *p, char *out, size_t size)
{
	size_t n = 0;
	p = cd_path_skip_dot(p ? p : "");
	while (*p && n + 1 < size) {
		if (p[0] == '!' && p[1] == '/') {
			out[n++] = '!';
			if (n + 1 < size)
				out[n++] = '/';
			p += 2;
			while (*p == '/')
				p++;
			p = cd_path_skip_dot(p);
			continue;
		}
		out[n++] = *p++;
	}
	out[n] = 0;
}

/* Does the spec path sp name p (p itself, a file below the folder sp, a member of the
 * archive sp)? Both normalized. Returns the length matched, -1 when not. */
static long spec_names(const char *sp, const char *p)
{
	size_t n = strlen(sp);
	if (n == 0)
		return p[0] != '/' ? 0 : -1; /* "." names everything relative */
	if (strncmp(p, sp, n))
		return -1;
	if (p[n] == 0 || p[n] == '/' || sp[n - 1] == '/' || (p[n] == '!' && p[n + 1] == '/'))
		return (long)n;
	return -1;
}

/* The spec naming path with the longest PATH (the later one on a tie), -1 none. */
static long best_spec(const struct cd_roles_opts *o, char (*norm)[ASSIGN_PATH_MAX], const char *path)
{
	char p[ASSIGN_PATH_MAX];
	long best = -1, best_len = -1;
	norm_path(path, p, sizeof(p));
	for (size_t k = 0; k < o->n_specs; k++) {
		long l = spec_names(norm[k], p);
		if (l >= 0 && l >= best_len) {
			best = (long)k;
			best_len = l;
		}
	}
	return best;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static int has_role(const struct cd_object *ob)
{
	for (size_t s = 0; s < ob->n_sources; s++)
		if (ob->sources[s].role.kind != CD_ROLE_NONE)
			return 1;
	return 0;
}

static int fits(enum cd_kind k, enum cd_role_kind r)
{
	switch (r) {
	case CD_ROLE_IDENTITY: return k == CD_KIND_CERT || k == CD_KIND_KEY;
	case CD_ROLE_TRUST: return k == CD_KIND_CERT;
	case CD_ROLE_CSR: return k == CD_KIND_CSR;
	default: return 0;
	}
}

static const char *keep(struct cd_model *m, struct cd_buf *b)
{
	return cd_model_keep(m, cd_buf_detach(b));
}

/* ---- 1. the specs ---- */

static int is_ca(const struct cd_cert *c)
{
	return c->bc_present && c->is_ca;
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The issuer names of the set's certificates that are not self-issued, sorted: who issued
 * another one of them (caller frees). NULL only when out of memory. */
static const char **issuer_names(const struct cd_model *m, const unsigned char *in, size_t *n)
{
	const char **v = malloc((m->n_objects + 1) * sizeof(*v));
	*n = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < m->n_objects; i++)
		if (in[i] && !m->objects[i]->u.cert->self_issued && m->objects[i]->u.cert->issuer.canon)
			v[(*n)++] = m->objects[i]->u.cert->issuer.canon;
	qsort(v, *n, sizeof(*v), cmp_strp);
	return v;
}

/* Did c issue another certificate of the set (by name; self-issued ones aside)? */
static int issued_another(const struct cd_cert *c, const char **names, size_t n)
{
	return c->subject.canon && n &&
	       bsearch(&c->subject.canon, names, n, sizeof(*names), cmp_strp) != NULL;
}

/* Of the certificates a spec names (in), those its role describes (ok): an identity the
 * end-entity certificates (when all are CAs, as a CAPF certificate is: the ones that issued
 * none of the others), a trust role the CA and self-signed ones (all when none is). A
 * certificate without basicConstraints (v1) that issued another of the set is a CA: the
 * requests test chain's v1 root became compare's NEW. Returns 0 when none was left out, 1 when
 * some were, 2 when some were and all are CAs, CD_E_NOMEM. */
static int describe(const struct cd_model *m, const struct cd_role *r, const unsigned char *in,
		    size_t n_in, unsigned char *ok)
{
	size_t n_ok = 0, n_names;
	int all_ca = 0;
	const char **names;
	memset(ok, 0, m->n_objects);
	if (n_in < 2) {
		memcpy(ok, in, m->n_objects);
		return 0;
	}
	names = issuer_names(m, in, &n_names);
	if (!names)
		return CD_E_NOMEM;
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_cert *c;
		int ca;
		if (!in[i])
			continue;
		c = m->objects[i]->u.cert;
		ca = is_ca(c) || (!c->bc_present && issued_another(c, names, n_names));
		ok[i] = r->kind == CD_ROLE_IDENTITY ? !ca : ca || c->self_signed;
		n_ok += ok[i];
	}
	if (!n_ok && r->kind == CD_ROLE_IDENTITY) {
		all_ca = 1;
		for (size_t i = 0; i < m->n_objects; i++)
			if (in[i] && !issued_another(m->objects[i]->u.cert, names, n_names)) {
				ok[i] = 1;
				n_ok++;
			}
	}
	free(names);
	if (!n_ok)
		memcpy(ok, in, m->n_objects);
	return n_ok && n_ok < n_in ? 1 + all_ca : 0;
}

static int apply_specs(struct cd_model *m, const struct cd_roles_opts *o)
{
	char (*norm)[ASSIGN_PATH_MAX] = NULL;
	long **match = NULL; /* per object, per source: the spec, -1 none */
	long *ev = NULL;     /* per event: the spec, -1 none */
	unsigned char *in = NULL, *ok = NULL;
	int rc = CD_E_NOMEM;
	if (!o->n_specs)
		return CD_OK;
	norm = calloc(o->n_specs, sizeof(*norm));
	match = calloc(m->n_objects + 1, sizeof(*match));
	in = calloc(m->n_objects + 1, 1);
	ok = calloc(m->n_objects + 1, 1);
	ev = calloc(m->n_events + 1, sizeof(*ev));
	if (!norm || !match || !in || !ok || !ev)
		goto out;
	for (size_t k = 0; k < o->n_specs; k++)
		norm_path(o->specs[k].path, norm[k], sizeof(norm[k]));
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		match[i] = malloc((ob->n_sources + 1) * sizeof(**match));
		if (!match[i])
			goto out;
		for (size_t s = 0; s < ob->n_sources; s++)
			/* a capture's certificates are what crossed the wire, never a store or identity */
			/* a certificate seen on the wire or carried in an ITL/CTL record plays no role
			 * of the path it was found under (docs/roles.md) */
			match[i][s] = ob->sources[s].frame || !strncmp(ob->sources[s].container, "itl-", 4) ||
					      !strncmp(ob->sources[s].container, "ctl-", 4)
					  ? -1
					  : best_spec(o, norm, ob->sources[s].path);
	}
	for (size_t e = 0; e < m->n_events; e++)
		ev[e] = m->events[e].path ? best_spec(o, norm, m->events[e].path) : -1;
	for (size_t k = 0; k < o->n_specs; k++) {
		const struct cd_role_spec *sp = &o->specs[k];
		size_t n_in = 0;
		int narrowed;
		struct cd_buf b;
		const char *why;
		memset(in, 0, m->n_objects);
		for (size_t i = 0; i < m->n_objects; i++)
			for (size_t s = 0; s < m->objects[i]->n_sources && !in[i]; s++)
				if (match[i][s] == (long)k && m->objects[i]->kind == CD_KIND_CERT) {
					in[i] = 1;
					n_in++;
				}
		narrowed = sp->describe && sp->role.kind != CD_ROLE_CSR
				   ? describe(m, &sp->role, in, n_in, ok)
				   : (memcpy(ok, in, m->n_objects), 0);
		if (narrowed < 0)
			goto out;
		cd_buf_init(&b, 1 << 16);
		cd_buf_addf(&b, "given with %s %s", sp->option ? sp->option : "the command line",
			    sp->text ? sp->text : sp->path);
		if (narrowed)
			cd_buf_addf(&b, "; of the %zu certificates it names, only the %s", n_in,
				    sp->role.kind != CD_ROLE_IDENTITY ? "CA and self-signed certificates"
				    : narrowed == 2 ? "one that issued none of the others (all are CAs)"
						    : "end-entity certificate");
		why = keep(m, &b);
		if (!why)
			goto out;
		for (size_t i = 0; i < m->n_objects; i++) {
			struct cd_object *ob = m->objects[i];
			if (!fits(ob->kind, sp->role.kind) || (ob->kind == CD_KIND_CERT && !ok[i]))
				continue; /* it keeps the role of its path, if any */
			for (size_t s = 0; s < ob->n_sources; s++) {
				struct cd_role *r = &ob->sources[s].role;
				char node[sizeof(r->node)];
				if (match[i][s] != (long)k)
					continue;
				cd_strlcpy(node, sp->role.node[0] ? sp->role.node : r->node, sizeof(node));
				*r = sp->role;
				cd_strlcpy(r->node, node, sizeof(r->node));
				r->origin = CD_ROLE_FROM_OPTION;
				r->reason = why;
			}
		}
		for (size_t e = 0; e < m->n_events; e++) {
			struct cd_event *evt = &m->events[e];
			char node[sizeof(evt->role.node)];
			if (ev[e] != (long)k)
				continue;
			cd_strlcpy(node, sp->role.node[0] ? sp->role.node : evt->role.node, sizeof(node));
			evt->role = sp->role;
			cd_strlcpy(evt->role.node, node, sizeof(evt->role.node));
			evt->role.origin = CD_ROLE_FROM_OPTION;
			evt->role.reason = why;
		}
	}
	rc = CD_OK;
out:
	for (size_t i = 0; match && i < m->n_objects; i++)
		free(match[i]);
	free(match);
	free(ev);
	free(norm);
	free(in);
	free(ok);
	return rc;
}

/* ---- 2. Expressway server files ---- */

static int is_server_file(const struct cd_role_tables *t, const char *path)
{
	const char *b = base_name(path);
	for (size_t i = 0; i < t->n_server_files; i++)
		if (!strcasecmp(b, t->server_files[i]))
			return 1;
	return 0;
}

/* The folder of path ("exp.zip!/exp-c1" for "exp.zip!/exp-c1/server.pem"), "" at the top. */
static void folder_of(const char *path, char *out, size_t size)
{
	const char *b = base_name(path);
	size_t n = (size_t)(b - path);
	while (n && path[n - 1] == '/')
		n--;
	snprintf(out, size, "%.*s", (int)n, path);
}

/* A node name for a folder: its innermost part that is no layout folder ("exp-c1" for
 * "bundle/exp-c1/tandberg/persistent/certs"), else the folder itself. */
static void folder_label(const struct cd_role_tables *t, const char *folder, char *out, size_t size)
{
	size_t n = strlen(folder);
	while (n) {
		size_t e = n, b;
		while (e && (folder[e - 1] == '/' || folder[e - 1] == '!'))
			e--;
		b = e;
		while (b && folder[b - 1] != '/')
			b--;
		if (e > b && cd_role_node_name_ok(t, folder + b, e - b)) {
			snprintf(out, size, "%.*s", (int)(e - b), folder + b);
			return;
		}
		n = b;
	}
	snprintf(out, size, "%s", *folder ? folder : ".");
}

struct sfile {
	char folder[512];     /* where it is (from its path): what makes it a folder of its own */
	char rel_folder[512]; /* the same below the scanned root or archive: what names it */
	char node[72];
	int alike; /* another folder would have the same node name */
	const char *why;
};

/* Add the folder of path (duplicates are merged by sort_folders). */
static int add_folder(struct sfile **f, size_t *n, size_t *cap, const char *path, const char *rel)
{
	struct sfile *nf;
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		nf = realloc(*f, c * sizeof(*nf));
		if (!nf)
			return CD_E_NOMEM;
		*f = nf;
		*cap = c;
	}
	nf = &(*f)[*n];
	memset(nf, 0, sizeof(*nf));
	folder_of(path, nf->folder, sizeof(nf->folder));
	folder_of(rel ? rel : path, nf->rel_folder, sizeof(nf->rel_folder));
	(*n)++;
	return CD_OK;
}

static int cmp_sfile(const void *a, const void *b)
{
	return strcmp(((const struct sfile *)a)->folder, ((const struct sfile *)b)->folder);
}

/* Sort by folder and keep one of each; returns the new count. */
static size_t sort_folders(struct sfile *f, size_t n)
{
	size_t k = 0;
	if (!n)
		return 0;
	qsort(f, n, sizeof(*f), cmp_sfile);
	for (size_t i = 1; i < n; i++)
		if (strcmp(f[i].folder, f[k].folder))
			f[++k] = f[i];
	return k + 1;
}

static const struct sfile *folder_find(const struct sfile *f, size_t n, const char *path)
{
	struct sfile key;
	folder_of(path, key.folder, sizeof(key.folder));
	return n ? bsearch(&key, f, n, sizeof(*f), cmp_sfile) : NULL;
}

static void give(struct cd_role *r, const struct cd_role_unit *u, const struct sfile *sf)
{
	r->kind = CD_ROLE_IDENTITY;
	cd_strlcpy(r->name, u->name, sizeof(r->name));
	cd_strlcpy(r->node, sf ? sf->node : "", sizeof(r->node));
	r->origin = CD_ROLE_FROM_CONTENT;
	r->reason = sf ? sf->why : NULL;
}

/* Is source s of object ob one of the server files that take a role (no role yet, read from
 * a file, an object an identity can be)? */
static int takes(const struct cd_role_tables *t, const struct cd_object *ob, size_t s)
{
	return !has_role(ob) && fits(ob->kind, CD_ROLE_IDENTITY) && !ob->sources[s].frame &&
	       is_server_file(t, ob->sources[s].path);
}

static int server_files(struct cd_model *m, const struct cd_roles_opts *o)
{
	const struct cd_role_tables *t = o->tables;
	const struct cd_role_unit *u = t && t->server_unit ? cd_role_unit_find(t, t->server_unit) : NULL;
	struct sfile *f = NULL;
	size_t n = 0, cap = 0;
	int rc = CD_OK;
	unsigned char *take = NULL;
	if (!u || !o->product || strcmp(o->product, u->product))
		return CD_OK;
	/* the folders holding such files, in order of sight */
	for (size_t i = 0; i < m->n_objects && rc == CD_OK; i++)
		for (size_t s = 0; s < m->objects[i]->n_sources && rc == CD_OK; s++)
			if (takes(t, m->objects[i], s))
				rc = add_folder(&f, &n, &cap, m->objects[i]->sources[s].path,
						m->objects[i]->sources[s].rel);
	for (size_t e = 0; e < m->n_events && rc == CD_OK; e++)
		if (m->events[e].role.kind == CD_ROLE_NONE && m->events[e].path &&
		    is_server_file(t, m->events[e].path))
			rc = add_folder(&f, &n, &cap, m->events[e].path, m->events[e].rel);
	n = sort_folders(f, n);
	/* several folders: each is a node, named by its folder (the whole folder when two would
	 * share a name) */
	if (n > 1) {
		for (size_t k = 0; k < n; k++)
			folder_label(t, f[k].rel_folder[0] ? f[k].rel_folder : f[k].folder, f[k].node,
				     sizeof(f[k].node));
		/* two folders named alike ("a/exp-c1", "b/exp-c1"): both by their whole name */
		const char **labels = malloc(n * sizeof(*labels));
		size_t n_alike = 0;
		if (!labels) {
			free(f);
			return CD_E_NOMEM;
		}
		for (size_t k = 0; k < n; k++)
			labels[k] = f[k].node;
		qsort(labels, n, sizeof(*labels), cmp_strp);
		for (size_t k = 0; k + 1 < n; k++)
			if (!strcmp(labels[k], labels[k + 1]))
				labels[n_alike++] = labels[k]; /* k < n: reuses the array in place */
		for (size_t k = 0; k < n && n_alike; k++)
			if (bsearch(&(const char *){f[k].node}, labels, n_alike, sizeof(*labels), cmp_strp))
				f[k].alike = 1;
		for (size_t k = 0; k < n; k++)
			if (f[k].alike)
				cd_strlcpy(f[k].node, f[k].rel_folder[0] ? f[k].rel_folder : f[k].folder,
					   sizeof(f[k].node));
		free(labels);
	}
	for (size_t k = 0; k < n && rc == CD_OK; k++) {
		struct cd_buf b;
		cd_buf_init(&b, 1 << 16);
		cd_buf_addf(&b, "--product expressway is given and its file name is one an Expressway "
			    "server certificate has (server.pem, .crt or .cer)");
		if (f[k].node[0])
			cd_buf_addf(&b, "; node %s: its folder (such files lie in %zu folders, one per node)",
				    f[k].node, n);
		if (!(f[k].why = keep(m, &b)))
			rc = CD_E_NOMEM;
	}
	take = rc == CD_OK ? calloc(m->n_objects + 1, 1) : NULL;
	if (rc == CD_OK && !take)
		rc = CD_E_NOMEM;
	for (size_t i = 0; i < m->n_objects && rc == CD_OK; i++)
		for (size_t s = 0; s < m->objects[i]->n_sources && !take[i]; s++)
			take[i] = (unsigned char)takes(t, m->objects[i], s);
	for (size_t i = 0; i < m->n_objects && rc == CD_OK; i++)
		for (size_t s = 0; take[i] && s < m->objects[i]->n_sources; s++) {
			const struct cd_source *src = &m->objects[i]->sources[s];
			if (!src->frame && is_server_file(t, src->path))
				give(&m->objects[i]->sources[s].role, u, folder_find(f, n, src->path));
		}
	for (size_t e = 0; e < m->n_events && rc == CD_OK; e++)
		if (m->events[e].role.kind == CD_ROLE_NONE && m->events[e].path &&
		    is_server_file(t, m->events[e].path))
			give(&m->events[e].role, u, folder_find(f, n, m->events[e].path));
	free(take);
	free(f);
	return rc;
}

/* ---- advice ---- */

/* "ROLE=PATH" as one shell word onto b: in single quotes when it holds anything but letters,
 * digits and ._/@=:+,- (a space, and the '!' of every archive member path, which an
 * interactive bash expands from its history), so that the advice can be pasted as it is. */
static void add_role_arg(struct cd_buf *b, const char *role, const char *path)
{
	int plain = 1;
	for (const char *q = role; plain && *q; q++)
		plain = strchr("._/@=:+,-", *q) || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
			(*q >= '0' && *q <= '9');
	for (const char *q = path; plain && *q; q++)
		plain = strchr("._/@=:+,-", *q) || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
			(*q >= '0' && *q <= '9');
	if (plain) {
		cd_buf_addf(b, "%s=%s", role, path);
		return;
	}
	cd_buf_addc(b, '\'');
	for (const char *q = role; *q; q++)
		cd_buf_adds(b, *q == '\'' ? "'\\''" : (char[2]){*q, 0});
	cd_buf_addc(b, '=');
	for (const char *q = path; *q; q++)
		cd_buf_adds(b, *q == '\'' ? "'\\''" : (char[2]){*q, 0});
	cd_buf_addc(b, '\'');
}

/* ---- 2b. a file that carries its chain ---- */

struct ident_src {
	size_t obj, src;
};

static int cmp_ident_src(const void *a, const void *b, void *arg)
{
	const struct cd_model *m = arg;
	const struct ident_src *x = a, *y = b;
	const struct cd_source *sx = &m->objects[x->obj]->sources[x->src];
	const struct cd_source *sy = &m->objects[y->obj]->sources[y->src];
	int c = strcmp(sx->path, sy->path);
	if (!c)
		c = strcmp(sx->role.name, sy->role.name);
	if (!c)
		c = strcmp(sx->role.node, sy->role.node);
	return c ? c : x->obj < y->obj ? -1 : x->obj > y->obj;
}

/* An identity a file's path gives (tomcat.pem, .../persistent/certs/server.pem, an Expressway
 * server file anywhere) goes to the end-entity certificate of a file that carries its chain,
 * as --role's does (describe above): the root and intermediates beside it are no identity
 * (docs/roles.md). Roles from --role were narrowed already. */
static int narrow_file_identities(struct cd_model *m)
{
	struct ident_src *v = NULL;
	unsigned char *in = NULL, *ok = NULL;
	size_t n = 0, cap = 0;
	int rc = CD_E_NOMEM;
	for (size_t i = 0; i < m->n_objects; i++)
		for (size_t s = 0; m->objects[i]->kind == CD_KIND_CERT && s < m->objects[i]->n_sources; s++) {
			const struct cd_source *src = &m->objects[i]->sources[s];
			if (src->role.kind != CD_ROLE_IDENTITY || src->role.origin == CD_ROLE_FROM_OPTION ||
			    src->frame || !src->path)
				continue;
			if (n == cap) {
				struct ident_src *nv = realloc(v, (cap = cap ? 2 * cap : 16) * sizeof(*v));
				if (!nv)
					goto out;
				v = nv;
			}
			v[n].obj = i;
			v[n++].src = s;
		}
	if (n < 2) {
		rc = CD_OK;
		goto out;
	}
	in = calloc(m->n_objects + 1, 1);
	ok = calloc(m->n_objects + 1, 1);
	if (!in || !ok)
		goto out;
	qsort_r(v, n, sizeof(*v), cmp_ident_src, m);
	for (size_t a = 0, b; a < n; a = b) {
		size_t n_in = 0;
		int narrowed;
		/* the group: same file, same unit and node (cmp without the object) */
		for (b = a + 1; b < n; b++) {
			const struct cd_source *x = &m->objects[v[a].obj]->sources[v[a].src];
			const struct cd_source *y = &m->objects[v[b].obj]->sources[v[b].src];
			if (strcmp(x->path, y->path) || strcmp(x->role.name, y->role.name) ||
			    strcmp(x->role.node, y->role.node))
				break;
		}
		if (b - a < 2)
			continue;
		memset(in, 0, m->n_objects);
		for (size_t k = a; k < b; k++)
			if (!in[v[k].obj]) {
				in[v[k].obj] = 1;
				n_in++;
			}
		if ((narrowed = describe(m, &m->objects[v[a].obj]->sources[v[a].src].role, in, n_in, ok)) < 0)
			goto out;
		if (!narrowed)
			continue;
		for (size_t k = a; k < b; k++) {
			struct cd_role *r = &m->objects[v[k].obj]->sources[v[k].src].role;
			struct cd_buf bb;
			if (!ok[v[k].obj]) {
				memset(r, 0, sizeof(*r));
				continue;
			}
			cd_buf_init(&bb, 1 << 16);
			cd_buf_addf(&bb, "%s; of the %zu certificates in the file, only the %s",
				    r->reason ? r->reason : "by its path", n_in,
				    narrowed == 2 ? "one that issued none of the others (all are CAs)"
						  : "end-entity certificate");
			if (!(r->reason = keep(m, &bb)))
				goto out;
		}
	}
	rc = CD_OK;
out:
	free(v);
	free(in);
	free(ok);
	return rc;
}

/* ---- 3. roles from content ---- */

struct csr_info {
	size_t idx;
	const struct cd_role_unit *unit; /* NULL: its purpose is not known */
	char unit_why[200];              /* "by its file name", ... */
	char candidates[300];            /* purposes its usage fits, when more than one */
	char node[72];
	char node_why[300];              /* "" when the node is the CSR's own */
	const char *path;                /* where it was found (first source) */
	int touched;                     /* its role was completed by an inference */
};

/* The purposes --product selects: every unit's product, or one profile (imp: and the
 * platform purposes it shares with CUCM). */
static int product_has(const struct cd_roles_opts *o, const struct cd_role_unit *u)
{
	if (!o->product || !*o->product || !strcmp(o->product, u->product))
		return 1;
	if (strcmp(o->product, "imp"))
		return 0;
	for (size_t i = 0; i < o->tables->n_units; i++)
		if (!strcmp(o->tables->units[i].product, "imp"))
			return cd_json_array_has(json_object_get(o->tables->units[i].profile, "shared_purposes"),
						 u->name);
	return 0;
}

static int csr_has_eku(const struct cd_csr *c, const char *oid)
{
	for (size_t i = 0; i < c->n_eku; i++)
		if (!strcmp(c->eku[i], oid))
			return 1;
	return 0;
}

/* Could the CSR be one for purpose u (its key type, and what it requests: every EKU and key
 * usage the purpose needs, keyCertSign only for a CA purpose)? What the CSR does not request
 * says nothing. */
static int usage_fits(const struct cd_csr *c, const struct cd_role_unit *u)
{
	const json_t *p = u->purpose, *v, *exempt;
	const char *kt = json_string_value(json_object_get(p, "key_type"));
	int ec = c->key.algo == GNUTLS_PK_ECDSA, ca = json_is_true(cd_json_path(p, "ca.is_ca"));
	size_t i;
	if (kt && ((!strcmp(kt, "EC") && !ec) || (!strcmp(kt, "RSA") && c->key.algo != GNUTLS_PK_RSA)))
		return 0;
	if (c->n_eku)
		json_array_foreach(json_object_get(p, "eku"), i, v) {
			const char *oid = cd_eku_oid_of(json_string_value(v));
			if (!oid || !csr_has_eku(c, oid))
				return 0;
		}
	exempt = json_object_get(u->profile, "key_usage_ec_exempt");
	if (c->ku_present) {
		json_array_foreach(json_object_get(p, "key_usage"), i, v) {
			const char *name = json_string_value(v);
			unsigned bit = name ? cd_ku_bit(name) : 0;
			if (ec && cd_json_array_has(exempt, name ? name : ""))
				continue;
			if (!bit || !(c->ku & bit))
				return 0;
		}
		if ((c->ku & GNUTLS_KEY_KEY_CERT_SIGN) && !ca)
			return 0;
	}
	return 1;
}

/* The one purpose the CSR's usage fits among the selected ones, or NULL with the candidates. */
static const struct cd_role_unit *unit_by_usage(const struct cd_roles_opts *o, const struct cd_csr *c,
						char *cands, size_t size)
{
	const struct cd_role_unit *hit = NULL;
	size_t n = 0, used = 0;
	cands[0] = 0;
	for (size_t i = 0; i < o->tables->n_units; i++) {
		const struct cd_role_unit *u = &o->tables->units[i];
		int dup = 0;
		if (!json_is_array(json_object_get(u->purpose, "eku")) || !product_has(o, u) ||
		    !usage_fits(c, u))
			continue; /* a purpose with no usage of its own (ITLRecovery) tells nothing */
		for (size_t k = 0; k < i && !dup; k++) /* expressway-e and -c are purpose server too */
			dup = o->tables->units[k].purpose == u->purpose && product_has(o, &o->tables->units[k]) &&
			      usage_fits(c, &o->tables->units[k]);
		if (dup)
			continue;
		if (!hit)
			hit = u;
		n++;
		if (used + strlen(u->name) + 3 < size)
			used += (size_t)snprintf(cands + used, size - used, "%s%s", used ? ", " : "", u->name);
	}
	return n == 1 ? hit : NULL;
}

/* The node a CSR names: the first label of the host name in its CN, else of its first DNS
 * SAN, without the "-ms" / "-EC-ms" a multi-server CSR adds ("<host>-ms.<domain>"). */
static int node_from_names(const struct cd_role_tables *t, const struct cd_csr *c, char *node,
			   size_t size, char *why, size_t wsize)
{
	const char *host = NULL, *from = NULL;
	char lab[128];
	size_t l;
	if (c->subject.cn && strchr(c->subject.cn, '.') && !strchr(c->subject.cn, ' ') &&
	    !strchr(c->subject.cn, '*')) {
		host = c->subject.cn;
		from = "the host name in its subject CN";
	}
	for (size_t i = 0; !host && i < c->n_san; i++)
		if (c->san[i].type == CD_SAN_DNS && c->san[i].value && !strchr(c->san[i].value, '*')) {
			host = c->san[i].value;
			from = "its first DNS SAN";
		}
	if (!host)
		return 0;
	l = strcspn(host, ".");
	if (!l || l >= sizeof(lab))
		return 0;
	snprintf(lab, sizeof(lab), "%.*s", (int)l, host);
	if (cd_str_endswith_ci(lab, "-EC-ms") && l > 6)
		lab[l - 6] = 0;
	else if (cd_str_endswith_ci(lab, "-ms") && l > 3)
		lab[l - 3] = 0;
	if (!cd_role_node_name_ok(t, lab, strlen(lab)))
		return 0;
	cd_strlcpy(node, lab, size);
	snprintf(why, wsize, "node %s from %s, %s%s", lab, from, host,
		 strlen(lab) < l ? " (a multi-server CSR's name is <host>-ms.<domain>)" : "");
	return 1;
}

static void csr_info_init(const struct cd_model *m, const struct cd_roles_opts *o, size_t idx,
			  struct csr_info *ci)
{
	const struct cd_object *ob = m->objects[idx];
	const struct cd_source *rs = NULL;
	memset(ci, 0, sizeof(*ci));
	ci->idx = idx;
	ci->path = ob->n_sources ? ob->sources[0].path : "";
	for (size_t s = 0; s < ob->n_sources && !rs; s++)
		if (ob->sources[s].role.kind == CD_ROLE_CSR)
			rs = &ob->sources[s];
	if (rs) {
		ci->path = rs->path;
		ci->unit = cd_role_unit_find(o->tables, rs->role.name);
		snprintf(ci->unit_why, sizeof(ci->unit_why), "a %s CSR %s", rs->role.name,
			 rs->role.origin == CD_ROLE_FROM_OPTION ? "as given on the command line"
								: "by its path");
		cd_strlcpy(ci->node, rs->role.node, sizeof(ci->node));
	} else if ((ci->unit = unit_by_usage(o, ob->u.csr, ci->candidates, sizeof(ci->candidates)))) {
		snprintf(ci->unit_why, sizeof(ci->unit_why),
			 "a %s CSR by what it requests (of the purposes%s%s, only %s's key type, key "
			 "usage and EKU fit)",
			 ci->unit->name, o->product && *o->product ? " of --product " : "",
			 o->product && *o->product ? o->product : "", ci->unit->name);
	}
	if (!ci->node[0] && ci->unit)
		node_from_names(o->tables, ob->u.csr, ci->node, sizeof(ci->node), ci->node_why,
				sizeof(ci->node_why));
}

static int same_sans(const struct cd_cert *c, const struct cd_csr *r)
{
	for (size_t i = 0; i < c->n_san; i++) {
		int found = 0;
		for (size_t k = 0; k < r->n_san && !found; k++)
			found = cd_san_equal(&c->san[i], &r->san[k]);
		if (!found)
			return 0;
	}
	for (size_t k = 0; k < r->n_san; k++) {
		int found = 0;
		for (size_t i = 0; i < c->n_san && !found; i++)
			found = cd_san_equal(&c->san[i], &r->san[k]);
		if (!found)
			return 0;
	}
	return 1;
}

/* The CSR's path as a report names it: "tomcat.csr (case.zip!/tomcat.csr)". */
static void csr_name(const struct csr_info *ci, char *out, size_t size)
{
	snprintf(out, size, "%s (%s)", base_name(ci->path), ci->path);
}

/* Give the CSR the unit and node the inference used, when its own role lacked them. */
static int complete_csr(struct cd_model *m, struct csr_info *ci)
{
	struct cd_object *ob = m->objects[ci->idx];
	if (ci->touched)
		return CD_OK;
	ci->touched = 1;
	for (size_t s = 0; s < ob->n_sources; s++) {
		struct cd_role *r = &ob->sources[s].role;
		struct cd_buf b;
		if (r->kind == CD_ROLE_CSR && (r->node[0] || !ci->node[0]))
			continue;
		if (r->kind != CD_ROLE_CSR && r->kind != CD_ROLE_NONE)
			continue;
		cd_buf_init(&b, 1 << 16);
		if (r->kind == CD_ROLE_CSR)
			cd_buf_addf(&b, "%s; %s", r->reason ? r->reason : "its path names it", ci->node_why);
		else
			cd_buf_addf(&b, "%s%s%s", ci->unit_why, ci->node_why[0] ? "; " : "", ci->node_why);
		r->kind = CD_ROLE_CSR;
		cd_strlcpy(r->name, ci->unit->name, sizeof(r->name));
		cd_strlcpy(r->node, ci->node, sizeof(r->node));
		r->origin = CD_ROLE_FROM_CONTENT;
		if (!(r->reason = keep(m, &b)))
			return CD_E_NOMEM;
	}
	return CD_OK;
}

/* CSRs a note names; the rest are counted. */
#define LIST_CSRS_MAX 8

/* Notes are written once per certificate; their text names the CSRs involved. */
static void list_csrs(const struct cd_model *m, struct csr_info *ci, size_t *hits, size_t n,
		      struct cd_buf *b)
{
	for (size_t k = 0; k < n; k++) {
		if (k == LIST_CSRS_MAX && n > LIST_CSRS_MAX + 1) { /* hostile inputs: many alike */
			cd_buf_addf(b, " and %zu more CSRs", n - k);
			break;
		}
		char nm[1200];
		csr_name(&ci[hits[k]], nm, sizeof(nm));
		cd_buf_addf(b, "%s%s", k ? (k + 1 == n ? " and " : ", ") : "", nm);
		if (ci[hits[k]].unit)
			cd_buf_addf(b, " [%s%s%s]", ci[hits[k]].unit->name, ci[hits[k]].node[0] ? " on " : "",
				    ci[hits[k]].node);
	}
	(void)m;
}

/* ---- the CSR indexes ---- */

struct idx_ctx {
	const struct cd_model *m;
	const struct csr_info *ci;
};

static const struct cd_csr *csr_of(const struct cd_model *m, const struct csr_info *ci, size_t k)
{
	return m->objects[ci[k].idx]->u.csr;
}

/* By key, then by order of sight (the index of the CSR info). */
static int cmp_by_key(const void *a, const void *b, void *arg)
{
	const struct idx_ctx *x = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = memcmp(csr_of(x->m, x->ci, i)->key.spki_sha256, csr_of(x->m, x->ci, j)->key.spki_sha256, 32);
	return c ? c : (i > j) - (i < j);
}

static int cmp_by_subject(const void *a, const void *b, void *arg)
{
	const struct idx_ctx *x = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(csr_of(x->m, x->ci, i)->subject.canon, csr_of(x->m, x->ci, j)->subject.canon);
	return c ? c : (i > j) - (i < j);
}

static int cmp_size(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	return (i > j) - (i < j);
}

/* First position in the sorted index whose key is not below key. */
static size_t lower_key(const struct cd_model *m, const struct csr_info *ci, const size_t *v, size_t n,
			const uint8_t key[32])
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (memcmp(csr_of(m, ci, v[mid])->key.spki_sha256, key, 32) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t lower_subject(const struct cd_model *m, const struct csr_info *ci, const size_t *v,
			    size_t n, const char *canon)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(csr_of(m, ci, v[mid])->subject.canon, canon) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int from_content(struct cd_model *m, const struct cd_roles_opts *o)
{
	struct csr_info *ci = NULL;
	size_t n_csr = 0, *hits = NULL, *keyed = NULL, *named = NULL, n_keyed = 0, n_named = 0;
	int rc = CD_OK;
	if (!o->tables)
		return CD_OK;
	for (size_t i = 0; i < m->n_objects; i++)
		n_csr += m->objects[i]->kind == CD_KIND_CSR;
	if (!n_csr)
		return CD_OK;
	ci = calloc(n_csr, sizeof(*ci));
	hits = calloc(n_csr, sizeof(*hits));
	keyed = calloc(n_csr, sizeof(*keyed));
	named = calloc(n_csr, sizeof(*named));
	if (!ci || !hits || !keyed || !named) {
		rc = CD_E_NOMEM;
		goto out;
	}
	n_csr = 0;
	for (size_t i = 0; i < m->n_objects; i++)
		if (m->objects[i]->kind == CD_KIND_CSR)
			csr_info_init(m, o, i, &ci[n_csr++]);
	/* indexes: CSRs by key and by subject (a certificate looks itself up, no pair is compared) */
	for (size_t k = 0; k < n_csr; k++) {
		const struct cd_csr *r = m->objects[ci[k].idx]->u.csr;
		if (r->key.known)
			keyed[n_keyed++] = k;
		if (r->subject.canon && *r->subject.canon)
			named[n_named++] = k;
	}
	{
		struct idx_ctx x = {m, ci};
		qsort_r(keyed, n_keyed, sizeof(*keyed), cmp_by_key, &x);
		qsort_r(named, n_named, sizeof(*named), cmp_by_subject, &x);
	}
	for (size_t i = 0; i < m->n_objects && rc == CD_OK; i++) {
		struct cd_object *ob = m->objects[i];
		const struct cd_cert *c;
		size_t n_hit = 0, n_target = 0, first = SIZE_MAX;
		int by_key = 1, unknown = 0, ca_ok = 1;
		struct cd_buf b;
		if (ob->kind != CD_KIND_CERT || has_role(ob) || !ob->u.cert->key.known)
			continue;
		c = ob->u.cert;
		/* the CSRs with its key (a range of the sorted index), in order of sight */
		for (size_t lo = lower_key(m, ci, keyed, n_keyed, c->key.spki_sha256);
		     lo < n_keyed && !memcmp(csr_of(m, ci, keyed[lo])->key.spki_sha256, c->key.spki_sha256, 32);
		     lo++)
			hits[n_hit++] = keyed[lo];
		if (!n_hit) { /* the certificate issued for a CSR from another key */
			by_key = 0;
			if (is_ca(c) || !c->subject.canon || !*c->subject.canon)
				continue;
			for (size_t lo = lower_subject(m, ci, named, n_named, c->subject.canon);
			     lo < n_named && !strcmp(csr_of(m, ci, named[lo])->subject.canon, c->subject.canon);
			     lo++)
				if (same_sans(c, csr_of(m, ci, named[lo])))
					hits[n_hit++] = named[lo];
			if (!n_hit)
				continue;
		}
		qsort(hits, n_hit, sizeof(*hits), cmp_size);
		/* one unit and node (the first CSR's), or it is ambiguous */
		first = hits[0];
		n_target = 1;
		for (size_t k = 0; k < n_hit; k++) {
			const struct csr_info *h = &ci[hits[k]];
			unknown |= !h->unit;
			if (h->unit && !json_is_true(cd_json_path(h->unit->purpose, "ca.is_ca")))
				ca_ok = 0;
			if (h->unit != ci[first].unit || strcmp(h->node, ci[first].node))
				n_target = 2;
		}
		cd_buf_init(&b, 1 << 16);
		if (by_key && is_ca(c) && (unknown || !ca_ok)) {
			cd_buf_addf(&b, "\"%s\" has the public key of ", cd_object_label(ob));
			list_csrs(m, ci, hits, n_hit, &b);
			cd_buf_addf(&b, " but is a CA certificate (cA=TRUE), which the identity of that "
				    "purpose is not: no identity role is inferred for it (a CA issued from "
				    "the CSR's key, or the CSR of a CA)");
		} else if (unknown) {
			const struct csr_info *h = NULL;
			for (size_t k = 0; k < n_hit && !h; k++)
				if (!ci[hits[k]].unit)
					h = &ci[hits[k]];
			cd_buf_addf(&b, "\"%s\" %s ", cd_object_label(ob),
				    by_key ? "has the public key of" : "has the subject and SAN set of");
			list_csrs(m, ci, hits, n_hit, &b);
			cd_buf_addf(&b, ", but the purpose of %s cannot be told: its file name is no "
				    "purpose's, and what it requests fits %s%s%s; no role is inferred: give "
				    "it with --role ",
				    base_name(h->path), h->candidates[0] ? "each of " : "no purpose",
				    h->candidates,
				    o->product && *o->product ? "" : " (--product narrows the purposes)");
			add_role_arg(&b, "UNIT", ob->n_sources ? ob->sources[0].path : "PATH");
			cd_buf_adds(&b, ", or the CSR's with --role ");
			add_role_arg(&b, "UNIT.csr", h->path);
		} else if (n_target > 1) {
			cd_buf_addf(&b, "\"%s\" %s ", cd_object_label(ob),
				    by_key ? "has the public key of" : "has the subject and SAN set of");
			list_csrs(m, ci, hits, n_hit, &b);
			cd_buf_addf(&b, ": which node's %s certificate it is cannot be told, so no role is "
				    "inferred; give it with --role ",
				    ci[first].unit->name);
			{
				char rn[80];
				snprintf(rn, sizeof(rn), "%s@NODE", ci[first].unit->name);
				add_role_arg(&b, rn, ob->n_sources ? ob->sources[0].path : "PATH");
			}
		} else {
			struct csr_info *h = &ci[first];
			const char *why;
			char nm[1200];
			csr_name(h, nm, sizeof(nm));
			if (by_key)
				cd_buf_addf(&b, "its public key equals the key of %s, %s", nm, h->unit_why);
			else
				cd_buf_addf(&b, "its subject and SAN set equal those of %s, %s, but its public "
					    "key does not: the certificate issued for that CSR from another key "
					    "(likely the CSR was regenerated after submission)",
					    nm, h->unit_why);
			if (h->node_why[0])
				cd_buf_addf(&b, "; %s", h->node_why);
			why = keep(m, &b);
			if (!why) {
				rc = CD_E_NOMEM;
				break;
			}
			for (size_t s = 0; s < ob->n_sources; s++) {
				struct cd_role *r = &ob->sources[s].role;
				if (ob->sources[s].frame)
					continue; /* what crossed the wire keeps no role */
				r->kind = CD_ROLE_IDENTITY;
				cd_strlcpy(r->name, h->unit->name, sizeof(r->name));
				cd_strlcpy(r->node, h->node, sizeof(r->node));
				r->origin = CD_ROLE_FROM_CONTENT;
				r->reason = why;
			}
			rc = complete_csr(m, h);
			continue;
		}
		{
			char *msg = cd_buf_detach(&b);
			if (!msg || cd_model_role_note(m, i, "%s", msg) < 0)
				rc = CD_E_NOMEM;
			free(msg);
		}
	}
out:
	free(ci);
	free(hits);
	free(keyed);
	free(named);
	return rc;
}

/* ---- 4. events ---- */

/* Was the event's file found below a directory or inside an archive (then its first folder
 * may name a node), rather than named on the command line (path and rel alike)? */
static int below_root(const struct cd_event *e)
{
	return strstr(e->path, "!/") || strcmp(cd_path_skip_dot(e->path), cd_path_skip_dot(e->rel));
}

int cd_roles_assign(struct cd_model *m, const struct cd_roles_opts *o)
{
	int rc;
	if (o->tables)
		for (size_t i = 0; i < m->n_events; i++) {
			struct cd_event *e = &m->events[i];
			if (e->role.kind == CD_ROLE_NONE && e->path && e->rel)
				cd_role_infer(o->tables, e->rel, below_root(e), &e->role);
		}
	if ((rc = apply_specs(m, o)) < 0 || (rc = server_files(m, o)) < 0 ||
	    (rc = narrow_file_identities(m)) < 0)
		return rc;
	return from_content(m, o);
}
