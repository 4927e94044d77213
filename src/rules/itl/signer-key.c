/* itl.signer-key - ITLFile.tlv: signed by ITLRecovery with a key shorter than the other records'
 * (the body is shared with the CTL rule: src/rules/itl/common.c). */
#include "rules/itl/common.h"

static int run(struct cd_check_ctx *ctx)
{
	return cd_tl_rule_signer_key(ctx, CD_KIND_ITL);
}

const struct cd_check cd_check_itl_signer_key = {"itl.signer-key", run};
