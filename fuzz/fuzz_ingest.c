/* fuzz_ingest.c - libFuzzer target for the ingest entry point: content detection, PEM, DER,
 * base64, PKCS#7/#12 and key handling, decoding into the model, then every check. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"
#include "ingest/ingest.h"

static struct cd_catalogue cat;
static int cat_loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_model m;
	struct cd_source src;
	struct cd_report r;
	struct cd_eval_opts eval = {.at = 1780272000, .expiry_warn = 30, .purpose = CD_PURPOSE_SERVER,
				    .host = "host.example.com", .profile = CD_PROFILE_AUTO};
	struct cd_chain_opts co = {.at = 1780272000, .purpose = CD_PURPOSE_SERVER, .host = "host.example.com",
				   .profile = CD_PROFILE_AUTO};
	struct cd_chains chains;
	char *err = NULL;

	if (!cat_loaded) {
		if (cd_catalogue_load(&cat, &err) < 0)
			abort();
		cat_loaded = 1;
	}
	memset(&src, 0, sizeof(src));
	src.path = "fuzz/tomcat-trust/input.pem"; /* a role, so role-dependent code runs too */
	src.rel = "tomcat-trust/input.pem";
	cd_role_infer(src.rel, 1, &src.role);
	cd_model_init(&m);
	cd_ingest_buffer(&m, data, size, &src, NULL);
	if (cd_chains_build(&chains, &m, &co) == 0 && cd_engine_run(&m, &chains, &cat, &eval, &r, &err) == 0)
		cd_report_release(&r);
	cd_chains_release(&chains);
	free(err);
	cd_model_release(&m);
	return 0;
}
