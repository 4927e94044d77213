/* test_cli.c - the command line: exit codes, JSON fields scripts depend on, --output safety,
 * private keys never echoed. Runs the built binary. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "helpers.h"

#define AT "--at=2026-11-22T00:00:00Z"

Test(cli, demo_bundle_fails_on_errors_and_passes_with_fail_on_never)
{
	char *demo = strdup(src_path("testdata/demo"));
	char *a1[] = {"", "scan", AT, "--no-color", demo, NULL};
	char *a2[] = {"", "scan", AT, "--fail-on", "never", demo, NULL};
	char *out;
	cr_expect_eq(run_binary(a1, &out, NULL), 1);
	cr_expect(strstr(out, "ERRORS") && strstr(out, "cert.expired"), "%s", out);
	cr_expect(strstr(out, "\033[") == NULL, "colour on a pipe");
	free(out);
	cr_expect_eq(run_binary(a2, NULL, NULL), 0);
	free(demo);
}

Test(cli, fail_on_levels_change_the_exit_code)
{
	char *p = strdup(src_path("testdata/rules/cert.wildcard/fires-wildcard-san/input"));
	char *info[] = {"", "scan", "--at=2026-06-01T00:00:00Z", "--fail-on=info", p, NULL};
	char *err[] = {"", "scan", "--at=2026-06-01T00:00:00Z", "--fail-on=error", p, NULL};
	cr_expect_eq(run_binary(info, NULL, NULL), 1);
	cr_expect_eq(run_binary(err, NULL, NULL), 0);
	free(p);
}

Test(cli, json_has_the_fields_scripts_depend_on)
{
	char *demo = strdup(src_path("testdata/demo"));
	char *a[] = {"", "scan", AT, "--format", "json", demo, NULL};
	char *out;
	json_error_t e;
	json_t *j, *f, *o;
	size_t i;
	cr_assert_eq(run_binary(a, &out, NULL), 1);
	j = json_loads(out, 0, &e);
	cr_assert_not_null(j, "not JSON: %s", e.text);
	cr_expect_eq(json_integer_value(json_object_get(j, "version")), 1);
	cr_expect_str_eq(json_string_value(json_object_get(j, "evaluated_at")), "2026-11-22T00:00:00Z");
	f = json_object_get(j, "findings");
	cr_assert(json_is_array(f) && json_array_size(f) > 0);
	json_array_foreach(f, i, o) {
		const char *sev = json_string_value(json_object_get(o, "severity"));
		cr_expect(json_is_string(json_object_get(o, "rule")));
		cr_expect(sev && (!strcmp(sev, "error") || !strcmp(sev, "warning") || !strcmp(sev, "info")));
		cr_expect(json_is_string(json_object_get(o, "message")));
		cr_expect(json_is_array(json_object_get(o, "objects")));
		cr_expect(json_is_object(json_object_get(o, "evidence")));
	}
	f = json_object_get(j, "objects");
	cr_assert(json_is_array(f) && json_array_size(f) > 0);
	json_array_foreach(f, i, o) {
		const char *kind = json_string_value(json_object_get(o, "kind"));
		const char *sha = json_string_value(json_object_get(o, "sha256"));
		cr_expect(json_is_string(json_object_get(o, "id")));
		cr_expect(kind && strstr("certificate|csr|pkcs7|pkcs12|private-key|crl", kind));
		cr_expect(sha && strlen(sha) == 64 && strspn(sha, "0123456789abcdef") == 64);
		cr_expect(json_object_get(o, "subject") && json_object_get(o, "issuer") &&
			  json_object_get(o, "not_before") && json_object_get(o, "not_after") &&
			  json_is_array(json_object_get(o, "san")) && json_object_get(o, "role") &&
			  json_is_array(json_object_get(o, "sources")));
		if (!strcmp(kind, "certificate")) {
			const char *nb = json_string_value(json_object_get(o, "not_before"));
			cr_expect(nb && strlen(nb) == 20 && nb[10] == 'T' && nb[19] == 'Z', "RFC 3339: %s", nb);
		}
	}
	json_decref(j);
	free(out);
	free(demo);
}

Test(cli, private_keys_are_never_echoed)
{
	char *formats = strdup(src_path("testdata/formats"));
	char *k = read_all(src_path("testdata/formats/server1.key"), NULL);
	char *line = strchr(k, '\n') + 1, *end = strchr(line, '\n');
	char *a1[] = {"", "scan", AT, "--format=json", formats, NULL};
	char *a2[] = {"", "show", AT, formats, NULL};
	char *a3[] = {"", "show", AT, "--format=json", formats, NULL};
	char *out;
	*end = 0;
	cr_assert_gt(strlen(line), 40);
	run_binary(a1, &out, NULL);
	cr_expect(strstr(out, line) == NULL, "key material in scan JSON");
	free(out);
	run_binary(a2, &out, NULL);
	cr_expect(strstr(out, line) == NULL, "key material in show");
	cr_expect(strstr(out, "contents never shown") != NULL);
	free(out);
	run_binary(a3, &out, NULL);
	cr_expect(strstr(out, line) == NULL, "key material in show JSON");
	free(out);
	free(k);
	free(formats);
}

Test(cli, output_is_never_overwritten_without_force)
{
	char tmpl[] = "/tmp/certdiag-test-XXXXXX";
	int fd = mkstemp(tmpl);
	char *demo = strdup(src_path("testdata/demo"));
	char *a1[] = {"", "scan", AT, "-o", tmpl, demo, NULL};
	char *a2[] = {"", "scan", AT, "--force", "-o", tmpl, demo, NULL};
	char *err, *content;
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "keep", 4), 4);
	close(fd);
	cr_expect_eq(run_binary(a1, NULL, &err), 2);
	cr_expect(strstr(err, "refusing to overwrite") != NULL, "%s", err);
	free(err);
	content = read_all(tmpl, NULL);
	cr_expect_str_eq(content, "keep");
	free(content);
	cr_expect_eq(run_binary(a2, NULL, NULL), 1);
	content = read_all(tmpl, NULL);
	cr_expect(strstr(content, "summary:") != NULL);
	free(content);
	unlink(tmpl);
	free(demo);
}

Test(cli, usage_and_input_errors_exit_2)
{
	char *a1[] = {"", "scan", "--at", "tomorrow", ".", NULL};
	char *a2[] = {"", "scan", AT, "/nonexistent/certdiag", NULL};
	char *a3[] = {"", "frobnicate", NULL};
	char *a4[] = {"", "scan", "--fail-on", "sometimes", ".", NULL};
	char *a5[] = {"", "rules", "no.such-rule", NULL};
	char *a6[] = {"", "scan", "--role", "nonsense=x", NULL};
	cr_expect_eq(run_binary(a1, NULL, NULL), 2);
	cr_expect_eq(run_binary(a2, NULL, NULL), 2);
	cr_expect_eq(run_binary(a3, NULL, NULL), 2);
	cr_expect_eq(run_binary(a4, NULL, NULL), 2);
	cr_expect_eq(run_binary(a5, NULL, NULL), 2);
	cr_expect_eq(run_binary(a6, NULL, NULL), 2);
}

Test(cli, rules_lists_and_explains)
{
	char *a1[] = {"", "rules", NULL};
	char *a2[] = {"", "rules", "cert.expired", NULL};
	char *out;
	cr_expect_eq(run_binary(a1, &out, NULL), 0);
	cr_expect(strstr(out, "ingest.pkcs12-encrypted") != NULL);
	free(out);
	cr_expect_eq(run_binary(a2, &out, NULL), 0);
	cr_expect(strstr(out, "remediation:") && strstr(out, "RFC 5280"), "%s", out);
	free(out);
}

Test(cli, explicit_role_applies_to_a_loose_file)
{
	char *p = strdup(src_path("testdata/formats/leaf.cer"));
	char role[4200];
	char *out;
	snprintf(role, sizeof(role), "--role=tomcat@cucm-pub=%s", p);
	char *a[] = {"", "scan", AT, "--format=json", "--fail-on=never", role, NULL};
	cr_expect_eq(run_binary(a, &out, NULL), 0);
	cr_expect(strstr(out, "\"role\": \"identity:tomcat\"") != NULL, "%s", out);
	cr_expect(strstr(out, "\"node\": \"cucm-pub\"") != NULL);
	free(out);
	free(p);
}

/* --public-roots PATH is the role trust:public-roots (docs/roles.md), the reference of
 * expressway.private-ca-for-edge. */
