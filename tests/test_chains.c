/* test_chains.c - chain engine properties the rule cases cannot show: evidence details, each
 * edge verified once, loops terminate. */
#include <criterion/criterion.h>
#include <string.h>
#include <unistd.h>
#include <jansson.h>
#include "helpers.h"
#include "chain/chain.h"
#include "ingest/ingest.h"

static const struct cd_finding *first_of(const struct cd_scan *s, const char *rule)
{
	for (size_t i = 0; i < s->report.n_findings; i++)
		if (!strcmp(s->report.findings[i].rule->id, rule))
			return &s->report.findings[i];
	return NULL;
}

Test(chains, incomplete_names_the_issuer_key_held_under_another_name)
{
	struct cd_scan s;
	const char *p[] = {src_path("testdata/chains/renamed-ca")};
	const struct cd_finding *f;
	json_t *same;
	scan_paths(&s, p, 1, "2026-06-01T00:00:00Z");
	f = first_of(&s, "chain.incomplete");
	cr_assert_not_null(f, "no chain.incomplete");
	cr_expect(strstr(f->message, "Example Issuing CA") != NULL, "%s", f->message);
	same = json_object_get(f->evidence, "same_key_other_name");
	cr_assert(json_is_array(same) && json_array_size(same) == 1, "evidence: %s",
		  json_dumps(f->evidence, 0));
	for (size_t i = 0; i < s.model.n_objects; i++)
		if (s.model.objects[i]->kind == CD_KIND_CERT &&
		    !strcmp(s.model.objects[i]->u.cert->subject.cn, "Example Issuing CA 2026"))
			cr_expect_str_eq(json_string_value(json_array_get(same, 0)), s.model.objects[i]->id);
	cd_scan_release(&s);
}

/* Over every path found: distinct (subject, issuer certificate) pairs into *cert_pairs, and
 * the number of distinct (subject, issuer key) pairs returned: what must be verified. */
static size_t needed_verifications(const struct cd_scan *s, size_t *cert_pairs)
{
	size_t n = 0, cap = 0, keyed = 0;
	size_t(*pr)[2] = NULL;
	for (size_t i = 0; i < s->chains.n_chains; i++)
		for (size_t k = 0; k < s->chains.chains[i].n_paths; k++) {
			const struct cd_path *pt = &s->chains.chains[i].paths[k];
			for (size_t e = 0; e + 1 < pt->n; e++) {
				int dup = 0;
				for (size_t j = 0; j < n && !dup; j++)
					dup = pr[j][0] == pt->certs[e] && pr[j][1] == pt->certs[e + 1];
				if (dup)
					continue;
				if (n == cap) {
					cap = cap ? 2 * cap : 64;
					pr = realloc(pr, cap * sizeof(*pr));
				}
				pr[n][0] = pt->certs[e];
				pr[n][1] = pt->certs[e + 1];
				n++;
			}
		}
	for (size_t j = 0; j < n; j++) {
		int dup = 0;
		for (size_t q = 0; q < j && !dup; q++)
			dup = pr[q][0] == pr[j][0] &&
			      !memcmp(s->model.objects[pr[q][1]]->u.cert->key.spki_sha256,
				      s->model.objects[pr[j][1]]->u.cert->key.spki_sha256, 32);
		keyed += !dup;
	}
	free(pr);
	*cert_pairs = n;
	return keyed;
}

Test(chains, each_signature_is_verified_once_per_issuer_key)
{
	struct cd_scan s;
	const char *p[] = {src_path("testdata/demo")};
	size_t pairs, keyed;
	scan_paths(&s, p, 1, "2026-11-22T00:00:00Z");
	cr_assert_gt(s.chains.n_chains, 1);
	keyed = needed_verifications(&s, &pairs);
	cr_expect_eq(s.chains.verifications, keyed, "%lu verifications for %zu (subject, issuer key) pairs",
		     s.chains.verifications, keyed);
	cd_scan_release(&s);
}

