/* fuzz_logs.c - libFuzzer target for the log matcher: log detection, the keyword prefilter,
 * every built-in signature (PCRE2 JIT), timestamps, aggregation into the model, then the
 * log.* checks. The input is one log file; its path makes it a CUCM certMgmt log. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"
#include "product/context.h"
#include "product/profile.h"
#include "ingest/ingest.h"
#include "logs/logs.h"

static struct cd_catalogue cat;
static struct cd_profiles profiles;
static struct cd_logsig_set sigs;
static int loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_model m;
	struct cd_source src;
	struct cd_report r;
	struct cd_ingest_opts io = {.sigs = &sigs};
	struct cd_eval_opts eval = {.at = 1780272000, .expiry_warn = 30};
	struct cd_chain_opts co = {.at = 1780272000};
	struct cd_chains chains;
	struct cd_product_opts prod;
	char *err = NULL;
	char ts[64];
	cd_time_t t;

	if (!loaded) {
		if (cd_catalogue_load(&cat, &err) < 0 || cd_logsig_set_load(&sigs, NULL, 0, &err) < 0 ||
		    cd_profiles_load(&profiles, &err) < 0)
			abort();
		loaded = 1;
	}
	cd_product_opts_init(&prod);
	prod.profiles = &profiles;
	eval.product = &prod;
	memset(&src, 0, sizeof(src));
	src.path = "fuzz/node1/platform/log/certMgmt00001.log";
	src.rel = "node1/platform/log/certMgmt00001.log";
	cd_model_init(&m);
	/* the matcher directly (every input), then through ingest (detection decides) */
	cd_log_scan(&m, &sigs, data, size, &src);
	cd_ingest_buffer(&m, data, size, &src, &io);
	cd_log_timestamp((const char *)data, size, ts, sizeof(ts), &t);
	if (cd_chains_build(&chains, &m, &co) == 0 && cd_engine_run(&m, &chains, &cat, &eval, &r, &err) == 0)
		cd_report_release(&r);
	cd_chains_release(&chains);
	free(err);
	cd_model_release(&m);
	return 0;
}