Test(cli, public_roots_option_is_the_public_roots_store)
{
	char *c = strdup(src_path("testdata/rules/expressway.private-ca-for-edge/fires-private-root/input"));
	char pub[4200];
	char *out;
	json_t *j;
	snprintf(pub, sizeof(pub), "--public-roots=%s/public-roots", c);
	char *a[] = {"", "scan", AT, "--format=json", "--fail-on=never", "--edge",
		     "--rules=expressway.private-ca-for-edge", pub, c, NULL};
	char *b[] = {"", "scan", AT, "--format=json", "--fail-on=never", "--edge",
		     "--rules=expressway.private-ca-for-edge", c, NULL};
	cr_expect_eq(run_binary(a, &out, NULL), 0);
	cr_expect(strstr(out, "\"role\": \"trust:public-roots\"") != NULL, "%s", out);
	cr_expect(strstr(out, "\"rule\": \"expressway.private-ca-for-edge\"") != NULL, "%s", out);
	free(out);
	cr_expect_eq(run_binary(b, &out, NULL), 0);
	j = json_loads(out, 0, NULL);
	cr_assert_not_null(j);
	cr_expect_eq(json_array_size(json_object_get(j, "findings")), 0,
		     "no reference store: not applicable");
	json_decref(j);
	free(out);
	free(c);
}

