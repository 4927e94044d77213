/* engine.h - run every check over the model and collect findings (zlint model: a check
 * says where it applied and what it found; the catalogue gives the severity). */
#ifndef CD_ENGINE_ENGINE_H
#define CD_ENGINE_ENGINE_H

#include <jansson.h>
#include <stddef.h>
#include "chain/chain.h"
#include "engine/catalogue.h"
#include "util/error.h"
#include "util/timefmt.h"
#include "model/model.h"

struct cd_product_opts; /* src/product/context.h: opaque to the engine */


/* Everything a check may read besides the model: no clock, no I/O. */
struct cd_eval_opts {
	cd_time_t at;         /* evaluation time (--at, or now read once at start) */
	unsigned expiry_warn; /* days, cert.expiring-soon (--expiry-warn) */
	enum cd_purpose purpose; /* --purpose: chain.eku-mismatch */
	const char *host;        /* --host: chain.hostname-mismatch; NULL when not given */
	const char *rules;       /* --rules: comma-separated globs of rule ids to run; NULL = all */
	const char *skip_rules;  /* --skip-rules: globs of rule ids not to run; NULL = none */
	enum cd_profile profile; /* --profile: rules paths are judged by (docs/chains.md) */
	/* the product context the product rules read (--product, the precheck upload; src/product/
	 * context.h); the engine only passes it on. Never NULL when checks run: cd_scan_run sets it,
	 * other callers of cd_engine_run give one (cd_product_opts_init). */
	const struct cd_product_opts *product;
};

/* Is rule id selected by opts->rules / opts->skip_rules? */
int cd_engine_rule_selected(const struct cd_eval_opts *opts, const char *id);

struct cd_finding {
	const struct cd_rule *rule; /* severity comes from here, never from the check */
	char *message;
	size_t *objects; /* indices into the model */
	size_t n_objects;
	/* the place the finding points at first (copied strings) */
	char *path;
	char *rel;
	uint64_t offset;
	int has_offset;
	unsigned long pem_block;
	int incomplete;   /* an object or evidence could not be added (allocation failure) */
	json_t *evidence; /* object; owned */
	size_t *obj_set;  /* set of objects (open addressing), once the finding names many */
	size_t obj_set_cap;
	/* which source of an object the finding means (cd_finding_add_object_at): pairs of
	 * (object index, source index), owned */
	size_t *places;
	size_t n_places;
};

/* A rule's result (zlint's model): not applicable, passed, failed, or fatal - the check could
 * not complete (an allocation failed, an internal error): its findings so far are kept, and
 * the run as a whole reports the failure (cd_report_n_fatal; the CLI exits 2). Not checked:
 * the rule applied to nothing because an input it needs is missing (cd_check_not_checked),
 * not because nothing it judges is there. */
enum cd_result { CD_RESULT_NA = 0, CD_RESULT_PASS, CD_RESULT_FAIL, CD_RESULT_FATAL, CD_RESULT_NOT_CHECKED };

/* Entries of not-checked kept per rule; past it they are counted (more_not_checked). */
#define CD_LIMIT_NOT_CHECKED 64

/* Something a rule would have judged but could not for want of an input: what, and the one
 * option that would give it ("--role tomcat-trust@cucm-pub=PATH"). Strings owned. */
struct cd_not_checked {
	char *what;
	char *enable;
};

/* Findings stored per rule (docs/limits.md): past it a rule's findings are counted, not kept -
 * the first ones are (one million damaged PEM blocks would otherwise hold gigabytes of
 * findings). The report says so: JSON rule_results[].truncated, the text report a line. */
#define CD_LIMIT_FINDINGS_PER_RULE 10000U

struct cd_rule_result {
	const struct cd_rule *rule;
	size_t applied; /* objects (or inputs) the check looked at */
	size_t fired;   /* every finding, those past CD_LIMIT_FINDINGS_PER_RULE included */
	size_t listed;  /* findings kept in the report (fired - listed were only counted) */
	enum cd_result result;
	int error; /* CD_RESULT_FATAL: the negative CD_E_* code the check failed with */
	struct cd_not_checked *not_checked; /* owned, in order of sight, no two alike */
	size_t n_not_checked;
	size_t more_not_checked; /* entries past CD_LIMIT_NOT_CHECKED */
};

struct cd_report {
	struct cd_finding *findings; /* sorted: severity desc, rule id, first object, path */
	size_t n_findings, cap_findings;
	struct cd_rule_result *results; /* one per catalogue rule, in catalogue order */
	size_t n_results;
};

struct cd_check_ctx;

/* A check (one rule, src/rules/<ns>/<name>.c): run() reads ctx->model (and chains, opts),
 * marks what it applied to and emits findings; it returns CD_OK, or a negative CD_E_* code
 * when it could not complete (the rule's result is then CD_RESULT_FATAL, never a silent
 * pass). A rule file registers its check by defining
 *   const struct cd_check cd_check_<ns>_<name> = {"<ns>.<name>", run};
 * at file scope: scripts/gen-checks.py collects every such definition into cd_checks. */
struct cd_check {
	const char *id;
	int (*run)(struct cd_check_ctx *ctx);
};

/* The registry (generated at build time from the files under src/rules/): every check compiled in,
 * sorted by id, NULL-terminated. */
extern const struct cd_check *const cd_checks[];

