/* test_verify.c - `certdiag verify` on every case of testdata/verify/ (made by
 * testdata/gen/verify-cases.sh): the exit code must match the case's expected verdict. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "helpers.h"

#define MAX_ARGS 32

/* Run one case; returns 1 when the verdict matches, 0 otherwise (with *why filled). */
static int run_case(const char *dir, const char *name, char *why, size_t wsz)
{
	char path[1024], trust[1024], untrusted[1024], leaf[1024];
	char *argv[MAX_ARGS + 8];
	size_t argc = 0, len;
	char *expect, *line, *save = NULL, *out = NULL;
	const char *want;
	struct stat st;
	int rc, ok;

	snprintf(path, sizeof(path), "%s/%s/expect", dir, name);
	expect = read_all(path, &len);
	if (!expect) {
		snprintf(why, wsz, "%s: no expect file", name);
		return 0;
	}
	want = strtok_r(expect, "\n", &save);
	snprintf(trust, sizeof(trust), "%s/%s/trust", dir, name);
	snprintf(untrusted, sizeof(untrusted), "%s/%s/untrusted", dir, name);
	snprintf(leaf, sizeof(leaf), "%s/%s/leaf.pem", dir, name);
	argv[argc++] = "";
	argv[argc++] = "verify";
	argv[argc++] = "--no-color";
	argv[argc++] = "--trust";
	argv[argc++] = trust;
	if (stat(untrusted, &st) == 0) {
		argv[argc++] = "--untrusted";
		argv[argc++] = untrusted;
	}
	while ((line = strtok_r(NULL, "\n", &save)) && argc < MAX_ARGS)
		argv[argc++] = line;
	argv[argc++] = leaf;
	argv[argc] = NULL;
	rc = run_binary(argv, &out, NULL);
	ok = want && ((!strcmp(want, "valid") && rc == 0) || (!strcmp(want, "invalid") && rc == 1));
	if (!ok)
		snprintf(why, wsz, "%s: expected %s, exit %d:\n%s", name, want ? want : "?", rc, out ? out : "");
	free(out);
	free(expect);
	return ok;
}

Test(verify, every_case_gets_its_expected_verdict)
{
	char *dir = strdup(src_path("testdata/verify"));
	size_t n = 0, bad = 0;
	char **names = list_dir(dir, &n);
	cr_assert(names && n >= 50, "testdata/verify has %zu cases", n);
	for (size_t i = 0; i < n; i++) {
		char why[4096];
		if (!run_case(dir, names[i], why, sizeof(why))) {
			cr_log_error("%s", why);
			bad++;
		}
	}
	cr_expect_eq(bad, 0, "%zu of %zu verify cases disagree", bad, n);
	free_names(names, n);
	free(dir);
}

Test(verify, web_pki_profile_follows_purpose_unless_given)
{
	/* a SHA-1 signed leaf: accepted by RFC 5280 (CUCM bundles), rejected by the web PKI */
	char *c = strdup(src_path("testdata/verify/webpki-sha1-signature"));
	char trust[1024], leaf[1024];
	snprintf(trust, sizeof(trust), "%s/trust", c);
	snprintf(leaf, sizeof(leaf), "%s/leaf.pem", c);
	char *server[] = {"", "verify", "--at", "2026-06-01T00:00:00Z", "--trust", trust, "--purpose", "server", leaf, NULL};
	char *server5280[] = {"", "verify", "--at", "2026-06-01T00:00:00Z", "--trust", trust, "--purpose", "server",
			      "--profile", "rfc5280", leaf, NULL};
	char *anywebpki[] = {"", "verify", "--at", "2026-06-01T00:00:00Z", "--trust", trust, "--profile", "webpki", leaf, NULL};
	char *bad[] = {"", "verify", "--trust", trust, "--profile", "x509", leaf, NULL};
	cr_expect_eq(run_binary(server, NULL, NULL), 1);
	cr_expect_eq(run_binary(server5280, NULL, NULL), 0);
	cr_expect_eq(run_binary(anywebpki, NULL, NULL), 1);
	cr_expect_eq(run_binary(bad, NULL, NULL), 2);
	free(c);
}

