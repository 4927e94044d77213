/* roles.c - roles from paths, following the product layouts of PRODUCT-FACTS §5 (docs/roles.md). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "ingest/ingest.h"
#include "util/error.h"
#include "util/str.h"

/* CUCM / IM&P certificate units (identities), PRODUCT-FACTS §5. */
static const char *const UNITS[] = {
	"tomcat", "tomcat-ECDSA", "CallManager", "CallManager-ECDSA", "ipsec", "CAPF", "TVS",
	"ITLRecovery", "cup", "cup-ECDSA", "cup-xmpp", "cup-xmpp-ECDSA", "cup-xmpp-s2s",
	"cup-xmpp-s2s-ECDSA", NULL};

/* Trust stores, PRODUCT-FACTS §5. */
static const char *const STORES[] = {
	"Phone-trust", "Phone-VPN-trust", "CallManager-trust", "tomcat-trust", "ipsec-trust",
	"CAPF-trust", "TVS-trust", "directory-trust", "Phone-SAST-trust", "Phone-CTL-trust",
	"userlicensing-trust", "cup-trust", "cup-xmpp-trust", NULL};

/* Folder names of the documented layouts that are never node names. */
static const char *const LAYOUT[] = {"usr", "local", "platform", "cm", ".security", "certs", "keys",
				     "trust-certs", "tandberg", "persistent", "generated_csr",
				     "trusted-ca-list", "trusted_ca_list", "trusted-ca", "trusted_ca", NULL};

static const char *lookup(const char *const *tab, const char *s, size_t n)
{
	for (size_t i = 0; tab[i]; i++)
		if (strlen(tab[i]) == n && strncasecmp(tab[i], s, n) == 0)
			return tab[i];
	return NULL;
}

void cd_role_unit_store(const char *unit, char *out, size_t size)
{
	char base[48];
	if (!strncmp(unit, "expressway-", 11)) { /* Expressway: its trusted CA list */
		cd_strlcpy(out, "expressway-trusted-ca", size);
		return;
	}
	cd_strlcpy(base, unit, sizeof(base));
	/* -ECDSA units share the store of their base unit; XMPP federation shares cup-xmpp-trust
	 * (rules/profiles/imp.yaml) */
	if (cd_str_endswith_ci(base, "-ECDSA"))
		base[strlen(base) - 6] = 0;
	if (!strcasecmp(base, "cup-xmpp-s2s"))
		base[8] = 0;
	snprintf(out, size, "%s-trust", base);
}

