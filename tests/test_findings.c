/* test_findings.c - a finding says one thing: the store or node its sentence names is the one
 * its object labels name (issue 11), and one root cause gives one finding. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gnutls/gnutls.h>
#include <jansson.h>
#include "engine/engine.h"
#include "product/product.h"
#include "x509/decode.h"
#include "helpers.h"

#define AT "2026-06-01T00:00:00Z"

static void scan_case(struct cd_scan *s, const char *rule, const char *cname)
{
	char p[512];
	const char *paths[1] = {p};
	snprintf(p, sizeof(p), "%s/%s/%s/input", src_path("testdata/rules"), rule, cname);
	scan_paths(s, paths, 1, AT);
}

static const char *ev(const struct cd_finding *f, const char *key)
{
	const char *v = json_string_value(json_object_get(f->evidence, key));
	return v ? v : "";
}

/* "tomcat-trust on cucm-pub" from the finding's store and node evidence */
static void store_text(const struct cd_finding *f, const char *node_key, char *out, size_t size)
{
	const char *node = ev(f, node_key);
	snprintf(out, size, "trust:%s%s%s", ev(f, "store"), node[0] ? " on " : "", node);
}

Test(labels, expired_trust_labels_the_store_its_sentence_names)
{
	struct cd_scan s;
	size_t n = 0;
	scan_case(&s, "cucm.expired-trust", "fires-expired-ca-on-two-nodes");
	for (size_t i = 0; i < s.report.n_findings; i++) {
		const struct cd_finding *f = &s.report.findings[i];
		char want[256], got[800], in[300];
		if (strcmp(f->rule->id, "cucm.expired-trust"))
			continue;
		store_text(f, "node", want, sizeof(want));
		snprintf(in, sizeof(in), " in %s ", want + strlen("trust:"));
		cr_assert(strstr(f->message, in), "message \"%s\" does not name %s", f->message, in);
		cr_assert_eq(f->n_objects, 1);
		cd_finding_object_roles(f, &s.model, f->objects[0], got, sizeof(got));
		cr_assert_str_eq(got, want, "\"%s\" labelled [%s]", f->message, got);
		n++;
	}
	cr_assert_eq(n, 3, "three stores hold the expired CA: %zu findings", n);
	cd_scan_release(&s);
}

Test(labels, same_cn_labels_the_existing_copy_of_its_store)
{
	struct cd_scan s;
	size_t n = 0;
	scan_case(&s, "cucm.trust-same-cn-not-replaced", "fires-stores-on-two-nodes");
	for (size_t i = 0; i < s.report.n_findings; i++) {
		const struct cd_finding *f = &s.report.findings[i];
		char want[256], got[800];
		size_t labelled = 0;
		if (strcmp(f->rule->id, "cucm.trust-same-cn-not-replaced"))
			continue;
		store_text(f, "node", want, sizeof(want));
		for (size_t k = 0; k < f->n_objects; k++) {
			cd_finding_object_roles(f, &s.model, f->objects[k], got, sizeof(got));
			if (!got[0])
				continue; /* the uploaded file has no role */
			cr_assert_str_eq(got, want, "\"%s\" labelled [%s]", f->message, got);
			labelled++;
		}
		cr_assert_eq(labelled, 1);
		n++;
	}
	cr_assert_eq(n, 2);
	cd_scan_release(&s);
}

Test(labels, shared_key_labels_every_node_it_names)
{
	struct cd_scan s;
	size_t n = 0;
	scan_case(&s, "expressway.shared-private-key", "fires-same-certificate-on-peers");
	for (size_t i = 0; i < s.report.n_findings; i++) {
		const struct cd_finding *f = &s.report.findings[i];
		char got[800];
		if (strcmp(f->rule->id, "expressway.shared-private-key"))
			continue;
		cr_assert_eq(f->n_objects, 1);
		cd_finding_object_roles(f, &s.model, f->objects[0], got, sizeof(got));
		cr_assert_str_eq(got,
				 "identity:expressway-server on exp-e1, "
				 "identity:expressway-server on exp-e2");
		n++;
	}
	cr_assert_eq(n, 1);
	cd_scan_release(&s);
}

