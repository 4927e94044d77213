/* test_precheck.c - every case under testdata/precheck/cases/ (made by testdata/gen/precheck.sh)
 * gives its exit code and first blocking check, in text and JSON; the product message of the
 * blocking rule is printed; and the profiles name only rules that exist. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "engine/catalogue.h"
#include "product/profile.h"

#define MAX_ARGS 64

/* argv from cmd: one argument per line; "files/..." made absolute. */
static size_t load_cmd(const char *dir, char *argv[MAX_ARGS], char **buf)
{
	char path[4096];
	size_t n = 1;
	snprintf(path, sizeof(path), "%s/cmd", dir);
	*buf = read_all(path, NULL);
	cr_assert_not_null(*buf, "%s: no cmd", dir);
	argv[0] = "certdiag";
	for (char *save = NULL, *l = strtok_r(*buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		cr_assert_lt(n, MAX_ARGS - 3);
		if (!strncmp(l, "files/", 6)) {
			char rel[4096];
			snprintf(rel, sizeof(rel), "testdata/precheck/%s", l);
			argv[n++] = strdup(src_path(rel));
		} else {
			argv[n++] = strdup(l);
		}
	}
	argv[n] = NULL;
	return n;
}

static int run_case(const char *name, const char *dir, const struct cd_catalogue *cat)
{
	char *argv[MAX_ARGS], *buf, *exp, *out = NULL, *err = NULL, *jout = NULL;
	char want_block[128] = "-", want_findings[1024] = "", want_changed[256] = "";
	int want_exit = -1, code, jcode, ok = 1;
	size_t n = load_cmd(dir, argv, &buf);
	char path[4096];
	json_t *j;
	json_error_t je;

	snprintf(path, sizeof(path), "%s/expected", dir);
	exp = read_all(path, NULL);
	cr_assert_not_null(exp, "%s: no expected", name);
	for (char *save = NULL, *l = strtok_r(exp, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(l, "exit ", 5))
			want_exit = atoi(l + 5);
		else if (!strncmp(l, "blocking ", 9))
			snprintf(want_block, sizeof(want_block), "%s", l + 9);
		else if (!strncmp(l, "findings ", 9))
			snprintf(want_findings, sizeof(want_findings), "%s", l + 9);
		else if (!strncmp(l, "changed ", 8))
			snprintf(want_changed, sizeof(want_changed), "%s", l + 8);
	}
	code = run_binary(argv, &out, &err);
	if (code != want_exit) {
		cr_log_error("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", name, code, want_exit, out, err);
		ok = 0;
	}
	if (want_exit == 2 && (!err || !*err)) {
		cr_log_error("%s: exit 2 without a message on stderr", name);
		ok = 0;
	}
	free(err);
	err = NULL;
	if (want_exit != 2) {
		argv[n] = "--format";
		argv[n + 1] = "json";
		argv[n + 2] = NULL;
		jcode = run_binary(argv, &jout, &err);
		j = json_loads(jout ? jout : "", 0, &je);
		if (!j || jcode != want_exit) {
			cr_log_error("%s: JSON run exit %d, parse %s", name, jcode, j ? "ok" : je.text);
			ok = 0;
		} else if (!strcmp(argv[1], "precheck")) {
			json_t *pc = json_object_get(j, "precheck");
			json_t *b = json_object_get(pc, "blocking");
			const char *got = json_is_null(b) ? "-" : json_string_value(json_object_get(b, "check"));
			const char *verdict = json_string_value(json_object_get(pc, "verdict"));
			if (!got || strcmp(got, want_block)) {
				cr_log_error("%s: first blocking check %s, want %s\n%s", name, got ? got : "(none)",
					     want_block, out);
				ok = 0;
			}
			/* accepted with an error about the upload (a service breaks): exit 1, no blocking */
			const char *want_verdict = !want_exit ? "accept" : strcmp(want_block, "-") ? "reject" : "accept-with-errors";
			if (!verdict || strcmp(verdict, want_verdict)) {
				cr_log_error("%s: verdict %s", name, verdict ? verdict : "(none)");
				ok = 0;
			}
			/* restart advice only after an accepted upload: never under REJECT */
			{
				const char *restart = json_string_value(json_object_get(pc, "restart"));
				const char *advice = out ? strstr(out, "  then restart: ") : NULL;
				const char *steps = out ? strstr(out, "steps, in the product's order") : NULL;
				if (advice && steps && advice > steps)
					advice = NULL; /* a rule's remedy in the report below, not the verdict's */
				if (strcmp(want_verdict, "accept") && (restart || advice)) {
					cr_log_error("%s: restart advice with verdict %s\n%s", name, want_verdict, out);
					ok = 0;
				}
				if (restart && !advice) {
					cr_log_error("%s: accepted, but the text gives no restart advice", name);
					ok = 0;
				}
			}
			/* the text says the product's own words for the blocking rule: the rule's, or the
			 * variant of the finding (e.g. the CSR path of the purpose) */
			if (strcmp(want_block, "-") && strcmp(want_block, "format")) {
				const struct cd_rule *r = cd_catalogue_find(cat, want_block);
				const char *pm = json_string_value(json_object_get(b, "product_message"));
				char line[1024];
				if (!r) {
					cr_log_error("%s: blocking rule %s not in the catalogue", name, want_block);
					ok = 0;
				} else if (r->product_message) {
					/* right under the verdict, not in the report that follows */
					const char *v = strstr(out, "verdict: REJECT");
					const char *nl = v ? strchr(v, '\n') : NULL;
					snprintf(line, sizeof(line), "\n  product says: \"%s\"\n", pm ? pm : "");
					if (!pm || !nl || strncmp(nl, line, strlen(line))) {
						cr_log_error("%s: the verdict is not followed by%s", name, line);
						ok = 0;
					}
				}
				{
					/* the verdict line names the blocking check */
					char vl[256];
					snprintf(vl, sizeof(vl), "(%s)\n", want_block);
					const char *v = strstr(out, "verdict: REJECT");
					const char *nl = v ? strchr(v, '\n') : NULL;
					if (!nl || (size_t)(nl - v) < strlen(vl) - 1 ||
					    strncmp(nl - (strlen(vl) - 1), vl, strlen(vl))) {
						cr_log_error("%s: the verdict line does not name %s", name, want_block);
						ok = 0;
					}
				}
			}
		} else {
			const char *verdict = json_string_value(json_object_get(json_object_get(j, "compare"), "verdict"));
			if (!verdict || strcmp(verdict, want_exit ? "breaking" : "compatible")) {
				cr_log_error("%s: compare verdict %s", name, verdict ? verdict : "(none)");
				ok = 0;
			}
			/* changed F,F: exactly these fields changed, in JSON and in the text (where an
			 * unchanged field reads "same") */
			if (want_changed[0]) {
				char got[256] = "";
				size_t i;
				json_t *c;
				json_array_foreach(json_object_get(json_object_get(j, "compare"), "changes"), i, c) {
					const char *field = json_string_value(json_object_get(c, "field"));
					char same[128];
					int text_same;
					snprintf(same, sizeof(same), "  %-19s same\n", field ? field : "?");
					text_same = out && strstr(out, same) != NULL;
					if (json_is_true(json_object_get(c, "changed")))
						snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s",
							 got[0] ? "," : "", field);
					if (text_same == json_is_true(json_object_get(c, "changed"))) {
						cr_log_error("%s: the text says %s is %s, JSON the opposite\n%s", name,
							     field, text_same ? "the same" : "changed", out);
						ok = 0;
					}
				}
				if (strcmp(got[0] ? got : "-", want_changed)) {
					cr_log_error("%s: changed %s, want %s", name, got[0] ? got : "-", want_changed);
					ok = 0;
				}
			}
		}
		/* findings RULE,RULE|-: exactly these product rules report something */
		if (j && want_findings[0]) {
			char got[1024] = "";
			const char *ids[64];
			size_t n_ids = 0, i;
			json_t *f;
			json_array_foreach(json_object_get(j, "findings"), i, f) {
				const char *r = json_string_value(json_object_get(f, "rule"));
				int dup = 0;
				if (!r || (strncmp(r, "cucm.", 5) && strncmp(r, "expressway.", 11)))
					continue;
				for (size_t k = 0; k < n_ids; k++)
					dup |= !strcmp(ids[k], r);
				if (!dup && n_ids < 64)
					ids[n_ids++] = r;
			}
			for (size_t a = 1; a < n_ids; a++) /* sort */
				for (size_t b = a; b > 0 && strcmp(ids[b - 1], ids[b]) > 0; b--) {
					const char *t = ids[b];
					ids[b] = ids[b - 1];
					ids[b - 1] = t;
				}
			for (size_t k = 0; k < n_ids; k++)
				snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", k ? "," : "", ids[k]);
			if (strcmp(got[0] ? got : "-", want_findings)) {
				cr_log_error("%s: product findings %s, want %s", name, got[0] ? got : "-", want_findings);
				ok = 0;
			}
		}
		json_decref(j);
	}
	for (size_t i = 1; i < n; i++)
		free(argv[i]);
	free(buf);
	free(exp);
	free(out);
	free(err);
	free(jout);
	return ok;
}

