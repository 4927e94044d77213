/* test_roles.c - roles from paths (docs/roles.md) and from --role. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "helpers.h"
#include "ingest/ingest.h"

static void expect_role(const char *rel, int dir_root, const char *role, const char *node)
{
	struct cd_role r;
	char b[96];
	cd_role_infer(rel, dir_root, &r);
	cd_role_format(&r, b, sizeof(b));
	cr_expect_str_eq(b, role, "%s", rel);
	cr_expect_str_eq(r.node, node, "%s (node)", rel);
}

Test(roles, follow_the_documented_cucm_layout)
{
	expect_role("tomcat-trust/root.pem", 1, "trust:tomcat-trust", "");
	expect_role("cucm-pub/tomcat-trust/root.pem", 1, "trust:tomcat-trust", "cucm-pub");
	expect_role("cucm-pub/tomcat/trust-certs/Root_CA.pem", 1, "trust:tomcat-trust", "cucm-pub");
	expect_role("usr/local/cm/.security/CallManager/trust-certs/x.der", 1, "trust:CallManager-trust", "");
	expect_role("cucm-pub/tomcat/certs/tomcat.pem", 1, "identity:tomcat", "cucm-pub");
	expect_role("cucm-pub/tomcat/keys/tomcat.csr", 1, "csr:tomcat", "cucm-pub");
	expect_role("tomcat-ECDSA.pem", 0, "identity:tomcat-ECDSA", "");
	expect_role("node1/CallManager-ECDSA.csr", 1, "csr:CallManager-ECDSA", "node1");
	expect_role("cucm/CALLMANAGER-TRUST/a.pem", 1, "trust:CallManager-trust", "cucm");
	expect_role("cucm-pub/tomcat/keys/tomcat.key", 1, "", "");
	expect_role("some/random/file.pem", 1, "", "");
	expect_role("tandberg/persistent/certs/server.pem", 1, "identity:expressway-server", "");
	expect_role("tandberg/persistent/certs/generated_csr/csr.pem", 1, "csr:expressway-server", "");
}

Test(roles, expressway_trusted_ca_list_by_convention)
{
	expect_role("exp-e1/trusted-ca-list.pem", 1, "trust:expressway-trusted-ca", "exp-e1");
	expect_role("exp-e1/Trusted_CA_List/a.pem", 1, "trust:expressway-trusted-ca", "exp-e1");
	expect_role("trusted-ca/x.cer", 1, "trust:expressway-trusted-ca", "");
	expect_role("exp-e1/trusted-cas.pem", 1, "", "");
	expect_role("exp-e1/my-trusted-ca-list.pem", 1, "", "");
}

Test(roles, expressway_units_parse)
{
	struct cd_role r;
	char b[96];
	cr_assert_eq(cd_role_parse("expressway-e@exp-e1", &r), 0);
	cd_role_format(&r, b, sizeof(b));
	cr_expect_str_eq(b, "identity:expressway-e");
	cr_expect_str_eq(r.node, "exp-e1");
	cr_assert_eq(cd_role_parse("expressway-trusted-ca", &r), 0);
	cd_role_format(&r, b, sizeof(b));
	cr_expect_str_eq(b, "trust:expressway-trusted-ca");
	cr_expect_neq(cd_role_parse("expressway-x", &r), 0);
}

Test(roles, a_file_argument_names_no_node)
{
	expect_role("cucm-pub/tomcat/certs/tomcat.pem", 0, "identity:tomcat", "");
}

Test(roles, explicit_specs_parse)
{
	struct cd_role r;
	char b[96];
	cr_assert_eq(cd_role_parse("tomcat-trust", &r), 0);
	cd_role_format(&r, b, sizeof(b));
	cr_expect_str_eq(b, "trust:tomcat-trust");
	cr_assert_eq(cd_role_parse("callmanager@cucm-sub1", &r), 0);
	cd_role_format(&r, b, sizeof(b));
	cr_expect_str_eq(b, "identity:CallManager");
	cr_expect_str_eq(r.node, "cucm-sub1");
	cr_assert_eq(cd_role_parse("tomcat.csr", &r), 0);
	cd_role_format(&r, b, sizeof(b));
	cr_expect_str_eq(b, "csr:tomcat");
	cr_assert_eq(cd_role_parse("public-roots", &r), 0); /* --public-roots */
	cd_role_format(&r, b, sizeof(b));
	cr_expect_str_eq(b, "trust:public-roots");
	cr_expect_lt(cd_role_parse("nonsense", &r), 0);
	cr_expect_lt(cd_role_parse("tomcat@bad node", &r), 0);
}

/* --role PATH and the scanned paths may be spelled with or without a leading "./": scanning
 * "." with --role expressway-e=exp-e1/... must give the role (and the other way round). */
Test(roles, explicit_role_paths_ignore_a_leading_dot_slash)
{
	const char *spellings[][2] = {
		{".", "exp-e1/tandberg/persistent/certs/server.pem"},
		{"./exp-e1", "exp-e1/tandberg/persistent/certs/server.pem"},
		{"exp-e1", "./exp-e1/tandberg/persistent/certs/server.pem"},
	};
	cr_assert_eq(chdir(src_path("testdata/rules/expressway.mra-domain-san/fires-edge-lacks-domain/input")), 0);
	for (size_t k = 0; k < sizeof(spellings) / sizeof(spellings[0]); k++) {
		struct cd_scan s;
		struct cd_scan_opts o;
		struct cd_role_spec spec;
		const char *paths[] = {spellings[k][0]};
		char *err = NULL, b[96];
		int seen = 0;
		memset(&o, 0, sizeof(o));
		memset(&spec, 0, sizeof(spec));
		cr_assert_eq(cd_role_parse("expressway-e", &spec.role), 0);
		spec.path = (char *)spellings[k][1];
		o.paths = paths;
		o.n_paths = 1;
		o.ingest.roles = &spec;
		o.ingest.n_roles = 1;
		o.product.upload = SIZE_MAX;
		o.eval.rules = "none";
		cr_assert_eq(cd_scan_run(&s, &o, &err), 0, "%s", err ? err : "");
		for (size_t i = 0; i < s.model.n_objects; i++)
			for (size_t j = 0; j < s.model.objects[i]->n_sources; j++) {
				cd_role_format(&s.model.objects[i]->sources[j].role, b, sizeof(b));
				seen |= !strcmp(b, "identity:expressway-e");
			}
		cr_expect(seen, "scan %s with --role expressway-e=%s: no identity:expressway-e", spellings[k][0],
			  spellings[k][1]);
		cd_scan_release(&s);
	}
}
