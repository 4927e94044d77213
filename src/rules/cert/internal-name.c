/* cert.internal-name - a TLS server certificate that chains to a public root names an internal
 * host: a single-label name, a name under a suffix no public registry delegates (.local,
 * .internal, .lan, ...), or a reserved IP address (RFC 1918 private, loopback, link-local,
 * RFC 6598 shared, IPv6 unique local). Publicly trusted CAs may not issue for them (CA/Browser
 * Forum Baseline Requirements §7.1.2.7.12, "Internal Name" and "Reserved IP Address" in §1.6.1).
 * A private CA may: private chains are not judged, and without a public root store the
 * certificates are "not checked". */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "rules/cert/lint.h"
#include "rules/cert/owner.h"

/* Suffixes for names that exist only inside a network: RFC 6762 (.local), ICANN's
 * .internal reservation (2024), RFC 8375 (home.arpa) and names routers and AD domains use. */
static const char *const INTERNAL_SUFFIXES[] = {
	"local", "internal", "lan", "localdomain", "home.arpa", "intranet", "corp", "home",
	"localhost", "private",
};

static const char *dns_internal(const char *name, char *why, size_t size)
{
	size_t len = strlen(name);
	const char *dot;
	if (len && name[len - 1] == '.')
		len--;
	if (!len)
		return NULL;
	if (!(dot = memchr(name, '.', len)))
		return "a single-label name (no public domain)";
	for (size_t k = 0; k < sizeof(INTERNAL_SUFFIXES) / sizeof(INTERNAL_SUFFIXES[0]); k++) {
		size_t n = strlen(INTERNAL_SUFFIXES[k]);
		if (len > n && name[len - n - 1] == '.' && !strncasecmp(name + len - n, INTERNAL_SUFFIXES[k], n)) {
			snprintf(why, size, "a name under .%s, which no public registry delegates",
				 INTERNAL_SUFFIXES[k]);
			return why;
		}
	}
	return NULL;
}

static const char *ip_reserved(const uint8_t *ip, unsigned len)
{
	if (len == 4) {
		if (ip[0] == 10 || (ip[0] == 172 && (ip[1] & 0xF0) == 16) || (ip[0] == 192 && ip[1] == 168))
			return "a private address (RFC 1918)";
		if (ip[0] == 127)
			return "a loopback address";
		if (ip[0] == 169 && ip[1] == 254)
			return "a link-local address (RFC 3927)";
		if (ip[0] == 100 && (ip[1] & 0xC0) == 64)
			return "a shared address space address (RFC 6598)";
		if (ip[0] == 0)
			return "an address of \"this network\" (0.0.0.0/8)";
		return NULL;
	}
	if (len == 16) {
		static const uint8_t LOOP[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
		if (!memcmp(ip, LOOP, 16))
			return "the IPv6 loopback address";
		if (ip[0] == 0xFE && (ip[1] & 0xC0) == 0x80)
			return "an IPv6 link-local address";
		if ((ip[0] & 0xFE) == 0xFC)
			return "an IPv6 unique local address (RFC 4193)";
	}
	return NULL;
}

static int run(struct cd_check_ctx *ctx)
{
	size_t unknown = 0;
	int rc;
	CD_FOREACH_OBJECT(ctx->model, i, o)
	{
		const struct cd_cert *c;
		struct cd_finding *f;
		json_t *names;
		size_t n_bad = 0, first = SIZE_MAX;
		char why[160], first_why[160] = "";
		int pub;
		if (o->kind != CD_KIND_CERT || !cd_lint_tls_server(o->u.cert) || !cd_owner_end_entity(ctx, i) ||
		    !o->u.cert->n_san)
			continue;
		c = o->u.cert;
		if ((rc = cd_lint_public(ctx->model, i, &pub)) < 0)
			return rc;
		if (pub < 0) {
			unknown++;
			continue;
		}
		if (!pub)
			continue; /* a private CA may name its own hosts */
		cd_check_applied(ctx);
		names = json_array();
		for (size_t k = 0; k < c->n_san; k++) {
			const struct cd_san *s = &c->san[k];
			const char *w = s->type == CD_SAN_DNS  ? dns_internal(s->value, why, sizeof(why))
					: s->type == CD_SAN_IP ? ip_reserved(s->ip, s->ip_len)
							       : NULL;
			json_t *one;
			if (!w)
				continue;
			if (first == SIZE_MAX) {
				first = k;
				snprintf(first_why, sizeof(first_why), "%s", w);
			}
			n_bad++;
			one = cd_json_object_put(json_object(), "name", cd_json_text(s->value));
			one = cd_json_object_put(one, "type", json_string(cd_san_type_name(s->type)));
			one = cd_json_object_put(one, "problem", json_string(w));
			names = cd_json_array_push(names, one);
		}
		if (!n_bad) {
			json_decref(names);
			continue;
		}
		f = cd_check_emit(ctx,
				  "\"%s\" chains to a public root but names %s%s\"%s\" (%s)%s",
				  cd_object_label(o), n_bad > 1 ? "internal hosts, first " : "",
				  c->san[first].type == CD_SAN_IP ? "the address " : "",
				  c->san[first].value, first_why,
				  ": public CAs may not issue for internal names or reserved addresses");
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_evidence_json(f, "names", names);
	}
	if (unknown)
		cd_check_not_checked(ctx, "--public-roots PATH (or --system-trust)",
				     "%zu TLS server certificate%s: whether %s to a public root cannot "
				     "be told without the public roots (and every intermediate)",
				     unknown, unknown == 1 ? "" : "s", unknown == 1 ? "it chains" : "they chain");
	return CD_OK;
}

const struct cd_check cd_check_cert_internal_name = {"cert.internal-name", run};
