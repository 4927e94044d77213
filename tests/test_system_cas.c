/* test_system_cas.c - every certificate of Debian's ca-certificates bundle is parsed: the count
 * equals `openssl storeutl -noout -certs`. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "helpers.h"
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
