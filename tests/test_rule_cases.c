/* test_rule_cases.c - every case under testdata/rules/<id>/<case>/ gives exactly its expected
 * findings for that rule, and fires/passes/not-applicable as its name says
 * (docs/dev/conventions.md). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "helpers.h"
#include "util/buf.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Split text into sorted, non-empty lines. */
static char **lines(char *text, size_t *n)
{
	char **v = NULL;
	*n = 0;
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (!*l)
			continue;
		v = realloc(v, (*n + 1) * sizeof(*v));
		v[(*n)++] = l;
	}
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static int run_case(const char *rule, const char *cname, const char *dir)
{
	char path[4096], *args, *expected_text;
	struct cd_scan s;
	struct cd_scan_opts o;
	char *err = NULL;
	struct stat st;
	size_t n_args, n_exp, n_got = 0;
	char **argl, **exp;
	char **got = NULL;
	int ok = 1;
	static char host[256];
	static char product_names[16][256];
	static const char *domains[8], *pnames[8];
	size_t n_names = 0;
	static char trust_paths[8][4096];
	static struct cd_role_spec trust[8];
	size_t n_trust = 0;
	const char *all_paths[10];

	memset(&o, 0, sizeof(o));
	o.eval.expiry_warn = 30;
	o.eval.product.edge = -1;
	o.eval.product.upload = SIZE_MAX;
	snprintf(path, sizeof(path), "%s/args", dir);
	args = read_all(path, NULL);
	cr_assert_not_null(args, "%s/%s: no args file", rule, cname);
	argl = lines(args, &n_args); /* sorted: pairs are re-found by name below */
	{
		/* args are "--opt" then "value" lines; re-read in file order */
		char *raw = read_all(path, NULL);
		char *save = NULL, *opt = NULL;
		int have_at = 0;
		for (char *l = strtok_r(raw, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			if (!opt) {
				opt = l;
				continue;
			}
			if (!strcmp(opt, "--at")) {
				cr_assert_eq(cd_time_parse(l, &o.eval.at), 0, "%s/%s: bad --at", rule, cname);
				have_at = 1;
			} else if (!strcmp(opt, "--expiry-warn")) {
				o.eval.expiry_warn = (unsigned)atoi(l);
			} else if (!strcmp(opt, "--purpose")) {
				o.eval.purpose = !strcmp(l, "server")   ? CD_PURPOSE_SERVER
						 : !strcmp(l, "client") ? CD_PURPOSE_CLIENT
									: CD_PURPOSE_ANY;
			} else if (!strcmp(opt, "--host")) {
				snprintf(host, sizeof(host), "%s", l);
				o.eval.host = host;
			} else if (!strcmp(opt, "--product")) {
				char *colon = strchr(l, ':');
				memset(&o.eval.product.version, 0, sizeof(o.eval.product.version));
				if (colon) {
					*colon = 0;
					cr_assert_eq(cd_version_parse(colon + 1, &o.eval.product.version), 0,
						     "%s/%s: bad --product version", rule, cname);
				}
				snprintf(o.eval.product.product, sizeof(o.eval.product.product), "%s", l);
			} else if (!strcmp(opt, "--domain") || !strcmp(opt, "--profile-name")) {
				int dom = !strcmp(opt, "--domain");
				cr_assert_lt(n_names, 16, "%s/%s: too many names", rule, cname);
				snprintf(product_names[n_names], sizeof(product_names[0]), "%s", l);
				if (dom) {
					cr_assert_lt(o.eval.product.n_domains, 8);
					domains[o.eval.product.n_domains++] = product_names[n_names++];
				} else {
					cr_assert_lt(o.eval.product.n_profile_names, 8);
					pnames[o.eval.product.n_profile_names++] = product_names[n_names++];
				}
				o.eval.product.domains = domains;
				o.eval.product.profile_names = pnames;
			} else if (!strcmp(opt, "--edge")) {
				o.eval.product.edge = !strcmp(l, "yes") ? 1 : !strcmp(l, "no") ? 0 : -1;
			} else if (!strcmp(opt, "--role")) {
				/* ROLE=PATH, PATH relative to the case directory */
				char *eq = strchr(l, '=');
				char spec[128];
				cr_assert_not_null(eq, "%s/%s: --role wants ROLE=PATH", rule, cname);
				cr_assert_lt(n_trust, 8, "%s/%s: too many --trust/--role", rule, cname);
				snprintf(spec, sizeof(spec), "%.*s", (int)(eq - l), l);
				snprintf(trust_paths[n_trust], sizeof(trust_paths[0]), "%s/%s", dir, eq + 1);
				memset(&trust[n_trust], 0, sizeof(trust[0]));
				cr_assert_eq(cd_role_parse(test_role_tables(), spec, &trust[n_trust].role), 0,
					     "%s/%s: bad role %s", rule, cname, spec);
				trust[n_trust].path = trust_paths[n_trust];
				n_trust++;
			} else if (!strcmp(opt, "--trust")) {
				cr_assert_lt(n_trust, 8, "%s/%s: too many --trust", rule, cname);
				snprintf(trust_paths[n_trust], sizeof(trust_paths[0]), "%s/%s", dir, l);
				memset(&trust[n_trust], 0, sizeof(trust[0]));
				trust[n_trust].path = trust_paths[n_trust];
				trust[n_trust].role.kind = CD_ROLE_TRUST;
				trust[n_trust].role.origin = CD_ROLE_FROM_OPTION;
				snprintf(trust[n_trust].role.name, sizeof(trust[0].role.name), "--trust");
				n_trust++;
			} else {
				cr_assert_fail("%s/%s: unknown option %s in args", rule, cname, opt);
			}
			opt = NULL;
		}
		cr_assert(have_at, "%s/%s: args must pin --at", rule, cname);
		cr_assert_null(opt, "%s/%s: option without value", rule, cname);
		free(raw);
	}
	snprintf(path, sizeof(path), "%s/input", dir);
	o.ingest.roles = trust;
	o.ingest.n_roles = n_trust;
	o.paths = all_paths;
	if (stat(path, &st) == 0) {
		all_paths[o.n_paths++] = path;
	}
	/* --trust paths outside input/ are scanned too, as the CLI does */
	for (size_t t = 0; t < n_trust; t++)
		if (strncmp(trust_paths[t], path, strlen(path)) ||
		    (trust_paths[t][strlen(path)] != '/' && trust_paths[t][strlen(path)] != 0))
			all_paths[o.n_paths++] = trust_paths[t];
	cr_assert_eq(cd_scan_run(&s, &o, &err), 0, "%s/%s: %s", rule, cname, err ? err : "");

	for (size_t i = 0; i < s.report.n_findings; i++) {
		const struct cd_finding *f = &s.report.findings[i];
		struct cd_buf b;
		if (strcmp(f->rule->id, rule))
			continue;
		cd_buf_init(&b, 1 << 16);
		cd_buf_addf(&b, "%s\t%s\t", f->rule->id, cd_severity_name(f->rule->severity));
		if (!f->n_objects)
			cd_buf_adds(&b, "-");
		for (size_t k = 0; k < f->n_objects; k++)
			cd_buf_addf(&b, "%s%s", k ? "," : "", s.model.objects[f->objects[k]]->id);
		cd_buf_addf(&b, "\t%s", f->rel ? f->rel : "");
		got = realloc(got, (n_got + 1) * sizeof(*got));
		got[n_got++] = cd_buf_detach(&b);
	}
	if (n_got)
		qsort(got, n_got, sizeof(*got), cmp_str);

	snprintf(path, sizeof(path), "%s/expected", dir);
	expected_text = read_all(path, NULL);
	if (!expected_text)
		expected_text = strdup("");
	exp = lines(expected_text, &n_exp);

	if (n_exp != n_got)
		ok = 0;
	for (size_t i = 0; ok && i < n_exp; i++)
		if (strcmp(exp[i], got[i]))
			ok = 0;
	if (!ok) {
		cr_log_error("%s/%s: expected %zu finding(s), got %zu", rule, cname, n_exp, n_got);
		for (size_t i = 0; i < n_exp; i++)
			cr_log_error("  expected: %s", exp[i]);
		for (size_t i = 0; i < n_got; i++)
			cr_log_error("  got:      %s", got[i]);
	}
	/* fires / passes / not applicable, as the case name says */
	for (size_t i = 0; i < s.report.n_results; i++) {
		const struct cd_rule_result *r = &s.report.results[i];
		enum cd_result want;
		if (strcmp(r->rule->id, rule))
			continue;
		want = !strncmp(cname, "fires-", 6)    ? CD_RESULT_FAIL
		       : !strncmp(cname, "passes-", 7) ? CD_RESULT_PASS
						       : CD_RESULT_NA;
		if (r->result != want) {
			cr_log_error("%s/%s: rule result %d, want %d (applied %zu)", rule, cname, r->result,
				     want, r->applied);
			ok = 0;
		}
	}
	if (!strncmp(cname, "fires-", 6) && n_exp == 0) {
		cr_log_error("%s/%s: a fires- case needs expected findings", rule, cname);
		ok = 0;
	}
	for (size_t i = 0; i < n_got; i++)
		free(got[i]);
	free(got);
	free(exp);
	free(expected_text);
	free(argl);
	free(args);
	cd_scan_release(&s);
	return ok;
}

Test(rule_cases, every_case_gives_exactly_its_expected_findings)
{
	size_t n_rules, bad = 0, total = 0;
	char **rules = list_dir(src_path("testdata/rules"), &n_rules);
	cr_assert_not_null(rules);
	for (size_t i = 0; i < n_rules; i++) {
		char dir[4096];
		size_t n_cases;
		char **cases;
		if (!strchr(rules[i], '.'))
			continue; /* README.md etc. are files; rule dirs are ids */
		snprintf(dir, sizeof(dir), "%s/%s", src_path("testdata/rules"), rules[i]);
		cases = list_dir(dir, &n_cases);
		for (size_t k = 0; cases && k < n_cases; k++) {
			char cdir[4096];
			snprintf(cdir, sizeof(cdir), "%s/%s", dir, cases[k]);
			total++;
			if (!run_case(rules[i], cases[k], cdir))
				bad++;
		}
		free_names(cases, n_cases);
	}
	free_names(rules, n_rules);
	cr_expect_gt(total, 40, "only %zu cases found", total);
	cr_expect_eq(bad, 0, "%zu of %zu rule cases failed (see log)", bad, total);
}
