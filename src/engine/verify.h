/* verify.h - `certdiag verify` as an engine job: the end-entity certificate of LEAF, the other
 * inputs as anchors (--trust) or untrusted intermediates, one chain built with backtracking. */
#ifndef CD_ENGINE_VERIFY_H
#define CD_ENGINE_VERIFY_H

#include "chain/chain.h"
#include "ingest/ingest.h"
#include "model/model.h"

struct cd_verify_opts {
	const char *leaf_path;            /* its first end-entity certificate is verified */
	const char *const *paths;         /* --trust and --untrusted paths (roles say which) */
	size_t n_paths;
	const struct cd_role_spec *roles; /* --trust roles */
	size_t n_roles;
	int system_trust;                 /* also (or, with no --trust, only) the system store */
	struct cd_chain_opts chain;
	const struct cd_passwords *passwords; /* --password-file/-env: a PFX LEAF; NULL: none */
};

struct cd_verify {
	struct cd_model model;
	struct cd_chains chains;
	size_t leaf;  /* model index; SIZE_MAX until found */
	size_t first; /* LEAF's first certificate (leaf differs when that one is a CA) */
};

/* CD_OK; CD_E_IO (a path cannot be read) or CD_E_UNSUPPORTED (LEAF holds no certificate) with
 * *err (malloc'd) saying which; CD_E_NOMEM. Release with cd_verify_release whatever the result. */
int cd_verify_run(struct cd_verify *v, const struct cd_verify_opts *o, char **err);
void cd_verify_release(struct cd_verify *v);

#endif