/* The Expressway name and peer rules do not block a server upload: the product accepts it and
 * precheck reports the finding (testdata/precheck/cases/expressway-server-*). Verdict, severity
 * and exit code tell one story: a finding at error about the upload makes the verdict
 * accept-with-errors and the exit 1 (the upload would break a service); a warning leaves it
 * accept, exit 0. */
static int precheck_reports(const char *extra1, const char *extra2, const char *extra3,
			    const char *rule)
{
	char *cert = strdup(src_path("testdata/precheck/files/expressway/server.pem"));
	char *trust = strdup(src_path("testdata/precheck/files/expressway/trusted-ca-list.pem"));
	char *a[] = {"", "precheck", AT, "--format=json", "--product=expressway", "--purpose", "server",
		     "--cert", cert, "--trust", trust, (char *)extra1, (char *)extra2,
		     (char *)extra3, NULL};
	char *out;
	json_t *j, *f;
	size_t i;
	int found = 0, error = 0, code = run_binary(a, &out, NULL), ok;
	const char *verdict;
	j = json_loads(out, 0, NULL);
	json_array_foreach(json_object_get(j, "findings"), i, f)
		if (!strcmp(json_string_value(json_object_get(f, "rule")), rule)) {
			found = 1;
			error |= !strcmp(json_string_value(json_object_get(f, "severity")), "error");
		}
	verdict = json_string_value(json_object_get(json_object_get(j, "precheck"), "verdict"));
	ok = found && code == (error ? 1 : 0) && verdict &&
	     !strcmp(verdict, error ? "accept-with-errors" : "accept");
	if (!ok)
		cr_log_error("precheck %s %s %s: exit %d, verdict %s, %s %s", extra1, extra2, extra3 ? extra3 : "",
			     code, verdict ? verdict : "(none)", rule, found ? "reported" : "not reported");
	json_decref(j);
	free(out);
	free(cert);
	free(trust);
	return ok;
}

Test(cli, precheck_accepts_and_reports_the_expressway_name_and_peer_rules)
{
	char *pub = strdup(src_path("testdata/precheck/files/pki/Other_Root_CA.pem"));
	cr_expect(precheck_reports("--edge", "--domain=example.org", NULL, "expressway.mra-domain-san"));
	cr_expect(precheck_reports("--core", "--profile-name=secure-8865.example.com", NULL,
				   "expressway.profile-name-san"));
	cr_expect(precheck_reports("--edge", "--public-roots", pub, "expressway.private-ca-for-edge"));
	cr_expect(precheck_reports("--edge", "--host=192.0.2.30", NULL, "expressway.ip-not-in-san"));
	free(pub);
}

