/* test_logs.c - the log signatures (every sample line matches its own signature with the
 * expected captures, every PRODUCT-FACTS §4 line is recognised), benign lines, log detection,
 * timestamps, aggregation (count, first/last, examples), and --signatures. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "helpers.h"
#include "logs/logs.h"
#include "util/error.h"

static struct cd_logsig_set load_builtin(void)
{
	struct cd_logsig_set s;
	char *err = NULL;
	cr_assert_eq(cd_logsig_set_load(&s, NULL, 0, &err), CD_OK, "%s", err ? err : "");
	return s;
}

/* Scan one text buffer as a log named rel into m. */
static void scan_text(struct cd_model *m, const struct cd_logsig_set *s, const char *text,
		      const char *rel)
{
	struct cd_source src;
	memset(&src, 0, sizeof(src));
	src.path = (char *)rel;
	src.rel = (char *)rel;
	cr_assert_eq(cd_log_scan(m, s, (const uint8_t *)text, strlen(text), &src), CD_OK);
}

static const struct cd_log_record *record(const struct cd_model *m, const char *sig,
					  const char *key)
{
	for (size_t i = 0; i < m->n_logs; i++)
		if (!strcmp(m->logs[i].signature, sig) &&
		    (!key || !strcmp(m->logs[i].host, key) || !strcmp(m->logs[i].address, key) ||
		     !strcmp(m->logs[i].subject, key)))
			return &m->logs[i];
	return NULL;
}

static const char *field(const struct cd_log_record *r, const char *name)
{
	for (size_t i = 0; i < r->n_fields; i++)
		if (!strcmp(r->fields[i].name, name))
			return r->fields[i].value;
	return NULL;
}

Test(logs, every_signature_matches_its_sample_and_captures_exactly_the_expected_fields)
{
	struct cd_logsig_set s = load_builtin();
	cr_assert_gt(s.n, 40);
	for (size_t i = 0; i < s.n; i++) {
		const struct cd_logsig *g = &s.v[i];
		struct cd_log_capture caps[16];
		size_t n = 0;
		cr_assert_not_null(g->sample, "%s: no sample line", g->id);
		cr_assert_not_null(g->keyword, "%s: built-in signatures need a keyword", g->id);
		cr_assert_eq(cd_logsig_match(&s, g, g->sample, strlen(g->sample), caps, 16, &n), 1,
			     "%s: does not match its sample", g->id);
		cr_assert_eq(n * 2, g->n_expect, "%s: captured %zu fields, expected %zu", g->id, n,
			     g->n_expect / 2);
		for (size_t k = 0; k < g->n_expect; k += 2) {
			size_t j;
			for (j = 0; j < n && strcmp(caps[j].name, g->expect[k]); j++)
				;
			cr_assert_lt(j, n, "%s: no capture %s", g->id, g->expect[k]);
			cr_assert_str_eq(caps[j].value, g->expect[k + 1], "%s: capture %s", g->id,
					 g->expect[k]);
		}
	}
	cd_logsig_set_release(&s);
}

Test(logs, every_sample_line_is_won_by_its_own_signature)
{
	struct cd_logsig_set s = load_builtin();
	for (size_t i = 0; i < s.n; i++) {
		const struct cd_logsig *g = &s.v[i];
		struct cd_model m;
		cd_model_init(&m);
		scan_text(&m, &s, g->sample, "sample.log");
		if (g->benign) {
			cr_assert_eq(m.n_logs, 0, "%s: a benign line gave a record", g->id);
			cr_assert_eq(m.stats.log_benign, 1, "%s", g->id);
		} else {
			cr_assert_eq(m.n_logs, 1, "%s: %zu records", g->id, m.n_logs);
			cr_assert_str_eq(m.logs[0].signature, g->id, "sample of %s won by %s", g->id,
					 m.logs[0].signature);
			cr_assert_eq(m.logs[0].count, 1);
		}
		cd_model_release(&m);
	}
	cd_logsig_set_release(&s);
}

