/* test_report.c - the writers, per format and command: the text report puts each finding's
 * decisive evidence under it (SAN added/removed, key fingerprints and who holds the key, the
 * missing issuer with its key id, log lines with file:line and Expressway's Detail, cipher
 * suites by name), --brief is one line per finding, long lists stop at "and N more", the
 * inventory, precheck prints the blocking finding once; unknown formats are usage errors. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"

#define AT "--at=2026-06-01T00:00:00Z"

static char *run(char **argv, int *code)
{
	char *out = NULL;
	int c = run_binary(argv, &out, NULL);
	if (code)
		*code = c;
	cr_assert_not_null(out);
	return out;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

Test(report, text_shows_the_san_diff_and_both_keys_under_the_finding)
{
	char *demo = strdup(src_path("testdata/demo"));
	char *a[] = {"", "scan", AT, demo, NULL};
	char *out = run(a, NULL);
	const char *san = strstr(out, "differ from its CSR's");
	const char *key = strstr(out, "is not the key of the pending tomcat CSR");
	cr_assert_not_null(san, "%s", out);
	/* the entries the CA added, on the lines right under the message */
	cr_expect(strstr(san, "      added: DNS:cucm-pub.corp.example.com") &&
		  strstr(san, "      added: ") < strstr(san, "where:"), "%s", san);
	cr_assert_not_null(key);
	cr_expect(strstr(key, "certificate key SHA-256: ") && strstr(key, "pending CSR: csr csr-") &&
		  strstr(key, "key SHA-256 ") && strstr(key, "holds the certificate's key: no CSR or certificate in the input"),
		  "%.1200s", key);
	free(out);
	free(demo);
}

Test(report, text_names_the_missing_issuer_and_its_key_id)
{
	char *dir = strdup(src_path("testdata/rules/chain.incomplete/fires-missing-intermediate/input"));
	char *a[] = {"", "scan", AT, dir, NULL};
	char *out = run(a, NULL);
	cr_expect(strstr(out, "      missing issuer: CN=Example Issuing CA,O=Example Corp (key id ") != NULL, "%s", out);
	free(out);
	free(dir);
}

Test(report, text_gives_log_lines_with_file_and_line_and_the_expressway_detail)
{
	char *dir = strdup(src_path("testdata/logs/expressway"));
	char *a[] = {"", "scan", AT, dir, NULL};
	char *out = run(a, NULL);
	cr_expect(strstr(out, "      Detail: Peer's TLS certificate identity was unacceptable\n") != NULL, "%s", out);
	cr_expect(strstr(out, "      log: ") && strstr(out, "loggingsnapshot_expc_20260504.txt:2: "),
		  "no file:line example:\n%s", out);
	free(out);
	free(dir);
}

Test(report, connections_name_their_cipher_suite)
{
	char *cap = strdup(src_path("testdata/captures/tls12.pcap"));
	char *a[] = {"", "scan", AT, cap, NULL};
	char *j[] = {"", "scan", AT, "--format=json", cap, NULL};
	char *out = run(a, NULL);
	json_t *doc;
	const char *name;
	cr_expect(strstr(out, "; cipher TLS_") && strstr(out, "_WITH_") && strstr(out, " (0x"), "%s", out);
	free(out);
	out = run(j, NULL);
	doc = json_loads(out, 0, NULL);
	cr_assert_not_null(doc);
	name = json_string_value(json_object_get(json_array_get(json_object_get(doc, "connections"), 0), "cipher_name"));
	cr_expect(name && !strncmp(name, "TLS_", 4), "cipher_name %s", name ? name : "(null)");
	json_decref(doc);
	free(out);
	free(cap);
}

/* testdata/logs has 12 log.untrusted-chain findings: text shows 10 and says where the rest are;
 * --brief prints one line per finding, no why or fix */
