/* chainrule.h - helpers for the chain.* checks: each reports issues of one kind found on the
 * best path of each leaf, once per distinct object set. */
#ifndef CD_RULES_CHAIN_CHAINRULE_H
#define CD_RULES_CHAIN_CHAINRULE_H

#include <string.h>
#include <stdlib.h>
#include "rules/common.h"
#include "util/str.h"

/* Is there already a finding of this rule naming exactly these objects (first, second)? */
static inline int cd_chainrule_seen(const struct cd_check_ctx *ctx, size_t first, size_t second)
{
	for (size_t i = 0; i < ctx->report->n_findings; i++) {
		const struct cd_finding *f = &ctx->report->findings[i];
		if (f->rule != ctx->rule || !f->n_objects)
			continue;
		int has1 = 0, has2 = second == SIZE_MAX;
		for (size_t k = 0; k < f->n_objects; k++) {
			has1 |= f->objects[k] == first;
			has2 |= f->objects[k] == second;
		}
		if (has1 && has2 && f->n_objects == (second == SIZE_MAX ? 1u : 2u))
			return 1;
	}
	return 0;
}

/* Add the leaf and the path as evidence. */
static inline void cd_chainrule_evidence(struct cd_finding *f, const struct cd_check_ctx *ctx,
					 const struct cd_chain *ch, const struct cd_path *p)
{
	json_t *a;
	char st[160];
	if (!f)
		return;
	a = json_array();
	for (size_t i = 0; i < p->n; i++)
		a = cd_json_array_push(a, json_string(ctx->model->objects[p->certs[i]]->id));
	cd_finding_evidence_str(f, "leaf", ctx->model->objects[ch->leaf]->id);
	cd_finding_evidence_json(f, "path", a);
	cd_store_label(ctx->chains, p->store, st, sizeof(st));
	cd_finding_evidence_str(f, "store", st);
}

/* The issuer a path's top certificate names but the input lacks, as evidence: its name and,
 * when the certificate says it, the key id (chain.incomplete, chain.not-anchored). */
static inline void cd_chainrule_missing_issuer(struct cd_finding *f, const struct cd_cert *top)
{
	cd_finding_evidence_str(f, "missing_issuer", top->issuer.display);
	if (top->aki_len && f) {
		char *h = cd_hex_new(top->aki, top->aki_len, 1);
		if (!h)
			f->incomplete = 1; /* an allocation failed: the engine makes the result fatal */
		cd_finding_evidence_str(f, "missing_issuer_key_id", h);
		free(h);
	}
}

/* Generic: for every chain whose best path is invalid, one finding per issue of a kind in
 * `problems` (a mask of enum cd_problem),
 * naming the certificate at the issue's position (and the other one when `pair`). The
 * check applies to every chain. */
typedef int (*cd_chainrule_applies_fn)(const struct cd_check_ctx *ctx, const struct cd_path *p);

static inline void cd_chainrule_issues(struct cd_check_ctx *ctx, unsigned problems, int pair,
				       cd_chainrule_applies_fn applies)
{
	const struct cd_chains *c = ctx->chains;
	for (size_t i = 0; i < c->n_chains; i++) {
		const struct cd_chain *ch = &c->chains[i];
		const struct cd_path *p = &ch->paths[0];
		if (applies && !applies(ctx, p))
			continue;
		cd_check_applied(ctx);
		if (p->valid)
			continue;
		for (size_t k = 0; k < p->n_issues; k++) {
			const struct cd_issue *is = &p->issues[k];
			size_t a, b;
			struct cd_finding *f;
			if (!(is->problem & problems))
				continue;
			a = p->certs[is->at];
			b = pair && is->other != SIZE_MAX ? p->certs[is->other] : SIZE_MAX;
			if (cd_chainrule_seen(ctx, a, b))
				continue;
			f = cd_check_emit(ctx, "%s", is->detail);
			cd_finding_add_object(f, ctx->model, a);
			if (b != SIZE_MAX)
				cd_finding_add_object(f, ctx->model, b);
			cd_chainrule_evidence(f, ctx, ch, p);
		}
	}
}

/* The certificates on no best path (cd_chains.lone): one finding per certificate with an issue
 * of a kind in `problems`, naming it; each such certificate counts as checked. */
static inline void cd_chainrule_lone(struct cd_check_ctx *ctx, unsigned problems)
{
	const struct cd_chains *c = ctx->chains;
	for (size_t i = 0; i < c->n_lone; i++) {
		const struct cd_path *p = &c->lone[i];
		char st[160];
		cd_check_applied(ctx);
		for (size_t k = 0; k < p->n_issues; k++) {
			struct cd_finding *f;
			if (!(p->issues[k].problem & problems) || cd_chainrule_seen(ctx, p->certs[0], SIZE_MAX))
				continue;
			f = cd_check_emit(ctx, "%s", p->issues[k].detail);
			cd_finding_add_object(f, ctx->model, p->certs[0]);
			if (!f)
				continue;
			cd_finding_evidence_json(f, "on_no_path", json_true());
			cd_store_label(c, p->store, st, sizeof(st));
			cd_finding_evidence_json(f, "store", p->store == CD_STORE_NONE ? json_null() : json_string(st));
		}
	}
}

#endif
