/* text.c - the report for people: grouped by severity, then rule (why and fix once per rule),
 * each finding with its decisive evidence, where it is and what it names; long lists capped
 * (JSON keeps all). Colour only when asked (the CLI decides: a terminal). */
#include <stdlib.h>
#include <string.h>
#include "report/common.h"
#include "util/error.h"

static const char *sev_color(enum cd_severity s)
{
	return s == CD_SEV_ERROR ? C_RED : s == CD_SEV_WARNING ? C_YELLOW : C_CYAN;
}

static size_t list_max(const struct cd_write_opts *o)
{
	return o->list_max ? o->list_max : CD_TEXT_LIST_MAX;
}

/* Print text indented, line by line. */
static void indented(FILE *out, const char *lead, const char *rest_indent, const char *text)
{
	const char *p = text;
	int first = 1;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		fprintf(out, "%s%.*s\n", first ? lead : rest_indent, (int)n, p);
		first = 0;
		p += n;
		if (*p == '\n')
			p++;
	}
}

/* Print text as one paragraph (the catalogue wraps its YAML lines), wrapped at 96 columns,
 * every line after the first indented by indent. */
static void wrapped(FILE *out, const char *text, const char *first, int indent)
{
	int col = fprintf(out, "%s", first), start = col;
	const char *p = text;
	while (*p) {
		size_t w;
		while (*p == ' ' || *p == '\n')
			p++;
		w = strcspn(p, " \n");
		if (!w)
			break;
		if (col + 1 + (int)w > 96 && col > indent) {
			col = fprintf(out, "\n%*s", indent, "") - 1;
		} else if (col > start) {
			fputc(' ', out);
			col++;
		}
		col += fprintf(out, "%.*s", (int)w, p);
		p += w;
	}
	fputc('\n', out);
}

static void print_where(FILE *out, const struct cd_model *m, const struct cd_finding *f, int color, size_t max)
{
	fprintf(out, "      %swhere:%s %s", color ? C_DIM : "", color ? C_RESET : "", f->path ? f->path : "(input)");
	if (f->pem_block)
		fprintf(out, ", PEM block %lu", f->pem_block);
	if (f->has_offset)
		fprintf(out, ", offset %llu", (unsigned long long)f->offset);
	fputc('\n', out);
	for (size_t i = 0; i < f->n_objects; i++) {
		const struct cd_object *o = m->objects[f->objects[i]];
		const struct cd_source *at;
		char role[800];
		if (i >= max) {
			fprintf(out, "      and %zu more objects: see --format json\n", f->n_objects - max);
			break;
		}
		/* the place the finding means, so the label names the store its sentence names */
		at = cd_finding_object_source(f, m, f->objects[i]);
		cd_finding_object_roles(f, m, f->objects[i], role, sizeof(role));
		if (!at && o->n_sources)
			at = &o->sources[0];
		fprintf(out, "      %sobject:%s %s", color ? C_DIM : "", color ? C_RESET : "", o->id);
		if (at && at->locator)
			fprintf(out, " (%s)", at->locator);
		if (role[0])
			fprintf(out, " [%s]", role);
		if (o->n_sources > 1)
			fprintf(out, " (found in %zu places)", o->n_sources);
		fputc('\n', out);
	}
}

/* Roles inferred from content, and what could not be inferred (docs/roles.md): said before
 * the findings that rest on them. */
static void print_inferred(FILE *out, const struct cd_model *m, int color)
{
	size_t n = m->n_role_notes + m->more_role_notes;
	for (size_t i = 0; i < m->n_objects; i++)
		for (size_t s = 0; s < m->objects[i]->n_sources; s++)
			n += m->objects[i]->sources[s].role.origin == CD_ROLE_FROM_CONTENT &&
			     m->objects[i]->sources[s].role.kind;
	if (!n)
		return;
	fprintf(out, "\n%sROLES FROM CONTENT%s (%zu)\n", color ? C_BOLD : "", color ? C_RESET : "", n);
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *o = m->objects[i];
		for (size_t s = 0; s < o->n_sources; s++) {
			const struct cd_role *r = &o->sources[s].role;
			char role[96];
			if (r->origin != CD_ROLE_FROM_CONTENT || !r->kind)
				continue;
			cd_role_format(r, role, sizeof(role));
			fprintf(out, "  %s: %s%s%s (%s)\n", o->sources[s].path, role, r->node[0] ? " on " : "",
				r->node, o->id);
			if (r->reason)
				indented(out, "    because ", "      ", r->reason);
		}
	}
	for (size_t i = 0; i < m->n_role_notes; i++)
		indented(out, "  no role inferred: ", "    ", m->role_notes[i].message);
	if (m->more_role_notes)
		fprintf(out, "  %zu more notes not shown (at most %d are kept)\n", m->more_role_notes,
			CD_LIMIT_ROLE_NOTES);
}

