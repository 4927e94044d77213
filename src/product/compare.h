/* compare.h - `certdiag compare OLD NEW` as data: the renewal check of the TechNote "Expressway
 * Certificate Renewal" - what changed between a certificate and its replacement and which
 * changes break peers (docs/products.md). */
#ifndef CD_PRODUCT_COMPARE_H
#define CD_PRODUCT_COMPARE_H

#include <jansson.h>
#include "engine/scan.h"

#define CD_COMPARE_MAX_FIELDS 16

/* One compared field: subject, san, extended_key_usage, key_usage, issuer, key, validity,
 * signature (the JSON `changes` entries). */
struct cd_change {
	const char *field;
	char old_[640], new_[640];
	json_t *added, *removed; /* arrays of strings or NULL; owned */
	int changed; /* set by diff: the field differs (or could not be compared) */
	int breaking;
	char note[300];
};

struct cd_compare {
	size_t old_i, new_i; /* model indices of OLD and NEW */
	struct cd_change ch[CD_COMPARE_MAX_FIELDS];
	size_t n;
	int breaking;        /* a change breaks peers: NEW cannot replace OLD as it is */
};

/* Compare the certificates found in old_path and new_path of a finished scan (--trust
 * anchors of the scan count as the peers' trust lists). CD_OK, CD_E_NOMEM, or CD_E_UNSUPPORTED
 * when a path holds no certificate (*which = 0 OLD, 1 NEW). */
int cd_compare_run(struct cd_compare *c, const struct cd_scan *s, const char *old_path,
		   const char *new_path, cd_time_t at, int *which);
void cd_compare_release(struct cd_compare *c);

#endif
