/* test_rule_faults.c - fault injection into the checks (issue 15, zlint's Fatal result): the
 * N-th allocation made while one check runs fails, for every N; the rule's result must then
 * be fatal, or exactly what it is without the fault (a failure the check recovers from), never
 * another pass, fail or not-applicable. malloc/calloc/realloc/strdup/strndup are wrapped by the
 * linker for this executable only (tests/meson.build: -Wl,--wrap=...), jansson allocates
 * through the same counter (json_set_alloc_funcs); both work under ASan, whose allocator the
 * __real_ functions reach. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "helpers.h"
#include "util/error.h"

/* ---- the allocation counter ---- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static int fault_armed;    /* counting only while the check under test runs */
static size_t fault_count; /* allocations since armed */
static size_t fault_at;    /* the one that fails (1-based); 0: none */

static int fault_now(void)
{
	return fault_armed && ++fault_count == fault_at;
}

void *__wrap_malloc(size_t n)
{
	return fault_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fault_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fault_now() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return fault_now() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
	return fault_now() ? NULL : __real_strndup(s, n);
}

static void *json_counted_malloc(size_t n)
{
	return fault_now() ? NULL : __real_malloc(n);
}

/* ---- one rule case, loaded once, its check re-run with a fault ---- */

static const struct cd_check *target;

static int run_armed(struct cd_check_ctx *ctx)
{
	int rc;
	fault_count = 0;
	fault_armed = 1;
	rc = target->run(ctx);
	fault_armed = 0;
	return rc;
}

/* testdata/rules as an absolute path: the sweep changes into each case directory in turn. */
static const char *rules_dir(void)
{
	static char dir[PATH_MAX];
	if (!dir[0])
		cr_assert_not_null(realpath(src_path("testdata/rules"), dir), "no testdata/rules");
	return dir;
}

/* A case's options, as tests/rule_case.c reads them: its args through the real `certdiag scan`
 * option parser, from inside the case directory. The strings live as long as this. */
struct case_opts {
	struct cd_cli cli;
	struct cd_scan_opts so;
	char *args_text;
	char **argv;
};