/* What rules could not judge for want of an input, grouped by what and the option that
 * would give it: "tomcat on cucm-pub: no tomcat-trust store in the input - give --role ...". */
static int nc_seen(const struct cd_report *r, size_t i, size_t k)
{
	const struct cd_not_checked *a = &r->results[i].not_checked[k];
	for (size_t j = 0; j <= i; j++)
		for (size_t l = 0; l < (j < i ? r->results[j].n_not_checked : k); l++)
			if (!strcmp(r->results[j].not_checked[l].what, a->what) &&
			    !strcmp(r->results[j].not_checked[l].enable, a->enable))
				return 1;
	return 0;
}

static void print_not_checked(FILE *out, const struct cd_report *r, int color)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n_results; i++)
		for (size_t k = 0; k < r->results[i].n_not_checked; k++)
			n += !nc_seen(r, i, k);
	if (!n)
		return;
	fprintf(out, "\n%sNOT CHECKED%s (%zu): an input these rules need is missing\n", color ? C_BOLD : "",
		color ? C_RESET : "", n);
	for (size_t i = 0; i < r->n_results; i++)
		for (size_t k = 0; k < r->results[i].n_not_checked; k++) {
			const struct cd_not_checked *a = &r->results[i].not_checked[k];
			const char *sep = "";
			if (nc_seen(r, i, k))
				continue;
			fprintf(out, "  %s: give %s\n    (", a->what, a->enable);
			for (size_t j = i; j < r->n_results; j++)
				for (size_t l = 0; l < r->results[j].n_not_checked; l++)
					if (!strcmp(r->results[j].not_checked[l].what, a->what) &&
					    !strcmp(r->results[j].not_checked[l].enable, a->enable)) {
						fprintf(out, "%s%s", sep, r->results[j].rule->id);
						sep = ", ";
					}
			fputs(")\n", out);
		}
	for (size_t i = 0; i < r->n_results; i++)
		if (r->results[i].more_not_checked)
			fprintf(out, "  %s: %zu more not shown (at most %d per rule)\n", r->results[i].rule->id,
				r->results[i].more_not_checked, CD_LIMIT_NOT_CHECKED);
}

/* Findings linked by correlation (engine/correlate.c): a log error and the certificate's own
 * findings. */
static void print_related(FILE *out, const struct cd_finding *f, int color, size_t max)
{
	static const char *const keys[] = {"related_findings", "related_log_findings"};
	for (size_t k = 0; k < 2; k++) {
		json_t *a = json_object_get(f->evidence, keys[k]), *v;
		size_t i;
		json_array_foreach(a, i, v) {
			if (i >= max) {
				fprintf(out, "      and %zu more related: see --format json\n", json_array_size(a) - max);
				break;
			}
			fprintf(out, "      %srelated:%s %s: %s\n", color ? C_DIM : "", color ? C_RESET : "",
				json_string_value(json_object_get(v, "rule")), json_string_value(json_object_get(v, "message")));
		}
	}
}

/* One finding: message, its own product wording, evidence, where, related. */
static void print_finding(FILE *out, const struct cd_model *m, const struct cd_finding *f,
			  const struct cd_write_opts *o, const char *lead)
{
	const struct cd_rule *rule = f->rule;
	const char *pm = json_string_value(json_object_get(f->evidence, "product_message"));
	indented(out, lead, "      ", f->message);
	/* the wording of this case, when it differs (e.g. the CSR path of the purpose) */
	if (pm && (!rule->product_message || strcmp(pm, rule->product_message)))
		fprintf(out, "      product says: \"%s\"\n", pm);
	cd_text_evidence(out, f, "      ", list_max(o), o->color);
	print_where(out, m, f, o->color, list_max(o));
	print_related(out, f, o->color, list_max(o));
}