Test(precheck, every_case_gives_its_exit_code_and_blocking_check)
{
	size_t n, bad = 0;
	struct cd_catalogue cat;
	char *cerr = NULL;
	char **cases = list_dir(src_path("testdata/precheck/cases"), &n);
	cr_assert_eq(cd_catalogue_load(&cat, &cerr), 0, "%s", cerr ? cerr : "");
	cr_assert_not_null(cases);
	for (size_t i = 0; i < n; i++) {
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s/%s", src_path("testdata/precheck/cases"), cases[i]);
		if (!run_case(cases[i], dir, &cat))
			bad++;
	}
	cr_expect_gt(n, 30, "only %zu precheck cases", n);
	cr_expect_eq(bad, 0, "%zu of %zu precheck cases failed (see log)", bad, n);
	free_names(cases, n);
	cd_catalogue_release(&cat);
}

Test(precheck, profiles_name_only_rules_in_the_catalogue)
{
	struct cd_profiles ps;
	struct cd_catalogue cat;
	char *err = NULL;
	cr_assert_eq(cd_profiles_load(&ps, &err), 0, "%s", err ? err : "");
	cr_assert_eq(cd_catalogue_load(&cat, &err), 0, "%s", err ? err : "");
	for (size_t p = 0; p < ps.n; p++) {
		const json_t *order = json_object_get(ps.p[p].doc, "precheck_order");
		const char *key;
		const json_t *list, *v;
		size_t i;
		json_object_foreach((json_t *)order, key, list)
			json_array_foreach(list, i, v)
				cr_expect_not_null(cd_catalogue_find(&cat, json_string_value(v)),
						   "%s precheck_order.%s names unknown rule %s", ps.p[p].name, key,
						   json_string_value(v));
		json_array_foreach(json_object_get(ps.p[p].doc, "blocking"), i, v)
			cr_expect_not_null(cd_catalogue_find(&cat, json_string_value(v)),
					   "%s blocking names unknown rule %s", ps.p[p].name, json_string_value(v));
	}
	cd_catalogue_release(&cat);
	cd_profiles_release(&ps);
}

