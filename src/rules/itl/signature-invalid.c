/* itl.signature-invalid - ITLFile.tlv: the signature does not verify with the signer record's key
 * (the body is shared with the CTL rule: src/rules/itl/common.c). */
#include "rules/itl/common.h"

static int run(struct cd_check_ctx *ctx)
{
	return cd_tl_rule_signature_invalid(ctx, CD_KIND_ITL);
}

const struct cd_check cd_check_itl_signature_invalid = {"itl.signature-invalid", run};