/* PRODUCT-FACTS §4, each line as documented (placeholders filled in) */
static const char *const FACTS[] = {
	"HandleSSLError - Certificate verification failed:(Verification error: 20 )- unable to get local issuer certificate for 10.1.1.1:5061",
	"SdlSSLTCPListener::verify_cb pre-verified=0,cert verification errno= 20 ,depth=0",
	"UC_CERT-0-CertExpired",
	"UC_CERT-1-CertValidLessthanADay",
	"UC_CERT-2-CertValidfor7days",
	"UC_CERT-4-CertValidLessThanMonth",
	"UC_CERT-0-CertificateRevoked",
	"UC_EXTENSIONMOBILITY-3-NodeNotTrusted",
	"UC_CALLMANAGER-3-ConnectionFailure",
	"UC_ILS-3-ILSTLSAuthenticationFailed",
	"UC_CAPF-0-CAPFCertificateKeyPairMismatch",
	"UC_DRF-3-DRFTruststoreMissing",
	"UC_XcpCM-2-XCPExternalDatabaseCertificateNotFound",
	"Event=\"Outbound TLS Negotiation Error\" Detail=\"Peer's TLS certificate identity was unacceptable\"",
	"Event=\"Inbound TLS Negotiation Error\" Detail=\"sslv3 alert certificate unknown\"",
	"Detail=\"self signed certificate in certificate chain\"",
	"traffic_server WARNING: Core server certificate verification failed for (cucm.example.com). Action=Terminate Error=certificate has expired server=cucm.example.com(10.1.1.1) depth=0",
	"WARNING: SNI ( cucm.example.com ) not in certificate . Action=Terminate",
	"TTSSL_continueHandshake: Failed to establish SSL connection",
	"Verification result : FAILURE reason : [CN_NO_MATCH UNKNOWN]",
	"Peer certificate cannot be authenticated with given CA certificates",
	"error:1416F086:SSL routines:tls_process_server_certificate:certificate verify failed",
	"%SIP-2-TLS_HANDSHAKE_FAILED: Reason: certificate verify failed",
	"PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target",
	"CertificateExpiredException: NotAfter: Tue Jun 30 00:00:00 UTC 2026",
	"unable to get local issuer certificate",
	"self signed certificate in certificate chain",
	"certificate has expired",
	"certificate is not yet valid",
	"unsuitable certificate purpose",
	"unable to get certificate CRL",
	/* matched loosely: case and spacing */
	"handlesslerror -  certificate verification failed : ( verification error : 10 ) - certificate has expired for cucm.example.com:5061",
	"uc_cert-0-certexpired",
	NULL,
};

Test(logs, every_product_facts_section_4_line_is_recognised)
{
	struct cd_logsig_set s = load_builtin();
	for (size_t i = 0; FACTS[i]; i++) {
		struct cd_model m;
		cd_model_init(&m);
		scan_text(&m, &s, FACTS[i], "x.log");
		cr_assert_eq(m.n_logs, 1, "not recognised: %s", FACTS[i]);
		cd_model_release(&m);
	}
	cd_logsig_set_release(&s);
}

Test(logs, verify_error_number_picks_the_rule_and_is_in_the_evidence)
{
	struct cd_logsig_set s = load_builtin();
	struct cd_model m;
	const struct cd_log_record *r;
	cd_model_init(&m);
	scan_text(&m, &s, FACTS[0], "x.log");
	scan_text(&m, &s, FACTS[31], "y.log");
	r = record(&m, "cucm.handle-ssl-error", "10.1.1.1");
	cr_assert_not_null(r);
	cr_assert_str_eq(r->rule, "log.untrusted-chain");
	cr_assert_str_eq(field(r, "verify_error"), "20");
	cr_assert_str_eq(field(r, "port"), "5061");
	cr_assert_str_eq(field(r, "verify_error_text"), "unable to get local issuer certificate");
	r = record(&m, "cucm.handle-ssl-error", "cucm.example.com");
	cr_assert_not_null(r);
	cr_assert_str_eq(r->rule, "log.expired");
	cd_model_release(&m);
	cd_logsig_set_release(&s);
}