Test(cli, show_prints_fingerprints_and_validity)
{
	char *p = strdup(src_path("testdata/formats/chain.pem"));
	char *a[] = {"", "show", AT, p, NULL};
	char *out;
	cr_expect_eq(run_binary(a, &out, NULL), 0);
	cr_expect(strstr(out, "SHA-256:") && strstr(out, "Validity:") && strstr(out, "Found in:"), "%s", out);
	free(out);
	free(p);
}

/* show says where inside a file a certificate was: a capture's frame and flow, a keystore's
 * entry (it said "offset 0" for every certificate of a capture) */
Test(cli, show_names_the_frame_or_entry_a_certificate_came_from)
{
	static const char *const want[][2] = {
		{"testdata/captures/tls12.pcap", ", offset 0 (frame "},
		{"testdata/keystores/server.jks", "(server.jks, entry 2 \"exampleca\", trusted certificate)"},
	};
	for (size_t i = 0; i < 2; i++) {
		char *p = strdup(src_path(want[i][0]));
		char *a[] = {"", "show", AT, p, NULL};
		char *out = NULL;
		cr_expect_geq(run_binary(a, &out, NULL), 0);
		cr_expect(strstr(out, want[i][1]), "%s: no '%s' in\n%s", want[i][0], want[i][1], out);
		free(out);
		free(p);
	}
}

/* Every field the schema calls required is present, at every level: keeps
 * docs/report.schema.json and the JSON writer in step. */
static void expect_required(json_t *schema_obj, json_t *value, const char *where)
{
	json_t *req = json_object_get(schema_obj, "required");
	size_t i;
	json_t *k;
	cr_assert(json_is_array(req), "%s: schema has no required list", where);
	json_array_foreach(req, i, k) {
		const char *key = json_string_value(k);
		cr_expect(json_object_get(value, key) != NULL, "%s: missing \"%s\"", where, key);
	}
}

Test(cli, json_report_has_every_field_the_schema_requires)
{
	char *formats = strdup(src_path("testdata/formats"));
	char *a[] = {"", "scan", AT, "--format=json", formats, NULL};
	char *out;
	json_error_t e;
	json_t *schema = json_load_file(src_path("docs/report.schema.json"), 0, &e);
	json_t *j, *defs, *v;
	size_t i;
	cr_assert_not_null(schema, "schema: %s", e.text);
	run_binary(a, &out, NULL);
	j = json_loads(out, 0, &e);
	cr_assert_not_null(j);
	defs = json_object_get(schema, "$defs");
	expect_required(schema, j, "report");
	expect_required(json_object_get(json_object_get(schema, "properties"), "summary"),
			json_object_get(j, "summary"), "summary");
	json_array_foreach(json_object_get(j, "findings"), i, v)
		expect_required(json_object_get(defs, "finding"), v, "finding");
	json_array_foreach(json_object_get(j, "objects"), i, v) {
		size_t s;
		json_t *src;
		expect_required(json_object_get(defs, "object"), v, "object");
		json_array_foreach(json_object_get(v, "sources"), s, src)
			expect_required(json_object_get(defs, "source"), src, "source");
	}
	cr_expect_gt(json_array_size(json_object_get(j, "objects")), 20);
	json_decref(j);
	json_decref(schema);
	free(out);
	free(formats);
}

/* certdiag verify: exit 0 with a valid path, 1 without, 2 on input errors; --untrusted
 * supplies intermediates; --host and --purpose take part in the verdict. */
