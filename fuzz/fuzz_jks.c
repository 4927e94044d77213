/* fuzz_jks.c - libFuzzer target for the Java keystore reader (src/ingest/jks.c): the bid and
 * the reader on their own, then the input as keystore.jks through the format table and every
 * check. Seeds: fuzz/corpus/jks/ (testdata/gen/keystores.sh). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"
#include "ingest/ingest.h"
#include "ingest/jks.h"
#include "product/context.h"
#include "product/profile.h"
#include "report/report.h"
#include "fuzz-common.h"

static struct cd_catalogue cat;
static struct cd_profiles profiles;
static int loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_model m;
	struct cd_source src;
	fuzz_load(&cat, &profiles, &loaded);
	memset(&src, 0, sizeof(src));
	src.path = src.rel = "keystore.jks";
	cd_model_init(&m);
	(void)cd_jks_bid(data, size);
	if (cd_jks_ingest_buffer(&m, data, size, &src) < 0 && m.n_objects == 0) {
		cd_model_release(&m);
		return 0;
	}
	cd_model_release(&m);
	cd_model_init(&m);
	cd_ingest_buffer(&m, data, size, &src, NULL);
	fuzz_show(&m, 1780272000); /* every entry's locator */
	fuzz_run_checks(&m, &cat, &profiles);
	cd_model_release(&m);
	return 0;
}