/* Every finding of every product rule case whose evidence names a trust store and a node:
 * some object of it is labelled with that store on that node, and no object is labelled with
 * a store of the same kind on another node only. */
Test(labels, store_findings_of_every_case_label_their_store)
{
	size_t n_rules, checked = 0;
	char **rules = list_dir(src_path("testdata/rules"), &n_rules);
	for (size_t r = 0; r < n_rules; r++) {
		size_t n_cases;
		char dir[512];
		char **cases;
		if (strncmp(rules[r], "cucm.", 5))
			continue;
		snprintf(dir, sizeof(dir), "%s/%s", src_path("testdata/rules"), rules[r]);
		cases = list_dir(dir, &n_cases);
		for (size_t c = 0; c < n_cases; c++) {
			char args[700], in[700];
			char *text;
			struct cd_scan s;
			snprintf(args, sizeof(args), "%s/%s/args", dir, cases[c]);
			snprintf(in, sizeof(in), "%s/%s/input", dir, cases[c]);
			text = read_all(args, NULL);
			/* plain scans at the fixed time only: other options change what runs */
			if (!text || strcmp(text, "--at\n" AT "\n") || access(in, R_OK)) {
				free(text);
				continue;
			}
			free(text);
			scan_case(&s, rules[r], cases[c]);
			for (size_t i = 0; i < s.report.n_findings; i++) {
				const struct cd_finding *f = &s.report.findings[i];
				char want[256], got[800];
				int found = 0;
				if (!*ev(f, "store") || !(*ev(f, "node") || *ev(f, "trust_node")))
					continue;
				store_text(f, *ev(f, "node") ? "node" : "trust_node", want, sizeof(want));
				if (!strstr(ev(f, "store"), "-trust"))
					continue;
				for (size_t k = 0; k < f->n_objects && !found; k++) {
					cd_finding_object_roles(f, &s.model, f->objects[k], got, sizeof(got));
					found = strstr(got, want) != NULL;
				}
				cr_assert(found, "%s/%s: \"%s\": no object labelled %s", rules[r], cases[c],
					  f->message, want);
				checked++;
			}
			cd_scan_release(&s);
		}
		free_names(cases, n_cases);
	}
	free_names(rules, n_rules);
	cr_assert_gt(checked, 5, "only %zu findings checked", checked);
}

static const struct cd_rule_result *result_of(const struct cd_scan *s, const char *rule)
{
	for (size_t i = 0; i < s->report.n_results; i++)
		if (!strcmp(s->report.results[i].rule->id, rule))
			return &s->report.results[i];
	return NULL;
}

/* The web PKI lints cannot tell a public chain without a public root store: they say so. */
Test(not_checked, public_chain_lints_say_why_without_a_public_store)
{
	static const char *const RULES[] = {"cert.validity-too-long", "cert.internal-name"};
	for (size_t k = 0; k < 2; k++) {
		struct cd_scan s;
		const struct cd_rule_result *r;
		scan_case(&s, RULES[k], "na-no-public-root-store");
		r = result_of(&s, RULES[k]);
		cr_assert_not_null(r);
		cr_expect_eq(r->result, CD_RESULT_NOT_CHECKED);
		cr_assert_eq(r->n_not_checked, 1, "%s says nothing", RULES[k]);
		cr_expect(strstr(r->not_checked[0].what, "1 TLS server certificate") &&
			      strstr(r->not_checked[0].enable, "--public-roots"),
			  "%s: %s / %s", RULES[k], r->not_checked[0].what, r->not_checked[0].enable);
		cd_scan_release(&s);
	}
}

/* A NUL inside a dNSName is part of the name: "www.example.com\0.evil.example" is neither
 * www.example.com for host matching nor for the CN check (it was cut at the NUL). */
