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

/* Evidence from a built jansson value (stolen): a NULL value - its builder ran out of memory -
 * or a failed insert marks the finding incomplete (a fatal result), never a key silently
 * missing. f may be NULL (value is freed). */
static inline void cd_finding_evidence_json(struct cd_finding *f, const char *key, json_t *value)
{
	if (!f) {
		json_decref(value);
		return;
	}
	if (json_object_set_new(f->evidence, key, value) < 0)
		f->incomplete = 1;
}

/* The first failure of a sequence of calls: rc = cd_status_keep(rc, cd_buf_addf(...)). */
static inline int cd_status_keep(int rc, int next)
{
	return rc < 0 ? rc : next;
}

/* Build arrays and objects without a check per call: append (or set) value, stolen; when that
 * fails, or a or value is NULL, a is freed and NULL comes back, and every later call on that
 * NULL frees its value and gives NULL again. Write a = cd_json_array_push(a, v) and test a (or
 * hand it to cd_finding_evidence_json) once at the end. */
static inline json_t *cd_json_array_push(json_t *a, json_t *value)
{
	if (json_array_append_new(a, value) < 0) { /* also a or value NULL: value is freed */
		json_decref(a);
		return NULL;
	}
	return a;
}

static inline json_t *cd_json_object_put(json_t *o, const char *key, json_t *value)
{
	if (!o) {
		json_decref(value);
		return NULL;
	}
	if (json_object_set_new(o, key, value) < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Turn every ingest event named rule into a finding at the event's place, with its object
 * when it has one (src/rules/ingest/ingest-rules.c). */
void cd_rules_events_emit(struct cd_check_ctx *ctx, const char *rule);
#endif
