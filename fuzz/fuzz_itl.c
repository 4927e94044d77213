/* fuzz_itl.c - libFuzzer target for the ITL/CTL reader (src/ingest/itl.c): the parser on its
 * own, then the input as ITLFile.tlv and CTLFile.tlv of a node through the format table, the
 * signature check, every check (the itl.* and ctl.* rules among them) and the JSON and `show`
 * renderings of the trust lists. Seeds: fuzz/corpus/itl/ (testdata/gen/itl.sh). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"
#include "engine/scan.h"
#include "ingest/ingest.h"
#include "ingest/itl.h"
#include "product/context.h"
#include "product/profile.h"
#include "report/report.h"
#include "fuzz-common.h"

static struct cd_catalogue cat;
static struct cd_profiles profiles;
static int loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const PLACES[] = {"cucm-pub/ITLFile.tlv", "cucm-pub/CTLFile.tlv", "blob.bin"};
	struct cd_itl_parse *ps = calloc(1, sizeof(*ps));
	struct cd_model m;

	fuzz_load(&cat, &profiles, &loaded);
	if (!ps)
		return 0;
	if (cd_itl_parse(data, size, ps) == CD_OK && ps->n_problems > CD_LIMIT_ITL_PROBLEMS)
		abort();
	cd_trustlist_free(ps->tl);
	free(ps);

	cd_model_init(&m);
	for (size_t i = 0; i < sizeof(PLACES) / sizeof(PLACES[0]); i++) {
		struct cd_source src;
		char path[64];
		memset(&src, 0, sizeof(src));
		snprintf(path, sizeof(path), "fuzz/%s", PLACES[i]);
		src.path = path;
		src.rel = (char *)PLACES[i];
		cd_role_infer(&profiles.roles, src.rel, 1, &src.role);
		cd_ingest_buffer(&m, data, size, &src, NULL);
	}
	/* `certdiag show` in both formats: the trust lists' text and JSON renderings */
	fuzz_show(&m, 1780272000);
	fuzz_run_checks(&m, &cat, &profiles);
	cd_model_release(&m);
	return 0;
}
