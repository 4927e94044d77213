/* rule_case.c - run one rule case, testdata/rules/<id>/<case>/ (docs/dev/conventions.md): its
 * args go through the real `certdiag scan` option parser from inside the case directory, and
 * the findings of that rule must be exactly its expected lines; the rule's result must be
 * fires / passes / not applicable as the case name says. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "helpers.h"
#include "rule_case.h"
#include "util/buf.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Split text into its non-empty lines, in place (text keeps owning them). */
static char **split_lines(char *text, size_t *n)
{
	char **v = NULL;
	*n = 0;
	for (char *l = text, *e; l && *l; l = e ? e + 1 : NULL) {
		e = strchr(l, '\n');
		if (e)
			*e = 0;
		if (!*l)
			continue;
		v = realloc(v, (*n + 1) * sizeof(*v));
		cr_assert_not_null(v);
		v[(*n)++] = l;
	}
	return v;
}

static const char *result_name(enum cd_result r)
{
	static const char *const names[] = {"not-applicable", "pass", "fail", "fatal"};
	return (unsigned)r < 4 ? names[r] : "?";
}

void cd_test_rule_case(const char *rule, const char *cname)
{
	char dir[4096], *args_text, *expected_text;
	char **args, **argv, **exp, **got = NULL;
	size_t n_args, n_exp, n_got = 0, argc = 0;
	struct cd_cli o;
	struct cd_scan_opts so;
	struct cd_scan s;
	struct stat st;
	char *err = NULL;
	int ok = 1, have_at = 0;
	enum cd_result want;

	snprintf(dir, sizeof(dir), "%s/%s", src_path("testdata/rules"), rule);
	snprintf(dir + strlen(dir), sizeof(dir) - strlen(dir), "/%s", cname);
	cr_assert_eq(chdir(dir), 0, "%s/%s: no case directory", rule, cname);
	cr_assert_neq(stat("TODO", &st), 0, "%s/%s: the case is not filled in yet (see its TODO file)",
		      rule, cname);
	args_text = read_all("args", NULL);
	cr_assert_not_null(args_text, "%s/%s: no args file", rule, cname);
	args = split_lines(args_text, &n_args);
	argv = calloc(n_args + 3, sizeof(*argv));
	cr_assert_not_null(argv);
	argv[argc++] = "scan";
	for (size_t i = 0; i < n_args; i++) {
		have_at |= !strcmp(args[i], "--at") || !strncmp(args[i], "--at=", 5);
		argv[argc++] = args[i];
	}
	cr_assert(have_at, "%s/%s: args must pin --at", rule, cname);
	if (stat("input", &st) == 0)
		argv[argc++] = "input";
	cr_assert_eq(cd_cli_parse(&o, (int)argc, argv, CD_DOC_SCAN), 0,
		     "%s/%s: args rejected by the scan option parser", rule, cname);
	cr_assert(!o.help, "%s/%s: --help in args", rule, cname);
	cd_cli_scan_opts(&o, &so);
	cr_assert_eq(cd_scan_run(&s, &so, &err), 0, "%s/%s: %s", rule, cname, err ? err : "");

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
		cr_assert_not_null(got);
		got[n_got++] = cd_buf_detach(&b);
	}
	if (n_got)
		qsort(got, n_got, sizeof(*got), cmp_str);
	expected_text = read_all("expected", NULL);
	if (!expected_text)
		expected_text = strdup("");
	exp = split_lines(expected_text, &n_exp);
	if (n_exp)
		qsort(exp, n_exp, sizeof(*exp), cmp_str);

	ok = n_exp == n_got;
	for (size_t i = 0; ok && i < n_exp; i++)
		ok = !strcmp(exp[i], got[i]);
	if (!ok) {
		cr_log_error("%s/%s: expected %zu finding(s), got %zu", rule, cname, n_exp, n_got);
		for (size_t i = 0; i < n_exp; i++)
			cr_log_error("  expected: %s", exp[i]);
		for (size_t i = 0; i < n_got; i++)
			cr_log_error("  got:      %s", got[i]);
	}
	want = !strncmp(cname, "fires-", 6)    ? CD_RESULT_FAIL
	       : !strncmp(cname, "passes-", 7) ? CD_RESULT_PASS
					       : CD_RESULT_NA;
	cr_expect(strncmp(cname, "fires-", 6) || n_exp, "%s/%s: a fires- case needs expected findings",
		  rule, cname);
	for (size_t i = 0; i < s.report.n_results; i++) {
		const struct cd_rule_result *r = &s.report.results[i];
		if (strcmp(r->rule->id, rule))
			continue;
		cr_expect_eq(r->result, want, "%s/%s: rule result %s, want %s (applied %zu)", rule, cname,
			     result_name(r->result), result_name(want), r->applied);
	}
	cr_expect(ok, "%s/%s: findings differ from expected (see above)", rule, cname);
	for (size_t i = 0; i < n_got; i++)
		free(got[i]);
	free(got);
	free(exp);
	free(expected_text);
	free(argv);
	free(args);
	free(args_text);
	cd_scan_release(&s);
	cd_cli_release(&o);
}
