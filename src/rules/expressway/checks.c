/* checks.c - the registry of the Expressway / VCS checks. */
#include <stddef.h>
#include "engine/engine.h"

const struct cd_check *const cd_checks_expressway[] = {
	NULL,
};
