/* ctl.signature-invalid - CTLFile.tlv: the signature does not verify with the signer record's key
 * (the body is shared with the ITL rule: src/rules/itl/common.c). */
#include "rules/itl/common.h"

static int run(struct cd_check_ctx *ctx)
{
	return cd_tl_rule_signature_invalid(ctx, CD_KIND_CTL);
}

const struct cd_check cd_check_ctl_signature_invalid = {"ctl.signature-invalid", run};
