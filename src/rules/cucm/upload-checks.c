/* upload-checks.c - the registry of the CUCM / IM&P identity-upload checks. */
#include <stddef.h>
#include "engine/engine.h"

extern const struct cd_check cd_check_cucm_csr_missing;
extern const struct cd_check cd_check_cucm_csr_key_mismatch;
extern const struct cd_check cd_check_cucm_csr_san_mismatch;
extern const struct cd_check cd_check_cucm_ca_not_in_trust_store;
extern const struct cd_check cd_check_cucm_wildcard_unsupported;
extern const struct cd_check cd_check_cucm_key_too_large;
extern const struct cd_check cd_check_cucm_purpose_key_type;
extern const struct cd_check cd_check_cucm_signature_not_rsa;
extern const struct cd_check cd_check_cucm_multi_san_ip;
extern const struct cd_check cd_check_cucm_purpose_key_usage;

const struct cd_check *const cd_checks_cucm_upload[] = {
	&cd_check_cucm_csr_missing,
	&cd_check_cucm_csr_key_mismatch,
	&cd_check_cucm_csr_san_mismatch,
	&cd_check_cucm_ca_not_in_trust_store,
	&cd_check_cucm_wildcard_unsupported,
	&cd_check_cucm_key_too_large,
	&cd_check_cucm_purpose_key_type,
	&cd_check_cucm_signature_not_rsa,
	&cd_check_cucm_multi_san_ip,
	&cd_check_cucm_purpose_key_usage,
	NULL,
};