Test(chains, renewed_ca_certificates_of_one_key_share_the_verification)
{
	struct cd_scan s;
	const char *p[] = {src_path("testdata/rules/chain.ambiguous-issuer/fires-expired-and-renewed/input")};
	size_t pairs, keyed;
	scan_paths(&s, p, 1, "2026-06-01T00:00:00Z");
	keyed = needed_verifications(&s, &pairs);
	cr_expect_lt(keyed, pairs, "the fixture must have two issuer certificates with one key");
	cr_expect_eq(s.chains.verifications, keyed, "%lu verifications, %zu keyed pairs, %zu certificate pairs",
		     s.chains.verifications, keyed, pairs);
	cd_scan_release(&s);
}

Test(chains, a_loop_of_cross_certified_cas_terminates_as_incomplete)
{
	struct cd_scan s;
	const char *p[] = {src_path("testdata/rules/chain.incomplete/fires-loop/input")};
	scan_paths(&s, p, 1, "2026-06-01T00:00:00Z");
	cr_assert_eq(s.chains.n_chains, 1);
	cr_expect(!s.chains.chains[0].limited);
	cr_assert_geq(s.chains.chains[0].n_paths, 1);
	for (size_t k = 0; k < s.chains.chains[0].n_paths; k++)
		cr_expect(s.chains.chains[0].paths[k].problems & CD_P_INCOMPLETE);
	cd_scan_release(&s);
}

/* --public-roots is a reference for expressway.private-ca-for-edge, not a trust store of the
 * bundle: it must not turn the input's own self-signed roots into "untrusted" ones. */
Test(chains, public_roots_are_a_reference_not_a_store)
{
	struct cd_scan s;
	struct cd_scan_opts o;
	struct cd_role_spec spec;
	char *err = NULL;
	char input[4096], roots[4096];
	const char *paths[2];
	snprintf(input, sizeof(input), "%s", src_path("testdata/rules/expressway.private-ca-for-edge/fires-private-root/input"));
	snprintf(roots, sizeof(roots), "%s/public-roots", input);
	memset(&o, 0, sizeof(o));
	memset(&spec, 0, sizeof(spec));
	cr_assert_eq(cd_role_parse(test_role_tables(), "public-roots", &spec.role), 0);
	spec.path = roots;
	paths[0] = input;
	o.paths = paths;
	o.n_paths = 1;
	o.roles = &spec;
	o.n_roles = 1;
	o.product.upload = SIZE_MAX;
	o.product.edge = 1;
	cd_time_parse("2026-06-01T00:00:00Z", &o.eval.at);
	cr_assert_eq(cd_scan_run(&s, &o, &err), 0, "%s", err ? err : "");
	for (size_t i = 0; i < s.chains.n_stores; i++)
		cr_expect_str_neq(s.chains.stores[i].name, "public-roots");
	cr_expect_eq(count_rule(&s, "chain.untrusted-root"), 0);
	cr_expect_eq(count_rule(&s, "expressway.private-ca-for-edge"), 1);
	cd_scan_release(&s);
}

/* An Expressway server certificate is judged against its trusted CA list, not against a CUCM
 * node's store that happens to hold the same CA. */
Test(chains, expressway_server_certificate_anchors_in_its_trusted_ca_list)
{
	struct cd_scan s;
	struct cd_scan_opts o;
	struct cd_role_spec spec[3];
	char *err = NULL;
	char server[4096], list[4096], cm[4096];
	const char *paths[3] = {cm, list, server}; /* the CUCM store first, as in a sorted folder */
	snprintf(server, sizeof(server), "%s", src_path("testdata/precheck/files/expressway/server.pem"));
	snprintf(list, sizeof(list), "%s", src_path("testdata/precheck/files/expressway/trusted-ca-list.pem"));
	snprintf(cm, sizeof(cm), "%s", src_path("testdata/precheck/files/cucm-pub/CallManager-trust"));
	memset(&o, 0, sizeof(o));
	memset(spec, 0, sizeof(spec));
	cr_assert_eq(cd_role_parse(test_role_tables(), "expressway-e", &spec[0].role), 0);
	cr_assert_eq(cd_role_parse(test_role_tables(), "expressway-trusted-ca", &spec[1].role), 0);
	cr_assert_eq(cd_role_parse(test_role_tables(), "CallManager-trust", &spec[2].role), 0);
	spec[0].path = server;
	spec[1].path = list;
	spec[2].path = cm;
	o.paths = paths;
	o.n_paths = 3;
	o.roles = spec;
	o.n_roles = 3;
	o.need_chains = 1;
	o.product.upload = SIZE_MAX;
	cd_time_parse("2026-06-01T00:00:00Z", &o.eval.at);
	cr_assert_eq(cd_scan_run(&s, &o, &err), 0, "%s", err ? err : "");
	cr_assert_eq(s.chains.n_chains, 1);
	{
		const struct cd_path *p = &s.chains.chains[0].paths[0];
		cr_assert(p->valid);
		cr_assert_geq(p->store, 0);
		cr_expect_str_eq(s.chains.stores[p->store].name, "expressway-trusted-ca");
	}
	cd_scan_release(&s);
}

