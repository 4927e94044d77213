/* dot.c - the certificate graph for Graphviz (DOT language): every certificate a node, every
 * issuer edge the chain model holds, a missing issuer as a dashed node. The status of an edge
 * comes from the chain model's paths (writers verify nothing); a candidate issuer no path
 * used is drawn dotted, "not on a path". */
#include <stdlib.h>
#include <string.h>
#include "report/common.h"
#include "util/error.h"

/* A DOT string (ID in double quotes): quotes and backslashes escaped, a newline as the \n
 * escape (a centred line break in a label), other control bytes dropped. */
static void dot_str(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '\n') {
			fputs("\\n", out);
			continue;
		}
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		if ((unsigned char)*s >= 0x20)
			fputc(*s, out);
	}
	fputc('"', out);
}

enum { E_NONE = 0, E_GOOD, E_BAD };

struct edge {
	size_t subject, issuer;
	int status;
};

static int add_edge(struct edge **v, size_t *n, size_t *cap, size_t s, size_t i, int status)
{
	if (*n == *cap) {
		struct edge *nv = realloc(*v, (*cap ? *cap * 2 : 32) * sizeof(**v));
		if (!nv)
			return CD_E_NOMEM;
		*v = nv;
		*cap = *cap ? *cap * 2 : 32;
	}
	(*v)[(*n)++] = (struct edge){s, i, status};
	return CD_OK;
}

/* by subject, issuer, then the strongest status first */
static int cmp_edge(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	if (x->subject != y->subject)
		return x->subject < y->subject ? -1 : 1;
	if (x->issuer != y->issuer)
		return x->issuer < y->issuer ? -1 : 1;
	return y->status - x->status;
}

static int write_dot(FILE *out, const struct cd_doc *d, const struct cd_write_opts *o)
{
	const struct cd_model *m = d->model;
	const struct cd_chains *c = d->chains;
	struct edge *edges = NULL;
	size_t n = 0, cap = 0, n_missing = 0;
	int rc = CD_OK;
	(void)o;
	/* edges on paths, with the status the path gives them */
	for (size_t i = 0; c && i < c->n_chains && rc == CD_OK; i++)
		for (size_t p = 0; p < c->chains[i].n_paths && rc == CD_OK; p++) {
			const struct cd_path *pa = &c->chains[i].paths[p];
			for (size_t k = 0; k + 1 < pa->n && rc == CD_OK; k++) {
				int bad = 0;
				for (size_t x = 0; x < pa->n_issues; x++)
					bad |= pa->issues[x].problem == CD_P_BAD_SIGNATURE && pa->issues[x].at == k;
				rc = add_edge(&edges, &n, &cap, pa->certs[k], pa->certs[k + 1], bad ? E_BAD : E_GOOD);
			}
		}
	/* other candidate issuers (by name and key identifier): drawn, not judged */
	for (size_t i = 0; c && c->by_subject && i < m->n_objects && rc == CD_OK; i++) {
		const size_t *cand;
		size_t nc;
		if (m->objects[i]->kind != CD_KIND_CERT || m->objects[i]->u.cert->self_signed)
			continue;
		nc = cd_chains_issuers(c, m, i, &cand);
		for (size_t k = 0; k < nc && rc == CD_OK; k++)
			rc = add_edge(&edges, &n, &cap, i, cand[k], E_NONE);
	}
	if (rc < 0) {
		free(edges);
		return rc;
	}
	if (n) { /* one edge per pair, with the status a path gave it */
		size_t u = 0;
		qsort(edges, n, sizeof(*edges), cmp_edge);
		for (size_t k = 0; k < n; k++)
			if (!u || edges[u - 1].subject != edges[k].subject || edges[u - 1].issuer != edges[k].issuer)
				edges[u++] = edges[k];
		n = u;
	}
	fprintf(out, "digraph certificates {\n  rankdir=BT;\n  node [shape=box, fontname=\"Helvetica\"];\n");
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		char label[600];
		if (ob->kind != CD_KIND_CERT)
			continue;
		snprintf(label, sizeof(label), "%s\n%s", cd_object_label(ob), ob->id);
		fprintf(out, "  \"%s\" [label=", ob->id);
		dot_str(out, label);
		if (ob->u.cert->self_signed)
			fprintf(out, ", style=bold");
		fprintf(out, "];\n");
	}
	/* missing issuers: one dashed node per leaf whose best path stops short */
	for (size_t i = 0; c && i < c->n_chains; i++) {
		const struct cd_path *pa = &c->chains[i].paths[0];
		const struct cd_cert *top;
		char label[700], kid[140] = "";
		if (!(pa->problems & CD_P_INCOMPLETE))
			continue;
		top = m->objects[pa->certs[pa->n - 1]]->u.cert;
		for (size_t k = 0, l = 0; k < top->aki_len && l + 3 < sizeof(kid); k++)
			l += (size_t)snprintf(kid + l, sizeof(kid) - l, "%s%02x", k ? ":" : "", top->aki[k]);
		snprintf(label, sizeof(label), "missing issuer\n%s%s%s", top->issuer.display, kid[0] ? "\nkey id " : "", kid);
		fprintf(out, "  \"missing-%zu\" [label=", ++n_missing);
		dot_str(out, label);
		fprintf(out, ", style=dashed, color=red];\n");
		fprintf(out, "  \"%s\" -> \"missing-%zu\" [style=dashed, color=red];\n", m->objects[pa->certs[pa->n - 1]]->id,
			n_missing);
	}
	for (size_t k = 0; k < n; k++)
		fprintf(out, "  \"%s\" -> \"%s\"%s;\n", m->objects[edges[k].subject]->id, m->objects[edges[k].issuer]->id,
			edges[k].status == E_GOOD ? ""
			: edges[k].status == E_BAD ? " [style=dashed, color=red, label=\"bad signature\"]"
						   : " [style=dotted, label=\"not on a path\"]");
	fprintf(out, "}\n");
	free(edges);
	return ferror(out) ? CD_E_IO : CD_OK;
}

const struct cd_writer cd_writer_dot = {"dot", 1u << CD_DOC_SCAN, 1, write_dot};
