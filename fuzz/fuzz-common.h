/* fuzz-common.h - what several fuzz targets do alike: load the rule catalogue and the product
 * profiles once, and render a model as `certdiag show` does (text and JSON) into /dev/null. */
#ifndef CD_FUZZ_COMMON_H
#define CD_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"
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

#endif
