/* archive.unsafe-path - archive member names that are absolute or climb out with "..";
 * recorded by the archive walker (src/archive/archive.c), turned into findings here. */
#include "rules/common.h"

/* applies to every regular member of every archive read */
static int run(struct cd_check_ctx *ctx)
{
	ctx->applied = ctx->model->stats.archive_members;
	cd_rules_events_emit(ctx, "archive.unsafe-path");
	return CD_OK;
}

const struct cd_check cd_check_archive_unsafe_path = {"archive.unsafe-path", run};