static void case_opts_read(struct case_opts *c, const char *rule, const char *cname, const char *dir)
{
	struct stat st;
	size_t argc = 0;
	char *save = NULL;
	memset(c, 0, sizeof(*c));
	cr_assert_eq(chdir(dir), 0, "%s/%s: no case directory", rule, cname);
	c->args_text = read_all("args", NULL);
	cr_assert_not_null(c->args_text, "%s/%s: no args", rule, cname);
	c->argv = calloc(strlen(c->args_text) + 3, sizeof(*c->argv));
	cr_assert_not_null(c->argv);
	c->argv[argc++] = "scan";
	for (char *l = strtok_r(c->args_text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
		c->argv[argc++] = l;
	if (stat("input", &st) == 0)
		c->argv[argc++] = "input";
	cr_assert_eq(cd_cli_parse(&c->cli, (int)argc, c->argv, CD_DOC_SCAN), 0,
		     "%s/%s: args rejected by the scan option parser", rule, cname);
	cd_cli_scan_opts(&c->cli, &c->so);
}

static void case_opts_release(struct case_opts *c)
{
	cd_cli_release(&c->cli);
	free(c->argv);
	free(c->args_text);
}

static const struct cd_rule_result *result_of(const struct cd_report *r, const char *rule)
{
	for (size_t i = 0; i < r->n_results; i++)
		if (!strcmp(r->results[i].rule->id, rule))
			return &r->results[i];
	return NULL;
}

/* Same result, same findings (messages, objects, place, evidence)? */
static int same_report(const struct cd_report *a, const struct cd_report *b, const char *rule)
{
	const struct cd_rule_result *ra = result_of(a, rule), *rb = result_of(b, rule);
	if (!ra || !rb || ra->result != rb->result || ra->applied != rb->applied ||
	    ra->fired != rb->fired || a->n_findings != b->n_findings)
		return 0;
	for (size_t i = 0; i < a->n_findings; i++) {
		const struct cd_finding *x = &a->findings[i], *y = &b->findings[i];
		if (strcmp(x->message, y->message) || x->n_objects != y->n_objects ||
		    (x->n_objects && memcmp(x->objects, y->objects, x->n_objects * sizeof(size_t))) ||
		    strcmp(x->path ? x->path : "", y->path ? y->path : "") ||
		    strcmp(x->rel ? x->rel : "", y->rel ? y->rel : "") || x->offset != y->offset ||
		    x->has_offset != y->has_offset || x->pem_block != y->pem_block ||
		    !json_equal(x->evidence, y->evidence))
			return 0;
	}
	return 1;
}

/* Log the first finding that differs (message and evidence, cut short). */
static void log_difference(const struct cd_report *a, const struct cd_report *b)
{
	for (size_t i = 0; i < a->n_findings && i < b->n_findings; i++) {
		const struct cd_finding *x = &a->findings[i], *y = &b->findings[i];
		char *ex, *ey;
		if (!strcmp(x->message, y->message) && json_equal(x->evidence, y->evidence))
			continue;
		ex = json_dumps(x->evidence, JSON_SORT_KEYS | JSON_COMPACT);
		ey = json_dumps(y->evidence, JSON_SORT_KEYS | JSON_COMPACT);
		cr_log_error("  unfaulted: %.300s | %.600s", x->message, ex ? ex : "?");
		cr_log_error("  faulted:   %.300s | %.600s", y->message, ey ? ey : "?");
		free(ex);
		free(ey);
		return;
	}
}

static const char *result_name(enum cd_result r)
{
	return r == CD_RESULT_NA ? "n/a" : r == CD_RESULT_PASS ? "pass" : r == CD_RESULT_FAIL ? "fail" : "fatal";
}

/* Most faults tried per case: every allocation up to FULL_UPTO, then evenly spread. */
#define FULL_UPTO 400
#define MAX_TRIES 800

/* Run rule's check over one case with every allocation failing in turn. Returns the number of
 * faults after which the result was neither fatal nor the unfaulted one (logged); *tried and
 * *fatal count the faults tried and the fatal results. */
static size_t sweep(const char *rule, const char *cname, size_t *tried, size_t *fatal)
{
	struct case_opts *c = calloc(1, sizeof(*c));
	char dir[4096], *err = NULL;
	struct cd_scan s;
	struct cd_eval_opts eval;
	struct cd_product_opts prod;
	struct cd_report base;
	const struct cd_check **table;
	const struct cd_rule_result *br;
	struct cd_check armed;
	size_t nc = 0, total, bad = 0;

	cr_assert_not_null(c);
	snprintf(dir, sizeof(dir), "%s/%s/%s", rules_dir(), rule, cname);
	case_opts_read(c, rule, cname, dir);
	c->so.eval.rules = rule;
	c->so.need_chains = 1;
	cr_assert_eq(cd_scan_run(&s, &c->so, &err), 0, "%s/%s: %s", rule, cname, err ? err : "");

	target = NULL;
	for (size_t i = 0; cd_checks[i]; i++)
		if (!strcmp(cd_checks[i]->id, rule))
			target = cd_checks[i];
	cr_assert_not_null(target, "%s has no check", rule);
	armed.id = target->id;
	armed.run = run_armed;
	table = calloc(s.cat.n + 1, sizeof(*table));
	cr_assert_not_null(table);
	for (size_t i = 0; cd_checks[i]; i++)
		table[nc++] = cd_checks[i] == target ? &armed : cd_checks[i];

	/* the evaluation options cd_scan_run gave the checks */
	eval = c->so.eval;
	prod = c->so.product;
	prod.profiles = &s.profiles;
	prod.upload = cd_scan_find_upload(&s.model, prod.upload_path);
	eval.product = &prod;

	fault_at = 0;
	cr_assert_eq(cd_engine_run_checks(&s.model, &s.chains, &s.cat, &eval, table, &base, &err), 0);
	total = fault_count;
	br = result_of(&base, rule);
	cr_assert_not_null(br);
	cr_assert_neq(br->result, CD_RESULT_FATAL, "%s/%s: fatal without a fault", rule, cname);
	cr_assert(same_report(&base, &s.report, rule), "%s/%s: a re-run differs from the scan", rule,
		  cname);

	for (size_t t = 0, n = 1; n <= total; t++) {
		struct cd_report r;
		const struct cd_rule_result *rr;
		fault_at = n;
		cr_assert_eq(cd_engine_run_checks(&s.model, &s.chains, &s.cat, &eval, table, &r, &err), 0);
		rr = result_of(&r, rule);
		cr_assert_not_null(rr);
		(*tried)++;
		if (rr->result == CD_RESULT_FATAL) {
			(*fatal)++;
			cr_expect_lt(rr->error, 0, "%s/%s: fatal without an error code", rule, cname);
		} else if (!same_report(&base, &r, rule)) {
			if (bad++ < 3)
				cr_log_error("%s/%s: allocation %zu of %zu failed, and the result is %s "
					     "(%zu finding(s)), not fatal and not the unfaulted %s (%zu)",
					     rule, cname, n, total, result_name(rr->result), rr->fired,
					     result_name(br->result), br->fired);
			if (bad == 1)
				log_difference(&base, &r);
		}
		cd_report_release(&r);
		n = n < FULL_UPTO || total <= MAX_TRIES
			    ? n + 1
			    : n + (total - FULL_UPTO) / (MAX_TRIES - FULL_UPTO) + 1;
	}
	fault_at = 0;
	cd_report_release(&base);
	free(table);
	cd_scan_release(&s);
	case_opts_release(c);
	free(c);
	return bad;
}

static void init_json_alloc(void)
{
	json_set_alloc_funcs(json_counted_malloc, free);
}

/* One case by name: every fault fatal or harmless, and at least one fatal. */
static void sweep_one(const char *rule, const char *cname)
{
	size_t tried = 0, fatal = 0, bad;
	init_json_alloc();
	bad = sweep(rule, cname, &tried, &fatal);
	cr_expect_gt(tried, 0, "%s/%s allocates nothing", rule, cname);
	cr_expect_gt(fatal, 0, "%s/%s: no fault gave a fatal result", rule, cname);
	cr_expect_eq(bad, 0, "%s/%s: %zu of %zu faults read as a normal result (see log)", rule,
		     cname, bad, tried);
}

/* cucm.key-too-large collected its units, allocated its seen-set, and returned CD_OK on either
 * failing: a fatal fault read as "not applicable". */
Test(rule_faults, cucm_key_too_large_is_fatal_when_an_allocation_fails)
{
	sweep_one("cucm.key-too-large", "fires-identity-8192");
	sweep_one("cucm.key-too-large", "fires-trust-8192");
}

Test(rule_faults, expressway_unit_rule_is_fatal_when_an_allocation_fails)
{
	sweep_one("expressway.ip-not-in-san", "fires-host-ip");
	sweep_one("expressway.key-too-large", "fires-rsa-8192");
}

Test(rule_faults, chain_rule_is_fatal_when_an_allocation_fails)
{
	sweep_one("chain.incomplete", "fires-missing-intermediate");
	sweep_one("chain.ambiguous-issuer", "fires-expired-and-renewed");
}

/* The other side of "incomplete": a name that is not UTF-8 (a legacy CA's T61String with
 * Latin-1 bytes) is no allocation failure. jansson refuses such a string, and a check that
 * put it in its evidence read as "could not complete (out of memory)", exit 2. */
Test(rule_faults, a_latin1_common_name_is_shown_escaped_not_a_fatal_result)
{
	const char *paths[] = {src_path("testdata/encodings/latin1-t61-cn")};
	struct cd_scan s;
	size_t found = 0;
	scan_paths(&s, paths, 1, "2026-06-01T00:00:00Z");
	cr_expect_eq(cd_report_n_fatal(&s.report), 0, "a name that is not UTF-8 read as a failure");
	for (size_t i = 0; i < s.report.n_findings; i++) {
		const struct cd_finding *f = &s.report.findings[i];
		if (strcmp(f->rule->id, "cert.cn-not-in-san"))
			continue;
		found++;
		cr_expect_str_eq(json_string_value(json_object_get(f->evidence, "cn")),
				 "R\\xe9ception Server");
	}
	cr_expect_eq(found, 1, "cert.cn-not-in-san judged the certificate");
	cd_scan_release(&s);
}

/* Every rule, every case. */
struct rule_param {
	char id[96];
};

static void free_params(struct criterion_test_params *crp)
{
	cr_free(crp->params);
}

ParameterizedTestParameters(rule_faults, every_check_is_fatal_or_unchanged_when_an_allocation_fails)
{
	size_t n, k = 0;
	char **names = list_dir(rules_dir(), &n);
	struct rule_param *p = cr_malloc((n ? n : 1) * sizeof(*p));
	for (size_t i = 0; i < n; i++)
		if (strchr(names[i], '.') && !strstr(names[i], ".md"))
			snprintf(p[k++].id, sizeof(p[0].id), "%s", names[i]);
	free_names(names, n);
	return cr_make_param_array(struct rule_param, p, k, free_params);
}

ParameterizedTest(struct rule_param *p, rule_faults,
		  every_check_is_fatal_or_unchanged_when_an_allocation_fails, .timeout = 300)
{
	char dir[4096];
	size_t n_cases, tried = 0, fatal = 0, bad = 0;
	char **cases;
	init_json_alloc();
	snprintf(dir, sizeof(dir), "%s/%s", rules_dir(), p->id);
	cases = list_dir(dir, &n_cases);
	cr_assert_gt(n_cases, 0, "%s: no cases", p->id);
	for (size_t k = 0; k < n_cases; k++) {
		char todo[4096];
		struct stat st;
		snprintf(todo, sizeof(todo), "%s/%s/TODO", dir, cases[k]);
		if (stat(todo, &st) == 0)
			continue; /* scaffolded, not filled in: its rule_cases test says so */
		bad += sweep(p->id, cases[k], &tried, &fatal);
	}
	free_names(cases, n_cases);
	cr_log_info("%s: %zu faults over %zu cases, %zu fatal", p->id, tried, n_cases, fatal);
	cr_expect_eq(bad, 0, "%s: %zu of %zu faults read as a normal result (see log)", p->id, bad,
		     tried);
}