Test(cli, verify_exit_codes_follow_the_verdict)
{
	char *leaf = strdup(src_path("testdata/rules/chain.incomplete/passes-full-chain/input/server.pem"));
	char *inter = strdup(src_path("testdata/rules/chain.incomplete/passes-full-chain/input/intermediate.pem"));
	char *root = strdup(src_path("testdata/rules/chain.incomplete/passes-full-chain/input/root-ca.pem"));
	char *ok[] = {"", "verify", "--at=2026-06-01T00:00:00Z", "--trust", root, "--untrusted", inter, leaf, NULL};
	char *missing[] = {"", "verify", "--at=2026-06-01T00:00:00Z", "--trust", root, leaf, NULL};
	char *host_ok[] = {"", "verify", "--at=2026-06-01T00:00:00Z", "--host", "www.example.com", "--trust", root,
			   "--untrusted", inter, leaf, NULL};
	char *host_bad[] = {"", "verify", "--at=2026-06-01T00:00:00Z", "--host", "other.example.com", "--trust", root,
			    "--untrusted", inter, leaf, NULL};
	char *expired[] = {"", "verify", "--at=2040-06-01T00:00:00Z", "--trust", root, "--untrusted", inter, leaf, NULL};
	char *noleaf[] = {"", "verify", "--trust", root, "/nonexistent/leaf.pem", NULL};
	char *two[] = {"", "verify", leaf, root, NULL};
	char *json[] = {"", "verify", "--at=2026-06-01T00:00:00Z", "--format=json", "--trust", root, leaf, NULL};
	char *out;
	cr_expect_eq(run_binary(ok, &out, NULL), 0);
	cr_expect(strstr(out, "OK") && strstr(out, "[trust anchor]"), "%s", out);
	free(out);
	cr_expect_eq(run_binary(missing, &out, NULL), 1);
	cr_expect(strstr(out, "missing: CN=Example Issuing CA") != NULL, "%s", out);
	free(out);
	cr_expect_eq(run_binary(host_ok, NULL, NULL), 0);
	cr_expect_eq(run_binary(host_bad, NULL, NULL), 1);
	cr_expect_eq(run_binary(expired, NULL, NULL), 1);
	cr_expect_eq(run_binary(noleaf, NULL, NULL), 2);
	cr_expect_eq(run_binary(two, NULL, NULL), 2);
	cr_expect_eq(run_binary(json, &out, NULL), 1);
	cr_expect(strstr(out, "\"verdict\": \"invalid\"") && strstr(out, "\"problem\": \"incomplete\""), "%s", out);
	free(out);
	free(leaf);
	free(inter);
	free(root);
}

Test(cli, scan_json_has_chains_and_dot_draws_the_graph)
{
	char *dir = strdup(src_path("testdata/rules/chain.incomplete/passes-full-chain/input"));
	char *a1[] = {"", "scan", "--at=2026-06-01T00:00:00Z", "--format=json", dir, NULL};
	char *a2[] = {"", "scan", "--at=2026-06-01T00:00:00Z", "--format=dot", dir, NULL};
	char *out;
	json_error_t e;
	json_t *j, *ch;
	run_binary(a1, &out, NULL);
	j = json_loads(out, 0, &e);
	cr_assert_not_null(j);
	ch = json_object_get(j, "chains");
	cr_assert(json_is_array(ch) && json_array_size(ch) == 1);
	cr_expect_str_eq(json_string_value(json_object_get(json_array_get(ch, 0), "verdict")), "valid");
	cr_expect_eq(json_array_size(json_object_get(json_array_get(ch, 0), "path")), 3);
	json_decref(j);
	free(out);
	cr_expect_eq(run_binary(a2, &out, NULL), 0);
	cr_expect(!strncmp(out, "digraph certificates {", 22) && strstr(out, " -> "), "%s", out);
	free(out);
	free(dir);
}

/* DOT: a label's two lines are separated by the \n escape (not run together), and an issuer
 * the input lacks is a dashed node naming its subject, linked from the top certificate. */
Test(cli, dot_escapes_label_newlines_and_draws_a_missing_issuer_dashed)
{
	char *dir = strdup(src_path("testdata/rules/chain.incomplete/fires-missing-intermediate/input"));
	char *a[] = {"", "scan", "--at=2026-06-01T00:00:00Z", "--format=dot", dir, NULL};
	char *out = NULL;
	const char *label, *missing;
	run_binary(a, &out, NULL);
	cr_assert_not_null(out);
	label = strstr(out, "label=\"");
	cr_assert_not_null(label, "%s", out);
	/* "<CN>\\n<id>": the escape, then the id, on one line of the file */
	cr_expect(strstr(label, "\\ncert-") != NULL, "label lines run together:\n%s", out);
	missing = strstr(out, "\"missing-1\" [label=\"missing issuer\\n");
	cr_expect(missing != NULL, "no missing-issuer node:\n%s", out);
	cr_expect(missing && strstr(missing, "style=dashed"), "missing issuer not dashed:\n%s", out);
	cr_expect(strstr(out, "-> \"missing-1\" [style=dashed") != NULL, "no edge to the missing issuer:\n%s", out);
	free(out);
	free(dir);
}

