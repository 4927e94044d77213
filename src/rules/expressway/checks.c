/* checks.c - the registry of the Expressway / VCS checks. */
#include <stddef.h>
#include "engine/engine.h"

extern const struct cd_check cd_check_expressway_eku_client_server;
extern const struct cd_check cd_check_expressway_san_over_999;
extern const struct cd_check cd_check_expressway_server_file_has_chain;
extern const struct cd_check cd_check_expressway_cn_not_fqdn;
extern const struct cd_check cd_check_expressway_key_too_large;
extern const struct cd_check cd_check_expressway_trusted_list_incomplete;
extern const struct cd_check cd_check_expressway_trusted_list_subject_collision;
extern const struct cd_check cd_check_expressway_trusted_list_too_large;

const struct cd_check *const cd_checks_expressway[] = {
	&cd_check_expressway_eku_client_server,
	&cd_check_expressway_san_over_999,
	&cd_check_expressway_server_file_has_chain,
	&cd_check_expressway_cn_not_fqdn,
	&cd_check_expressway_key_too_large,
	&cd_check_expressway_trusted_list_incomplete,
	&cd_check_expressway_trusted_list_subject_collision,
	&cd_check_expressway_trusted_list_too_large,
	NULL,
};