Test(names, nul_in_a_san_is_never_cut)
{
	struct cd_scan s;
	size_t seen = 0;
	scan_case(&s, "cert.bad-dns-name", "passes-nul-byte-reported-by-chain");
	for (size_t i = 0; i < s.model.n_objects; i++) {
		const struct cd_object *o = s.model.objects[i];
		if (o->kind != CD_KIND_CERT || o->u.cert->n_san != 1)
			continue;
		cr_expect(o->u.cert->san[0].nul);
		cr_expect_str_eq(o->u.cert->san[0].value, "www.example.com\\x00.evil.example");
		cr_expect_eq(cd_host_matches(o->u.cert, "www.example.com"), 0);
		seen++;
	}
	cr_expect_eq(seen, 1);
	cr_expect_eq(count_rule(&s, "cert.cn-not-in-san"), 1, "the CN is not that SAN");
	/* a malformed leaf is reported as malformed, not under "Issuer is not a CA" (it was, with
	 * Python's nullbytecert.pem too) */
	cr_expect_eq(count_rule(&s, "chain.malformed-certificate"), 1);
	cr_expect_eq(count_rule(&s, "chain.issuer-not-ca"), 0);
	cd_scan_release(&s);
}

/* An otherName shows its type (xmppAddr, UPN, or the OID) and its string value, a
 * registeredID is "RID" wherever SANs are printed: show said "otherName:othername:#0c10...",
 * the type lost, and the JSON evidence called a RID "othername" (Python's allsans.pem). */
Test(names, other_names_show_their_type_and_value)
{
	static const char *const want[][2] = {
		{"testdata/sans/xmpp-server.pem",
		 "SAN:           DNS:chat.example.com, DNS:conference.chat.example.com, "
		 "otherName:xmppAddr:chat.example.com, RID:1.2.3.4  (4 entries, 75 characters)"},
		{"testdata/sans/smartcard.pem",
		 "SAN:           otherName:UPN:alice@example.com, email:alice@example.com  (2 entries, 38 characters)"},
		{"testdata/sans/krb5.pem", "SAN:           otherName:KRB5PrincipalName:#3023a00d1b0b4558414d504c452e434f4d"},
		{"testdata/sans/krb5.pem", "(1 entry, 93 characters)"},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char *out = NULL, *err = NULL;
		char *a[] = {"certdiag", "show", (char *)src_path(want[i][0]), NULL};
		cr_assert_eq(run_binary(a, &out, &err), 0, "%s", want[i][0]);
		cr_expect(strstr(out, want[i][1]), "%s: no '%s' in\n%s", want[i][0], want[i][1], out);
		free(out);
		free(err);
	}
	{
		struct cd_cert *c = NULL;
		size_t len;
		char *pem = read_all(src_path("testdata/sans/xmpp-server.pem"), &len);
		gnutls_datum_t in = {(unsigned char *)pem, (unsigned)len}, der = {0};
		json_t *j;
		char *txt;
		cr_assert(pem && gnutls_pem_base64_decode2("CERTIFICATE", &in, &der) >= 0);
		cr_assert_eq(cd_decode_cert(der.data, der.size, &c, NULL), CD_OK);
		j = cd_san_json(c->san, c->n_san);
		txt = json_dumps(j, JSON_COMPACT);
		cr_expect_str_eq(txt, "[\"DNS:chat.example.com\",\"DNS:conference.chat.example.com\","
				      "\"otherName:xmppAddr:chat.example.com\",\"RID:1.2.3.4\"]");
		free(txt);
		json_decref(j);
		cd_cert_free(c);
		gnutls_free(der.data);
		free(pem);
	}
}

/* A CN is every byte of it: "www.example.com\0.evil.example" was labelled "www.example.com"
 * in every finding (the NUL-prefix attack, and Python's nullbytecert.pem); a BMPString CN (as
 * Windows CAs write them) was cut at its first byte, an empty label. */
Test(names, a_common_name_is_never_cut_and_bmpstrings_read_as_text)
{
	static const char *const want[][2] = {
		{"testdata/sans/cn-nul.pem",
		 "cert.cn-not-in-san the CN \"www.example.com\\x00.evil.example\" is not the subjectAltName's one entry"},
		{"testdata/sans/cn-bmp.pem", "cert.cn-not-in-san the CN \"Z\xc3\xbcrich Issuing CA\" is not the subjectAltName's one entry"},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char *out = NULL, *err = NULL;
		char *a[] = {"certdiag", "scan", "--at", "2026-06-01T00:00:00Z", "--brief", (char *)src_path(want[i][0]), NULL};
		cr_assert_geq(run_binary(a, &out, &err), 0, "%s", want[i][0]);
		cr_expect(strstr(out, want[i][1]), "%s: no '%s' in\n%s", want[i][0], want[i][1], out);
		free(out);
		free(err);
	}
}

