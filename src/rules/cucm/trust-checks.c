/* trust-checks.c - the registry of the CUCM / IM&P trust-store and node checks. */
#include <stddef.h>
#include "engine/engine.h"

extern const struct cd_check cd_check_cucm_trust_same_cn_not_replaced;
extern const struct cd_check cd_check_cucm_expired_trust;
extern const struct cd_check cd_check_cucm_ipsec_trust_serial;
extern const struct cd_check cd_check_cucm_itlrecovery_key_length;
extern const struct cd_check cd_check_cucm_capf_not_ca;
extern const struct cd_check cd_check_cucm_upload_format;

const struct cd_check *const cd_checks_cucm_trust[] = {
	&cd_check_cucm_trust_same_cn_not_replaced,
	&cd_check_cucm_expired_trust,
	&cd_check_cucm_ipsec_trust_serial,
	&cd_check_cucm_itlrecovery_key_length,
	&cd_check_cucm_capf_not_ca,
	&cd_check_cucm_upload_format,
	NULL,
};
