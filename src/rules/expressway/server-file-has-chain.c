/* expressway.server-file-has-chain - the file meant as the Expressway server certificate holds
 * more than one certificate, is not Base64 PEM, or holds no certificate at all (seed 004: upload
 * only the server certificate, Base64; PRODUCT-FACTS §3: "Certificate Format Invalid" when the
 * file is not a valid certificate).
 *
 * The file is every file that gives a certificate an Expressway identity role (server.pem
 * under .../persistent/certs/, --role expressway-e=..., precheck --cert). A file that gives an
 * identity role by its path but holds no certificate (a private key, text, a broken PEM block)
 * is found through its private key or its ingest event; in precheck, through
 * opts->product->upload == SIZE_MAX. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ingest/ingest.h"
#include "rules/expressway/upload.h"
#include "util/buf.h"

#define FORMAT_INVALID "Certificate Format Invalid"

struct in_file {
	size_t idx;
	const struct cd_source *src;
};

static int cmp_in_file(const void *pa, const void *pb)
{
	const struct in_file *a = pa, *b = pb;
	if (a->src->offset != b->src->offset)
		return a->src->offset < b->src->offset ? -1 : 1;
	if (a->src->position != b->src->position)
		return a->src->position < b->src->position ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int in_list(const struct cd_tstore *st, size_t idx)
{
	for (size_t i = 0; st && i < st->n_members; i++)
		if (st->members[i] == idx)
			return 1;
	return 0;
}

/* Check the file at path that gives unit u its identity. */
static int check_file(struct cd_check_ctx *ctx, const struct cd_units *us, const struct cd_unit *u,
		      const char *path)
{
	const struct cd_model *m = ctx->model;
	const struct cd_tstore *list = cd_xw_unit_list(us, u);
	struct in_file *v = NULL;
	size_t n = 0, server = SIZE_MAX;
	int der = 0, container = 0;
	struct cd_buf msg, names;
	struct cd_finding *f;
	json_t *certs, *reasons;
	int rc = CD_OK;
	cd_check_applied(ctx);
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		struct in_file *nv;
		if (ob->kind != CD_KIND_CERT)
			continue;
		for (size_t s = 0; s < ob->n_sources; s++) {
			if (strcmp(ob->sources[s].path, path))
				continue;
			nv = realloc(v, (n + 1) * sizeof(*v));
			if (!nv) {
				rc = CD_E_NOMEM;
				goto out;
			}
			v = nv;
			v[n].idx = i;
			v[n++].src = &ob->sources[s];
			der |= !ob->sources[s].pem_block && !ob->sources[s].container[0];
			container |= ob->sources[s].container[0] != 0;
			break;
		}
	}
	if (n == 0 || (n == 1 && !der && !container))
		goto out;
	qsort(v, n, sizeof(*v), cmp_in_file);
	for (size_t i = 0; i < n && server == SIZE_MAX; i++)
		if (cd_cert_is_end_entity(m->objects[v[i].idx]->u.cert))
			server = v[i].idx;
	if (server == SIZE_MAX)
		server = v[0].idx;
	cd_buf_init(&msg, 1 << 16);
	cd_buf_init(&names, 1 << 16);
	reasons = json_array();
	/* name a few; a file may hold thousands */
	for (size_t i = 0; i < n && i < 10; i++)
		rc = cd_status_keep(rc, cd_buf_addf(&names, "%s\"%s\"", i ? ", " : "",
						    cd_object_label(m->objects[v[i].idx])));
	if (n > 10)
		rc = cd_status_keep(rc, cd_buf_addf(&names, " and %zu more", n - 10));
	if (n > 1) {
		char r[96];
		snprintf(r, sizeof(r), "it holds %zu certificates, not only the server certificate", n);
		reasons = cd_json_array_push(reasons, json_string(r));
		rc = cd_status_keep(
			rc, cd_buf_addf(&msg,
					"holds %zu certificates (%s): upload only the server certificate "
					"\"%s\"; the CA certificates go to the trusted CA list",
					n, names.data ? (const char *)names.data : "",
					cd_object_label(m->objects[server])));
	}
	if (container) {
		reasons = cd_json_array_push(reasons, json_string("it is a PKCS#7/PKCS#12 bundle, not "
								  "a Base64 PEM certificate"));
		rc = cd_status_keep(
			rc, cd_buf_addf(&msg, "%sis a PKCS#7/PKCS#12 bundle, not a Base64 PEM certificate",
					n > 1 ? "; it " : ""));
	}
	if (der) {
		reasons = cd_json_array_push(reasons, json_string("it is DER (binary), not Base64 PEM"));
		rc = cd_status_keep(
			rc, cd_buf_addf(&msg, "%sholds \"%s\" as DER (binary), not as Base64 PEM",
					n > 1 || container ? "; it " : "",
					cd_object_label(m->objects[server])));
	}
	if (rc == CD_OK && !reasons)
		rc = CD_E_NOMEM;
	if (rc < 0) { /* not a message with its reasons cut */
		cd_buf_release(&msg);
		cd_buf_release(&names);
		json_decref(reasons);
		goto out;
	}
	f = cd_check_emit(ctx, "the Expressway server certificate file %s %s", path,
			  msg.data ? (const char *)msg.data : "is not one Base64 PEM certificate");
	cd_buf_release(&msg);
	cd_buf_release(&names);
	if (f) {
		const struct cd_source *where = NULL;
		for (size_t i = 0; i < n; i++)
			if (v[i].idx == server)
				where = v[i].src;
		cd_finding_set_where(f, where, 1);
	}
	cd_finding_add_object(f, m, server);
	for (size_t i = 0; i < n; i++)
		cd_finding_add_object(f, m, v[i].idx);
	if (!f) {
		json_decref(reasons);
		goto out;
	}
	certs = json_array();
	for (size_t i = 0; i < n; i++) {
		char place[512];
		const struct cd_object *ob = m->objects[v[i].idx];
		cd_xw_place(v[i].src, place, sizeof(place));
		json_t *one = cd_json_object_put(json_object(), "id", json_string(ob->id));
		one = cd_json_object_put(one, "label", cd_json_text(cd_object_label(ob)));
		one = cd_json_object_put(one, "place", cd_json_text(place));
		one = cd_json_object_put(one, "ca", json_boolean(!cd_cert_is_end_entity(ob->u.cert)));
		one = cd_json_object_put(one, "in_trusted_list",
					 list ? json_boolean(in_list(list, v[i].idx)) : json_null());
		certs = cd_json_array_push(certs, one);
	}
	cd_finding_evidence_str(f, "file", path);
	cd_finding_evidence_str(f, "encoding", container ? "PKCS#7/PKCS#12" : der ? "DER" : "PEM");
	cd_finding_evidence_str(f, "server_certificate", m->objects[server]->id);
	cd_finding_evidence_json(f, "certificates", certs);
	cd_finding_evidence_json(f, "reasons", reasons);
	cd_xw_list_evidence(f, m, list);
	cd_xw_unit_evidence(f, ctx->opts, u);
