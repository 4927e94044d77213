/* chains.c - chains for people (trees) and scripts (the JSON `chains` entries), read from the
 * chain model. */
#include <string.h>
#include "report/common.h"

static void jw_path(struct cd_jw *w, const struct cd_chains *c, const struct cd_model *m, const struct cd_path *p)
{
	char st[160];
	cd_jw_key(w, "path");
	cd_jw_array(w);
	for (size_t i = 0; i < p->n; i++)
		cd_jw_str(w, m->objects[p->certs[i]]->id);
	cd_jw_end(w);
	cd_store_label(c, p->store, st, sizeof(st));
	cd_jw_kstr(w, "store", p->store == CD_STORE_NONE ? NULL : st);
	cd_jw_kbool(w, "valid", p->valid);
	cd_jw_key(w, "problems");
	cd_jw_array(w);
	for (size_t i = 0; i < p->n_issues; i++) {
		cd_jw_object(w);
		cd_jw_kstr(w, "problem", cd_problem_name(p->issues[i].problem));
		cd_jw_kstr(w, "certificate", m->objects[p->certs[p->issues[i].at]]->id);
		cd_jw_kstr(w, "detail", p->issues[i].detail);
		cd_jw_end(w);
	}
	cd_jw_end(w);
	/* the issuer the path lacks (incomplete): subject and key identifier of what to look for */
	if (p->problems & (CD_P_INCOMPLETE | CD_P_UNANCHORED)) {
		const struct cd_cert *top = m->objects[p->certs[p->n - 1]]->u.cert;
		cd_jw_key(w, "missing_issuer");
		cd_jw_object(w);
		cd_jw_kstr(w, "subject", top->issuer.display);
		cd_jw_key(w, "key_id");
		cd_jw_hex(w, top->aki, top->aki_len);
		cd_jw_end(w);
	}
}

void cd_jw_chain(struct cd_jw *w, const struct cd_chains *c, const struct cd_model *m, const struct cd_chain *ch)
{
	cd_jw_chain_open(w, c, m, ch);
	cd_jw_end(w);
}

void cd_jw_chain_open(struct cd_jw *w, const struct cd_chains *c, const struct cd_model *m, const struct cd_chain *ch)
{
	cd_jw_object(w);
	jw_path(w, c, m, &ch->paths[0]);
	cd_jw_kstr(w, "leaf", m->objects[ch->leaf]->id);
	cd_jw_kstr(w, "verdict", cd_path_verdict(&ch->paths[0]));
	cd_jw_key(w, "alternatives");
	cd_jw_array(w);
	for (size_t i = 1; i < ch->n_paths; i++) {
		cd_jw_object(w);
		jw_path(w, c, m, &ch->paths[i]);
		cd_jw_end(w);
	}
	cd_jw_end(w);
	cd_jw_kbool(w, "search_limited", ch->limited);
}

void cd_text_empty_stores(FILE *out, const struct cd_chains *c)
{
	for (size_t k = 0; c && k < c->n_stores; k++) {
		char note[600];
		if (cd_store_empty_note(c, (int)k, note, sizeof(note)))
			fprintf(out, "  note: %s\n", note);
	}
}

void cd_text_chain(FILE *out, const struct cd_chains *c, const struct cd_model *m, const struct cd_chain *ch,
		   int color)
{
	const struct cd_path *p = &ch->paths[0];
	char st[160];
	cd_store_label(c, p->store, st, sizeof(st));
	const char *v = cd_path_verdict(p);
	int unanchored = !strcmp(v, "not-anchored");
	fprintf(out, "  %s%s%s %s (%s)", color ? (p->valid ? C_GREEN : unanchored ? C_YELLOW : C_RED) : "",
		p->valid ? "valid  " : unanchored ? "NOT ANCHORED" : "INVALID", color ? C_RESET : "",
		cd_object_label(m->objects[ch->leaf]), m->objects[ch->leaf]->id);
	if (p->store != CD_STORE_NONE)
		fprintf(out, ", anchored by %s", st);
	fputc('\n', out);
	for (size_t i = 1; i < p->n; i++) {
		const struct cd_object *o = m->objects[p->certs[i]];
		fprintf(out, "  %*s`- %s (%s)%s\n", (int)(2 * i), "", cd_object_label(o), o->id,
			i == p->n - 1 && p->store != CD_STORE_NONE ? "  [trust anchor]"
			: i == p->n - 1 && o->u.cert->self_signed ? "  [self-signed, not trusted]"
								    : "");
	}
	if (p->problems & CD_P_INCOMPLETE) {
		const struct cd_cert *top = m->objects[p->certs[p->n - 1]]->u.cert;
		char aki[130];
		size_t l = 0;
		for (size_t k = 0; k < top->aki_len && l + 3 < sizeof(aki); k++)
			l += (size_t)snprintf(aki + l, sizeof(aki) - l, "%s%02x", k ? ":" : "", top->aki[k]);
		fprintf(out, "  %*s`- ?? missing: %s%s%s%s\n", (int)(2 * p->n), "", top->issuer.display,
			top->aki_len ? " (key id " : "", top->aki_len ? aki : "", top->aki_len ? ")" : "");
	}
	for (size_t i = 0; i < p->n_issues; i++)
		fprintf(out, "       %s%s:%s %s\n", color ? C_DIM : "", cd_problem_name(p->issues[i].problem),
			color ? C_RESET : "", p->issues[i].detail);
	if (ch->n_paths > 1)
		fprintf(out, "       (%zu other path%s considered, %zu valid in all)\n", ch->n_paths - 1,
			ch->n_paths == 2 ? "" : "s", ch->n_valid);
}

void cd_text_chains(FILE *out, const struct cd_chains *c, const struct cd_model *m, int color, size_t max)
{
	size_t valid = 0, unanchored = 0, shown = 0, invalid_hidden = 0;
	if (!c || !c->n_chains)
		return;
	for (size_t i = 0; i < c->n_chains; i++) {
		valid += c->chains[i].paths[0].valid;
		unanchored += !strcmp(cd_path_verdict(&c->chains[i].paths[0]), "not-anchored");
	}
	fprintf(out, "\nCHAINS (%zu: %zu valid, %zu invalid", c->n_chains, valid,
		c->n_chains - valid - unanchored);
	if (unanchored)
		fprintf(out, ", %zu not anchored", unanchored);
	fputs(")\n", out);
	/* invalid chains first, then unanchored, then valid ones, at most max in all */
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < c->n_chains; i++) {
			const char *v = cd_path_verdict(&c->chains[i].paths[0]);
			if (strcmp(v, pass == 0 ? "invalid" : pass == 1 ? "not-anchored" : "valid"))
				continue;
			if (shown >= max) {
				invalid_hidden += pass == 0;
				continue;
			}
			cd_text_chain(out, c, m, &c->chains[i], color);
			shown++;
		}
	if (shown < c->n_chains)
		fprintf(out, "  and %zu more (%zu of them invalid): see --format json\n", c->n_chains - shown,
			invalid_hidden);
}
