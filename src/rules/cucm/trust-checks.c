/* trust-checks.c - the registry of the CUCM / IM&P trust-store and node checks. */
#include <stddef.h>
#include "engine/engine.h"

const struct cd_check *const cd_checks_cucm_trust[] = {
	NULL,
};
