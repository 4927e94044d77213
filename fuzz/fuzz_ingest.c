/* fuzz_ingest.c - libFuzzer target for the ingest entry point: content detection, PEM, DER,
 * base64, PKCS#7/#12 and key handling, decoding into the model, then every check. The input is
 * ingested in the places of a CUCM node and an Expressway (identity, CSR, trust store, trusted
 * CA list) so that the product rules run on it too; odd-sized inputs run as a precheck. */
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"
#include "engine/scan.h"
#include "ingest/ingest.h"
#include "product/profile.h"

static struct cd_catalogue cat;
static struct cd_profiles profiles;
static int cat_loaded;

/* where the input is placed: rel paths whose roles the product rules use */
static const char *const PLACES[] = {
	"tomcat-trust/input.pem",
	"cucm-pub/tomcat.pem",
	"cucm-pub/tomcat.csr",
	"cucm-pub/tomcat-trust/input.pem",
	"cucm-sub1/ipsec-trust/input.pem",
	"exp-e1/tandberg/persistent/certs/server.pem",
	"exp-e1/trusted-ca-list.pem",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_model m;
	struct cd_source src;
	struct cd_report r;
	struct cd_product_opts prod;
	struct cd_eval_opts eval = {.at = 1780272000, .expiry_warn = 30, .purpose = CD_PURPOSE_SERVER,
				    .host = "host.example.com", .profile = CD_PROFILE_AUTO};
	struct cd_chain_opts co = {.at = 1780272000, .purpose = CD_PURPOSE_SERVER, .host = "host.example.com",
				   .profile = CD_PROFILE_AUTO};
	struct cd_chains chains;
	char *err = NULL;

	if (!cat_loaded) {
		if (cd_catalogue_load(&cat, &err) < 0 || cd_profiles_load(&profiles, &err) < 0)
			abort();
		cat_loaded = 1;
	}
	cd_product_opts_init(&prod);
	prod.profiles = &profiles;
	eval.product = &prod;
	cd_model_init(&m);
	for (size_t i = 0; i < sizeof(PLACES) / sizeof(PLACES[0]); i++) {
		char path[128];
		memset(&src, 0, sizeof(src));
		snprintf(path, sizeof(path), "fuzz/%s", PLACES[i]);
		src.path = path;
		src.rel = (char *)PLACES[i];
		cd_role_infer(src.rel, 1, &src.role);
		cd_ingest_buffer(&m, data, size, &src, NULL);
	}
	if (size & 1) { /* precheck: the identity file is the upload */
		prod.upload_path = "fuzz/cucm-pub/tomcat.pem";
		prod.upload_purpose = "tomcat";
		prod.upload = cd_scan_find_upload(&m, prod.upload_path);
	}
	if (cd_chains_build(&chains, &m, &co) == 0 && cd_engine_run(&m, &chains, &cat, &eval, &r, &err) == 0)
		cd_report_release(&r);
	cd_chains_release(&chains);
	free(err);
	cd_model_release(&m);
	return 0;
}
