/* chain.h - rebuild every certificate chain over the whole model and validate each path
 * (RFC 5280 §6.1) against each relevant trust store. docs/chains.md explains the choices;
 * docs/dev/architecture.md "Chains" says which file of src/chain/ does what. */
#ifndef CD_CHAIN_CHAIN_H
#define CD_CHAIN_CHAIN_H

#include <stddef.h>
#include <stdint.h>
#include "util/timefmt.h"
#include "model/model.h"

#define CD_CHAIN_MAX_DEPTH 16    /* certificates in one path: real PKIs stay under 6 */
#define CD_CHAIN_MAX_PATHS 64    /* complete paths kept per leaf (cross-signing meshes) */
#define CD_CHAIN_MAX_STEPS 20000 /* search steps per leaf before giving up (hostile meshes) */

/* Store index meaning "no store: a self-signed certificate of the input" and "not anchored". */
#define CD_STORE_IMPLICIT (-2)
#define CD_STORE_NONE (-1)

enum cd_purpose { CD_PURPOSE_ANY = 0, CD_PURPOSE_SERVER, CD_PURPOSE_CLIENT };

/* Which rules a path is judged by (docs/chains.md "Profiles"): RFC 5280 alone, or RFC 5280
 * plus the CA/Browser Forum Baseline Requirements for TLS server certificates. AUTO is the
 * web PKI profile with --purpose server and RFC 5280 otherwise. */
enum cd_profile { CD_PROFILE_AUTO = 0, CD_PROFILE_RFC5280, CD_PROFILE_WEBPKI };

struct cd_role_spec;

struct cd_chain_opts {
	cd_time_t at;
	enum cd_purpose purpose;
	const char *host; /* NULL: no name check */
	enum cd_profile profile;
	/* The store relevant to a certificate with role identity:<unit> (its unit's trust store,
	 * NULL when it has none), from the caller's product knowledge (product/roles.c
	 * cd_role_unit_store, arg its tables). NULL: every store is relevant to every leaf. */
	const char *(*unit_store)(const void *arg, const char *unit);
	const void *unit_store_arg;
	/* The roles the user gave (--trust, --role STORE=PATH; not owned, may be NULL): each
	 * trust store they name is a store even when nothing in it could be read - it then
	 * trusts nothing, and the input's self-signed certificates are no anchors. */
	const struct cd_role_spec *named;
	size_t n_named;
	int system_store; /* the system store was asked for: a store even when it is empty */
};

/* The profile opts resolve to: CD_PROFILE_RFC5280 or CD_PROFILE_WEBPKI. */
enum cd_profile cd_chain_profile(const struct cd_chain_opts *o);

struct cd_store {
	char name[48]; /* "tomcat-trust", "--trust", "system" */
	char node[72]; /* "" when not tied to a node */
	size_t *members; /* certificate indices, sorted */
	size_t n_members;
	int named;   /* the user named it (--trust, --role, the system store) */
	char *paths; /* what the user named, "; "-joined (owned), NULL when inferred from roles */
};

enum cd_problem {
	CD_P_INCOMPLETE = 1u << 0,       /* an issuer is missing */
	CD_P_UNTRUSTED = 1u << 1,        /* ends at a self-signed root no relevant store holds */
	CD_P_BAD_SIGNATURE = 1u << 2,
	CD_P_ISSUER_NOT_CA = 1u << 3,
	CD_P_PATHLEN = 1u << 4,
	CD_P_NAME_CONSTRAINTS = 1u << 5,
	CD_P_EXPIRED_ISSUER = 1u << 6,   /* expired or not yet valid, issuer or anchor */
	CD_P_EXPIRED_LEAF = 1u << 7,
	CD_P_EKU = 1u << 8,
	CD_P_HOSTNAME = 1u << 9,
	CD_P_WEAK_ALGORITHM = 1u << 10,
	CD_P_CRITICAL_EXTENSION = 1u << 11,
	CD_P_LIMIT = 1u << 12,           /* depth or search limit reached */
	CD_P_MALFORMED = 1u << 13,       /* a certificate the profile forbids (encoding, flags) */
	CD_P_UNANCHORED = 1u << 14,      /* no store given, and the path ends at a CA certificate
					  * whose issuer (by name) is nowhere in the input: one step
					  * below a root nobody sent; not checked, not incomplete */
};
const char *cd_problem_name(enum cd_problem p);

/* What a path's outcome is, in one word the reports print: "valid"; "not-anchored" when its
 * only problem is CD_P_UNANCHORED (the chain is not wrong, it is unchecked: nothing to anchor it
 * was given); "invalid" otherwise. */
