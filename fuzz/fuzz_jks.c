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
	struct cd_report r;
	struct cd_chains chains;
	struct cd_product_opts prod;
	struct cd_eval_opts eval = {.at = 1780272000, .expiry_warn = 30, .profile = CD_PROFILE_AUTO};
	struct cd_chain_opts co = {.at = 1780272000, .profile = CD_PROFILE_AUTO};
	struct cd_source src;
	char *err = NULL;
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
	cd_product_opts_init(&prod);
	prod.profiles = &profiles;
	eval.product = &prod;
	fuzz_show(&m, eval.at); /* every entry's locator */
	if (cd_chains_build(&chains, &m, &co) == 0 && cd_engine_run(&m, &chains, &cat, &eval, &r, &err) == 0)
		cd_report_release(&r);
	free(err);
	cd_chains_release(&chains);
	cd_model_release(&m);
	return 0;
}