/* chain.ambiguous-issuer says whether the path OpenSSL builds is valid: that claim must agree
 * with the real `openssl verify` on the same inputs, recorded by testdata/gen/chains.sh in each
 * case's openssl-verify file ("OK" or the error). */
Test(chains, ambiguous_issuer_openssl_claim_agrees_with_openssl_verify)
{
	char *dir = strdup(src_path("testdata/rules/chain.ambiguous-issuer"));
	size_t n = 0, checked = 0;
	char **cases = list_dir(dir, &n);
	cr_assert(cases && n);
	for (size_t i = 0; i < n; i++) {
		char path[4096], *verdict, *args, *out = NULL, *argv[40];
		size_t argc = 0;
		json_t *j, *fs, *f;
		json_error_t je;
		size_t k;
		int found = 0;
		snprintf(path, sizeof(path), "%s/%s/openssl-verify", dir, cases[i]);
		verdict = read_all(path, NULL);
		if (!verdict)
			continue;
		snprintf(path, sizeof(path), "%s/%s/args", dir, cases[i]);
		args = read_all(path, NULL);
		cr_assert_not_null(args);
		argv[argc++] = "";
		argv[argc++] = "scan";
		argv[argc++] = "--format";
		argv[argc++] = "json";
		for (char *save = NULL, *t = strtok_r(args, "\n", &save); t && argc < 36; t = strtok_r(NULL, "\n", &save))
			argv[argc++] = t;
		argv[argc++] = "input";
		argv[argc] = NULL;
		snprintf(path, sizeof(path), "%s/%s", dir, cases[i]);
		cr_assert_eq(chdir(path), 0);
		run_binary(argv, &out, NULL);
		j = json_loads(out ? out : "", 0, &je);
		cr_assert_not_null(j, "%s: no JSON", cases[i]);
		fs = json_object_get(j, "findings");
		json_array_foreach(fs, k, f)
		{
			json_t *v;
			if (strcmp(json_string_value(json_object_get(f, "rule")), "chain.ambiguous-issuer"))
				continue;
			v = json_object_get(json_object_get(f, "evidence"), "openssl_path_valid");
			cr_assert(json_is_boolean(v), "%s: no openssl_path_valid", cases[i]);
			cr_expect_eq(json_is_true(v), !strncmp(verdict, "OK", 2),
				     "%s: certdiag says the OpenSSL path is %s; openssl verify says %s (%s)", cases[i],
				     json_is_true(v) ? "valid" : "not valid", verdict,
				     json_string_value(json_object_get(f, "message")));
			found = 1;
		}
		cr_expect(found, "%s: no chain.ambiguous-issuer finding", cases[i]);
		checked++;
		json_decref(j);
		free(out);
		free(args);
		free(verdict);
	}
	cr_expect_geq(checked, 4, "only %zu cases carry an openssl verdict", checked);
	free_names(cases, n);
	free(dir);
}

/* A dNSName with a NUL ("example.com\0.attacker.test") was cut at the NUL, shown as
 * "example.com" and matched the host "example.com" (hostname-mismatch, tls.sni-not-in-san,
 * correlation): it keeps every byte, is marked malformed, and matches nothing. */
