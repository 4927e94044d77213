/* scan.h - one whole analysis: load the catalogue, ingest every path, run every check. */
#ifndef CD_ENGINE_SCAN_H
#define CD_ENGINE_SCAN_H

#include "engine/catalogue.h"
#include "engine/engine.h"
#include "ingest/ingest.h"
#include "logs/logs.h"
#include "pcap/keylog.h"
#include "product/context.h"
#include "model/model.h"

struct cd_scan_opts {
	const char *const *paths; /* not owned */
	size_t n_paths;
	struct cd_ingest_opts ingest; /* ingest.sigs is set by cd_scan_run */
	/* roles given on the command line (--role, --trust, --public-roots, precheck's files),
	 * applied once every path is read (product/assign.c); not owned */
	const struct cd_role_spec *roles;
	size_t n_roles;
	struct cd_eval_opts eval;     /* eval.product is set by cd_scan_run to the context below */
	struct cd_product_opts product; /* the product context; profiles and upload are resolved by
	                                 * cd_scan_run */
	int system_trust; /* --system-trust: add the OS store (through GnuTLS) as store "system" */
	int need_chains;  /* build chains even when no chain.* rule runs (e.g. --format dot) */
	const char *const *signatures; /* --signatures FILE|DIR, not owned */
	size_t n_signatures;
	const char *const *keylogs; /* --keylog FILE: TLS key logs for TLS 1.3 captures, not owned */
	size_t n_keylogs;
};

struct cd_scan {
	struct cd_catalogue cat;
	struct cd_profiles profiles; /* rules/profiles/ */
	struct cd_logsig_set sigs; /* built-in log signatures plus --signatures */
	struct cd_keylog keylog;   /* the secrets of every --keylog (wiped on release) */
	struct cd_model model;
	struct cd_chains chains;
	struct cd_report report;
	size_t paths_read;   /* paths that could be opened */
	size_t paths_failed; /* paths that could not */
};

/* Returns CD_OK (even when paths were unreadable: see paths_failed), or CD_E_NOMEM /
 * CD_E_MALFORMED (catalogue or a --signatures file broken) / CD_E_IO (a --signatures or
 * --keylog path unreadable) with *err (malloc'd). Release with cd_scan_release
 * whatever the result. */
int cd_scan_run(struct cd_scan *s, const struct cd_scan_opts *o, char **err);
void cd_scan_release(struct cd_scan *s);
/* The certificate a precheck uploads: the end-entity certificate from path (as given), else
 * the first certificate from it; SIZE_MAX when none. */
size_t cd_scan_find_upload(const struct cd_model *m, const char *path);

#endif