static void header(FILE *out, const struct cd_doc *d, const struct cd_write_opts *o)
{
	const struct cd_model *m = d->model;
	size_t kinds[CD_KIND_COUNT] = {0};
	char at[40];
	int c = o->color;
	for (size_t i = 0; i < m->n_objects; i++)
		kinds[m->objects[i]->kind]++;
	cd_time_format(d->at, at, sizeof(at));
	fprintf(out, "%scertdiag %s%s - evaluated at %s\n", c ? C_BOLD : "", CD_VERSION, c ? C_RESET : "", at);
	fprintf(out, "input: %zu path%s, %lu file%s, %zu object%s", d->n_inputs, d->n_inputs == 1 ? "" : "s",
		m->stats.files, m->stats.files == 1 ? "" : "s", m->n_objects, m->n_objects == 1 ? "" : "s");
	if (m->n_objects) {
		static const char *const plural[] = {"certificates", "CSRs", "CRLs", "PKCS#7 bundles", "PKCS#12 files",
						     "private keys", "ITL files", "CTL files"};
		static const char *const single[] = {"certificate", "CSR", "CRL", "PKCS#7 bundle", "PKCS#12 file",
						     "private key", "ITL file", "CTL file"};
		const char *sep = " (";
		for (int k = 0; k < CD_KIND_COUNT; k++)
			if (kinds[k]) {
				fprintf(out, "%s%zu %s", sep, kinds[k], kinds[k] == 1 ? single[k] : plural[k]);
				sep = ", ";
			}
		fputc(')', out);
	}
	fputc('\n', out);
	for (size_t i = 0; i < m->n_input_errors; i++) /* input errors: not read at all */
		fprintf(out, "not read: %s: %s\n", m->input_errors[i].path, strerror(m->input_errors[i].errnum));
	print_inferred(out, m, c);
}

/* Findings of rule counted past CD_LIMIT_FINDINGS_PER_RULE, not kept. */
static size_t unlisted(const struct cd_report *r, const struct cd_rule *rule)
{
	for (size_t i = 0; i < r->n_results; i++)
		if (r->results[i].rule == rule)
			return r->results[i].fired - r->results[i].listed;
	return 0;
}

static void say_unlisted(FILE *out, size_t n, const char *lead)
{
	if (n)
		fprintf(out, "%s... and %zu more findings of this rule, not listed: at most %u are kept per "
			"rule (CD_LIMIT_FINDINGS_PER_RULE, docs/limits.md)\n", lead, n, CD_LIMIT_FINDINGS_PER_RULE);
}