struct cd_path;
const char *cd_path_verdict(const struct cd_path *p);

struct cd_issue {
	enum cd_problem problem;
	size_t at;    /* position in the path of the certificate concerned */
	size_t other; /* second position (issuer, constraining CA) or SIZE_MAX */
	char detail[200];
};

struct cd_path {
	size_t *certs; /* model indices, leaf first */
	size_t n;
	int store;     /* index into stores, CD_STORE_IMPLICIT or CD_STORE_NONE */
	unsigned problems;
	struct cd_issue *issues;
	size_t n_issues;
	int valid;
	int lone; /* not a path: one certificate that no best path judged, checked alone */
	int oom;  /* an issue could not be stored (its problem bit is set all the same) */
};

/* The chains of one end-entity certificate. */
struct cd_chain {
	size_t leaf;
	struct cd_path *paths; /* best first; never empty */
	size_t n_paths;
	size_t n_valid;
	int limited; /* a search limit was reached */
	int has_relevant_store;
};

struct cd_chains {
	struct cd_store *stores;
	size_t n_stores;
	int implicit; /* no store in the input: self-signed certificates act as anchors */
	struct cd_chain *chains;
	size_t n_chains;
	/* every certificate on no chain's best path (a CA or a trust-store member on its own, an
	 * unused intermediate), with the certificate-level checks of its role: as a trust anchor
	 * when a store holds it, as an issued certificate otherwise (docs/chains.md
	 * "Certificates on no path"); cd_chains_build only */
	struct cd_path *lone;
	size_t n_lone;
	struct cd_chain_opts opts;
	/* indexes over the model (owned) */
	void *by_subject;
	void *edges;
	void **keys;   /* parsed public key per certificate index, imported on first use */
	size_t n_keys;
	size_t *key_rep; /* per certificate: the first certificate with the same public key */
	size_t n_key_rep;
	unsigned long verifications; /* signatures actually verified (each edge once) */
	int oom; /* an allocation of the signature cache failed: some edge read "cannot be checked" */
};

/* Build stores from roles and chains for every end-entity certificate that is not only a
 * trust-store member. The model must outlive out. CD_OK or CD_E_NOMEM. */
int cd_chains_build(struct cd_chains *out, const struct cd_model *m, const struct cd_chain_opts *o);
/* Build stores and indexes, then the chain of one certificate only (certdiag verify). */
int cd_chains_build_one(struct cd_chains *out, const struct cd_model *m,
			const struct cd_chain_opts *o, size_t leaf);
void cd_chains_release(struct cd_chains *c);

/* Candidate issuers of certificate idx: every certificate whose subject matches its issuer
 * name (and whose key identifier does not contradict the AKI). *out points into the index. */
size_t cd_chains_issuers(const struct cd_chains *c, const struct cd_model *m, size_t idx,
			 const size_t **out);
/* Does issuer's key verify subject's signature? 1/0/-1 (cached: each edge verified once). */
int cd_chains_edge(struct cd_chains *c, const struct cd_model *m, size_t subject, size_t issuer);
/* How a product that does not backtrack picks an issuer (src/chain/picks.c). */
enum cd_pick {
	CD_PICK_FIRST_MATCH, /* the first certificate of that subject (Expressway) */
	CD_PICK_OPENSSL,     /* trusted first; key id, keyCertSign, valid now, else latest expiry */
};
/* The path such a product builds for chain ch, validated like any other path (problems,
 * issues, valid). CD_OK or CD_E_NOMEM; release out with cd_path_release. */
int cd_chains_product_path(const struct cd_chains *c, const struct cd_model *m,
			   const struct cd_chain *ch, enum cd_pick how, struct cd_path *out);
void cd_path_release(struct cd_path *p);
/* "tomcat-trust on cucm-pub", "--trust", "the input's self-signed roots", "no store";
 * "--trust (empty)" for a named store that holds no certificate. */
void cd_store_label(const struct cd_chains *c, int store, char *out, size_t size);
/* For a store the user named that holds no certificate: the sentence that says so ("the trust
 * store --trust is empty: no certificate could be read from trust/; nothing is trusted
 * through it"), and 1; 0 (out empty) for any other store. */
int cd_store_empty_note(const struct cd_chains *c, int store, char *out, size_t size);
/* RFC 6125 §6.4 host name match against the SANs (no CN fallback). */
int cd_host_matches(const struct cd_cert *c, const char *host);

#endif
