/* test_system_cas.c - every certificate of Debian's ca-certificates bundle is parsed: the count
 * equals `openssl storeutl -noout -certs`. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "helpers.h"
#include "chain/chain.h"
#include "ingest/ingest.h"

#define BUNDLE "/etc/ssl/certs/ca-certificates.crt"

Test(system_cas, every_debian_ca_is_parsed_like_openssl_storeutl_counts)
{
	struct cd_model m;
	FILE *p;
	char line[512];
	long want = -1;
	size_t got = 0, sources = 0;
	if (access(BUNDLE, R_OK) != 0)
		cr_skip_test("no %s (install ca-certificates)", BUNDLE);
	p = popen("openssl storeutl -noout -certs " BUNDLE " 2>/dev/null", "r");
	cr_assert_not_null(p);
	while (fgets(line, sizeof(line), p))
		if (sscanf(line, "Total found: %ld", &want) == 1)
			break;
	pclose(p);
	cr_assert_gt(want, 100, "openssl storeutl gave no count");
	cd_model_init(&m);
	cr_assert_eq(cd_ingest_path(&m, BUNDLE, NULL), 0);
	for (size_t i = 0; i < m.n_objects; i++) {
		cr_expect_eq(m.objects[i]->kind, CD_KIND_CERT);
		got++;
		sources += m.objects[i]->n_sources;
	}
	cr_expect_eq(m.n_events, 0, "%zu ingest events, first: %s", m.n_events,
		     m.n_events ? m.events[0].message : "");
	cr_expect_eq((long)sources, want, "certdiag read %zu blocks, openssl %ld", sources, want);
	cr_expect_eq((long)got, want, "%zu distinct certificates, openssl %ld", got, want);
	cd_model_release(&m);
}

/* RFC 5280 §6.1.1 (d): a trust anchor is trusted as configured. Every root of Debian's
 * ca-certificates (the bundle and /usr/share/ca-certificates) given as --trust anchors itself
 * under every profile, at a time within its own validity: serial 0 (Go Daddy, Starfield), an
 * AKI with issuer and serial (Certigna, QuoVadis), a non-critical basicConstraints (ePKI), no
 * SKI (TWCA) are rules for a CA that issues, not for the relying party's store. */
Test(system_cas, every_debian_root_anchors_itself_under_every_profile)
{
	static const char *const paths[] = {BUNDLE, "/usr/share/ca-certificates"};
	static const enum cd_profile profiles[] = {CD_PROFILE_RFC5280, CD_PROFILE_WEBPKI, CD_PROFILE_AUTO};
	struct cd_role_spec roles[2];
	struct cd_ingest_opts io;
	struct cd_model m;
	size_t roots = 0, bad = 0;
	if (access(BUNDLE, R_OK) != 0)
		cr_skip_test("no %s (install ca-certificates)", BUNDLE);
	memset(roles, 0, sizeof(roles));
	for (size_t r = 0; r < 2; r++) {
		roles[r].path = (char *)paths[r];
		roles[r].role.kind = CD_ROLE_TRUST;
		roles[r].role.explicit_ = 1;
		snprintf(roles[r].role.name, sizeof(roles[r].role.name), "--trust");
	}
	memset(&io, 0, sizeof(io));
	io.roles = roles;
	io.n_roles = 2;
	cd_model_init(&m);
	for (size_t r = 0; r < 2; r++)
		cr_assert_eq(cd_ingest_path(&m, paths[r], &io), 0, "cannot read %s", paths[r]);
	for (size_t i = 0; i < m.n_objects; i++) {
		const struct cd_cert *ct = m.objects[i]->u.cert;
		if (m.objects[i]->kind != CD_KIND_CERT)
			continue;
		roots++;
		for (size_t p = 0; p < sizeof(profiles) / sizeof(profiles[0]); p++) {
			struct cd_chains ch;
			struct cd_chain_opts co;
			const struct cd_path *best;
			memset(&co, 0, sizeof(co));
			co.at = ct->not_before + (ct->not_after - ct->not_before) / 2;
			co.purpose = CD_PURPOSE_ANY;
			co.profile = profiles[p];
			co.named = roles;
			co.n_named = 2;
			cr_assert_eq(cd_chains_build_one(&ch, &m, &co, i), 0);
			best = &ch.chains[0].paths[0];
			if (!best->valid || best->n != 1 || best->store < 0) {
				bad++;
				cr_log_error("%s (profile %d): %s", cd_object_label(m.objects[i]), (int)profiles[p],
					     best->n_issues ? best->issues[0].detail : "not anchored by its store");
			}
			cd_chains_release(&ch);
		}
	}
	cr_expect_gt(roots, 100, "only %zu certificates in the system store", roots);
	cr_expect_eq(bad, 0, "%zu (root, profile) pairs of %zu roots do not anchor themselves", bad, roots);
	cd_model_release(&m);
}
