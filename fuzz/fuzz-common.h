/* fuzz-common.h - what several fuzz targets do alike: load the rule catalogue and the product
 * profiles once, and render a model as `certdiag show` does (text and JSON) into /dev/null. */
#ifndef CD_FUZZ_COMMON_H
#define CD_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"
#include "product/context.h"
#include "product/profile.h"
#include "report/report.h"

/* the catalogue and profiles, loaded at the first call; aborts when they cannot be */
static inline void fuzz_load(struct cd_catalogue *cat, struct cd_profiles *profiles, int *loaded)
{
	char *err = NULL;
	if (*loaded)
		return;
	if (cd_catalogue_load(cat, &err) < 0 || cd_profiles_load(profiles, &err) < 0)
		abort();
	*loaded = 1;
}

/* `certdiag show` of m in text and JSON, into /dev/null */
static inline void fuzz_show(const struct cd_model *m, cd_time_t at)
{
	FILE *sink = fopen("/dev/null", "w");
	if (!sink)
		return;
	for (int k = 0; k < 2; k++) {
		struct cd_doc d;
		struct cd_write_opts wo;
		const struct cd_writer *w = cd_writer_find(k ? "json" : "text", CD_DOC_SHOW);
		memset(&d, 0, sizeof(d));
		memset(&wo, 0, sizeof(wo));
		d.kind = CD_DOC_SHOW;
		d.command = "show";
		d.at = at;
		d.model = m;
		if (w)
			w->write(sink, &d, &wo);
	}
	fclose(sink);
}

/* every check over m (chains built, the product context of the built-in profiles), as a scan
 * at 2026-06-01 does; the report is released */
static inline void fuzz_run_checks(struct cd_model *m, struct cd_catalogue *cat, struct cd_profiles *profiles)
{
	struct cd_report r;
	struct cd_chains chains;
	struct cd_product_opts prod;
	struct cd_eval_opts eval = {.at = 1780272000, .expiry_warn = 30, .profile = CD_PROFILE_AUTO};
	struct cd_chain_opts co = {.at = 1780272000, .profile = CD_PROFILE_AUTO};
	char *err = NULL;
	cd_product_opts_init(&prod);
	prod.profiles = profiles;
	eval.product = &prod;
	if (cd_chains_build(&chains, m, &co) == 0 && cd_engine_run(m, &chains, cat, &eval, &r, &err) == 0)
		cd_report_release(&r);
	cd_chains_release(&chains);
	free(err);
}

#endif
