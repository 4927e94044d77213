/* itl.stale-entry - ITLFile.tlv: a record holds a node certificate that was regenerated since
 * (the body is shared with the CTL rule: src/rules/itl/common.c). */
#include "rules/itl/common.h"

static int run(struct cd_check_ctx *ctx)
{
	return cd_tl_rule_stale_entry(ctx, CD_KIND_ITL);
}

const struct cd_check cd_check_itl_stale_entry = {"itl.stale-entry", run};