Test(logs, benign_certmgmt_import_lines_are_never_errors)
{
	struct cd_scan sc;
	const char *p[] = {src_path("testdata/logs/cucm-collection/cucm-sub1/platform/log/certMgmt00002.log")};
	scan_paths(&sc, p, 1, "2026-06-01T00:00:00Z");
	cr_assert_eq(sc.model.stats.logs, 1);
	cr_assert_eq(sc.model.stats.log_benign, 1);
	cr_assert_eq(sc.model.n_logs, 0);
	cr_assert_eq(sc.report.n_findings, 0, "a benign log gave %zu findings", sc.report.n_findings);
	cd_scan_release(&sc);
}

Test(logs, benign_line_beside_a_real_failure_in_the_same_file)
{
	struct cd_scan sc;
	const char *p[] = {src_path("testdata/logs/cucm-collection/cucm-pub/platform/log/certMgmt00001.log")};
	scan_paths(&sc, p, 1, "2026-06-01T00:00:00Z");
	cr_assert_eq(sc.model.stats.log_benign, 3);
	cr_assert_eq(sc.model.n_logs, 1);
	cr_assert_str_eq(sc.model.logs[0].signature, "cucm.upload-ca-not-in-trust-store");
	cr_assert_eq(sc.model.logs[0].examples[0].line, 7);
	cr_assert_eq(count_rule(&sc, "log.untrusted-chain"), 1);
	cd_scan_release(&sc);
}

Test(logs, aggregation_counts_first_last_and_examples_are_exact)
{
	struct cd_scan sc;
	const struct cd_log_record *r;
	const char *p[] = {src_path("testdata/logs/cucm-collection")};
	scan_paths(&sc, p, 1, "2026-06-01T00:00:00Z");

	/* three failures of one peer in one SDL trace */
	r = record(&sc.model, "cucm.handle-ssl-error", "10.10.20.31");
	cr_assert_not_null(r);
	cr_assert_eq(r->count, 3);
	cr_assert_str_eq(r->first_seen, "10:15:02.123");
	cr_assert_str_eq(r->last_seen, "10:25:03.000");
	cr_assert_eq(r->n_examples, 3);
	cr_assert_eq(r->examples[0].line, 2);
	cr_assert_eq(r->examples[1].line, 5);
	cr_assert_eq(r->examples[2].line, 8);
	cr_assert_str_eq(r->examples[0].rel, "cucm-pub/cm/trace/ccm/sdl/SDL001_100_000123.txt");
	cr_assert(strstr(r->examples[0].text, "HandleSSLError - Certificate verification failed"));

	/* four failures of another peer across two nodes: one finding, three examples; SDL
	 * traces carry only the time of day, so first/last follow the order of reading */
	r = record(&sc.model, "cucm.handle-ssl-error", "10.10.20.32");
	cr_assert_not_null(r);
	cr_assert_str_eq(r->rule, "log.expired");
	cr_assert_eq(r->count, 4);
	cr_assert_eq(r->n_examples, 3);
	cr_assert_str_eq(r->first_seen, "10:30:00.000");
	cr_assert_str_eq(r->last_seen, "09:20:00.000");
	cr_assert_str_eq(r->examples[1].rel, "cucm-sub1/cm/trace/ccm/sdl/SDL002_100_000001.txt");
	cr_assert_eq(r->examples[2].line, 5);

	/* SDI trace, verify error 19: the chain ends in an untrusted root */
	r = record(&sc.model, "cucm.handle-ssl-error", "192.0.2.44");
	cr_assert_not_null(r);
	cr_assert_str_eq(r->rule, "log.untrusted-chain");
	cr_assert_str_eq(r->examples[0].rel, "cucm-sub1/cm/trace/ccm/sdi/ccm00000001.txt");
	cr_assert_eq(r->examples[0].line, 2);

	/* Java: the "Caused by" line takes the timestamp of the line it belongs to */
	r = record(&sc.model, "java.certificate-expired-exception", NULL);
	cr_assert_not_null(r);
	cr_assert_str_eq(r->first_seen, "04-May-2026 12:00:00.001");
	cr_assert_eq(r->examples[0].line, 11);
	r = record(&sc.model, "java.pkix-path-building-failed", NULL);
	cr_assert_eq(r->count, 3);
	cr_assert_str_eq(r->first_seen, "04-May-2026 11:05:31.870");
	cr_assert_str_eq(r->last_seen, "04-May-2026 11:35:31.870");
	cd_scan_release(&sc);
}