Test(precheck, versions_compare_as_cisco_writes_them)
{
	struct cd_version a, b;
	cr_assert_eq(cd_version_parse("12.5(1)SU6", &a), 0);
	cr_assert_eq(cd_version_parse("14SU2", &b), 0);
	cr_expect_lt(cd_version_cmp(&a, &b), 0);
	cr_assert_eq(cd_version_parse("12.5(1)", &b), 0);
	cr_expect_gt(cd_version_cmp(&a, &b), 0);
	cr_assert_eq(cd_version_parse("X8.10", &a), 0);
	cr_assert_eq(cd_version_parse("X8.5.2", &b), 0);
	cr_expect_gt(cd_version_cmp(&a, &b), 0);
	cr_assert_eq(cd_version_parse("X15.4", &b), 0);
	cr_expect_lt(cd_version_cmp(&a, &b), 0);
	cr_expect_neq(cd_version_parse("fifteen", &a), 0);
	cr_expect_neq(cd_version_parse("", &a), 0);
	cr_expect_neq(cd_version_parse("1.2.3.4", &a), 0);
	{
		json_t *r = json_pack("{s:s,s:s}", "from", "X8.5.2", "before", "X8.10");
		cr_assert_eq(cd_version_parse("X8.9", &a), 0);
		cr_expect_eq(cd_version_in(&a, r), 1);
		cr_assert_eq(cd_version_parse("X8.10", &a), 0);
		cr_expect_eq(cd_version_in(&a, r), 0);
		cr_assert_eq(cd_version_parse("X8.5.1", &a), 0);
		cr_expect_eq(cd_version_in(&a, r), 0);
		memset(&a, 0, sizeof(a));
		cr_expect_eq(cd_version_in(&a, r), -1);
		json_decref(r);
		/* YAML reads "from: 15" as an integer */
		r = json_pack("{s:i}", "from", 15);
		cr_assert_eq(cd_version_parse("14SU2", &a), 0);
		cr_expect_eq(cd_version_in(&a, r), 0);
		cr_assert_eq(cd_version_parse("15SU1", &a), 0);
		cr_expect_eq(cd_version_in(&a, r), 1);
		json_decref(r);
	}
}

