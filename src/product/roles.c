/* roles.c - role tables from the product profiles, and roles from paths and role specs
 * (docs/roles.md; the product layouts as rules/profiles/ *.yaml name them). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "product/profile.h"
#include "product/roles.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"

/* Path components looked at; deeper paths are judged by their first 64. */
#define ROLE_MAX_COMPONENTS 64

/* ---- building the tables ---- */

static int push_name(const char ***v, size_t *n, const char *s)
{
	const char **nv;
	if (!s)
		return CD_OK;
	for (size_t i = 0; i < *n; i++)
		if (!strcasecmp((*v)[i], s))
			return CD_OK;
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (!nv)
		return CD_E_NOMEM;
	*v = nv;
	nv[(*n)++] = s;
	return CD_OK;
}

static int push_unit(struct cd_role_tables *t, const struct cd_role_unit *u)
{
	struct cd_role_unit *nu;
	if (cd_role_unit_find(t, u->name))
		return CD_OK; /* the first profile naming it defines it */
	nu = realloc(t->units, (t->n_units + 1) * sizeof(*nu));
	if (!nu)
		return CD_E_NOMEM;
	t->units = nu;
	nu[t->n_units++] = *u;
	return CD_OK;
}

static int bad(char **err, const char *product, const char *what)
{
	struct cd_buf b;
	cd_buf_init(&b, 4096);
	cd_buf_addf(&b, "rules/profiles/%s.yaml: %s", product, what);
	*err = cd_buf_detach(&b);
	return CD_E_MALFORMED;
}

/* The layout of a profile: its own, else that of the profile it inherits. */
static const json_t *layout_of(const struct cd_profiles *ps, const json_t *doc)
{
	const json_t *l = json_object_get(doc, "layout");
	const char *parent = json_string_value(json_object_get(doc, "inherits"));
	const struct cd_product_profile *pp;
	if (l || !parent)
		return l;
	pp = cd_profiles_find(ps, parent);
	return pp ? json_object_get(pp->doc, "layout") : NULL;
}

static int add_profile(struct cd_role_tables *t, const struct cd_profiles *ps,
		       const struct cd_product_profile *p, char **err)
{
	const json_t *doc = p->doc, *purposes = json_object_get(doc, "purposes");
	const json_t *units = json_object_get(doc, "units"), *own = json_object_get(doc, "layout");
	const json_t *layout = layout_of(ps, doc), *v, *e;
	const char *key;
	size_t i;
	int rc = CD_OK;

	if (units) { /* role names for purposes: "expressway-e: server" */
		json_object_foreach((json_t *)units, key, v) {
			struct cd_role_unit u = {key, p->name, json_string_value(v), NULL, NULL, 0, layout, doc, -1};
			const json_t *e = json_object_get(json_object_get(doc, "edge_units"), key);
			u.purpose = u.purpose_name ? json_object_get(purposes, u.purpose_name) : NULL;
			if (e)
				u.edge = json_is_true(e);
			if (!u.purpose)
				return bad(err, p->name, "units: names a purpose the profile does not have");
			u.store = json_string_value(json_object_get(u.purpose, "trust_store"));
			if ((rc = push_unit(t, &u)) < 0)
				return rc;
		}
	} else { /* every purpose is a unit of its own name */
		int by_name = json_is_array(json_object_get(layout, "unit_files"));
		json_object_foreach((json_t *)purposes, key, v) {
			struct cd_role_unit u = {key, p->name, key, v, NULL, by_name, layout, doc, -1};
			u.store = json_string_value(json_object_get(v, "trust_store"));
			if ((rc = push_unit(t, &u)) < 0)
				return rc;
		}
	}
	json_object_foreach((json_t *)json_object_get(doc, "trust_stores"), key, v)
		if ((rc = push_name(&t->stores, &t->n_stores, key)) < 0)
			return rc;
	json_object_foreach((json_t *)purposes, key, v)
		if ((rc = push_name(&t->stores, &t->n_stores,
				    json_string_value(json_object_get(v, "trust_store")))) < 0)
			return rc;
	json_array_foreach(json_object_get(own, "folders"), i, v)
		if ((rc = push_name(&t->folders, &t->n_folders, json_string_value(v))) < 0)
			return rc;
	json_array_foreach(json_object_get(own, "files"), i, e) {
		struct cd_role_file f, *nf;
		const char *kind = json_string_value(json_object_get(e, "role"));
		f.path = json_string_value(json_object_get(e, "path"));
		f.unit = json_string_value(json_object_get(e, "unit"));
		f.kind = !kind ? CD_ROLE_NONE
			 : !strcmp(kind, "identity") ? CD_ROLE_IDENTITY
			 : !strcmp(kind, "csr")      ? CD_ROLE_CSR
						     : CD_ROLE_NONE;
		if (!f.path || !f.unit || f.kind == CD_ROLE_NONE)
			return bad(err, p->name, "layout.files: each needs path, role (identity or csr) and unit");
		nf = realloc(t->files, (t->n_files + 1) * sizeof(*nf));
		if (!nf)
			return CD_E_NOMEM;
		t->files = nf;
		nf[t->n_files++] = f;
	}
	json_object_foreach((json_t *)json_object_get(own, "store_names"), key, v) {
		const json_t *name;
		if ((rc = push_name(&t->stores, &t->n_stores, key)) < 0)
			return rc;
		json_array_foreach(v, i, name) {
			struct cd_role_alias *na = realloc(t->aliases, (t->n_aliases + 1) * sizeof(*na));
			if (!na)
				return CD_E_NOMEM;
			t->aliases = na;
			na[t->n_aliases].name = json_string_value(name);
			na[t->n_aliases++].store = key;
			if ((rc = push_name(&t->folders, &t->n_folders, json_string_value(name))) < 0)
				return rc;
		}
	}
	if ((e = json_object_get(own, "server_files"))) {
		t->server_unit = json_string_value(json_object_get(e, "unit"));
		json_array_foreach(json_object_get(e, "names"), i, v)
			if ((rc = push_name(&t->server_files, &t->n_server_files, json_string_value(v))) < 0)
				return rc;
	}
	return CD_OK;
}

