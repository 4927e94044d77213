/* test_roles.c - roles from paths (docs/roles.md) and from --role. */
#include <criterion/criterion.h>
#include <string.h>
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
	cr_expect_lt(cd_role_parse("nonsense", &r), 0);
	cr_expect_lt(cd_role_parse("tomcat@bad node", &r), 0);
}
