/* roles.h - what an object is to a product (docs/roles.md): an identity of a unit, a member of
 * a trust store, a unit's CSR, and on which node. The names (units, stores, layout folders and
 * files) are read from the product profiles (rules/profiles/ *.yaml); roles come from paths
 * (the documented layouts, while ingesting), from options (--role, --trust, ...) and from
 * content (a certificate with a CSR's key), the last two after ingest (cd_roles_assign). */
#ifndef CD_PRODUCT_ROLES_H
#define CD_PRODUCT_ROLES_H

#include <jansson.h>
#include <stddef.h>
#include "model/model.h"

struct cd_profiles;

/* One identity unit a role may name: "tomcat" (purpose tomcat of cucm), "expressway-e"
 * (purpose server of expressway). Strings point into the profiles. */
struct cd_role_unit {
	const char *name;     /* as Cisco spells it */
	const char *product;  /* the profile defining it: "cucm", "imp", "expressway" */
	const char *purpose_name;
	const json_t *purpose; /* the purpose entry */
	const char *store;    /* its trust store ("tomcat-trust"), NULL when the purpose has none */
	int by_name;          /* the layout names files after it (<unit>.pem, <unit>/trust-certs/) */
	const json_t *layout; /* the layout of its profile (its own or inherited), NULL none */
	const json_t *profile; /* its profile's document */
	int edge;             /* its name says Expressway-E (1) or -C (0); -1 it does not */
};

/* A file of the layout matched at the end of a path: "persistent/certs/server.pem". */
struct cd_role_file {
	const char *path;
	enum cd_role_kind kind;
	const char *unit;
};

/* A name (folder, or file without extension) that makes a store: "trusted-ca-list". */
struct cd_role_alias {
	const char *name;
	const char *store;
};

/* The role tables, built from the profiles by cd_profiles_load (struct cd_profiles.roles). */
struct cd_role_tables {
	struct cd_role_unit *units;
	size_t n_units;
	const char **stores; /* every trust store a profile names */
	size_t n_stores;
	const char **folders; /* layout folders that are never node names */
	size_t n_folders;
	struct cd_role_file *files;
	size_t n_files;
	struct cd_role_alias *aliases;
	size_t n_aliases;
	const char **server_files; /* --product expressway: "server.pem" anywhere (content pass) */
	size_t n_server_files;
	const char *server_unit;   /* the unit those files are: "expressway-server" */
};

/* Build t from the loaded profiles. CD_OK, CD_E_NOMEM, or CD_E_MALFORMED with *err (malloc'd)
 * when a profile's roles are not well formed. */
int cd_role_tables_build(struct cd_role_tables *t, const struct cd_profiles *ps, char **err);
void cd_role_tables_release(struct cd_role_tables *t);

/* The unit named name (any case), NULL when no profile knows it. */
const struct cd_role_unit *cd_role_unit_find(const struct cd_role_tables *t, const char *name);
/* The trust store of an identity unit ("tomcat-ECDSA" -> "tomcat-trust", "expressway-e" ->
 * "expressway-trusted-ca"), NULL when it has none. The signature suits struct cd_chain_opts:
 * arg is the struct cd_role_tables. */
const char *cd_role_unit_store(const void *tables, const char *unit);

/* The role of a file from its path rel, relative to the scanned root (docs/roles.md, rules 1 to
 * 5). is_dir_root: rel lies below a directory or archive given on the command line (then its
 * first folder may name a node). The signature suits struct cd_ingest_opts: arg is the
 * struct cd_role_tables. out->reason is a static sentence. */
void cd_role_infer(const void *tables, const char *rel, int is_dir_root, struct cd_role *out);

/* Parse a role spec "tomcat", "tomcat-trust", "tomcat.csr", "expressway-e", "public-roots",
 * optionally "@NODE". CD_OK or CD_E_USAGE. out->origin is CD_ROLE_FROM_OPTION. */
int cd_role_parse(const struct cd_role_tables *t, const char *spec, struct cd_role *out);

/* Does s look like a node name (letters, digits, '-', '.', '_', at most 63 characters) that is
 * no unit, store or layout folder? */
int cd_role_node_name_ok(const struct cd_role_tables *t, const char *s, size_t n);

/* What the roles decided after ingest need (product/assign.c). */
struct cd_roles_opts {
	const struct cd_role_tables *tables; /* NULL: only the specs (certdiag verify) */
	const struct cd_role_spec *specs;
	size_t n_specs;
	const char *product; /* --product: "cucm", "imp", "expressway", "" or NULL for none */
};

/* Roles decided once every input is read (docs/roles.md), in this order:
 * 1. the specs (the longest PATH wins; a source from a capture takes none), over the roles of
 *    paths;
 * 2. with --product expressway, server.pem/.crt/.cer anywhere is a server certificate, and
 *    several in different folders are different nodes;
 * 3. a certificate of no role whose key equals a CSR's is that CSR's identity (node: the CSR's,
 *    else the first label of its host name); one whose subject and SAN set equal a CSR's but
 *    whose key differs is the certificate issued for it from another key; ambiguous cases and
 *    CA certificates get no role but a note (cd_model_role_note);
 * 4. the role of each ingest event's file (a file that held no object still has the role its
 *    path gives).
 * Reasons are kept by the model. CD_OK or CD_E_NOMEM. */
int cd_roles_assign(struct cd_model *m, const struct cd_roles_opts *o);

#endif