out:
	free(v);
	return rc;
}

/* A file named as server certificate with no certificate in it. */
static void no_certificate(struct cd_check_ctx *ctx, const struct cd_source *where,
			   size_t object, const char *node, const char *why)
{
	struct cd_finding *f;
	cd_check_applied(ctx);
	f = cd_check_emit(ctx,
			  "the Expressway server certificate file %s holds no certificate (%s): "
			  "\"" FORMAT_INVALID "\"",
			  where->path, why);
	cd_finding_set_where(f, where, where->pem_block || where->offset);
	if (object != SIZE_MAX)
		cd_finding_add_object(f, ctx->model, object);
	if (!f)
		return;
	cd_finding_evidence_str(f, "file", where->path);
	cd_finding_evidence_str(f, "product_message", FORMAT_INVALID);
	cd_finding_evidence_str(f, "node", node);
	cd_product_context_evidence(f, ctx->opts, "expressway");
}

static int has_cert_at(const struct cd_model *m, const char *path)
{
	for (size_t i = 0; i < m->n_objects; i++)
		for (size_t s = 0; m->objects[i]->kind == CD_KIND_CERT && s < m->objects[i]->n_sources; s++)
			if (!strcmp(m->objects[i]->sources[s].path, path))
				return 1;
	return 0;
}

