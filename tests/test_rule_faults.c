/* test_rule_faults.c - a check that cannot complete is a fatal result, and only such a check
 * (issue 15, zlint's Fatal result). */
#include <criterion/criterion.h>
#include <string.h>
#include "helpers.h"
#include "util/error.h"

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
