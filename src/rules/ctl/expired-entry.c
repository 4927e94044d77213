/* ctl.expired-entry - CTLFile.tlv: a record's certificate has expired
 * (the body is shared with the ITL rule: src/rules/itl/common.c). */
#include "rules/itl/common.h"

static int run(struct cd_check_ctx *ctx)
{
	return cd_tl_rule_expired_entry(ctx, CD_KIND_CTL);
}

const struct cd_check cd_check_ctl_expired_entry = {"ctl.expired-entry", run};
