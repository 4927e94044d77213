/* itl.expired-entry - ITLFile.tlv: a record's certificate has expired
 * (the body is shared with the CTL rule: src/rules/itl/common.c). */
#include "rules/itl/common.h"

static int run(struct cd_check_ctx *ctx)
{
	return cd_tl_rule_expired_entry(ctx, CD_KIND_ITL);
}

const struct cd_check cd_check_itl_expired_entry = {"itl.expired-entry", run};