Test(logs, first_and_last_follow_dated_timestamps_not_file_order)
{
	struct cd_logsig_set s = load_builtin();
	struct cd_model m;
	cd_model_init(&m);
	scan_text(&m, &s,
		  "2026-05-04T12:00:00Z x: certificate has expired\n"
		  "2026-05-04T09:00:00+02:00 x: certificate has expired\n"
		  "2026-05-04T13:00:00Z x: certificate has expired\n"
		  "2026-05-04T10:00:00Z x: certificate has expired\n",
		  "a.log");
	cr_assert_eq(m.n_logs, 1);
	cr_assert_eq(m.logs[0].count, 4);
	cr_assert_str_eq(m.logs[0].first_seen, "2026-05-04T09:00:00+02:00");
	cr_assert_str_eq(m.logs[0].last_seen, "2026-05-04T13:00:00Z");
	cd_model_release(&m);
	cd_logsig_set_release(&s);
}

Test(logs, finding_evidence_carries_fields_and_examples)
{
	struct cd_scan sc;
	const char *p[] = {src_path("testdata/logs/expressway")};
	int seen = 0;
	scan_paths(&sc, p, 1, "2026-06-01T00:00:00Z");
	for (size_t i = 0; i < sc.report.n_findings; i++) {
		const struct cd_finding *f = &sc.report.findings[i];
		json_t *ev = f->evidence, *ex;
		if (strcmp(json_string_value(json_object_get(ev, "signature")),
			   "expressway.outbound-identity-unacceptable"))
			continue;
		seen++;
		cr_assert_str_eq(f->rule->id, "log.name-mismatch");
		cr_assert_eq(json_integer_value(json_object_get(ev, "count")), 2);
		cr_assert_str_eq(json_string_value(json_object_get(ev, "host")), "cucm-pub.example.com");
		cr_assert_str_eq(json_string_value(json_object_get(ev, "address")), "10.10.10.11");
		cr_assert_str_eq(json_string_value(json_object_get(json_object_get(ev, "fields"), "port")),
				 "5061");
		cr_assert_str_eq(json_string_value(json_object_get(ev, "first_seen")),
				 "2026-05-04T10:31:07.412+00:00");
		cr_assert_str_eq(json_string_value(json_object_get(ev, "last_seen")),
				 "2026-05-04T11:31:07.412+00:00");
		ex = json_object_get(ev, "examples");
		cr_assert_eq(json_array_size(ex), 2);
		cr_assert_eq(json_integer_value(json_object_get(json_array_get(ex, 1), "line")), 5);
		cr_assert(strstr(json_string_value(json_object_get(json_array_get(ex, 0), "file")),
				 "loggingsnapshot_expc_20260504.txt"));
	}
	cr_assert_eq(seen, 1);
	cd_scan_release(&sc);
}

Test(logs, logs_are_recognised_by_timestamps_paths_or_known_lines_and_other_text_is_not)
{
	struct cd_logsig_set s = load_builtin();
	const char *stamped = "2026-05-04 10:00:00,000 INFO started\n2026-05-04 10:00:01,000 INFO ok\n";
	const char *plain = "just a note\nabout the customer\n";
	const char *known = "curl: (60) Peer certificate cannot be authenticated with given CA certificates\n";
	const uint8_t bin[] = {0x00, 0x01, 0x02, 0xff, 0x00, 0x10, 0x20, 0x00};
	cr_assert(cd_log_looks_like(&s, (const uint8_t *)stamped, strlen(stamped), "x.txt"));
	cr_assert_not(cd_log_looks_like(&s, (const uint8_t *)plain, strlen(plain), "notes.txt"));
	cr_assert(cd_log_looks_like(&s, (const uint8_t *)plain, strlen(plain),
				    "node1/platform/log/certMgmt00001.log"));
	cr_assert(cd_log_looks_like(&s, (const uint8_t *)plain, strlen(plain),
				    "tomcat/logs/catalina.2026-05-04.log"));
	cr_assert(cd_log_looks_like(&s, (const uint8_t *)known, strlen(known), "out.txt"));
	cr_assert_not(cd_log_looks_like(&s, bin, sizeof(bin), "platform/log/certMgmt1.log"));
	{
		const char *dump = "Certificate:\n    Data:\n        Validity\n"
				   "            Not Before: May  4 10:00:00 2026 GMT\n"
				   "            Not After : May  4 10:00:00 2027 GMT\n";
		cr_assert_not(cd_log_looks_like(&s, (const uint8_t *)dump, strlen(dump), "c.txt"));
	}
	cd_logsig_set_release(&s);
}

