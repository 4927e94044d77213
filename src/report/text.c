/* text.c - the report for people: grouped by severity, then rule (why and fix once per rule),
 * each finding with what and where. Colour only when asked (the CLI decides: a terminal). */
#include <string.h>
#include "report/report.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_RED "\033[31m"
#define C_YELLOW "\033[33m"
#define C_CYAN "\033[36m"

static const char *sev_color(enum cd_severity s)
{
	return s == CD_SEV_ERROR ? C_RED : s == CD_SEV_WARNING ? C_YELLOW : C_CYAN;
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

static void print_where(FILE *out, const struct cd_model *m, const struct cd_finding *f, int color)
{
	fprintf(out, "      %swhere:%s %s", color ? C_DIM : "", color ? C_RESET : "",
		f->path ? f->path : "(input)");
	if (f->pem_block)
		fprintf(out, ", PEM block %lu", f->pem_block);
	if (f->has_offset)
		fprintf(out, ", offset %llu", (unsigned long long)f->offset);
	fputc('\n', out);
	for (size_t i = 0; i < f->n_objects; i++) {
		const struct cd_object *o = m->objects[f->objects[i]];
		char role[96] = "";
		const char *node = "";
		for (size_t s = 0; s < o->n_sources; s++)
			if (o->sources[s].role.kind) {
				cd_role_format(&o->sources[s].role, role, sizeof(role));
				node = o->sources[s].role.node;
				break;
			}
		fprintf(out, "      %sobject:%s %s", color ? C_DIM : "", color ? C_RESET : "", o->id);
		if (o->n_sources && o->sources[0].locator)
			fprintf(out, " (%s)", o->sources[0].locator);
		if (role[0])
			fprintf(out, " [%s%s%s]", role, node[0] ? " on " : "", node);
		if (o->n_sources > 1)
			fprintf(out, " (found in %zu places)", o->n_sources);
		fputc('\n', out);
	}
}

/* Findings linked by correlation (engine/correlate.c): a log error and the certificate's own
 * findings. */
static void print_related(FILE *out, const struct cd_finding *f, int color)
{
	static const char *const keys[] = {"related_findings", "related_log_findings"};
	for (size_t k = 0; k < 2; k++) {
		json_t *a = json_object_get(f->evidence, keys[k]), *v;
		size_t i;
		json_array_foreach(a, i, v) {
			fprintf(out, "      %srelated:%s %s: %s\n", color ? C_DIM : "", color ? C_RESET : "",
				json_string_value(json_object_get(v, "rule")),
				json_string_value(json_object_get(v, "message")));
		}
	}
}

void cd_text_report(FILE *out, const struct cd_scan *s, const struct cd_scan_opts *o,
		    const struct cd_text_style *st)
{
	const struct cd_report *r = &s->report;
	const struct cd_model *m = &s->model;
	size_t sev[3] = {0, 0, 0}, kinds[CD_KIND_COUNT] = {0};
	char at[40];
	int c = st->color;

	for (size_t i = 0; i < r->n_findings; i++)
		sev[r->findings[i].rule->severity]++;
	for (size_t i = 0; i < m->n_objects; i++)
		kinds[m->objects[i]->kind]++;
	cd_time_format(o->eval.at, at, sizeof(at));
	if (!st->quiet) {
		fprintf(out, "%scertdiag %s%s - evaluated at %s\n", c ? C_BOLD : "", CD_VERSION,
			c ? C_RESET : "", at);
		fprintf(out, "input: %zu path%s, %lu file%s, %zu object%s", o->n_paths,
			o->n_paths == 1 ? "" : "s", m->stats.files, m->stats.files == 1 ? "" : "s",
			m->n_objects, m->n_objects == 1 ? "" : "s");
		if (m->n_objects) {
			const char *sep = " (";
			for (int k = 0; k < CD_KIND_COUNT; k++)
				if (kinds[k]) {
					static const char *const plural[] = {"certificates", "CSRs", "CRLs",
									     "PKCS#7 bundles", "PKCS#12 files",
									     "private keys", "ITL files", "CTL files"};
					static const char *const single[] = {"certificate", "CSR", "CRL",
									     "PKCS#7 bundle", "PKCS#12 file",
									     "private key", "ITL file", "CTL file"};
					fprintf(out, "%s%zu %s", sep, kinds[k], kinds[k] == 1 ? single[k] : plural[k]);
					sep = ", ";
				}
			fputc(')', out);
		}
		fputc('\n', out);
		for (int sv = CD_SEV_ERROR; sv >= CD_SEV_INFO; sv--) {
			const char *names[] = {"INFO", "WARNINGS", "ERRORS"};
			if (!sev[sv])
				continue;
			fprintf(out, "\n%s%s%s (%zu)%s\n", c ? C_BOLD : "", c ? sev_color((enum cd_severity)sv) : "",
				names[sv], sev[sv], c ? C_RESET : "");
			for (size_t i = 0; i < r->n_findings;) {
				const struct cd_rule *rule = r->findings[i].rule;
				size_t j = i;
				if ((int)rule->severity != sv) {
					i++;
					continue;
				}
				while (j < r->n_findings && r->findings[j].rule == rule)
					j++;
				fprintf(out, "\n  %s%s%s  %s (%zu)\n", c ? sev_color(rule->severity) : "", rule->id,
					c ? C_RESET : "", rule->title, j - i);
				if (rule->product_message)
					fprintf(out, "    product says: \"%s\"\n", rule->product_message);
				indented(out, "    why: ", "         ", rule->explanation);
				indented(out, "    fix: ", "         ", rule->remediation);
				for (size_t k = i; k < j; k++) {
					const struct cd_finding *f = &r->findings[k];
					const char *pm = json_string_value(json_object_get(f->evidence, "product_message"));
					indented(out, "    - ", "      ", f->message);
					/* the wording of this case, when it differs (e.g. the CSR path of the purpose) */
					if (pm && (!rule->product_message || strcmp(pm, rule->product_message)))
						fprintf(out, "      product says: \"%s\"\n", pm);
					print_where(out, m, f, c);
					print_related(out, f, c);
				}
				i = j;
			}
		}
		for (size_t i = 0; i < r->n_results; i++)
			if (r->results[i].result == CD_RESULT_FATAL)
				fprintf(out, "\n%sINTERNAL ERROR%s  %s could not complete (%s): its findings "
					"above may be incomplete\n", c ? C_BOLD : "", c ? C_RESET : "",
					r->results[i].rule->id, cd_strerror(r->results[i].error));
		cd_text_chains(out, &s->chains, m, c);
		cd_text_conns(out, m, c);
		fputc('\n', out);
	}
	fprintf(out, "summary: %zu error%s, %zu warning%s, %zu info; exit %d (%s%s)\n",
		sev[CD_SEV_ERROR], sev[CD_SEV_ERROR] == 1 ? "" : "s", sev[CD_SEV_WARNING],
		sev[CD_SEV_WARNING] == 1 ? "" : "s", sev[CD_SEV_INFO], st->exit_code,
		st->exit_reason ? "" : "--fail-on ", st->exit_reason ? st->exit_reason : st->fail_on);
}