/* The findings, grouped by severity then rule; skip (may be NULL) is a finding already shown. */
static void findings(FILE *out, const struct cd_doc *d, const struct cd_write_opts *o, const struct cd_finding *skip)
{
	static const char *const names[] = {"INFO", "WARNINGS", "ERRORS"};
	const struct cd_report *r = d->report;
	size_t sev[3];
	int c = o->color;
	cd_doc_counts(d, sev);
	if (skip)
		sev[skip->rule->severity]--;
	for (int sv = CD_SEV_ERROR; sv >= CD_SEV_INFO; sv--) {
		if (!sev[sv])
			continue;
		fprintf(out, "\n%s%s%s (%zu)%s\n", c ? C_BOLD : "", c ? sev_color((enum cd_severity)sv) : "", names[sv],
			sev[sv], c ? C_RESET : "");
		for (size_t i = 0; i < r->n_findings;) {
			const struct cd_rule *rule = r->findings[i].rule;
			size_t j = i, n, shown = 0;
			if ((int)rule->severity != sv) {
				i++;
				continue;
			}
			while (j < r->n_findings && r->findings[j].rule == rule)
				j++;
			n = j - i - (skip && skip >= &r->findings[i] && skip < &r->findings[j]);
			if (!n) {
				i = j;
				continue;
			}
			if (o->brief) {
				for (size_t k = i; k < j; k++) {
					const struct cd_finding *f = &r->findings[k];
					if (f == skip)
						continue;
					if (shown++ >= list_max(o))
						continue;
					fprintf(out, "  %s%s%s %s", c ? sev_color(rule->severity) : "", rule->id, c ? C_RESET : "",
						f->message);
					if (f->path)
						fprintf(out, " (%s)", f->path);
					fputc('\n', out);
				}
				if (shown > list_max(o))
					fprintf(out, "  %s: and %zu more: see --format json\n", rule->id, shown - list_max(o));
				say_unlisted(out, unlisted(r, rule), "  ");
				i = j;
				continue;
			}
			fprintf(out, "\n  %s%s%s  %s (%zu)\n", c ? sev_color(rule->severity) : "", rule->id, c ? C_RESET : "",
				rule->title, n + unlisted(r, rule));
			if (rule->product_message)
				fprintf(out, "    product says: \"%s\"\n", rule->product_message);
			indented(out, "    why: ", "         ", rule->explanation);
			indented(out, "    fix: ", "         ", rule->remediation);
			for (size_t k = i; k < j; k++) {
				if (&r->findings[k] == skip)
					continue;
				if (shown++ >= list_max(o))
					continue;
				print_finding(out, d->model, &r->findings[k], o, "    - ");
			}
			if (shown > list_max(o))
				fprintf(out, "    - and %zu more %s findings: see --format json\n", shown - list_max(o), rule->id);
			say_unlisted(out, unlisted(r, rule), "    ");
			i = j;
		}
	}
	for (size_t i = 0; i < r->n_results; i++)
		if (r->results[i].result == CD_RESULT_FATAL)
			fprintf(out, "\n%sINTERNAL ERROR%s  %s could not complete (%s): its findings above may be incomplete\n",
				c ? C_BOLD : "", c ? C_RESET : "", r->results[i].rule->id, cd_strerror(r->results[i].error));
}

/* the inventory as a table: one row per certificate and place, widths from the data */
static void inventory(FILE *out, const struct cd_doc *d, const struct cd_write_opts *o)
{
	struct cd_inv_row *rows;
	size_t n;
	int wn = 4, wp = 13, wl = 11;
	if (cd_inventory(d, &rows, &n) < 0)
		return;
	if (!n) {
		fprintf(out, "\nINVENTORY: no certificates\n");
		free(rows);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		int l = (int)strlen(rows[i].node), p = (int)strlen(rows[i].place),
		    c = (int)strlen(cd_object_label(d->model->objects[rows[i].object]));
		wn = l > wn ? l : wn;
		wp = p > wp ? p : wp;
		wl = c > wl ? c : wl;
	}
	wl = wl > 40 ? 40 : wl;
	fprintf(out, "\n%sINVENTORY (%zu)%s\n", o->color ? C_BOLD : "", n, o->color ? C_RESET : "");
	fprintf(out, "  %-*s  %-*s  %-*s  %-9s  %-10s  %-21s  %s\n", wn, "NODE", wp, "STORE OR ROLE", wl, "CERTIFICATE",
		"KEY", "NOT AFTER", "ID", "CHAIN STATUS");
	for (size_t i = 0; i < n; i++) {
		const struct cd_object *ob = d->model->objects[rows[i].object];
		const struct cd_cert *c = ob->u.cert;
		char na[40], key[32];
		cd_time_format(c->not_after, na, sizeof(na));
		if (c->key.known)
			snprintf(key, sizeof(key), "%s %u", c->key.algo_name, c->key.bits);
		else
			snprintf(key, sizeof(key), "unknown");
		fprintf(out, "  %-*s  %-*s  %-*.*s  %-9s  %-10.10s  %-21s  %s\n", wn, rows[i].node[0] ? rows[i].node : "-", wp,
			rows[i].place, wl, wl, cd_object_label(ob), key, na, ob->id, rows[i].status);
	}
	free(rows);
}