int cd_role_tables_build(struct cd_role_tables *t, const struct cd_profiles *ps, char **err)
{
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < ps->n; i++) {
		int rc = add_profile(t, ps, &ps->p[i], err);
		if (rc < 0)
			return rc;
	}
	for (size_t i = 0; i < t->n_files; i++)
		if (!cd_role_unit_find(t, t->files[i].unit))
			return bad(err, "*", "layout.files: names a unit no profile has");
	if (t->server_unit && !cd_role_unit_find(t, t->server_unit))
		return bad(err, "*", "layout.server_files: names a unit no profile has");
	return CD_OK;
}

void cd_role_tables_release(struct cd_role_tables *t)
{
	free(t->units);
	free(t->stores);
	free(t->folders);
	free(t->files);
	free(t->aliases);
	free(t->server_files);
	memset(t, 0, sizeof(*t));
}

/* ---- lookups ---- */

static const struct cd_role_unit *unit_find_n(const struct cd_role_tables *t, const char *s, size_t n)
{
	for (size_t i = 0; i < t->n_units; i++)
		if (strlen(t->units[i].name) == n && !strncasecmp(t->units[i].name, s, n))
			return &t->units[i];
	return NULL;
}

const struct cd_role_unit *cd_role_unit_find(const struct cd_role_tables *t, const char *name)
{
	return unit_find_n(t, name, strlen(name));
}

static const char *name_find_n(const char *const *v, size_t nv, const char *s, size_t n)
{
	for (size_t i = 0; i < nv; i++)
		if (strlen(v[i]) == n && !strncasecmp(v[i], s, n))
			return v[i];
	return NULL;
}

const char *cd_role_unit_store(const void *tables, const char *unit)
{
	const struct cd_role_unit *u = tables ? cd_role_unit_find(tables, unit) : NULL;
	return u ? u->store : NULL;
}

