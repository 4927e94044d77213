/* ctl.signer-key - CTLFile.tlv: signed by ITLRecovery with a key shorter than the other records'
 * (the body is shared with the ITL rule: src/rules/itl/common.c). */
#include "rules/itl/common.h"

static int run(struct cd_check_ctx *ctx)
{
	return cd_tl_rule_signer_key(ctx, CD_KIND_CTL);
}

const struct cd_check cd_check_ctl_signer_key = {"ctl.signer-key", run};
