/* peer-checks.c - the registry of the Expressway checks about renewals, peers and names. */
#include <stddef.h>
#include "engine/engine.h"

extern const struct cd_check cd_check_expressway_renewal_san_changed;
extern const struct cd_check cd_check_expressway_renewal_ca_changed;
extern const struct cd_check cd_check_expressway_mra_domain_san;
extern const struct cd_check cd_check_expressway_profile_name_san;
extern const struct cd_check cd_check_expressway_private_ca_for_edge;
extern const struct cd_check cd_check_expressway_ip_not_in_san;
extern const struct cd_check cd_check_expressway_shared_private_key;

const struct cd_check *const cd_checks_expressway_peer[] = {
	&cd_check_expressway_renewal_san_changed,
	&cd_check_expressway_renewal_ca_changed,
	&cd_check_expressway_mra_domain_san,
	&cd_check_expressway_profile_name_san,
	&cd_check_expressway_private_ca_for_edge,
	&cd_check_expressway_ip_not_in_san,
	&cd_check_expressway_shared_private_key,
	NULL,
};