/* A certificate file that carries its chain (server-with-chain.pem: the server certificate and
 * its issuing CA) given as --cert: the upload's identity is the end-entity certificate. The CA
 * beside it took the identity role too, and the report called the issuing CA "[identity:tomcat]"
 * where it said the trust store lacks it. --role narrows so (docs/roles.md); --cert did not. */
Test(precheck, the_identity_of_a_cert_file_with_its_chain_is_its_end_entity_certificate)
{
	const char *purposes[][2] = {{"expressway", "server"}, {"cucm", "tomcat"}};
	for (size_t p = 0; p < 2; p++) {
		char *argv[] = {"certdiag", "precheck", "--product", (char *)purposes[p][0], "--purpose",
				(char *)purposes[p][1], "--cert",
				strdup(src_path("testdata/precheck/files/expressway/server-with-chain.pem")), "--at",
				"2026-06-01T00:00:00Z", "--format", "json", NULL};
		char *out = NULL, *err = NULL;
		json_error_t je;
		json_t *j, *objs, *o;
		size_t i, identities = 0, cas = 0;
		run_binary(argv, &out, &err);
		j = json_loads(out ? out : "", 0, &je);
		cr_assert_not_null(j, "%s: %s", purposes[p][1], je.text);
		objs = json_object_get(j, "objects");
		json_array_foreach(objs, i, o) {
			json_t *srcs = json_object_get(o, "sources"), *s;
			const char *subj = json_string_value(json_object_get(o, "subject"));
			int is_ca = subj && strstr(subj, "Issuing CA");
			size_t k;
			cas += is_ca;
			json_array_foreach(srcs, k, s) {
				const char *role = json_string_value(json_object_get(s, "role"));
				if (role && !strncmp(role, "identity:", 9)) {
					identities++;
					cr_expect(!is_ca, "%s: the issuing CA beside the certificate is %s", purposes[p][1], role);
				}
			}
		}
		cr_expect_eq(cas, 1, "%s: the issuing CA is read", purposes[p][1]);
		cr_expect_eq(identities, 1, "%s: one identity", purposes[p][1]);
		json_decref(j);
		free(argv[7]);
		free(out);
		free(err);
	}
}

