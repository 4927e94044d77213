/* context.h - the product context the cucm.* and expressway.* rules read (docs/products.md):
 * --product, --domain, --edge and the precheck upload. The engine passes it to the checks as an
 * opaque pointer (struct cd_eval_opts.product) and knows nothing of CUCM or Expressway. */
#ifndef CD_PRODUCT_CONTEXT_H
#define CD_PRODUCT_CONTEXT_H

#include <stddef.h>
#include "product/profile.h"

struct cd_product_opts {
	const struct cd_profiles *profiles; /* rules/profiles/, set by cd_scan_run */
	char product[16];          /* --product: "cucm", "imp", "expressway"; "" = from roles */
	struct cd_version version; /* --product P:VERSION; valid = 0 when not given */
	const char *const *domains; /* --domain: Expressway MRA / UC domains */
	size_t n_domains;
	const char *const *profile_names; /* --profile-name: secure phone profile names */
	size_t n_profile_names;
	int edge;                  /* Expressway: 1 -E (--edge), 0 -C (--core), -1 unknown */
	/* precheck: the file being uploaded, resolved by cd_scan_run to a model index */
	const char *upload_path;
	const char *upload_purpose; /* precheck --purpose: "tomcat", "tomcat-trust", "server" */
	size_t upload;              /* SIZE_MAX when not a precheck or nothing readable */
	/* compare: NEW, the certificate the renewal rules take as the one that replaces the others
	 * (whatever the notBefore dates say), resolved like upload; SIZE_MAX otherwise */
	const char *renewal_new_path;
	size_t renewal_new;
};

/* Empty context: no --product, no upload (upload = SIZE_MAX), edge unknown. */
void cd_product_opts_init(struct cd_product_opts *p);

#endif
