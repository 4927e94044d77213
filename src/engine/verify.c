/* verify.c - one leaf, verified like `openssl verify` (RFC 5280 §6.1, docs/chains.md): LEAF's
 * end-entity certificate (its first certificate when it holds only CAs), its other
 * certificates and --untrusted as intermediates, --trust (or the system store) as anchors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/verify.h"
#include "product/roles.h"
#include "util/error.h"

static int fail(char **err, int rc, const char *fmt, const char *arg)
{
	if (asprintf(err, fmt, arg) < 0)
		*err = NULL;
	return rc;
}

int cd_verify_run(struct cd_verify *v, const struct cd_verify_opts *o, char **err)
{
	struct cd_ingest_opts io = {.infer_role = NULL, .passwords = o->passwords};
	struct cd_roles_opts ro = {NULL, o->roles, o->n_roles, NULL};
	struct cd_chain_opts co = o->chain;
	int rc, named_trust = 0;
	memset(v, 0, sizeof(*v));
	*err = NULL;
	cd_model_init(&v->model);
	v->leaf = SIZE_MAX;
	/* the roles (a LEAF also given as --trust, or lying in a --trust folder, is a trust-store
	 * member, as the user said) are given once everything is read, below */
	rc = cd_ingest_path(&v->model, o->leaf_path, &io);
	if (rc == CD_E_NOMEM)
		return rc;
	if (rc < 0)
		return fail(err, CD_E_IO, "cannot read '%s'", o->leaf_path);
	/* the leaf: the first end-entity certificate seen in LEAF, else its first certificate. A
	 * chain file root first and a PKCS#7 bundle (a SET: its order means nothing) are what CAs
	 * hand out; their first certificate is a CA, and verifying it said "OK" for a file whose
	 * end-entity certificate had expired */
	v->first = SIZE_MAX;
	for (size_t i = 0; i < v->model.n_objects && v->leaf == SIZE_MAX; i++) {
		const struct cd_object *ob = v->model.objects[i];
		if (ob->kind != CD_KIND_CERT)
			continue;
		if (v->first == SIZE_MAX)
			v->first = i;
		if (!(ob->u.cert->bc_present && ob->u.cert->is_ca))
			v->leaf = i;
	}
	if (v->leaf == SIZE_MAX)
		v->leaf = v->first;
	if (v->leaf == SIZE_MAX)
		return fail(err, CD_E_UNSUPPORTED, "no certificate in '%s'", o->leaf_path);
	for (size_t i = 0; i < o->n_paths; i++) {
		rc = cd_ingest_path(&v->model, o->paths[i], &io);
		if (rc == CD_E_NOMEM)
			return rc;
		if (rc < 0)
			return fail(err, CD_E_IO, "cannot read '%s'", o->paths[i]);
	}
	if (cd_roles_assign(&v->model, &ro) < 0)
		return CD_E_NOMEM;
	/* no trust store named: the system's, as openssl verify does */
	for (size_t i = 0; i < o->n_roles && !named_trust; i++)
		named_trust = o->roles[i].role.kind == CD_ROLE_TRUST && strcmp(o->roles[i].role.name, "public-roots");
	if ((o->system_trust || !named_trust) && cd_ingest_system_trust(&v->model) == CD_E_NOMEM)
		return CD_E_NOMEM;
	co.named = o->roles;
	co.n_named = o->n_roles;
	co.system_store = o->system_trust || !named_trust;
	return cd_chains_build_one(&v->chains, &v->model, &co, v->leaf);
}

void cd_verify_release(struct cd_verify *v)
{
	cd_chains_release(&v->chains);
	cd_model_release(&v->model);
}