int cd_role_node_name_ok(const struct cd_role_tables *t, const char *s, size_t n)
{
	if (n == 0 || n > 63 || !isalnum((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '.' && s[i] != '_')
			return 0;
	return !unit_find_n(t, s, n) && !name_find_n(t->stores, t->n_stores, s, n) &&
	       !name_find_n(t->folders, t->n_folders, s, n);
}

/* Is ext (no dot) in the profile array at layout.key (any case)? */
static int ext_in(const json_t *layout, const char *key, const char *ext)
{
	size_t i;
	const json_t *v;
	json_array_foreach(json_object_get(layout, key), i, v)
		if (json_is_string(v) && !strcasecmp(json_string_value(v), ext))
			return 1;
	return 0;
}

static int comp_is(const char *c, size_t n, const char *s)
{
	return s && strlen(s) == n && !strncmp(c, s, n);
}

/* ---- roles from paths ---- */

/* Why, per rule of docs/roles.md; [1] when the top folder also names the node. */
static const char *const R_STORE_FOLDER[2] = {
	"a folder of its path is named after the trust store",
	"a folder of its path is named after the trust store; the node is the top folder"};
static const char *const R_ALIAS[2] = {
	"its folder or file name is a trusted CA list's by certdiag's convention (docs/roles.md)",
	"its folder or file name is a trusted CA list's by certdiag's convention (docs/roles.md); "
	"the node is the top folder"};
static const char *const R_TRUST_FOLDER[2] = {
	"it lies in the unit's trust-certs folder (the on-box layout)",
	"it lies in the unit's trust-certs folder (the on-box layout); the node is the top folder"};
static const char *const R_CSR_NAME[2] = {
	"its file name is the unit's CSR (<unit>.csr, or keys/<unit>)",
	"its file name is the unit's CSR (<unit>.csr, or keys/<unit>); the node is the top folder"};
static const char *const R_UNIT_NAME[2] = {
	"its file name is the unit's (<unit>.pem, .der, .crt or .cer)",
	"its file name is the unit's (<unit>.pem, .der, .crt or .cer); the node is the top folder"};
static const char *const R_FILE[2] = {
	"its path ends as the product's own file does (the on-box layout)",
	"its path ends as the product's own file does (the on-box layout); the node is the top folder"};

void cd_role_infer(const void *tables, const char *rel, int is_dir_root, struct cd_role *out)
{
	const struct cd_role_tables *t = tables;
	const char *comp[ROLE_MAX_COMPONENTS];
	size_t clen[ROLE_MAX_COMPONENTS], n = 0;
	const char *p = rel;
	const char *const *why = NULL;
	memset(out, 0, sizeof(*out));
	if (!rel || !t)
		return;
	while (*p && n < ROLE_MAX_COMPONENTS) {
		const char *s;
		while (*p == '/')
			p++;
		if (!*p)
			break;
		s = strchr(p, '/');
		comp[n] = p;
		clen[n] = s ? (size_t)(s - p) : strlen(p);
		n++;
		p += clen[n - 1];
	}
	if (n == 0)
		return;
	/* 1. a folder named after a trust store: "tomcat-trust/..." */
	for (size_t i = n - 1; i-- > 0;) {
		const char *st = name_find_n(t->stores, t->n_stores, comp[i], clen[i]);
		if (st) {
			out->kind = CD_ROLE_TRUST;
			cd_strlcpy(out->name, st, sizeof(out->name));
			why = R_STORE_FOLDER;
			break;
		}
	}
	/* 5 (checked second). a folder, or a file without its extension, named like a store by
	 * certdiag's convention: trusted-ca-list/ */
	for (size_t i = 0; i < n && !out->kind; i++) {
		size_t l = clen[i];
		const char *dot = memchr(comp[i], '.', l);
		if (i == n - 1 && dot)
			l = (size_t)(dot - comp[i]);
		for (size_t a = 0; a < t->n_aliases; a++)
			if (strlen(t->aliases[a].name) == l && !strncasecmp(t->aliases[a].name, comp[i], l)) {
				out->kind = CD_ROLE_TRUST;
				cd_strlcpy(out->name, t->aliases[a].store, sizeof(out->name));
				why = R_ALIAS;
				break;
			}
	}
	/* 2. "<unit>/trust-certs/..." (the on-box layout) */
	for (size_t i = 0; !out->kind && i + 2 < n; i++) {
		const struct cd_role_unit *u = unit_find_n(t, comp[i], clen[i]);
		if (u && u->by_name && u->store &&
		    comp_is(comp[i + 1], clen[i + 1], json_string_value(json_object_get(u->layout, "trust_folder")))) {
			out->kind = CD_ROLE_TRUST;
			cd_strlcpy(out->name, u->store, sizeof(out->name));
			why = R_TRUST_FOLDER;
		}
	}
	/* 3. "<unit>.pem|.der|.crt|.cer" = identity; "<unit>.csr" or "keys/<unit>.*" = CSR;
	 * 4. the product's own files ("persistent/certs/server.pem") */
	if (!out->kind) {
		char name[256], ext[256];
		const char *dot;
		size_t stem;
		const struct cd_role_unit *u;
		snprintf(name, sizeof(name), "%.*s", (int)clen[n - 1], comp[n - 1]);
		dot = strrchr(name, '.');
		stem = dot ? (size_t)(dot - name) : strlen(name);
		cd_strlcpy(ext, dot ? dot + 1 : "", sizeof(ext));
		u = unit_find_n(t, name, stem);
		if (u && !u->by_name)
			u = NULL;
		if (u && (ext_in(u->layout, "csr_files", ext) ||
			  (n >= 2 && comp_is(comp[n - 2], clen[n - 2],
					     json_string_value(json_object_get(u->layout, "csr_folder"))) &&
			   !cd_strcaseeq(ext, "key")))) {
			out->kind = CD_ROLE_CSR;
			cd_strlcpy(out->name, u->name, sizeof(out->name));
			why = R_CSR_NAME;
		} else if (u && ext_in(u->layout, "unit_files", ext)) {
			out->kind = CD_ROLE_IDENTITY;
			cd_strlcpy(out->name, u->name, sizeof(out->name));
			why = R_UNIT_NAME;
		}
		for (size_t f = 0; f < t->n_files && !out->kind; f++) {
			/* compare the file's components with the last ones of rel, exactly */
			const char *fp = t->files[f].path;
			size_t k = 1;
			int ok = 1;
			for (const char *q = fp; *q; q++)
				k += *q == '/';
			if (k > n)
				continue;
			for (size_t c = n - k; c < n && ok; c++) {
				const char *sl = strchr(fp, '/');
				size_t l = sl ? (size_t)(sl - fp) : strlen(fp);
				ok = l == clen[c] && !strncmp(fp, comp[c], l);
				fp += l + (sl ? 1 : 0);
			}
			if (ok) {
				out->kind = t->files[f].kind;
				cd_strlcpy(out->name, cd_role_unit_find(t, t->files[f].unit)->name, sizeof(out->name));
				why = R_FILE;
			}
		}
	}
	/* the top folder of a directory scan is a node when it holds a product layout */
	if (out->kind && is_dir_root && n >= 2 && cd_role_node_name_ok(t, comp[0], clen[0])) {
		snprintf(out->node, sizeof(out->node), "%.*s", (int)clen[0], comp[0]);
		out->reason = why[1];
	} else if (out->kind) {
		out->reason = why[0];
	}
}

int cd_role_parse(const struct cd_role_tables *t, const char *spec, struct cd_role *out)
{
	char s[128];
	char *at;
	size_t n;
	const char *hit;
	const struct cd_role_unit *u;
	memset(out, 0, sizeof(*out));
	if (cd_strlcpy(s, spec, sizeof(s)) >= sizeof(s))
		return CD_E_USAGE;
	at = strchr(s, '@');
	if (at) {
		*at = 0;
		if (!cd_role_node_name_ok(t, at + 1, strlen(at + 1)))
			return CD_E_USAGE;
		cd_strlcpy(out->node, at + 1, sizeof(out->node));
	}
	n = strlen(s);
	out->origin = CD_ROLE_FROM_OPTION;
	if ((hit = name_find_n(t->stores, t->n_stores, s, n))) {
		out->kind = CD_ROLE_TRUST;
		cd_strlcpy(out->name, hit, sizeof(out->name));
		return CD_OK;
	}
	if (n > 4 && cd_str_endswith_ci(s, ".csr") && (u = unit_find_n(t, s, n - 4))) {
		out->kind = CD_ROLE_CSR;
		cd_strlcpy(out->name, u->name, sizeof(out->name));
		return CD_OK;
	}
	if ((u = unit_find_n(t, s, n))) {
		out->kind = CD_ROLE_IDENTITY;
		cd_strlcpy(out->name, u->name, sizeof(out->name));
		return CD_OK;
	}
	if (cd_str_endswith_ci(s, "-trust") && n > 6) { /* any other trust list by name */
		out->kind = CD_ROLE_TRUST;
		cd_strlcpy(out->name, s, sizeof(out->name));
		return CD_OK;
	}
	if (!strcasecmp(s, "public-roots")) {
		/* certdiag's reference store of public roots (--public-roots), no product's */
		out->kind = CD_ROLE_TRUST;
		cd_strlcpy(out->name, "public-roots", sizeof(out->name));
		return CD_OK;
	}
	return CD_E_USAGE;
}
