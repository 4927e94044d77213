/* precheck.h - `certdiag precheck` as data: which purposes a product knows, which inputs play
 * which role, the product's checks in its order (rules/profiles/ precheck_order, blocking) and
 * the verdict (docs/products.md). The CLI parses options and prints; this decides. */
#ifndef CD_PRODUCT_PRECHECK_H
#define CD_PRODUCT_PRECHECK_H

#include <stddef.h>
#include "engine/scan.h"
#include "product/profile.h"

enum cd_upload_kind { CD_UPLOAD_IDENTITY, CD_UPLOAD_TRUST, CD_UPLOAD_SERVER, CD_UPLOAD_TRUSTED_CA };

/* NOT_CHECKED: the check applied to nothing because an input it needs was not given (a blocking
 * one leaves the verdict UNKNOWN: an acceptance needs every blocking check to have judged) */
enum cd_step_result {
	CD_STEP_NOT_RUN = -1,
	CD_STEP_NA = 0,
	CD_STEP_PASS = 1,
	CD_STEP_FAIL = 2,
	CD_STEP_NOT_CHECKED = 3
};

struct cd_precheck_step {
	const char *rule; /* rule id, or "format"; points into the profile or a literal */
	int blocking;     /* the product refuses the upload when it fails */
	enum cd_step_result result;
	const struct cd_finding *finding; /* the first finding about the upload (FAIL only) */
};

enum cd_verdict {
	CD_VERDICT_ACCEPT = 0,          /* accepted, nothing at error about the upload */
	CD_VERDICT_ACCEPT_WITH_ERRORS,  /* accepted, but an error follows from it (a service breaks) */
	CD_VERDICT_REJECT,              /* a blocking check fails: the product refuses it */
	CD_VERDICT_UNKNOWN,             /* a blocking check did not run, could not complete, or was
					 * not checked for want of an input */
};

struct cd_precheck {
	char product[16];           /* "cucm", "imp", "expressway" */
	struct cd_version version;  /* valid = 0 when not given */
	char purpose[48];           /* the product's spelling, whatever case was given */
	enum cd_upload_kind kind;
	char unit[48];              /* role of the upload: "tomcat", "expressway-e", ... */
	char store[48];             /* the target trust store, "" none */
	int edge;                   /* Expressway: 1 -E, 0 -C, -1 unknown */
	/* after cd_precheck_judge */
	const char *cert;           /* the --cert path (not owned) */
	size_t upload;              /* model index of the uploaded certificate, SIZE_MAX none */
	struct cd_precheck_step *steps;
	size_t n_steps;
	size_t blocking_step;       /* the first blocking failure, SIZE_MAX none */
	enum cd_verdict verdict;
	size_t errors_about_upload; /* error findings about the upload (ACCEPT_WITH_ERRORS) */
	const char *not_run;        /* UNKNOWN: the rule that did not run or failed */
	int not_run_fatal;          /* UNKNOWN: it ran and could not complete */
	int not_run_unchecked;      /* UNKNOWN: it applied to nothing for want of an input */
	size_t not_run_step;        /* UNKNOWN (unchecked): its step index */
	const char *not_run_what;   /* UNKNOWN (unchecked): what it could not judge (result-owned) */
	const char *not_run_enable; /* UNKNOWN (unchecked): the option that gives the input */
	/* the product's words (profile strings, or the finding's), NULL when none */
	const char *product_message; /* REJECT: what the product says */
	const char *message;         /* REJECT: what certdiag found */
	const char *remedy;          /* REJECT: the rule's remediation */
	const char *accepted;        /* ACCEPT: the product's success message */
	const char *restart;         /* ACCEPT: what to restart after the upload */
};

const char *cd_verdict_name(enum cd_verdict v); /* "accept", "accept-with-errors", ... */

/* Is purpose (any case) one the product knows? Fills product, version, purpose (Cisco's
 * spelling), kind, unit and store. CD_OK or CD_E_USAGE. */
int cd_precheck_resolve(struct cd_precheck *p, const struct cd_profiles *ps, const char *product,
			const struct cd_version *version, const char *purpose, int edge);

/* Roles of the inputs: cert is the upload, csr (or NULL) the pending CSR, the --trust roles
 * of extra (n_extra, roles named "--trust" or "public-roots") become the target store; role
 * names from the profiles' tables (ps). Writes up to n_extra + 2 roles and paths (caller's
 * arrays); *n receives the count. CD_OK or CD_E_USAGE (the purpose takes no CSR). Path
 * strings are not copied. */
int cd_precheck_inputs(const struct cd_precheck *p, const struct cd_profiles *ps, const char *cert,
		       const char *csr,
		       const struct cd_role_spec *extra, size_t n_extra, struct cd_role_spec *roles,
		       const char **paths, size_t *n);

/* Rules of the other family never apply to the upload: the --skip-rules to add. */
const char *cd_precheck_skip(const struct cd_precheck *p);

/* Walk the product's checks over a finished scan and decide. CD_OK or CD_E_NOMEM. */
int cd_precheck_judge(struct cd_precheck *p, const struct cd_profiles *ps, const struct cd_scan *s,
		      const char *cert);
/* Does finding f concern the upload (names it, or points at the file when it names no object)? */
int cd_precheck_concerns(const struct cd_precheck *p, const struct cd_finding *f);
void cd_precheck_release(struct cd_precheck *p);

#endif
