/* chains.c - chains for people (trees), scripts (JSON `chains`) and Graphviz (DOT). */
#include <string.h>
#include "report/report.h"

static json_t *path_json(const struct cd_chains *c, const struct cd_model *m, const struct cd_path *p)
{
	json_t *j = json_object(), *ids = json_array(), *probs = json_array();
	char st[160];
	for (size_t i = 0; i < p->n; i++)
		json_array_append_new(ids, json_string(m->objects[p->certs[i]]->id));
	for (size_t i = 0; i < p->n_issues; i++)
		json_array_append_new(probs, json_pack("{s:s,s:s,s:s}", "problem",
						       cd_problem_name(p->issues[i].problem), "certificate",
						       m->objects[p->certs[p->issues[i].at]]->id, "detail",
						       p->issues[i].detail));
	cd_store_label(c, p->store, st, sizeof(st));
	json_object_set_new(j, "path", ids);
	json_object_set_new(j, "store", p->store == CD_STORE_NONE ? json_null() : json_string(st));
	json_object_set_new(j, "valid", json_boolean(p->valid));
	json_object_set_new(j, "problems", probs);
	return j;
}

json_t *cd_json_chain(const struct cd_chains *c, const struct cd_model *m, const struct cd_chain *ch)
{
	json_t *j = path_json(c, m, &ch->paths[0]), *alts = json_array();
	json_object_set_new(j, "leaf", json_string(m->objects[ch->leaf]->id));
	json_object_set_new(j, "verdict", json_string(ch->paths[0].valid ? "valid" : "invalid"));
	for (size_t i = 1; i < ch->n_paths; i++)
		json_array_append_new(alts, path_json(c, m, &ch->paths[i]));
	json_object_set_new(j, "alternatives", alts);
	json_object_set_new(j, "search_limited", json_boolean(ch->limited));
	return j;
}

json_t *cd_json_chains(const struct cd_chains *c, const struct cd_model *m)
{
	json_t *a = json_array();
	for (size_t i = 0; i < c->n_chains; i++)
		json_array_append_new(a, cd_json_chain(c, m, &c->chains[i]));
	return a;
}

#define C_RESET "\033[0m"
#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_DIM "\033[2m"

void cd_text_chain(FILE *out, const struct cd_chains *c, const struct cd_model *m,
		   const struct cd_chain *ch, int color)
{
	const struct cd_path *p = &ch->paths[0];
	char st[160];
	cd_store_label(c, p->store, st, sizeof(st));
	fprintf(out, "  %s%s%s %s (%s)", color ? (p->valid ? C_GREEN : C_RED) : "",
		p->valid ? "valid  " : "INVALID", color ? C_RESET : "", cd_object_label(m->objects[ch->leaf]),
		m->objects[ch->leaf]->id);
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
		fprintf(out, "  %*s`- ?? missing: %s\n", (int)(2 * p->n), "", top->issuer.display);
	}
	for (size_t i = 0; i < p->n_issues; i++)
		fprintf(out, "       %s%s:%s %s\n", color ? C_DIM : "", cd_problem_name(p->issues[i].problem),
			color ? C_RESET : "", p->issues[i].detail);
	if (ch->n_paths > 1)
		fprintf(out, "       (%zu other path%s considered, %zu valid in all)\n", ch->n_paths - 1,
			ch->n_paths == 2 ? "" : "s", ch->n_valid);
}

void cd_text_chains(FILE *out, const struct cd_chains *c, const struct cd_model *m, int color)
{
	size_t valid = 0, shown = 0;
	for (size_t i = 0; i < c->n_chains; i++)
		valid += c->chains[i].paths[0].valid;
	if (!c->n_chains)
		return;
	fprintf(out, "\nCHAINS (%zu: %zu valid, %zu invalid)\n", c->n_chains, valid, c->n_chains - valid);
	for (size_t i = 0; i < c->n_chains; i++) {
		/* every invalid chain; valid ones while the list stays short */
		if (c->chains[i].paths[0].valid && c->n_chains > 25)
			continue;
		cd_text_chain(out, c, m, &c->chains[i], color);
		shown++;
	}
	if (shown < c->n_chains)
		fprintf(out, "  (%zu valid chains not drawn; --format json lists them all)\n", c->n_chains - shown);
}

static void dot_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		if ((unsigned char)*s >= 0x20)
			fputc(*s, out);
	}
	fputc('"', out);
}

void cd_dot_graph(FILE *out, struct cd_chains *cw, const struct cd_model *m)
{
	fprintf(out, "digraph certificates {\n  rankdir=BT;\n  node [shape=box, fontname=\"Helvetica\"];\n");
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *o = m->objects[i];
		char label[600];
		if (o->kind != CD_KIND_CERT)
			continue;
		snprintf(label, sizeof(label), "%s\n%s", cd_object_label(o), o->id);
		fprintf(out, "  \"%s\" [label=", o->id);
		dot_str(out, label);
		if (o->u.cert->self_signed)
			fprintf(out, ", style=bold");
		fprintf(out, "];\n");
	}
	for (size_t i = 0; i < m->n_objects; i++) {
		const size_t *cand;
		size_t nc;
		if (m->objects[i]->kind != CD_KIND_CERT || m->objects[i]->u.cert->self_signed)
			continue;
		nc = cd_chains_issuers(cw, m, i, &cand);
		for (size_t k = 0; k < nc; k++) {
			int v = cd_chains_edge(cw, m, i, cand[k]);
			fprintf(out, "  \"%s\" -> \"%s\"%s;\n", m->objects[i]->id, m->objects[cand[k]]->id,
				v == 1 ? "" : " [style=dashed, color=red, label=\"bad signature\"]");
		}
	}
	fprintf(out, "}\n");
}