Test(report, long_lists_are_capped_and_brief_is_one_line_per_finding)
{
	char *dir = strdup(src_path("testdata/logs"));
	char *a[] = {"", "scan", AT, dir, NULL};
	char *b[] = {"", "scan", AT, "--brief", dir, NULL};
	char *j[] = {"", "scan", AT, "--format=json", dir, NULL};
	char *out = run(a, NULL), *brief, *jo = run(j, NULL);
	json_t *doc = json_loads(jo, 0, NULL);
	size_t n = 0, i;
	json_t *f;
	cr_assert_not_null(doc);
	json_array_foreach(json_object_get(doc, "findings"), i, f)
		n += !strcmp(json_string_value(json_object_get(f, "rule")), "log.untrusted-chain");
	cr_assert_eq(n, 12, "fixture changed: %zu log.untrusted-chain findings", n);
	cr_expect(strstr(out, "    - and 2 more log.untrusted-chain findings: see --format json\n") != NULL, "%s", out);
	brief = run(b, NULL);
	cr_expect(!strstr(brief, "why:") && !strstr(brief, "fix:") && !strstr(brief, "where:"), "%s", brief);
	cr_expect_eq(count(brief, "\n  log.untrusted-chain "), 10, "%s", brief);
	cr_expect(strstr(brief, "  log.untrusted-chain: and 2 more: see --format json\n") != NULL, "%s", brief);
	json_decref(doc);
	free(out);
	free(brief);
	free(jo);
	free(dir);
}

Test(report, inventory_lists_every_certificate_with_its_chain_status)
{
	char *demo = strdup(src_path("testdata/demo"));
	char *a[] = {"", "scan", AT, "--inventory", demo, NULL};
	char *j[] = {"", "scan", AT, "--format=json", demo, NULL};
	char *out = run(a, NULL), *jo = run(j, NULL);
	json_t *doc = json_loads(jo, 0, NULL), *row;
	size_t i;
	cr_assert_not_null(doc);
	cr_expect(strstr(out, "\nINVENTORY (") != NULL, "%s", out);
	cr_expect_gt(json_array_size(json_object_get(doc, "inventory")), 8);
	json_array_foreach(json_object_get(doc, "inventory"), i, row) {
		const char *id = json_string_value(json_object_get(row, "certificate"));
		const char *st = json_string_value(json_object_get(row, "chain_detail"));
		cr_expect(id && strstr(out, id), "inventory row %s not in the text", id);
		cr_expect(st && strstr(out, st), "chain status '%s' not in the text", st);
		/* a trust-store row names its own store (the same CA sits in several stores) */
		if (!strcmp(json_string_value(json_object_get(row, "chain_status")), "anchor")) {
			const char *role = json_string_value(json_object_get(row, "role"));
			cr_expect(role && !strncmp(role, "trust:", 6) && strstr(st, role + 6), "row %s: %s", role, st);
		}
	}
	/* the tomcat identity on cucm-pub has its chain checked */
	cr_expect(strstr(out, "valid, anchored by tomcat-trust on cucm-pub") != NULL, "%s", out);
	json_decref(doc);
	free(out);
	free(jo);
	free(demo);
}

/* precheck: the verdict, the steps and the findings, each finding once (the blocking one under
 * the verdict, not again in the report below) */
Test(report, precheck_prints_the_blocking_finding_once)
{
	char *cert = strdup(src_path("testdata/precheck/files/cucm-pub/tomcat.pem"));
	char *trust = strdup(src_path("testdata/precheck/files/cucm-pub/tomcat-trust"));
	char *a[] = {"", "precheck", AT, "--product=cucm", "--purpose=tomcat", "--cert", cert, "--trust", trust, NULL};
	int code;
	char *out = run(a, &code);
	const char *msg = "has no pending tomcat CSR";
	cr_expect_eq(code, 1);
	cr_expect(strstr(out, "verdict: REJECT") != NULL, "%s", out);
	cr_expect_eq(count(out, msg), 1, "the blocking finding is printed %zu times:\n%s", count(out, msg), out);
	cr_expect_eq(count(out, "certdiag 0.1.0 - evaluated at"), 1, "%s", out);
	free(out);
	free(cert);
	free(trust);
}

Test(report, formats_are_looked_up_per_command)
{
	char *demo = strdup(src_path("testdata/demo"));
	char *bad[] = {"", "scan", AT, "--format=yaml", demo, NULL};
	char *dot_show[] = {"", "show", "--format=dot", demo, NULL};
	char *sarif_compare[] = {"", "compare", "--format=sarif", demo, demo, NULL};
	char *err = NULL, *out = NULL;
	cr_expect_eq(run_binary(bad, &out, &err), 2);
	cr_expect(err && strstr(err, "unknown format 'yaml' (text|json|sarif|html|dot)"), "%s", err);
	free(out);
	free(err);
	cr_expect_eq(run_binary(dot_show, NULL, NULL), 2);
	cr_expect_eq(run_binary(sarif_compare, NULL, NULL), 2);
	free(demo);
}