Test(logs, a_log_is_no_longer_unsupported_but_a_note_still_is)
{
	struct cd_scan sc;
	const char *p[] = {src_path("testdata/logs")};
	scan_paths(&sc, p, 1, "2026-06-01T00:00:00Z");
	cr_assert_eq(count_rule(&sc, "ingest.unsupported"), 1);
	cr_assert_eq(sc.model.stats.logs, 15);
	cd_scan_release(&sc);
}

Test(logs, timestamps_of_each_documented_format)
{
	struct {
		const char *line, *text;
		cd_time_t t;
	} cases[] = {
		{"2026-05-04T10:31:07.412+00:00 expc tvcs: x", "2026-05-04T10:31:07.412+00:00", 1777890667},
		{"2026-05-04 10:15:02,114 INFO x", "2026-05-04 10:15:02,114", 1777889702},
		{"2026-05-04T12:00:00+02:00 x", "2026-05-04T12:00:00+02:00", 1777888800},
		{"04-May-2026 11:05:31.870 SEVERE x", "04-May-2026 11:05:31.870", 1777892731},
		{"May  4 10:00:00 cucm-pub local7", "May  4 10:00:00", CD_TIME_NONE},
		{"00412345.003 |10:15:02.123 |AppInfo  |x", "10:15:02.123", CD_TIME_NONE},
		{"[2026-05-04 10:15:02] x", "2026-05-04 10:15:02", 1777889702},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[64];
		cd_time_t t;
		cr_assert_eq(cd_log_timestamp(cases[i].line, strlen(cases[i].line), text, sizeof(text), &t),
			     1, "%s", cases[i].line);
		cr_assert_str_eq(text, cases[i].text);
		cr_assert_eq(t, cases[i].t, "%s: %lld", cases[i].line, (long long)t);
	}
	{
		char text[64];
		cd_time_t t;
		cr_assert_eq(cd_log_timestamp("at java.base/Foo.bar(Foo.java:12)", 33, text, sizeof(text), &t),
			     0);
	}
}

static const char CUSTOM[] =
	"- id: site.frobnicate\n"
	"  product: Example app\n"
	"  title: frobnication failed\n"
	"  rule: log.untrusted-chain\n"
	"  keyword: FROBNICATE\n"
	"  pattern: 'FROBNICATE\\s+failed\\s+for\\s+(?<host>\\S+)'\n"
	"  sample: FROBNICATE failed for a.example.com\n"
	"  expect: {host: a.example.com}\n";

