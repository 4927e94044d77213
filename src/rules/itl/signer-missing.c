/* itl.signer-missing - ITLFile.tlv: no SAST record carries the signer the header names
 * (the body is shared with the CTL rule: src/rules/itl/common.c). */
#include "rules/itl/common.h"

static int run(struct cd_check_ctx *ctx)
{
	return cd_tl_rule_signer_missing(ctx, CD_KIND_ITL);
}

const struct cd_check cd_check_itl_signer_missing = {"itl.signer-missing", run};