/* An explicit trust store that holds nothing (here an empty folder, which git cannot keep as a
 * fixture) trusts nothing: the self-signed leaf is not its own anchor, and the report says the
 * store is empty, in text and in JSON. */
Test(verify, empty_trust_folder_trusts_nothing_and_says_so)
{
	char *c = strdup(src_path("testdata/verify/leaf-is-its-own-anchor"));
	char leaf[1024], dir[] = "/tmp/certdiag-empty-trust.XXXXXX";
	char *out = NULL;
	cr_assert_not_null(mkdtemp(dir));
	snprintf(leaf, sizeof(leaf), "%s/leaf.pem", c);
	{
		char *argv[] = {"", "verify", "--no-color", "--at", "2026-06-01T00:00:00Z", "--trust", dir, leaf, NULL};
		cr_expect_eq(run_binary(argv, &out, NULL), 1, "%s", out ? out : "");
		cr_expect(out && strstr(out, "the trust store --trust is empty"), "%s", out ? out : "");
		cr_expect(out && !strstr(out, "no trust store given"), "%s", out ? out : "");
		free(out);
	}
	{
		char *argv[] = {"", "verify", "--format", "json", "--at", "2026-06-01T00:00:00Z", "--trust", dir, leaf, NULL};
		out = NULL;
		cr_expect_eq(run_binary(argv, &out, NULL), 1);
		cr_expect(out && strstr(out, "\"empty_trust_stores\""), "%s", out ? out : "");
		free(out);
	}
	rmdir(dir);
	free(c);
}

/* verify --trust F F: the leaf the user also named as the trust store is its own anchor, and
 * the report says "--trust", never "no trust store given". */
Test(verify, leaf_given_as_its_own_trust_store_is_anchored_by_it)
{
	char *c = strdup(src_path("testdata/verify/leaf-is-its-own-anchor"));
	char leaf[1024];
	char *out = NULL;
	snprintf(leaf, sizeof(leaf), "%s/leaf.pem", c);
	char *argv[] = {"", "verify", "--no-color", "--at", "2026-06-01T00:00:00Z", "--trust", leaf, leaf, NULL};
	cr_expect_eq(run_binary(argv, &out, NULL), 0, "%s", out ? out : "");
	cr_expect(out && strstr(out, "anchored by --trust"), "%s", out ? out : "");
	free(out);
	free(c);
}

/* LEAF is a chain file root first, or a PKCS#7 bundle (a SET: no order at all), as a CA hands
 * them out: verify took its first certificate, the root, and said "OK" while the end-entity
 * certificate in the file had expired (fail open). The end-entity certificate is verified,
 * and stderr says that it was not the first one. */
Test(verify, a_chain_file_or_p7b_given_as_leaf_verifies_its_end_entity_certificate)
{
	static const char *leafs[] = {"testdata/rules/chain.misordered/fires-root-first-pem/input/chain.pem",
				      "testdata/rules/chain.misordered/fires-p7b-reversed/input/chain.p7b"};
	for (size_t i = 0; i < 2; i++) {
		char *leaf = strdup(src_path(leafs[i]));
		char *root = strdup(src_path("testdata/rules/chain.incomplete/passes-full-chain/input/root-ca.pem"));
		/* the leaf expired on 2027-01-01; the root and the intermediate are valid */
		char *argv[] = {"", "verify", "--no-color", "--at", "2027-06-01T00:00:00Z", "--trust", root, leaf, NULL};
		char *out = NULL, *err = NULL;
		cr_expect_eq(run_binary(argv, &out, &err), 1, "%s: %s", leafs[i], out ? out : "");
		cr_expect(out && strstr(out, "www.example.com"), "%s: %s", leafs[i], out ? out : "");
		cr_expect(err && strstr(err, "is a CA certificate: verified the end-entity certificate \"www.example.com\""),
			  "%s: %s", leafs[i], err ? err : "");
		free(out);
		free(err);
		free(leaf);
		free(root);
	}
}
