/* scan.c - one whole analysis: catalogue, ingest of every path, checks. */
#include <stdlib.h>
#include <string.h>
#include "engine/scan.h"
#include "product/roles.h"
#include "util/error.h"

/* Is certificate i from path? */
static int from_path(const struct cd_object *ob, const char *path)
{
	if (ob->kind != CD_KIND_CERT)
		return 0;
	for (size_t k = 0; k < ob->n_sources; k++)
		if (!strcmp(ob->sources[k].path, path))
			return 1;
	return 0;
}

/* Does a certificate of path other than o name o's subject as its issuer (o issued it)? A
 * file of more than SCAN_FIND_MAX certificates is not searched: bundles are not uploads. */
#define SCAN_FIND_MAX 64
static int issues_in_file(const struct cd_model *m, const char *path, const struct cd_cert *c)
{
	size_t seen = 0;
	for (size_t j = 0; j < m->n_objects && seen < SCAN_FIND_MAX; j++) {
		const struct cd_object *ob = m->objects[j];
		if (!from_path(ob, path) || ob->u.cert == c)
			continue;
		seen++;
		if (!ob->u.cert->self_issued && c->subject.canon && ob->u.cert->issuer.canon &&
		    !strcmp(c->subject.canon, ob->u.cert->issuer.canon))
			return 1;
	}
	return 0;
}

size_t cd_scan_find_upload(const struct cd_model *m, const char *path)
{
	size_t first = SIZE_MAX;
	if (!path)
		return SIZE_MAX;
	/* the end-entity certificate of the file (a PKCS#7 chain carries its CAs), else its first;
	 * a certificate without basicConstraints (v1) that issued another of the file is a CA */
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		const struct cd_cert *c;
		if (!from_path(ob, path))
			continue;
		c = ob->u.cert;
		if (!(c->bc_present && c->is_ca) && (c->bc_present || !issues_in_file(m, path, c)))
			return i;
		if (first == SIZE_MAX)
			first = i;
	}
	return first;
}

int cd_scan_run(struct cd_scan *s, const struct cd_scan_opts *o, char **err)
{
	struct cd_ingest_opts io = o->ingest;
	struct cd_eval_opts eval = o->eval;
	struct cd_product_opts product = o->product;
	int rc;
	memset(s, 0, sizeof(*s));
	*err = NULL;
	cd_model_init(&s->model);
	rc = cd_catalogue_load(&s->cat, err);
	if (rc < 0)
		return rc;
	rc = cd_profiles_load(&s->profiles, err);
	if (rc < 0)
		return rc;
	product.profiles = &s->profiles;
	eval.product = &product; /* lives through cd_engine_run below */
	rc = cd_logsig_set_load(&s->sigs, o->signatures, o->n_signatures, err);
	if (rc < 0)
		return rc;
	io.sigs = &s->sigs;
	/* roles from paths: the layouts the product profiles name (product/roles.c) */
	io.infer_role = cd_role_infer;
	io.infer_arg = &s->profiles.roles;
	cd_keylog_init(&s->keylog);
	for (size_t i = 0; i < o->n_keylogs; i++) {
		rc = cd_keylog_load_file(&s->keylog, o->keylogs[i], &s->model, err);
		if (rc < 0)
			return rc;
	}
	io.keylog = &s->keylog;
	for (size_t i = 0; i < o->n_paths; i++) {
		rc = cd_ingest_path(&s->model, o->paths[i], &io);
		if (rc == CD_E_NOMEM)
			return rc;
		if (rc == CD_E_IO)
			s->paths_failed++;
		else
			s->paths_read++;
	}
	if (o->system_trust && cd_ingest_system_trust(&s->model) == CD_E_NOMEM)
		return CD_E_NOMEM;
	{ /* roles from the command line and from content, once everything is read */
		struct cd_roles_opts ro = {&s->profiles.roles, o->roles, o->n_roles, o->product.product};
		if (cd_roles_assign(&s->model, &ro) < 0)
			return CD_E_NOMEM;
	}
	product.upload = cd_scan_find_upload(&s->model, product.upload_path);
	product.renewal_new = cd_scan_find_upload(&s->model, product.renewal_new_path);
	{
		struct cd_chain_opts co = {.at = o->eval.at,
					   .purpose = o->eval.purpose,
					   .host = o->eval.host,
					   .profile = o->eval.profile,
					   .unit_store = cd_role_unit_store,
					   .unit_store_arg = &s->profiles.roles,
					   .named = o->roles,
					   .n_named = o->n_roles,
					   .system_store = o->system_trust};
		int want = o->need_chains;
		for (size_t i = 0; i < s->cat.n && !want; i++)
			want = !strncmp(s->cat.rules[i].id, "chain.", 6) &&
			       cd_engine_rule_selected(&o->eval, s->cat.rules[i].id);
		/* chains cost a signature verification per edge: only when something uses them */
		rc = want ? cd_chains_build(&s->chains, &s->model, &co) : CD_OK;
		if (rc < 0)
			return rc;
	}
	return cd_engine_run(&s->model, &s->chains, &s->cat, &eval, &s->report, err);
}

void cd_scan_release(struct cd_scan *s)
{
	cd_report_release(&s->report);
	cd_chains_release(&s->chains);
	cd_model_release(&s->model);
	cd_logsig_set_release(&s->sigs);
	cd_keylog_release(&s->keylog);
	cd_catalogue_release(&s->cat);
	cd_profiles_release(&s->profiles);
}