/* compare OLD NEW where NEW is the earlier-issued certificate (the arguments of
 * compare-dropped-name swapped: NEW adds collab-edge back): the renewal rules took the later
 * notBefore as the new certificate, so the finding said "removed collab-edge" beside the table's
 * "added collab-edge". The user's OLD and NEW decide; and the finding agrees with the table. */
Test(precheck, compare_takes_new_as_the_renewal_whatever_its_dates)
{
	char *argv[] = {"certdiag", "compare", "--at", "2026-06-01T00:00:00Z", "--format", "json",
			strdup(src_path("testdata/precheck/files/expressway/renewed-dropped-collab-edge.pem")),
			strdup(src_path("testdata/precheck/files/expressway/server.pem")), NULL};
	char *out = NULL, *err = NULL;
	json_error_t je;
	json_t *j, *cmp, *f;
	size_t i, n = 0;
	run_binary(argv, &out, &err);
	j = json_loads(out ? out : "", 0, &je);
	cr_assert_not_null(j, "%s", je.text);
	cmp = json_object_get(j, "compare");
	json_array_foreach(json_object_get(j, "findings"), i, f) {
		json_t *ev = json_object_get(f, "evidence");
		if (strcmp(json_string_value(json_object_get(f, "rule")), "expressway.renewal-san-changed"))
			continue;
		n++;
		cr_expect_str_eq(json_string_value(json_object_get(ev, "new_certificate")),
				 json_string_value(json_object_get(cmp, "new")));
		cr_expect_str_eq(json_string_value(json_object_get(ev, "old_certificate")),
				 json_string_value(json_object_get(cmp, "old")));
		cr_expect_eq(json_array_size(json_object_get(ev, "san_removed")), 0, "NEW removes nothing");
		cr_expect_str_eq(json_string_value(json_array_get(json_object_get(ev, "san_added"), 0)),
				 "DNS:collab-edge.example.com");
	}
	cr_expect_eq(n, 1, "one renewal-san-changed finding");
	json_decref(j);
	free(argv[6]);
	free(argv[7]);
	free(out);
	free(err);
}

/* An Expressway server certificate given alone, as the product wants it, without --trust: the
 * issuer is then not in the input, and chain.incomplete (error) made every such precheck
 * "ACCEPT WITH ERRORS ... (see the failed steps)", exit 1, with no failed step. The issuer in
 * the trust list is the product step's (expressway.trusted-list-incomplete), which says it is
 * not checked without --trust - and then, as Expressway refuses an upload whose CAs are not all
 * in that list ("Untrusted CA Certificate Chain"), the verdict is UNKNOWN (exit 2) with the
 * report saying which step and the option that decides it: it was ACCEPT, exit 0, for a check
 * never made. And where errors of other rules make ACCEPT WITH ERRORS, the verdict points at
 * them, not only at the steps. */
Test(precheck, an_expressway_server_certificate_alone_without_trust_is_unknown_with_what_was_not_checked)
{
	char *cert = strdup(src_path("testdata/precheck/files/expressway-upload/server.pem"));
	char *argv[] = {"certdiag", "precheck", "--product", "expressway", "--purpose", "server", "--cert", cert,
			"--at", "2026-06-01T00:00:00Z", "--format", "json", NULL};
	char *out = NULL, *err = NULL;
	json_error_t je;
	json_t *j, *r;
	size_t i, not_checked = 0;
	json_t *pc;
	cr_expect_eq(run_binary(argv, &out, &err), 2, "%s", out ? out : "");
	j = json_loads(out ? out : "", 0, &je);
	cr_assert_not_null(j, "%s", je.text);
	pc = json_object_get(j, "precheck");
	cr_expect_str_eq(json_string_value(json_object_get(pc, "verdict")), "unknown");
	json_array_foreach(json_object_get(pc, "steps"), i, r)
		if (!strcmp(json_string_value(json_object_get(r, "check")), "expressway.trusted-list-incomplete"))
			cr_expect_str_eq(json_string_value(json_object_get(r, "result")), "not-checked");
	json_array_foreach(json_object_get(j, "findings"), i, r)
		cr_expect(strcmp(json_string_value(json_object_get(r, "rule")), "chain.incomplete"),
			  "chain.incomplete is the product step's to say");
	json_array_foreach(json_object_get(j, "rule_results"), i, r)
		if (!strcmp(json_string_value(json_object_get(r, "rule")), "expressway.trusted-list-incomplete"))
			not_checked += json_array_size(json_object_get(r, "not_checked"));
	cr_expect_eq(not_checked, 1, "the trusted CA list is said to be not checked");
	json_decref(j);
	free(out);
	free(err);
	free(cert);
}

