/* test_correlate.c - a log finding names the certificate of the peer it is about and that
 * certificate's chain finding, and the chain finding points back; unrelated certificates are
 * not linked. Fixture: testdata/correlate (testdata/gen/correlate.sh). */
#include <criterion/criterion.h>
#include <string.h>
#include "helpers.h"

static const struct cd_finding *find(const struct cd_scan *s, const char *rule)
{
	for (size_t i = 0; i < s->report.n_findings; i++)
		if (!strcmp(s->report.findings[i].rule->id, rule))
			return &s->report.findings[i];
	return NULL;
}

Test(correlate, log_error_links_the_peer_certificate_and_its_chain_finding)
{
	struct cd_scan s;
	const char *p[] = {src_path("testdata/correlate/cucm-pub"), src_path("testdata/correlate/peers")};
	const struct cd_finding *log, *chain;
	json_t *rel, *back;
	scan_paths(&s, p, 2, "2026-06-01T00:00:00Z");
	log = find(&s, "log.untrusted-chain");
	chain = find(&s, "chain.incomplete");
	cr_assert(log && chain, "both findings expected");
	cr_assert_eq(log->n_objects, 1, "only the peer at 10.10.20.31 is named");
	cr_expect_str_eq(s.model.objects[log->objects[0]]->u.cert->subject.cn, "sip-gw.partner.example");
	cr_expect_eq(log->objects[0], chain->objects[0]);
	rel = json_object_get(log->evidence, "related_findings");
	/* the peer certificate's own findings: its chain, and (info) no revocation information */
	cr_assert(json_is_array(rel) && json_array_size(rel) == 2);
	cr_expect_str_eq(json_string_value(json_object_get(json_array_get(rel, 0), "rule")), "cert.no-revocation-info");
	cr_expect_str_eq(json_string_value(json_object_get(json_array_get(rel, 1), "rule")), "chain.incomplete");
	back = json_object_get(chain->evidence, "related_log_findings");
	cr_assert(json_is_array(back) && json_array_size(back) == 1);
	cr_expect_str_eq(json_string_value(json_object_get(json_array_get(back, 0), "rule")), "log.untrusted-chain");
	cd_scan_release(&s);
}

Test(correlate, without_the_certificate_the_log_finding_stands_alone)
{
	struct cd_scan s;
	const char *p[] = {src_path("testdata/correlate/cucm-pub")};
	const struct cd_finding *log;
	scan_paths(&s, p, 1, "2026-06-01T00:00:00Z");
	log = find(&s, "log.untrusted-chain");
	cr_assert_not_null(log);
	cr_expect_eq(log->n_objects, 0);
	cr_expect_null(json_object_get(log->evidence, "related_findings"));
	cd_scan_release(&s);
}