static void summary(FILE *out, const struct cd_doc *d)
{
	size_t sev[3];
	cd_doc_counts(d, sev);
	fprintf(out, "summary: %zu error%s, %zu warning%s, %zu info; exit %d (%s%s)\n", sev[CD_SEV_ERROR],
		sev[CD_SEV_ERROR] == 1 ? "" : "s", sev[CD_SEV_WARNING], sev[CD_SEV_WARNING] == 1 ? "" : "s",
		sev[CD_SEV_INFO], d->exit_code, d->fail_on ? "--fail-on " : "",
		d->fail_on ? d->fail_on : d->exit_reason ? d->exit_reason : "");
}

/* scan, and the report part of precheck and compare */
static void body(FILE *out, const struct cd_doc *d, const struct cd_write_opts *o, const struct cd_finding *skip)
{
	findings(out, d, o, skip);
	print_not_checked(out, d->report, o->color);
	if (o->inventory)
		inventory(out, d, o);
	if (!o->brief) {
		cd_text_chains(out, d->chains, d->model, o->color, o->inventory ? (size_t)-1 : 25);
		cd_text_conns(out, d->model, o->color, 25);
	}
	fputc('\n', out);
}

static void precheck(FILE *out, const struct cd_doc *d, const struct cd_write_opts *o)
{
	const struct cd_precheck *p = d->precheck;
	const struct cd_model *m = d->model;
	const struct cd_finding *shown = NULL;
	int c = o->color;
	static const char *const R[] = {"not run", "n/a", "pass", "FAIL", "NOT CHECKED"};
	fprintf(out, "%sprecheck: %s%s%s, purpose %s%s\n", c ? C_BOLD : "", p->product, p->version.valid ? " " : "",
		p->version.valid ? p->version.text : "", p->purpose, c ? C_RESET : "");
	if (p->upload != SIZE_MAX)
		fprintf(out, "certificate: %s (%s)\n", cd_object_label(m->objects[p->upload]), m->objects[p->upload]->id);
	switch (p->verdict) {
	case CD_VERDICT_ACCEPT:
		fprintf(out, "verdict: ACCEPT - the product would accept this upload\n");
		if (p->accepted)
			fprintf(out, "  product says: \"%s\"\n", p->accepted);
		if (p->restart)
			wrapped(out, p->restart, "  then restart: ", 16);
		break;
	case CD_VERDICT_ACCEPT_WITH_ERRORS: {
		int step_failed = 0; /* the errors may be of steps or of other rules (ERRORS below) */
		for (size_t k = 0; k < p->n_steps; k++)
			step_failed |= p->steps[k].result == CD_STEP_FAIL;
		fprintf(out, "verdict: ACCEPT WITH ERRORS - the product would accept this upload, but %zu error%s "
			     "about it break%s a service (see %s)\n",
			p->errors_about_upload, p->errors_about_upload == 1 ? "" : "s", p->errors_about_upload == 1 ? "s" : "",
			step_failed ? "the failed steps and ERRORS below" : "ERRORS below");
		break;
	}
	case CD_VERDICT_REJECT: {
		const struct cd_precheck_step *b = &p->steps[p->blocking_step];
		fprintf(out, "verdict: REJECT - the upload fails at step %zu (%s)\n", p->blocking_step + 1, b->rule);
		if (p->product_message)
			fprintf(out, "  product says: \"%s\"\n", p->product_message);
		if (p->message)
			fprintf(out, "  %s\n", p->message);
		if (b->finding) {
			cd_text_evidence(out, b->finding, "  ", list_max(o), c);
			shown = b->finding;
		}
		if (p->remedy)
			wrapped(out, p->remedy, "  remedy: ", 10);
		break;
	}
	default:
		if (p->not_run_unchecked) {
			fprintf(out, "verdict: UNKNOWN - step %zu (%s) blocks the upload when it fails, and was not "
				     "checked: %s\n",
				p->not_run_step + 1, p->not_run, p->not_run_what ? p->not_run_what : "an input is missing");
			if (p->not_run_enable)
				fprintf(out, "  give %s to decide\n", p->not_run_enable);
			break;
		}
		fprintf(out, "verdict: UNKNOWN - %s %s\n", p->not_run ? p->not_run : "a blocking check",
			p->not_run_fatal ? "could not complete" : "did not run (--rules / --skip-rules)");
		break;
	}
	if (o->quiet) /* -q: the verdict and the blocking failure only */
		return;
	fprintf(out, "steps, in the product's order:\n");
	for (size_t k = 0; k < p->n_steps; k++) {
		const struct cd_precheck_step *s = &p->steps[k];
		fprintf(out, "  %2zu  %-44s %s%s\n", k + 1, s->rule, R[s->result + 1],
			s->result != CD_STEP_FAIL ? ""
			: s->blocking            ? " (blocks the upload)"
			: s->finding && s->finding->rule->severity == CD_SEV_ERROR ? " (accepted; an error: see below)"
										     : " (accepted; see below)");
	}
	fputc('\n', out);
	header(out, d, o);
	body(out, d, o, shown);
	summary(out, d);
}