Test(chains, san_with_nul_is_kept_whole_and_matches_no_host)
{
	struct cd_model m;
	const struct cd_cert *c = NULL;
	cd_model_init(&m);
	cr_assert_eq(cd_ingest_path(&m, src_path("testdata/verify/san-dns-nul-alone/leaf.pem"), NULL), 0);
	for (size_t i = 0; i < m.n_objects && !c; i++)
		if (m.objects[i]->kind == CD_KIND_CERT)
			c = m.objects[i]->u.cert;
	cr_assert_not_null(c);
	cr_assert_eq(c->n_san, 1);
	cr_expect_str_eq(c->san[0].value, "example.com\\x00.attacker.test");
	cr_expect_not_null(c->san[0].malformed);
	cr_expect_eq(cd_host_matches(c, "example.com"), 0);
	cr_expect_eq(cd_host_matches(c, "example.com.attacker.test"), 0);
	cd_model_release(&m);
}

/* A validity time that cannot be read (cert.bad-time-encoding says why) shows nothing about the
 * evaluation time: the path fails closed instead of treating the bound as absent. */
Test(chains, an_unreadable_validity_time_on_an_issuer_fails_the_path)
{
	struct cd_scan s;
	const char *p[] = {src_path("testdata/chains/six-deep.pem"), src_path("testdata/chains/six-deep-root.pem")};
	struct cd_chain_opts co;
	const struct cd_path *pt;
	int found = 0;
	scan_paths(&s, p, 2, "2026-06-01T00:00:00Z");
	cr_assert_geq(s.chains.n_chains, 1);
	pt = &s.chains.chains[0].paths[0];
	cr_assert(pt->valid, "the fixture's chain is valid as built");
	cr_assert_geq(pt->n, 3);
	s.model.objects[pt->certs[1]]->u.cert->not_after = CD_TIME_NONE;
	co = s.chains.opts;
	cd_chains_release(&s.chains);
	cr_assert_eq(cd_chains_build(&s.chains, &s.model, &co), 0);
	pt = &s.chains.chains[0].paths[0];
	cr_expect(!pt->valid, "a path through an unreadable notAfter was judged valid");
	cr_expect(pt->problems & CD_P_EXPIRED_ISSUER);
	for (size_t i = 0; i < pt->n_issues; i++)
		found |= pt->issues[i].problem == CD_P_EXPIRED_ISSUER && strstr(pt->issues[i].detail, "cannot be read");
	cr_expect(found, "no issue says the time cannot be read");
	cd_scan_release(&s);
}

/* chain.incomplete said every namesake of the missing issuer was "in the input only with
 * another key (its key identifier differs)". The path search skips a namesake for two reasons,
 * and the sentence must give the one that holds: a loop of CAs certifying each other (the
 * namesake is already on the chain, its key identifier matches), and a certificate that names
 * itself as its issuer but is not self-signed (a re-keyed root's rollover certificate without
 * AKI: no key identifier to differ). */
Test(chains, incomplete_says_why_the_issuers_namesake_does_not_continue_the_chain)
{
	static const struct {
		const char *dir, *says, *evidence;
	} cases[] = {
		{"testdata/rules/chain.incomplete/fires-loop/input",
		 "is already on the chain: its CAs certify each other in a loop", "issuer_loop"},
		{"testdata/rules/chain.incomplete/fires-rollover-without-old-root/input",
		 "is its own subject, but its signature does not verify with its own key: it is not self-signed",
		 "self_issued_not_self_signed"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cd_scan s;
		const char *p[] = {src_path(cases[i].dir)};
		const struct cd_finding *f;
		scan_paths(&s, p, 1, "2026-06-01T00:00:00Z");
		f = first_of(&s, "chain.incomplete");
		cr_assert_not_null(f, "%s: no chain.incomplete", cases[i].dir);
		cr_expect(strstr(f->message, cases[i].says) != NULL, "%s", f->message);
		cr_expect(strstr(f->message, "key identifier differs") == NULL, "%s", f->message);
		cr_expect(json_is_true(json_object_get(f->evidence, cases[i].evidence)), "%s: evidence %s",
			  cases[i].dir, cases[i].evidence);
		cr_expect_null(json_object_get(f->evidence, "namesakes_with_other_keys"), "%s", cases[i].dir);
		cd_scan_release(&s);
	}
}