static int looks_like_node(const char *s, size_t n)
{
	if (n == 0 || n > 63 || !isalnum((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '.' && s[i] != '_')
			return 0;
	return !lookup(UNITS, s, n) && !lookup(STORES, s, n) && !lookup(LAYOUT, s, n);
}

/* Strip a certificate-ish extension: "tomcat.pem" -> "tomcat"; returns the ext or "". */
static const char *split_ext(const char *name, size_t *stem)
{
	const char *dot = strrchr(name, '.');
	*stem = dot ? (size_t)(dot - name) : strlen(name);
	return dot ? dot + 1 : "";
}

void cd_role_infer(const char *rel, int is_dir_root, struct cd_role *out)
{
	const char *comp[64];
	size_t clen[64], n = 0;
	const char *p = rel;
	memset(out, 0, sizeof(*out));
	if (!rel)
		return;
	while (*p && n < 64) {
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
		const char *st = lookup(STORES, comp[i], clen[i]);
		if (st) {
			out->kind = CD_ROLE_TRUST;
			cd_strlcpy(out->name, st, sizeof(out->name));
			break;
		}
	}
	/* 1b. Expressway's trusted CA list, by certdiag's convention (docs/roles.md): a folder or
	 * a file named trusted-ca-list / trusted_ca_list / trusted-ca / trusted_ca */
	if (!out->kind)
		for (size_t i = 0; i < n; i++) {
			size_t l = clen[i];
			const char *dot = memchr(comp[i], '.', l);
			if (i == n - 1 && dot)
				l = (size_t)(dot - comp[i]);
			if ((l == 15 && (!strncasecmp(comp[i], "trusted-ca-list", 15) ||
					 !strncasecmp(comp[i], "trusted_ca_list", 15))) ||
			    (l == 10 && (!strncasecmp(comp[i], "trusted-ca", 10) ||
					 !strncasecmp(comp[i], "trusted_ca", 10)))) {
				out->kind = CD_ROLE_TRUST;
				cd_strlcpy(out->name, "expressway-trusted-ca", sizeof(out->name));
				break;
			}
		}
	/* 2. "<unit>/trust-certs/..." (the on-box layout) */
	if (!out->kind)
		for (size_t i = 0; i + 2 < n; i++) {
			const char *u = lookup(UNITS, comp[i], clen[i]);
			if (u && clen[i + 1] == 11 && strncmp(comp[i + 1], "trust-certs", 11) == 0) {
				out->kind = CD_ROLE_TRUST;
				cd_role_unit_store(u, out->name, sizeof(out->name));
				break;
			}
		}
	/* 3. "<unit>.pem|.der|.crt|.cer" = identity; "<unit>.csr" or "keys/<unit>.*" = CSR */
	if (!out->kind) {
		char name[256];
		size_t stem;
		const char *ext, *u;
		int in_keys = n >= 2 && clen[n - 2] == 4 && strncmp(comp[n - 2], "keys", 4) == 0;
		snprintf(name, sizeof(name), "%.*s", (int)clen[n - 1], comp[n - 1]);
		ext = split_ext(name, &stem);
		u = lookup(UNITS, name, stem);
		if (u && (cd_strcaseeq(ext, "csr") || (in_keys && !cd_strcaseeq(ext, "key")))) {
			out->kind = CD_ROLE_CSR;
			cd_strlcpy(out->name, u, sizeof(out->name));
		} else if (u && (cd_strcaseeq(ext, "pem") || cd_strcaseeq(ext, "der") ||
				 cd_strcaseeq(ext, "crt") || cd_strcaseeq(ext, "cer"))) {
			out->kind = CD_ROLE_IDENTITY;
			cd_strlcpy(out->name, u, sizeof(out->name));
		} else if (n >= 3 && !strcmp(name, "server.pem") && clen[n - 2] == 5 &&
			   !strncmp(comp[n - 2], "certs", 5) && clen[n - 3] == 10 &&
			   !strncmp(comp[n - 3], "persistent", 10)) {
			/* Expressway: /tandberg/persistent/certs/server.pem */
			out->kind = CD_ROLE_IDENTITY;
			cd_strlcpy(out->name, "expressway-server", sizeof(out->name));
		} else if (n >= 2 && !strcmp(name, "csr.pem") && clen[n - 2] == 13 &&
			   !strncmp(comp[n - 2], "generated_csr", 13)) {
			out->kind = CD_ROLE_CSR;
			cd_strlcpy(out->name, "expressway-server", sizeof(out->name));
		}
	}
	/* 4. the top folder of a directory scan is a node when it holds a product layout */
	if (out->kind && is_dir_root && n >= 2 && looks_like_node(comp[0], clen[0]))
		snprintf(out->node, sizeof(out->node), "%.*s", (int)clen[0], comp[0]);
}

int cd_role_parse(const char *spec, struct cd_role *out)
{
	char s[128];
	char *at;
	size_t n;
	const char *hit;
	memset(out, 0, sizeof(*out));
	if (cd_strlcpy(s, spec, sizeof(s)) >= sizeof(s))
		return CD_E_USAGE;
	at = strchr(s, '@');
	if (at) {
		*at = 0;
		if (!looks_like_node(at + 1, strlen(at + 1)))
			return CD_E_USAGE;
		cd_strlcpy(out->node, at + 1, sizeof(out->node));
	}
	n = strlen(s);
	out->explicit_ = 1;
	if ((hit = lookup(STORES, s, n))) {
		out->kind = CD_ROLE_TRUST;
		cd_strlcpy(out->name, hit, sizeof(out->name));
		return CD_OK;
	}
	if (n > 4 && cd_str_endswith_ci(s, ".csr") && (hit = lookup(UNITS, s, n - 4))) {
		out->kind = CD_ROLE_CSR;
		cd_strlcpy(out->name, hit, sizeof(out->name));
		return CD_OK;
	}
	if ((hit = lookup(UNITS, s, n))) {
		out->kind = CD_ROLE_IDENTITY;
		cd_strlcpy(out->name, hit, sizeof(out->name));
		return CD_OK;
	}
	if (cd_str_endswith_ci(s, "-trust") && n > 6) { /* any other trust list by name */
		out->kind = CD_ROLE_TRUST;
		cd_strlcpy(out->name, s, sizeof(out->name));
		return CD_OK;
	}
	if (!strcasecmp(s, "public-roots")) {
		/* a reference store of public roots (--public-roots; expressway.private-ca-for-edge) */
		out->kind = CD_ROLE_TRUST;
		cd_strlcpy(out->name, "public-roots", sizeof(out->name));
		return CD_OK;
	}
	if (!strcasecmp(s, "expressway-trusted-ca")) {
		out->kind = CD_ROLE_TRUST;
		cd_strlcpy(out->name, "expressway-trusted-ca", sizeof(out->name));
		return CD_OK;
	}
	if (!strcmp(s, "expressway-server") || !strcmp(s, "expressway-e") || !strcmp(s, "expressway-c")) {
		out->kind = CD_ROLE_IDENTITY;
		cd_strlcpy(out->name, s, sizeof(out->name));
		return CD_OK;
	}
	return CD_E_USAGE;
}
