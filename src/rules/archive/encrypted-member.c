/* archive.encrypted-member - archive members (or whole archives) that need a password; the
 * archive walker (src/archive/archive.c) records the events, this turns them into findings. */
#include "rules/common.h"

/* applies to every regular member of every archive read */
static int run(struct cd_check_ctx *ctx)
{
	ctx->applied = ctx->model->stats.archive_members;
	cd_rules_events_emit(ctx, "archive.encrypted-member");
	return CD_OK;
}

const struct cd_check cd_check_archive_encrypted_member = {"archive.encrypted-member", run};
