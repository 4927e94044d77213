/* chain.incomplete - no path from the leaf reaches a root or trust anchor because an issuer is
 * missing (the GoDaddy missing-intermediate example of the MRA certificates TechNote). A CA at
 * the top whose issuer is nowhere in the input, with no store given, is chain.not-anchored. */
#include "rules/chain/chainrule.h"
#include "util/str.h"

/* One root cause, one finding: a leaf found only in captures, each time as the first
 * certificate a server sent, whose issuer is nowhere in the input, is what
 * tls.server-chain-incomplete reports for each of those connections (with the connection);
 * this rule does not say it again while that one runs. */
static int told_by_tls_rule(const struct cd_check_ctx *ctx, size_t leaf)
{
	const struct cd_model *m = ctx->model;
	const struct cd_object *o = m->objects[leaf];
	int seen = 0;
	if (!cd_engine_rule_selected(ctx->opts, "tls.server-chain-incomplete"))
		return 0;
	for (size_t s = 0; s < o->n_sources; s++)
		if (!o->sources[s].frame)
			return 0; /* also in a file: that file's chain is incomplete too */
	for (size_t i = 0; i < m->n_conns; i++)
		for (int side = 0; side < 2; side++)
			for (size_t j = 0; j < m->conns[i].n_certs[side]; j++) {
				if (m->conns[i].certs[side][j] != leaf)
					continue;
				if (side != CD_TLS_SERVER || j != 0)
					return 0;
				seen = 1;
			}
	return seen;
}

/* AKI and SKI both present and different: a namesake with another key (RFC 5280 §4.2.1.1), as
 * the path search decides it (src/chain/index.c) */
static int key_id_contradicts(const struct cd_cert *sub, const struct cd_cert *iss)
{
	return sub->aki_len && iss->ski_len &&
	       (sub->aki_len != iss->ski_len || memcmp(sub->aki, iss->ski, sub->aki_len));
}

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_chains *c = ctx->chains;
	const struct cd_model *m = ctx->model;
	for (size_t i = 0; i < c->n_chains; i++) {
		const struct cd_chain *ch = &c->chains[i];
		const struct cd_path *p = &ch->paths[0];
		const struct cd_object *top;
		const struct cd_cert *tc;
		const size_t *cand;
		size_t nc;
		struct cd_finding *f;
		int reaches = 0;
		cd_check_applied(ctx);
		for (size_t k = 0; k < ch->n_paths; k++)
			reaches |= !(ch->paths[k].problems & CD_P_INCOMPLETE);
		if (reaches)
			continue;
		top = m->objects[p->certs[p->n - 1]];
		tc = top->u.cert;
		nc = cd_chains_issuers(c, m, p->certs[p->n - 1], &cand);
		if (p->n == 1 && !nc && told_by_tls_rule(ctx, ch->leaf))
			continue;
		/* why no namesake of the issuer continues the path (search.c skips a certificate
		 * already on it, and one whose key identifier contradicts the AKI) */
		{
			size_t top_i = p->certs[p->n - 1], n_other = 0;
			int itself = 0, loop = 0;
			const char *why;
			json_t *other = json_array();
			for (size_t k = 0; k < nc; k++) {
				int on_path = 0;
				for (size_t q = 0; q < p->n && !on_path; q++)
					on_path = p->certs[q] == cand[k];
				if (cand[k] == top_i)
					itself = 1;
				else if (on_path)
					loop = 1;
				else if (key_id_contradicts(tc, m->objects[cand[k]]->u.cert)) {
					n_other++;
					other = cd_json_array_push(other, json_string(m->objects[cand[k]]->id));
				}
			}
			why = n_other ? "in the input only with another key (its key identifier differs)"
			      : itself ? "its own subject, but its signature does not verify with its own key: "
					 "it is not self-signed (a re-keyed CA's key-rollover certificate whose "
					 "issuer with the old key is missing, or a certificate altered after "
					 "signing)"
			      : loop ? "already on the chain: its CAs certify each other in a loop and none "
				       "is self-signed (the root that ends it is missing)"
				     : "not in the input";
			if (p->n == 1)
				f = cd_check_emit(ctx, "the issuer of \"%s\", \"%s\", is %s",
						  cd_object_label(top), tc->issuer.display, why);
			else
				f = cd_check_emit(ctx, "the chain of \"%s\" stops at \"%s\": its issuer \"%s\" is %s",
						  cd_object_label(m->objects[ch->leaf]), cd_object_label(top),
						  tc->issuer.display, why);
			cd_finding_add_object(f, m, ch->leaf);
			cd_chainrule_evidence(f, ctx, ch, p);
			cd_chainrule_missing_issuer(f, tc);
			if (f && (!other || n_other))
				cd_finding_evidence_json(f, "namesakes_with_other_keys", other);
			else
				json_decref(other);
			if (f && itself)
				cd_finding_evidence_json(f, "self_issued_not_self_signed", json_true());
			if (f && loop)
				cd_finding_evidence_json(f, "issuer_loop", json_true());
		}
		/* the issuer's key under another name (a renamed CA) */
		if (tc->aki_len && f) {
			json_t *a = json_array();
			for (size_t k = 0; k < m->n_objects; k++) {
				const struct cd_object *o = m->objects[k];
				if (o->kind == CD_KIND_CERT && o->u.cert->ski_len == tc->aki_len &&
				    !memcmp(o->u.cert->ski, tc->aki, tc->aki_len) && k != p->certs[p->n - 1])
					a = cd_json_array_push(a, json_string(o->id));
			}
			if (!a || json_array_size(a))
				cd_finding_evidence_json(f, "same_key_other_name", a);
			else
				json_decref(a);
		}
	}
	return CD_OK;
}

const struct cd_check cd_check_chain_incomplete = {"chain.incomplete", run};
