/* checks.c - the registry of every check compiled in (git's commands[] model). Adding a rule:
 * rules/<ns>/<name>.yaml, src/rules/<ns>/<name>.c, a line here, and testdata/rules/<id>/. */
#include <stddef.h>
#include "engine/engine.h"

extern const struct cd_check cd_check_cert_expired, cd_check_cert_not_yet_valid,
	cd_check_cert_expiring_soon, cd_check_cert_weak_signature, cd_check_cert_weak_key,
	cd_check_cert_cn_not_in_san, cd_check_cert_wildcard, cd_check_cert_duplicate,
	cd_check_csr_bad_signature, cd_check_ingest_unparseable, cd_check_ingest_unsupported,
	cd_check_ingest_private_key, cd_check_ingest_limit_reached, cd_check_ingest_pkcs12_encrypted,
	cd_check_log_untrusted_chain, cd_check_log_expired, cd_check_log_expiring,
	cd_check_log_name_mismatch, cd_check_log_tls_failure;

const struct cd_check *const cd_checks[] = {
	&cd_check_cert_expired,
	&cd_check_cert_not_yet_valid,
	&cd_check_cert_expiring_soon,
	&cd_check_cert_weak_signature,
	&cd_check_cert_weak_key,
	&cd_check_cert_cn_not_in_san,
	&cd_check_cert_wildcard,
	&cd_check_cert_duplicate,
	&cd_check_csr_bad_signature,
	&cd_check_ingest_unparseable,
	&cd_check_ingest_unsupported,
	&cd_check_ingest_private_key,
	&cd_check_ingest_limit_reached,
	&cd_check_ingest_pkcs12_encrypted,
	&cd_check_log_untrusted_chain,
	&cd_check_log_expired,
	&cd_check_log_expiring,
	&cd_check_log_name_mismatch,
	&cd_check_log_tls_failure,
	NULL,
};
