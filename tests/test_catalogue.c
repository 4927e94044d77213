/* test_catalogue.c - catalogue, check code, rule cases and docs stay in step. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "engine/engine.h"
#include "helpers.h"
#include "report/report.h"

/* The ids scripts depend on (issue 2): they must exist, with these severities. */
static const struct {
	const char *id, *severity;
} FIXED[] = {
	{"cert.expired", "error"},          {"cert.not-yet-valid", "error"},
	{"cert.expiring-soon", "warning"},  {"cert.weak-signature", "warning"},
	{"cert.weak-key", "warning"},       {"cert.cn-not-in-san", "warning"},
	{"cert.wildcard", "info"},          {"cert.duplicate", "info"},
	{"csr.bad-signature", "error"},     {"ingest.unparseable", "error"},
	{"ingest.unsupported", "info"},     {"ingest.private-key", "warning"},
	{"ingest.pkcs12-encrypted", "info"}, {"ingest.limit-reached", "warning"},
};

Test(catalogue, loads_and_every_rule_has_a_check_and_every_check_a_rule)
{
	struct cd_catalogue c;
	char *err = NULL;
	cr_assert_eq(cd_catalogue_load(&c, &err), 0, "%s", err ? err : "");
	cr_assert_eq(cd_engine_check_registry(&c, &err), 0, "%s", err ? err : "");
	cd_catalogue_release(&c);
}

Test(catalogue, fixed_ids_exist_with_their_severity)
{
	struct cd_catalogue c;
	char *err = NULL;
	cr_assert_eq(cd_catalogue_load(&c, &err), 0);
	for (size_t i = 0; i < sizeof(FIXED) / sizeof(FIXED[0]); i++) {
		const struct cd_rule *r = cd_catalogue_find(&c, FIXED[i].id);
		cr_assert_not_null(r, "missing rule %s", FIXED[i].id);
		cr_expect_str_eq(cd_severity_name(r->severity), FIXED[i].severity, "%s", FIXED[i].id);
	}
	cd_catalogue_release(&c);
}

Test(catalogue, every_rule_has_fires_passes_and_not_applicable_cases)
{
	struct cd_catalogue c;
	char *err = NULL;
	cr_assert_eq(cd_catalogue_load(&c, &err), 0);
	for (size_t i = 0; i < c.n; i++) {
		char dir[4096];
		size_t n;
		int f = 0, p = 0, na = 0;
		snprintf(dir, sizeof(dir), "%s/%s", src_path("testdata/rules"), c.rules[i].id);
		char **cases = list_dir(dir, &n);
		for (size_t k = 0; k < n; k++) {
			f += !strncmp(cases[k], "fires-", 6);
			p += !strncmp(cases[k], "passes-", 7);
			na += !strncmp(cases[k], "na-", 3);
		}
		cr_expect(f && p && na, "%s: fires %d, passes %d, not-applicable %d cases", c.rules[i].id, f, p,
			  na);
		free_names(cases, n);
	}
	cd_catalogue_release(&c);
}

Test(catalogue, rule_case_directories_name_existing_rules)
{
	struct cd_catalogue c;
	char *err = NULL;
	size_t n;
	char **dirs;
	cr_assert_eq(cd_catalogue_load(&c, &err), 0);
	dirs = list_dir(src_path("testdata/rules"), &n);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		char p[4096];
		snprintf(p, sizeof(p), "%s/%s", src_path("testdata/rules"), dirs[i]);
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			cr_expect_not_null(cd_catalogue_find(&c, dirs[i]), "testdata/rules/%s names no rule",
					   dirs[i]);
	}
	free_names(dirs, n);
	cd_catalogue_release(&c);
}

Test(catalogue, docs_rules_md_is_generated_from_the_catalogue)
{
	struct cd_catalogue c;
	char *err = NULL, *buf = NULL, *doc;
	size_t len = 0;
	FILE *f;
	cr_assert_eq(cd_catalogue_load(&c, &err), 0);
	f = open_memstream(&buf, &len);
	cd_rules_markdown(f, &c);
	fclose(f);
	doc = read_all(src_path("docs/rules.md"), NULL);
	cr_assert_not_null(doc, "docs/rules.md missing");
	cr_expect_str_eq(doc, buf,
			 "docs/rules.md is stale: regenerate with "
			 "'build/certdiag rules --format markdown > docs/rules.md'");
	free(doc);
	free(buf);
	cd_catalogue_release(&c);
}

