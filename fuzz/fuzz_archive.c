/* fuzz_archive.c - libFuzzer target for the archive walker: bidding by magic number, libarchive
 * over zip, tar, 7z, cpio and compressed streams, member provenance and roles, nesting, the
 * limits of archive.h, then every check. Seeds: fuzz/corpus/archive/ (testdata/gen/archives.sh). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "archive/archive.h"
#include "engine/engine.h"
#include "product/context.h"
#include "product/profile.h"
#include "product/roles.h"
#include "ingest/ingest.h"

static struct cd_catalogue cat;
static struct cd_profiles profiles;
static int cat_loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_model m;
	struct cd_source src;
	struct cd_report r;
	struct cd_eval_opts eval = {.at = 1780272000, .expiry_warn = 30};
	struct cd_chain_opts co = {.at = 1780272000, .unit_store = cd_role_unit_store,
				   .unit_store_arg = &profiles.roles};
	struct cd_ingest_opts io = {.infer_role = cd_role_infer, .infer_arg = &profiles.roles};
	struct cd_chains chains;
	struct cd_product_opts prod;
	enum cd_archive_format f;
	char *err = NULL;

	if (!cat_loaded) {
		if (cd_catalogue_load(&cat, &err) < 0 || cd_profiles_load(&profiles, &err) < 0)
			abort();
		cat_loaded = 1;
	}
	cd_product_opts_init(&prod);
	prod.profiles = &profiles;
	eval.product = &prod;
	memset(&src, 0, sizeof(src));
	src.path = "fuzz/bundle.zip";
	src.rel = "bundle.zip";
	cd_model_init(&m);
	/* every format's walker, not only the one the first bytes pick */
	f = cd_archive_bid(data, size);
	if (f != CD_ARCHIVE_NONE)
		cd_ingest_buffer(&m, data, size, &src, &io);
	else if (size > 0)
		cd_archive_ingest(&m, data, size, (enum cd_archive_format)(1 + data[0] % 8), &src, &io);
	if (cd_chains_build(&chains, &m, &co) == 0 && cd_engine_run(&m, &chains, &cat, &eval, &r, &err) == 0)
		cd_report_release(&r);
	cd_chains_release(&chains);
	free(err);
	cd_model_release(&m);
	return 0;
}
