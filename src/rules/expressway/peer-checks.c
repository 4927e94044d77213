/* peer-checks.c - the registry of the Expressway checks about renewals, peers and names. */
#include <stddef.h>
#include "engine/engine.h"

const struct cd_check *const cd_checks_expressway_peer[] = {
	NULL,
};