Test(catalogue, rejects_an_entry_without_remediation)
{
	struct cd_rule r;
	char *err = NULL;
	const char *y = "id: x.y\nseverity: error\ntitle: t\nexplanation: e\nsource: s\n";
	cr_assert_lt(cd_catalogue_parse_one("x/y.yaml", y, strlen(y), &r, &err), 0);
	cr_assert_not_null(err);
	cr_expect(strstr(err, "missing") != NULL, "%s", err);
	free(err);
}

Test(catalogue, rejects_an_unknown_severity_and_unknown_keys)
{
	struct cd_rule r;
	char *err = NULL;
	const char *y = "id: x.y\nseverity: fatal\ntitle: t\nexplanation: e\nremediation: r\nsource: s\n";
	const char *z = "id: x.y\nseverity: info\nsevertiy: x\n";
	cr_assert_lt(cd_catalogue_parse_one("x/y.yaml", y, strlen(y), &r, &err), 0);
	free(err);
	cr_assert_lt(cd_catalogue_parse_one("x/y.yaml", z, strlen(z), &r, &err), 0);
	cr_expect(strstr(err, "unknown key") != NULL, "%s", err);
	free(err);
}

/* A check that cannot complete (zlint's Fatal): its rule's result is fatal, with the error, and
 * the findings it made before failing are kept - never a silent pass or not-applicable. */
static int run_failing(struct cd_check_ctx *ctx)
{
	struct cd_finding *f;
	cd_check_applied(ctx);
	f = cd_check_emit(ctx, "found before the failure");
	cr_assert_not_null(f);
	return CD_E_NOMEM;
}

static int run_quiet_failure(struct cd_check_ctx *ctx)
{
	(void)ctx;
	return CD_E_NOMEM; /* fails before applying to anything */
}

Test(catalogue, a_check_that_fails_gives_a_fatal_result_not_a_pass)
{
	struct cd_catalogue c;
	struct cd_model m;
	struct cd_chains ch;
	struct cd_report r;
	struct cd_eval_opts eval;
	struct cd_product_opts prod;
	char *err = NULL;
	size_t nc = 0;
	const struct cd_check **table;
	cr_assert_eq(cd_catalogue_load(&c, &err), 0);
	table = calloc(c.n + 1, sizeof(*table));
	cr_assert_not_null(table);
	/* every registered check, but cert.expired and cert.duplicate replaced by failing ones */
	for (size_t i = 0; cd_checks[i]; i++) {
		static const struct cd_check fail1 = {"cert.expired", run_failing};
		static const struct cd_check fail2 = {"cert.duplicate", run_quiet_failure};
		table[nc++] = !strcmp(cd_checks[i]->id, "cert.expired")     ? &fail1
			      : !strcmp(cd_checks[i]->id, "cert.duplicate") ? &fail2
									    : cd_checks[i];
	}
	memset(&eval, 0, sizeof(eval));
	cd_product_opts_init(&prod);
	eval.product = &prod;
	cd_model_init(&m);
	memset(&ch, 0, sizeof(ch));
	cr_assert_eq(cd_engine_run_checks(&m, &ch, &c, &eval, table, &r, &err), 0, "%s", err ? err : "");
	cr_expect_eq(cd_report_n_fatal(&r), 2);
	for (size_t i = 0; i < r.n_results; i++) {
		const struct cd_rule_result *res = &r.results[i];
		if (!strcmp(res->rule->id, "cert.expired")) {
			cr_expect_eq(res->result, CD_RESULT_FATAL);
			cr_expect_eq(res->error, CD_E_NOMEM);
			cr_expect_eq(res->fired, 1);
		} else if (!strcmp(res->rule->id, "cert.duplicate")) {
			cr_expect_eq(res->result, CD_RESULT_FATAL, "a failure before applying is not n/a");
		} else {
			cr_expect_neq(res->result, CD_RESULT_FATAL, "%s", res->rule->id);
		}
	}
	cr_expect_eq(r.n_findings, 1, "the finding made before the failure is kept");
	cd_report_release(&r);
	cd_model_release(&m);
	free(table);
	cd_catalogue_release(&c);
}
