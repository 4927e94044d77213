/* common.h - helpers shared by checks: iteration and object predicates. No I/O, no clock. */
#ifndef CD_RULES_COMMON_H
#define CD_RULES_COMMON_H

#include "engine/engine.h"

#define CD_FOREACH_OBJECT(m, i, o)                                                             \
	for (size_t i = 0; i < (m)->n_objects; i++)                                                \
		for (const struct cd_object *o = (m)->objects[i]; o; o = NULL)

/* An end-entity certificate: no basicConstraints cA=TRUE. */
static inline int cd_cert_is_end_entity(const struct cd_cert *c)
{
	return !(c->bc_present && c->is_ca);
}

#define CD_DAY 86400

/* Turn every ingest event named rule into a finding at the event's place, with its object
 * when it has one (src/rules/ingest/ingest-rules.c). */
void cd_rules_events_emit(struct cd_check_ctx *ctx, const char *rule);
#endif