static char *write_tmp(const char *name, const char *text)
{
	static char dir[] = "/tmp/certdiag-test-logs-XXXXXX";
	static int made;
	char *path = malloc(4096);
	FILE *f;
	if (!made)
		cr_assert_not_null(mkdtemp(dir));
	made = 1;
	snprintf(path, 4096, "%s/%s", dir, name);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

Test(logs, signatures_option_adds_a_signature_at_run_time)
{
	char *sig = write_tmp("custom.yaml", CUSTOM);
	char *log = write_tmp("app.log", "2026-05-04 10:00:00 FROBNICATE failed for a.example.com\n"
					 "2026-05-04 10:00:05 FROBNICATE failed for a.example.com\n");
	char *argv[] = {"certdiag", "scan", "--format", "json", "--signatures", sig, log, NULL};
	char *out = NULL, *err = NULL;
	int rc = run_binary(argv, &out, &err);
	json_t *j, *fs;
	int seen = 0;
	cr_assert_eq(rc, 1, "exit %d: %s", rc, err ? err : "");
	j = json_loads(out, 0, NULL);
	cr_assert_not_null(j);
	fs = json_object_get(j, "findings");
	for (size_t i = 0; i < json_array_size(fs); i++) {
		json_t *f = json_array_get(fs, i), *ev = json_object_get(f, "evidence");
		if (strcmp(json_string_value(json_object_get(f, "rule")), "log.untrusted-chain"))
			continue;
		seen++;
		cr_assert_str_eq(json_string_value(json_object_get(ev, "signature")), "site.frobnicate");
		cr_assert_eq(json_integer_value(json_object_get(ev, "count")), 2);
		cr_assert_str_eq(json_string_value(json_object_get(ev, "host")), "a.example.com");
	}
	cr_assert_eq(seen, 1);
	json_decref(j);
	free(out);
	free(err);
	/* without the option the line is unknown: the file is a log with nothing to report */
	{
		char *argv2[] = {"certdiag", "scan", "--format", "json", log, NULL};
		rc = run_binary(argv2, &out, &err);
		cr_assert_eq(rc, 0, "exit %d", rc);
		free(out);
		free(err);
	}
	unlink(sig);
	unlink(log);
	free(sig);
	free(log);
}

Test(logs, broken_signature_files_are_usage_errors_naming_the_problem)
{
	struct {
		const char *yaml, *want;
	} cases[] = {
		{"- id: a\n  product: p\n  title: t\n  rule: log.nope\n  pattern: x\n", "unknown rule"},
		{"- id: a\n  product: p\n  title: t\n  rule: log.expired\n  pattern: '(unclosed'\n", "pattern of \"a\""},
		{"- id: a\n  product: p\n  title: t\n  rule: log.expired\n", "needs id, product, title and pattern"},
		{"- id: a\n  product: p\n  title: t\n  rule: log.expired\n  pattern: x\n  colour: red\n", "unknown key"},
		{"- id: a\n  product: p\n  title: t\n  rule: log.expired\n  severity: info\n  pattern: x\n", "severity"},
		{"- id: cucm.verify-cb\n  product: p\n  title: t\n  rule: log.expired\n  pattern: x\n", "duplicate signature id"},
		{"id: a\n", "sequence"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *f = write_tmp("bad.yaml", cases[i].yaml);
		const char *extra[] = {f};
		struct cd_logsig_set s;
		char *err = NULL;
		cr_assert_lt(cd_logsig_set_load(&s, extra, 1, &err), 0, "case %zu accepted", i);
		cr_assert_not_null(err);
		cr_assert(strstr(err, cases[i].want), "case %zu: %s", i, err);
		cr_assert(strstr(err, "bad.yaml"), "case %zu: %s", i, err);
		free(err);
		unlink(f);
		free(f);
	}
}

Test(logs, a_signature_without_keyword_is_tried_on_every_line)
{
	static const char Y[] = "- id: x.nokw\n  product: p\n  title: t\n  rule: log.tls-failure\n"
				"  pattern: 'zz(?<host>q+)zz'\n";
	struct cd_logsig_set s;
	struct cd_model m;
	char *err = NULL;
	memset(&s, 0, sizeof(s));
	cr_assert_eq(cd_logsig_set_add_yaml(&s, "mem", Y, strlen(Y), &err), CD_OK);
	cr_assert_eq(cd_logsig_set_finish(&s, &err), CD_OK);
	cr_assert(s.has_every_line);
	cd_model_init(&m);
	scan_text(&m, &s, "a\nb zzqqqzz c\nzzqzz\r\nzzqzz", "t.log");
	cr_assert_eq(m.n_logs, 2);
	cr_assert_str_eq(m.logs[0].host, "qqq");
	cr_assert_eq(m.logs[1].count, 2);
	cr_assert_eq(m.logs[1].examples[1].line, 4);
	cd_model_release(&m);
	cd_logsig_set_release(&s);
}

Test(logs, docs_signatures_md_lists_every_built_in_signature)
{
	struct cd_logsig_set s = load_builtin();
	char *doc = read_all(src_path("docs/signatures.md"), NULL);
	cr_assert_not_null(doc);
	for (size_t i = 0; i < s.n; i++) {
		char want[300];
		snprintf(want, sizeof(want), "| `%s` |", s.v[i].id);
		cr_assert(strstr(doc, want),
			  "docs/signatures.md lacks %s: python3 scripts/signatures-doc.py > docs/signatures.md",
			  s.v[i].id);
	}
	free(doc);
	cd_logsig_set_release(&s);
}
