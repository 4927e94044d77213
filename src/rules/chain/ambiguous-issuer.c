/* chain.ambiguous-issuer - several certificates share the subject name of an issuer on the best
 * path. Products that stop at the first name match pick differently: Expressway "stops once it
 * finds one with a subject that matches" (PRODUCT-FACTS §3); OpenSSL takes the first candidate
 * whose key identifier matches and that is valid at verification time, without backtracking. */
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

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_chains *c = ctx->chains;
	const struct cd_model *m = ctx->model;
	const char **reported = NULL;
	size_t n_reported = 0;
	for (size_t i = 0; i < c->n_chains; i++) {
		const struct cd_chain *ch = &c->chains[i];
		const struct cd_path *p = &ch->paths[0];
		cd_check_applied(ctx);
		for (size_t pos = 0; pos < p->n; pos++) {
			const struct cd_cert *sub = m->objects[p->certs[pos]]->u.cert;
			const size_t *cand;
			size_t nc, first = SIZE_MAX, ossl = SIZE_MAX, late = SIZE_MAX;
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
			const char **nr = realloc(reported, (n_reported + 1) * sizeof(*nr));
			if (!nr)
				break;
			reported = nr;
			reported[n_reported++] = sub->issuer.canon;
			for (size_t k = 0; k < nc; k++) {
				const struct cd_cert *ic = m->objects[cand[k]]->u.cert;
				int kid_ok = !(sub->aki_len && ic->ski_len &&
					       (sub->aki_len != ic->ski_len || memcmp(sub->aki, ic->ski, sub->aki_len)));
				if (first == SIZE_MAX)
					first = cand[k];
				if (kid_ok && ossl == SIZE_MAX && valid_at(ic, ctx->opts->at))
					ossl = cand[k];
				if (kid_ok && (late == SIZE_MAX || ic->not_after > m->objects[late]->u.cert->not_after))
					late = cand[k];
			}
			if (ossl == SIZE_MAX)
				ossl = late != SIZE_MAX ? late : first;
			f = cd_check_emit(
				ctx,
				"%zu certificates are named \"%s\": a product that stops at the first match "
				"(Expressway) takes %s, which %s; OpenSSL takes %s, which %s",
				nc, sub->issuer.display, m->objects[first]->id,
				leads_to_valid(ch, pos, first) ? "gives a valid path" : "does not give a valid path",
				m->objects[ossl]->id,
				leads_to_valid(ch, pos, ossl) ? "gives a valid path" : "does not give a valid path");
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
				json_array_append_new(
					a, json_pack("{s:s,s:s,s:s,s:b,s:b}", "id", m->objects[cand[k]]->id,
						     "not_before", nb, "not_after", na, "valid_at_evaluation_time",
						     valid_at(ic, ctx->opts->at), "gives_valid_path",
						     leads_to_valid(ch, pos, cand[k])));
			}
			json_object_set_new(f->evidence, "candidates", a);
			json_object_set_new(f->evidence, "first_match", json_string(m->objects[first]->id));
			json_object_set_new(f->evidence, "openssl_pick", json_string(m->objects[ossl]->id));
			json_object_set_new(f->evidence, "leaf", json_string(m->objects[ch->leaf]->id));
		}
	}
	free(reported);
	return CD_OK;
}

const struct cd_check cd_check_chain_ambiguous_issuer = {"chain.ambiguous-issuer", run};
