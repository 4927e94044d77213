/* upload-checks.c - the registry of the CUCM / IM&P identity-upload checks. */
#include <stddef.h>
#include "engine/engine.h"

const struct cd_check *const cd_checks_cucm_upload[] = {
	NULL,
};