Test(cli, rules_and_skip_rules_select_what_runs)
{
	char *demo = strdup(src_path("testdata/demo"));
	char *only[] = {"", "scan", AT, "--format=json", "--rules=cert.expired,ingest.*", demo, NULL};
	char *skip[] = {"", "scan", AT, "--format=json", "--skip-rules=cert.*,chain.*", demo, NULL};
	char *out;
	json_t *j, *r;
	size_t i;
	cr_expect_eq(run_binary(only, &out, NULL), 1);
	j = json_loads(out, 0, NULL);
	cr_assert_not_null(j);
	json_array_foreach(json_object_get(j, "rule_results"), i, r) {
		const char *id = json_string_value(json_object_get(r, "rule"));
		cr_expect(!strcmp(id, "cert.expired") || !strncmp(id, "ingest.", 7), "%s ran", id);
	}
	cr_expect_eq(json_array_size(json_object_get(j, "chains")), 0, "no chain rule: no chains built");
	json_decref(j);
	free(out);
	cr_expect_eq(run_binary(skip, &out, NULL), 1);
	j = json_loads(out, 0, NULL);
	json_array_foreach(json_object_get(j, "findings"), i, r) {
		const char *id = json_string_value(json_object_get(r, "rule"));
		cr_expect(strncmp(id, "cert.", 5) && strncmp(id, "chain.", 6), "%s reported", id);
	}
	json_decref(j);
	free(out);
	free(demo);
}

/* precheck and compare JSON: the members the schema requires, at every level. */
Test(cli, precheck_and_compare_json_have_every_field_the_schema_requires)
{
	char *cert = strdup(src_path("testdata/precheck/files/cucm-pub/tomcat.pem"));
	char *csr = strdup(src_path("testdata/precheck/files/cucm-pub/tomcat.csr"));
	char *old = strdup(src_path("testdata/precheck/files/expressway/server.pem"));
	char *nw = strdup(src_path("testdata/precheck/files/expressway/renewed-dropped-collab-edge.pem"));
	char *pc[] = {"", "precheck", AT, "--format=json", "--product", "cucm:12.5(1)SU6", "--purpose", "tomcat",
		      "--cert", cert, "--csr", csr, NULL};
	char *cmp[] = {"", "compare", AT, "--format=json", old, nw, NULL};
	char *out;
	json_error_t e;
	json_t *schema = json_load_file(src_path("docs/report.schema.json"), 0, &e);
	json_t *props, *j, *v;
	size_t i;
	cr_assert_not_null(schema, "schema: %s", e.text);
	props = json_object_get(schema, "properties");
	run_binary(pc, &out, NULL);
	j = json_loads(out, 0, &e);
	cr_assert_not_null(j, "%s", out);
	expect_required(schema, j, "precheck report");
	expect_required(json_object_get(props, "precheck"), json_object_get(j, "precheck"), "precheck");
	json_array_foreach(json_object_get(json_object_get(j, "precheck"), "steps"), i, v)
		expect_required(json_object_get(json_object_get(json_object_get(json_object_get(props, "precheck"),
										 "properties"),
							 "steps"),
						 "items"),
				v, "step");
	json_decref(j);
	free(out);
	run_binary(cmp, &out, NULL);
	j = json_loads(out, 0, &e);
	cr_assert_not_null(j, "%s", out);
	expect_required(json_object_get(props, "compare"), json_object_get(j, "compare"), "compare");
	cr_expect_eq(json_array_size(json_object_get(json_object_get(j, "compare"), "changes")), 8);
	json_decref(j);
	json_decref(schema);
	free(out);
	free(cert);
	free(csr);
	free(old);
	free(nw);
}