/* compare with chain files whose root is v1 (no basicConstraints), as requests' test
 * certificates are: NEW was the root (the first certificate of NEW without cA=TRUE, in model
 * order the root read with OLD), and a renewal that only adds names "did not carry the SANs"
 * of the old one. */
Test(compare, chain_files_with_a_v1_root_compare_their_leaves_and_added_names_are_said_so)
{
	char *out = NULL, *err = NULL;
	char old[1024], new[1024];
	snprintf(old, sizeof(old), "%s", src_path("testdata/compare-v1/old.pem"));
	snprintf(new, sizeof(new), "%s", src_path("testdata/compare-v1/new.pem"));
	{
		char *a[] = {"certdiag", "compare", "--at", "2027-01-01T00:00:00Z", "--brief", old, new, NULL};
		cr_assert_geq(run_binary(a, &out, &err), 0);
	}
	cr_expect(!strstr(out, "Example V1 Root CA ("), "the root was compared:\n%s", out);
	cr_expect(!strncmp(out, "compare: www.example.com (cert-", 31), "%s", out);
	cr_expect(strstr(out, "-> www.example.com (cert-"), "%s", out);
	cr_expect(strstr(out, "carries every SAN of \"www.example.com\" it replaces and more: removed none; added "
			      "DNS:api.example.com"), "%s", out);
	free(out);
	free(err);
}

/* A subject with terminal escape sequences (ESC, BEL) is printed escaped by show and scan: raw,
 * "CN=esc\x1b]0;pwned\x07..." set the admin's terminal title. */
Test(names, control_characters_of_a_subject_never_reach_the_terminal)
{
	static const char *const cmds[][7] = {
		{"certdiag", "show", NULL},
		{"certdiag", "scan", "--at", "2026-06-01T00:00:00Z", "--brief", NULL},
		{"certdiag", "scan", "--at", "2026-06-01T00:00:00Z", "--format", "json", NULL},
	};
	for (size_t k = 0; k < 3; k++) {
		char *a[10] = {0}, *out = NULL, *err = NULL;
		size_t n = 0;
		while (cmds[k][n]) {
			a[n] = (char *)cmds[k][n];
			n++;
		}
		a[n] = (char *)src_path("testdata/sans/dn-escape.pem");
		cr_assert_geq(run_binary(a, &out, &err), 0);
		cr_expect(!strchr(out, 0x1b) && !strchr(out, 0x07), "%s: a control character is printed", cmds[k][1]);
		cr_expect(strstr(out, k == 2 ? "esc\\\\x1b]0" : "esc\\x1b]0"), "%s:\n%s", cmds[k][1], out);
		free(out);
		free(err);
	}
}

/* The demo's duplicate root: "appears 2 times in trust:tomcat-trust" was labelled with the
 * certificate's first store, CallManager-trust on cucm-pub. */
Test(labels, demo_duplicate_labels_the_store_it_names)
{
	struct cd_scan s;
	const char *p[] = {src_path("testdata/demo")};
	size_t n = 0;
	scan_paths(&s, p, 1, "2026-11-22T00:00:00Z");
	for (size_t i = 0; i < s.report.n_findings; i++) {
		const struct cd_finding *f = &s.report.findings[i];
		char got[800];
		if (strcmp(f->rule->id, "cert.duplicate") || !strstr(f->message, "in trust:tomcat-trust"))
			continue;
		cd_finding_object_roles(f, &s.model, f->objects[0], got, sizeof(got));
		cr_expect_str_eq(got, "trust:tomcat-trust", "\"%s\" labelled [%s]", f->message, got);
		n++;
	}
	cr_expect_eq(n, 1);
	cd_scan_release(&s);
}