static int seen_path(const char **v, size_t n, const char *p)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], p))
			return 1;
	return 0;
}

static int is_xw_identity(const struct cd_role *r)
{
	return r->kind == CD_ROLE_IDENTITY && !strncmp(r->name, "expressway-", 11);
}

/* Scan: files with an Expressway identity role and no certificate. */
static int empty_files(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	const char **seen = calloc(m->n_objects + m->n_events + 1, sizeof(*seen));
	size_t n_seen = 0;
	if (!seen)
		return CD_E_NOMEM;
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		if (ob->kind != CD_KIND_KEY)
			continue;
		for (size_t s = 0; s < ob->n_sources; s++) {
			const struct cd_source *src = &ob->sources[s];
			if (!is_xw_identity(&src->role) || seen_path(seen, n_seen, src->path) ||
			    has_cert_at(m, src->path))
				continue;
			seen[n_seen++] = src->path;
			no_certificate(ctx, src, i, src->role.node, "only a private key");
		}
	}
	for (size_t i = 0; i < m->n_events; i++) {
		const struct cd_event *e = &m->events[i];
		struct cd_source src;
		struct cd_role r;
		if (!e->rel || !e->path)
			continue;
		cd_role_infer(e->rel, 1, &r);
		if (!is_xw_identity(&r) || seen_path(seen, n_seen, e->path) || has_cert_at(m, e->path))
			continue;
		seen[n_seen++] = e->path;
		memset(&src, 0, sizeof(src));
		src.path = e->path;
		src.rel = e->rel;
		src.offset = e->offset;
		src.pem_block = e->pem_block;
		no_certificate(ctx, &src, e->object, r.node, e->message ? e->message : e->rule);
	}
	free(seen);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_eval_opts *o = ctx->opts;
	struct cd_units us;
	const char **files = NULL;
	size_t n_files = 0;
	int rc;
	if (!cd_xw_selected(o))
		return CD_OK;
	if (cd_xw_precheck_purpose(o, "server") && o->product->upload == SIZE_MAX) {
		struct cd_source src;
		memset(&src, 0, sizeof(src));
		src.path = (char *)o->product->upload_path;
		src.rel = (char *)o->product->upload_path;
		no_certificate(ctx, &src, SIZE_MAX, "", "nothing in it reads as a certificate");
		return CD_OK;
	}
	rc = cd_units_collect(ctx->model, o, &us);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < us.n && rc == CD_OK; i++) {
		const struct cd_unit *u = &us.units[i];
		if (!cd_unit_in(o, u, "expressway"))
			continue;
		for (size_t k = 0; k < u->n_identity && rc == CD_OK; k++) {
			const struct cd_object *ob = ctx->model->objects[u->identity[k]];
			for (size_t s = 0; s < ob->n_sources && rc == CD_OK; s++) {
				const struct cd_source *src = &ob->sources[s];
				const char **nf;
				if (src->role.kind != CD_ROLE_IDENTITY || strcmp(src->role.name, u->unit) ||
				    strcmp(src->role.node, u->node) || seen_path(files, n_files, src->path))
					continue;
				if (cd_precheck(o) && strcmp(src->path, o->product->upload_path))
					continue;
				nf = realloc(files, (n_files + 1) * sizeof(*files));
				if (!nf) {
					rc = CD_E_NOMEM;
					goto out;
				}
				files = nf;
				files[n_files++] = src->path;
				rc = check_file(ctx, &us, u, src->path);
			}
		}
	}
	if (rc == CD_OK && !cd_precheck(o))
		rc = empty_files(ctx);
out:
	free(files);
	cd_units_release(&us);
	return rc;
}

const struct cd_check cd_check_expressway_server_file_has_chain = {
	"expressway.server-file-has-chain", run};
