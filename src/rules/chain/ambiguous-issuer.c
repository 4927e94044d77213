/* chain.ambiguous-issuer - several certificates share the subject name of an issuer on the best
 * path. Products that stop at the first name match pick differently: Expressway "stops once it
 * finds one with a subject that matches" (PRODUCT-FACTS §3); OpenSSL looks in the trust store
 * first and takes the first candidate whose key identifier matches and that is valid at
 * verification time, without backtracking. Each product's whole path is built with its rule
 * and validated (src/chain/picks.c): the finding says what it takes and whether that path is
 * valid. */
#include <stdlib.h>
#include "rules/chain/chainrule.h"

static int valid_at(const struct cd_cert *c, cd_time_t at)
{
	return c->not_before != CD_TIME_NONE && c->not_after != CD_TIME_NONE && c->not_before <= at &&
	       at <= c->not_after;
}

/* Does a valid path of the chain use cand right after position pos? */
static int leads_to_valid(const struct cd_chain *ch, size_t pos, size_t cand)
{
	for (size_t k = 0; k < ch->n_paths; k++)
		if (ch->paths[k].valid && ch->paths[k].n > pos + 1 && ch->paths[k].certs[pos + 1] == cand)
			return 1;
	return 0;
}

/* The issuer the product's path p takes for certificate sub, SIZE_MAX when p does not reach
 * sub or stops at it. */
static size_t taken_for(const struct cd_path *p, size_t sub)
{
	for (size_t k = 0; k + 1 < p->n; k++)
		if (p->certs[k] == sub)
			return p->certs[k + 1];
	return SIZE_MAX;
}

/* "takes cert-X, whose path is valid" / "... is not valid: <first problem>" / "takes none of
 * them" into out. */
static void describe(const struct cd_model *m, const struct cd_path *p, size_t took, char *out,
		     size_t size)
{
	const char *why = p->valid || !p->n_issues ? "" : p->issues[0].detail;
	if (took == SIZE_MAX)
		snprintf(out, size, "builds a path that does not use that name, which %s%s",
			 p->valid ? "is valid" : "is not valid: ", why);
	else
		snprintf(out, size, "takes %s, and the path it builds %s%s", m->objects[took]->id,
			 p->valid ? "is valid" : "is not valid: ", why);
}

static json_t *path_json(const struct cd_model *m, const struct cd_path *p)
{
	json_t *a = json_array();
	for (size_t k = 0; k < p->n; k++)
		a = cd_json_array_push(a, json_string(m->objects[p->certs[k]]->id));
	return a;
}

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_chains *c = ctx->chains;
	const struct cd_model *m = ctx->model;
	const char **reported = NULL;
	size_t n_reported = 0;
	int rc = CD_OK;
	for (size_t i = 0; i < c->n_chains && rc == CD_OK; i++) {
		const struct cd_chain *ch = &c->chains[i];
		const struct cd_path *p = &ch->paths[0];
		struct cd_path fm, os;
		int have = 0;
		memset(&os, 0, sizeof(os));
		cd_check_applied(ctx);
		for (size_t pos = 0; pos < p->n; pos++) {
			const struct cd_cert *sub = m->objects[p->certs[pos]]->u.cert;
			const size_t *cand;
			size_t nc, first = SIZE_MAX, ossl = SIZE_MAX;
			int dup = 0;
			struct cd_finding *f;
			json_t *a;
			if (sub->self_signed)
				break;
			nc = cd_chains_issuers(c, m, p->certs[pos], &cand);
			if (nc < 2)
				continue;
			for (size_t k = 0; k < n_reported && !dup; k++)
				dup = !strcmp(reported[k], sub->issuer.canon);
			if (dup)
				continue;
			if (!have) {
				/* what each product builds from this leaf, validated as a whole */
				if (cd_chains_product_path(c, m, ch, CD_PICK_FIRST_MATCH, &fm) < 0 ||
				    cd_chains_product_path(c, m, ch, CD_PICK_OPENSSL, &os) < 0) {
					cd_path_release(&fm);
					cd_path_release(&os);
					free(reported);
					return CD_E_NOMEM; /* a fatal result for the rule */
				}
				have = 1;
			}
			const char **nr = realloc(reported, (n_reported + 1) * sizeof(*nr));
			if (!nr) {
				rc = CD_E_NOMEM;
				break;
			}
			reported = nr;
			reported[n_reported++] = sub->issuer.canon;
			{
				char d1[400], d2[400];
				first = taken_for(&fm, p->certs[pos]);
				ossl = taken_for(&os, p->certs[pos]);
				describe(m, &fm, first, d1, sizeof(d1));
				describe(m, &os, ossl, d2, sizeof(d2));
				f = cd_check_emit(ctx,
						  "%zu certificates are named \"%s\": a product that stops at the first "
						  "match (Expressway) %s; OpenSSL %s",
						  nc, sub->issuer.display, d1, d2);
			}
			for (size_t k = 0; k < nc; k++)
				cd_finding_add_object(f, m, cand[k]);
			if (!f)
				continue;
			a = json_array();
			for (size_t k = 0; k < nc; k++) {
				const struct cd_cert *ic = m->objects[cand[k]]->u.cert;
				char nb[40], na[40];
				cd_time_format(ic->not_before, nb, sizeof(nb));
				cd_time_format(ic->not_after, na, sizeof(na));
				a = cd_json_array_push(
					a, json_pack("{s:s,s:s,s:s,s:b,s:b}", "id", m->objects[cand[k]]->id,
						     "not_before", nb, "not_after", na, "valid_at_evaluation_time",
						     valid_at(ic, ctx->opts->at), "gives_valid_path",
						     leads_to_valid(ch, pos, cand[k])));
			}
			cd_finding_evidence_json(f, "candidates", a);
			if (first == SIZE_MAX)
				cd_finding_evidence_json(f, "first_match", json_null());
			else
				cd_finding_evidence_str(f, "first_match", m->objects[first]->id);
			if (ossl == SIZE_MAX)
				cd_finding_evidence_json(f, "openssl_pick", json_null());
			else
				cd_finding_evidence_str(f, "openssl_pick", m->objects[ossl]->id);
			cd_finding_evidence_json(f, "first_match_path", path_json(m, &fm));
			cd_finding_evidence_json(f, "first_match_path_valid", json_boolean(fm.valid));
			cd_finding_evidence_json(f, "openssl_path", path_json(m, &os));
			cd_finding_evidence_json(f, "openssl_path_valid", json_boolean(os.valid));
			cd_finding_evidence_str(f, "leaf", m->objects[ch->leaf]->id);
		}
		if (have) {
			cd_path_release(&fm);
			cd_path_release(&os);
		}
	}
	free(reported);
	return rc;
}

const struct cd_check cd_check_chain_ambiguous_issuer = {"chain.ambiguous-issuer", run};