static void compare(FILE *out, const struct cd_doc *d, const struct cd_write_opts *o)
{
	const struct cd_compare *cp = d->compare;
	const struct cd_model *m = d->model;
	fprintf(out, "compare: %s (%s) -> %s (%s)\n", cd_object_label(m->objects[cp->old_i]), m->objects[cp->old_i]->id,
		cd_object_label(m->objects[cp->new_i]), m->objects[cp->new_i]->id);
	if (cp->old_i == cp->new_i)
		fprintf(out, "note: OLD and NEW hold the same certificate\n");
	fprintf(out, "verdict: %s\n",
		cp->breaking ? "BREAKING - the new certificate cannot replace the old one as it is"
			     : "COMPATIBLE - the new certificate can replace the old one");
	if (o->quiet)
		return;
	for (size_t i = 0; i < cp->n; i++) {
		const struct cd_change *ch = &cp->ch[i];
		fprintf(out, "  %-19s %s\n", ch->field,
			ch->not_compared ? "NOT COMPARED (counts as breaking)"
			: !ch->changed	 ? "same"
			: ch->breaking	 ? "CHANGED (breaks peers)"
					 : "changed");
		if (ch->changed) {
			fprintf(out, "      old: %s\n      new: %s\n", ch->old_, ch->new_);
			if (json_array_size(ch->added)) {
					size_t idx;
					json_t *v;
					fprintf(out, "      added:");
					json_array_foreach(ch->added, idx, v)
						fprintf(out, " %s", json_string_value(v));
					fputc('\n', out);
				}
			if (json_array_size(ch->removed)) {
				size_t idx;
				json_t *v;
				fprintf(out, "      removed:");
				json_array_foreach(ch->removed, idx, v)
					fprintf(out, " %s", json_string_value(v));
				fputc('\n', out);
			}
		}
		if (ch->note[0])
			fprintf(out, "      note: %s\n", ch->note);
	}
	fputc('\n', out);
	header(out, d, o);
	body(out, d, o, NULL);
	summary(out, d);
}

static int write_text(FILE *out, const struct cd_doc *d, const struct cd_write_opts *o)
{
	switch (d->kind) {
	case CD_DOC_SCAN:
		if (!o->quiet) {
			header(out, d, o);
			body(out, d, o, NULL);
		}
		summary(out, d);
		break;
	case CD_DOC_PRECHECK: precheck(out, d, o); break;
	case CD_DOC_COMPARE: compare(out, d, o); break;
	case CD_DOC_VERIFY:
		fprintf(out, "%s: %s\n", d->n_inputs ? d->inputs[0] : "", d->verify->paths[0].valid ? "OK" : "FAILED");
		cd_text_chain(out, d->chains, d->model, d->verify, o->color);
		cd_text_empty_stores(out, d->chains);
		break;
	case CD_DOC_SHOW: cd_show_text(out, d->model, d->at, o->color); break;
	case CD_DOC_RULES:
		if (d->rule)
			cd_rule_explain(out, d->rule);
		else
			cd_rules_list(out, d->cat);
		break;
	default: return CD_E_USAGE;
	}
	return ferror(out) ? CD_E_IO : CD_OK;
}

#define KINDS_ALL ((1u << CD_DOC_SCAN) | (1u << CD_DOC_PRECHECK) | (1u << CD_DOC_COMPARE) | \
		   (1u << CD_DOC_VERIFY) | (1u << CD_DOC_SHOW) | (1u << CD_DOC_RULES))
const struct cd_writer cd_writer_text = {"text", KINDS_ALL, 0, write_text};