Test(precheck, accept_with_errors_points_at_the_errors_not_only_at_failed_steps)
{
	char *cert = strdup(src_path("testdata/precheck/files/expressway-upload/server-san-1097-chars.pem"));
	char *list = strdup(src_path("testdata/precheck/files/expressway-upload/trusted-ca-list.pem"));
	char *argv[] = {"certdiag", "precheck", "--product", "expressway:X8.9", "--purpose", "server", "--cert", cert,
			"--trust", list, "--at", "2026-06-01T00:00:00Z", "--no-color", NULL};
	char *out = NULL;
	cr_expect_eq(run_binary(argv, &out, NULL), 1, "%s", out ? out : "");
	cr_expect(out && strstr(out, "verdict: ACCEPT WITH ERRORS") && strstr(out, "(see the failed steps and ERRORS below)"),
		  "%s", out ? out : "");
	free(out);
	free(cert);
	free(list);
}

/* A step that is not blocking and was not checked for want of an input reads "not checked"
 * (it read "n/a": the Expressway-E rules kept quiet in precheck), and the verdict stays ACCEPT:
 * only a blocking step not checked leaves it unknown. */
Test(precheck, a_non_blocking_step_not_checked_says_so_and_the_upload_is_still_accepted)
{
	char *cert = strdup(src_path("testdata/precheck/files/expressway/server.pem"));
	char *list = strdup(src_path("testdata/precheck/files/expressway/trusted-ca-list.pem"));
	char *argv[] = {"certdiag", "precheck", "--product", "expressway", "--purpose", "server", "--edge",
			"--domain", "example.com", "--cert", cert, "--trust", list,
			"--at", "2026-06-01T00:00:00Z", "--format", "json", NULL};
	char *out = NULL, *err = NULL;
	json_error_t je;
	json_t *j, *pc, *r;
	size_t i, seen = 0;
	cr_expect_eq(run_binary(argv, &out, &err), 0, "%s", out ? out : "");
	j = json_loads(out ? out : "", 0, &je);
	cr_assert_not_null(j, "%s", je.text);
	pc = json_object_get(j, "precheck");
	cr_expect_str_eq(json_string_value(json_object_get(pc, "verdict")), "accept");
	json_array_foreach(json_object_get(pc, "steps"), i, r)
		if (!strcmp(json_string_value(json_object_get(r, "check")), "expressway.private-ca-for-edge")) {
			seen++;
			cr_expect(json_is_false(json_object_get(r, "blocking")));
			cr_expect_str_eq(json_string_value(json_object_get(r, "result")), "not-checked");
		}
	cr_expect_eq(seen, 1);
	json_array_foreach(json_object_get(j, "rule_results"), i, r)
		if (!strcmp(json_string_value(json_object_get(r, "rule")), "expressway.private-ca-for-edge"))
			cr_expect_str_eq(json_string_value(json_object_get(json_array_get(json_object_get(r, "not_checked"), 0), "enable")),
					 "--public-roots PATH");
	json_decref(j);
	free(out);
	free(err);
	free(cert);
	free(list);
}
