/* cucm.upload-format - a file meant for a CUCM / IM&P upload (an identity certificate file, a
 * trust-store file, or the precheck --cert) is a PKCS#7 in DER: CUCM takes "only PEM and DER
 * certificates, and PKCS#7 chains in PEM" (PRODUCT-FACTS §1). A certificate came out of such a
 * file when its source names a PKCS#7 container and has no PEM block (ingest records the
 * 1-based PEM block of the container, 0 for DER or base64 without armour). */
#include <stdio.h>
#include <string.h>
#include "rules/cucm/trust-common.h"
#include "util/str.h"

/* Why source s of certificate idx is meant for a CUCM upload ("identity:tomcat on cucm-pub"),
 * into out; 0 when it is not. */
static int upload_role(const struct cd_check_ctx *ctx, size_t idx, const struct cd_source *s,
		       char *out, size_t size, const char **product)
{
	const struct cd_eval_opts *o = ctx->opts;
	const struct cd_role *r = &s->role;
	char role[160];
	if (cd_is_upload(o, idx) && !strcmp(s->path, o->product->upload_path)) {
		const char *purpose = o->product->upload_purpose ? o->product->upload_purpose : "";
		if (cd_str_endswith_ci(purpose, "-trust"))
			*product = cd_cucm_store_product(o, purpose);
		else if (!cd_profiles_purpose(o->product->profiles, purpose, product) ||
			 strcmp(cd_product_family(*product), "cucm") ||
			 !cd_product_selected(o, "cucm"))
			*product = NULL;
		if (!*product)
			return 0;
		snprintf(out, size, "precheck upload for %s", purpose);
		return 1;
	}
	if (r->kind == CD_ROLE_TRUST) {
		*product = cd_cucm_store_product(o, r->name);
		if (!*product)
			return 0;
	} else if (r->kind == CD_ROLE_IDENTITY) {
		if (!cd_profiles_purpose(o->product->profiles, r->name, product) ||
		    strcmp(cd_product_family(*product), "cucm") || !cd_product_selected(o, "cucm"))
			return 0;
	} else {
		return 0;
	}
	snprintf(role, sizeof(role), "%s:%s", r->kind == CD_ROLE_TRUST ? "trust" : "identity",
		 r->name);
	cd_cucm_where(role, r->node, out, size);
	return 1;
}

static size_t find_container(const struct cd_model *m, const char *id)
{
	for (size_t i = 0; i < m->n_objects; i++)
		if (m->objects[i]->kind == CD_KIND_PKCS7 && !strcmp(m->objects[i]->id, id))
			return i;
	return SIZE_MAX;
}

/* The source of the PKCS#7 object p7 in file path. */
static const struct cd_source *source_in(const struct cd_object *p7, const char *path)
{
	for (size_t s = 0; s < p7->n_sources; s++)
		if (!strcmp(p7->sources[s].path, path))
			return &p7->sources[s];
	return cd_object_first_source(p7);
}

/* Add every certificate that came out of container id in file path (the precheck upload is
 * one of them: precheck reports findings that name it). */
static void add_contents(struct cd_finding *f, const struct cd_model *m, const char *id,
			 const char *path)
{
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		if (ob->kind != CD_KIND_CERT)
			continue;
		for (size_t k = 0; k < ob->n_sources; k++)
			if (!strcmp(ob->sources[k].container, id) && !strcmp(ob->sources[k].path, path))
				cd_finding_add_object(f, m, i);
	}
}

struct seen {
	size_t p7;
	const char *path;
};

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	const char *formats =
	    cd_json_path_str(cd_product_profile(ctx->opts, "cucm"), "upload_formats");
	struct seen seen[256];
	size_t n_seen = 0;
	CD_FOREACH_OBJECT(m, i, ob)
	{
		if (ob->kind != CD_KIND_CERT)
			continue;
		for (size_t k = 0; k < ob->n_sources; k++) {
			const struct cd_source *s = &ob->sources[k];
			const char *product = NULL;
			char why[200];
			size_t p7;
			int dup = 0;
			struct cd_finding *f;
			const struct cd_source *ps;
			if (!upload_role(ctx, i, s, why, sizeof(why), &product))
				continue;
			cd_check_applied(ctx);
			if (!s->container[0] || s->pem_block != 0)
				continue;
			p7 = find_container(m, s->container);
			if (p7 == SIZE_MAX)
				continue;
			for (size_t n = 0; n < n_seen && !dup; n++)
				dup = seen[n].p7 == p7 && !strcmp(seen[n].path, s->path);
			if (dup)
				continue;
			if (n_seen < sizeof(seen) / sizeof(seen[0]))
				seen[n_seen++] = (struct seen){.p7 = p7, .path = s->path};
			ps = source_in(m->objects[p7], s->path);
			f = cd_check_emit(
			    ctx,
			    "\"%s\" is a PKCS#7 chain in DER (%s): CUCM accepts PKCS#7 "
			    "chains in PEM only",
			    ps && ps->rel ? ps->rel : s->path, why);
			if (!f)
				continue;
			cd_finding_set_where(f, ps, 1);
			cd_finding_add_object(f, m, p7);
			add_contents(f, m, m->objects[p7]->id, s->path);
			cd_finding_evidence_str(f, "meant_for", why);
			cd_finding_evidence_str(f, "container", m->objects[p7]->id);
			cd_finding_evidence_int(f, "certificates",
						m->objects[p7]->u.container->n_certs);
			cd_finding_evidence_str(f, "encoding", "DER (no PEM armour)");
			cd_finding_evidence_str(f, "accepted", formats);
			cd_finding_evidence_str(
			    f, "convert",
			    "openssl pkcs7 -inform DER -in FILE -outform PEM -out "
			    "FILE.pem (or -print_certs to split it into PEM "
			    "certificates)");
			cd_product_context_evidence(
			    f, ctx->opts,
			    cd_cucm_product_name(ctx->opts, product ? product : "cucm"));
		}
	}
	return CD_OK;
}

const struct cd_check cd_check_cucm_upload_format = {"cucm.upload-format", run};