struct cd_check_ctx {
	const struct cd_model *model;
	const struct cd_chains *chains; /* built before the checks run */
	const struct cd_eval_opts *opts;
	const struct cd_rule *rule;
	struct cd_report *report;
	size_t applied;
	int status; /* CD_OK, or the first failure of a cd_check_emit (set by the engine API) */
	struct cd_not_checked *not_checked; /* cd_check_not_checked; moved into the result */
	size_t n_not_checked, more_not_checked;
	size_t listed;   /* findings of this rule kept (engine) */
	size_t unlisted; /* findings of this rule past CD_LIMIT_FINDINGS_PER_RULE: counted only */
	struct cd_finding *spare; /* what cd_check_emit returns past the limit (engine, owned) */
};

/* Mark that the check applied to one more object (or input). */
static inline void cd_check_applied(struct cd_check_ctx *ctx)
{
	ctx->applied++;
}

/* Say that the rule could not judge something for want of an input (what, printf-formatted)
 * and the one option that would give it (enable). Repeats are kept once. */
void cd_check_not_checked(struct cd_check_ctx *ctx, const char *enable, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Emit a finding for this check's rule; message is printf-formatted. Returns the finding so
 * the check can add objects and evidence, or NULL on allocation failure. Past
 * CD_LIMIT_FINDINGS_PER_RULE findings of the rule, the finding is counted and what is returned
 * is a scratch finding the engine drops (the check need not know). */
struct cd_finding *cd_check_emit(struct cd_check_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Add object idx; the first object added also sets where the finding points (its first
 * source), unless cd_finding_set_where was called. */
void cd_finding_add_object(struct cd_finding *f, const struct cd_model *m, size_t idx);
void cd_finding_set_where(struct cd_finding *f, const struct cd_source *s, int has_offset);
/* Add object idx as found at s, one of its own sources: a finding whose sentence names a store,
 * node or file of an object that is found in several places says here which one it means, and
 * the report labels the object with that place's role instead of its first one. s NULL (or not
 * a source of the object): as cd_finding_add_object. */
void cd_finding_add_object_at(struct cd_finding *f, const struct cd_model *m, size_t idx,
			      const struct cd_source *s);
/* The source of object idx that finding f means: the one given to cd_finding_add_object_at,
 * else the object's source at the finding's place (path, PEM block and offset), else NULL -
 * the finding is about the object as a whole. Points into the model. */
const struct cd_source *cd_finding_object_source(const struct cd_finding *f,
						 const struct cd_model *m, size_t idx);
/* The label of object idx in finding f: the role (and node) of the source the finding means,
 * or, when it means none, every distinct role of the object ("trust:tomcat-trust on cucm-pub,
 * trust:CallManager-trust on cucm-sub1"; at most 4, then "and N more"). "" when none. */
void cd_finding_object_roles(const struct cd_finding *f, const struct cd_model *m, size_t idx,
			     char *out, size_t size);
/* A JSON string of s (NULL: none), bytes that are not UTF-8 shown as \xNN (a Latin-1 CN in a
 * T61String); NULL only when s is NULL or memory ran out. */
json_t *cd_json_text(const char *s);
/* value NULL: nothing added. A failure marks the finding incomplete (a fatal result). */
void cd_finding_evidence_str(struct cd_finding *f, const char *key, const char *value);
void cd_finding_evidence_int(struct cd_finding *f, const char *key, long long value);
void cd_finding_evidence_time(struct cd_finding *f, const char *key, cd_time_t t);

/* Run every registered check. Fails (CD_E_MALFORMED, *err) when a catalogue id has no check
 * or a check has no catalogue entry. */
int cd_engine_run(const struct cd_model *m, const struct cd_chains *chains,
		  const struct cd_catalogue *cat,
		  const struct cd_eval_opts *opts, struct cd_report *out, char **err);
void cd_report_release(struct cd_report *r);

/* Link log findings to the certificates they name and to those certificates' findings
 * (engine/correlate.c); called by cd_engine_run after every check. */
void cd_engine_correlate(struct cd_report *r, const struct cd_model *m);

/* Count findings that were not stored (an ingest event past CD_LIMIT_EVENTS_PER_RULE): they
 * count like findings past CD_LIMIT_FINDINGS_PER_RULE. */
static inline void cd_check_count_unlisted(struct cd_check_ctx *ctx, size_t n)
{
	ctx->unlisted += n;
}

/* Count of findings at or above sev, those counted past the per-rule limit included. */
size_t cd_report_count_at_least(const struct cd_report *r, enum cd_severity sev);
/* Findings counted but not kept, over every rule (0 when no rule reached the limit). */
size_t cd_report_unlisted(const struct cd_report *r);
/* Count of rules whose check could not complete (CD_RESULT_FATAL). */
size_t cd_report_n_fatal(const struct cd_report *r);
/* Run the given checks (NULL-terminated) instead of the registry: cd_engine_run is this with
 * cd_checks; tests use it to run a check that fails. */
int cd_engine_run_checks(const struct cd_model *m, const struct cd_chains *chains,
			 const struct cd_catalogue *cat, const struct cd_eval_opts *opts,
			 const struct cd_check *const *checks, struct cd_report *out, char **err);

/* Check that catalogue and registry agree; *err names the first difference. */
int cd_engine_check_registry(const struct cd_catalogue *cat, char **err);
int cd_engine_check_table(const struct cd_catalogue *cat, const struct cd_check *const *checks,
			  char **err);

#endif
