/* cert.bad-dns-name - a dNSName of the subjectAltName that is not a host name: RFC 5280
 * §4.2.1.6 wants "the preferred name syntax" of RFC 1034 §3.5 (letters, digits and hyphens,
 * labels of 1 to 63 characters, not starting or ending with a hyphen, at most 253 characters in
 * all), and a wildcard only as the whole left-most label of at least two more (RFC 6125 §6.4.3,
 * CA/Browser Forum Baseline Requirements §7.1.2.7.12). A NUL inside a name is the classic
 * NUL-prefix attack on clients that stop at it. One root cause, one finding: a name the decoder
 * already calls malformed (cd_san.malformed) makes every best path through the certificate
 * invalid, and chain.malformed-certificate reports it (an error) while it runs; this rule reports the
 * rest (underscores, hyphens at a label's end, wildcards, a trailing dot) and certificates on
 * no path. */
#include <stdio.h>
#include <string.h>
#include "rules/cert/lint.h"
#include "rules/cert/owner.h"

#define MAX_LABEL 63
#define MAX_NAME 253

/* What is wrong with DNS name s (as decoded: bytes that are not printable shown as \xNN), or
 * NULL. why gets the detail. */
static const char *judge(const struct cd_san *san, char *why, size_t size)
{
	const char *s = san->value, *p = s;
	size_t len = strlen(s), labels = 0;
	if (san->nul)
		return "a NUL byte inside the name (clients that stop at it read another name)";
	if (!len)
		return "an empty name";
	if (len > MAX_NAME) {
		snprintf(why, size, "%zu characters (at most %d)", len, MAX_NAME);
		return why;
	}
	while (1) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		labels++;
		if (!n)
			return p == s ? "an empty label (a leading dot)"
			       : dot ? "an empty label (two dots in a row)"
				     : "an empty label (a trailing dot)";
		if (n > MAX_LABEL) {
			snprintf(why, size, "a label of %zu characters (at most %d)", n, MAX_LABEL);
			return why;
		}
		if (memchr(p, '*', n)) {
			if (p != s)
				return "a wildcard that is not in the left-most label";
			if (n != 1)
				return "a wildcard inside a label (only a whole left-most label \"*\" is a wildcard)";
		}
		for (size_t k = 0; k < n; k++) {
			unsigned char ch = (unsigned char)p[k];
			if (ch == '_') {
				snprintf(why, size, "an underscore in \"%.*s\" (not a host name character)",
					 (int)n, p);
				return why;
			}
			if (!(ch == '*' || ch == '-' || (ch >= '0' && ch <= '9') ||
			      ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))) {
				snprintf(why, size, "a character that is not a letter, digit or hyphen in \"%.*s\"",
					 (int)n, p);
				return why;
			}
		}
		if (p[0] == '-' || p[n - 1] == '-') {
			snprintf(why, size, "the label \"%.*s\" starts or ends with a hyphen", (int)n, p);
			return why;
		}
		if (!dot)
			break;
		p = dot + 1;
	}
	if (s[0] == '*' && labels < 3)
		return labels == 1 ? "a bare wildcard \"*\""
				   : "a wildcard over a single label (it would cover a whole top-level domain)";
	return NULL;
}

static int run(struct cd_check_ctx *ctx)
{
	CD_FOREACH_OBJECT(ctx->model, i, o)
	{
		const struct cd_cert *c;
		struct cd_finding *f;
		json_t *bad;
		size_t n_bad = 0, first = SIZE_MAX, n_dns = 0;
		char why[160], first_why[160] = "";
		int chain_owns;
		if (o->kind != CD_KIND_CERT)
			continue;
		c = o->u.cert;
		for (size_t k = 0; k < c->n_san; k++)
			n_dns += c->san[k].type == CD_SAN_DNS;
		if (!n_dns)
			continue;
		cd_check_applied(ctx);
		/* the chain's malformed-certificate finding owns the entries the decoder rejects */
		chain_owns = cd_engine_rule_selected(ctx->opts, "chain.malformed-certificate") &&
			     cd_owner_on_best_path(ctx->chains, i);
		bad = json_array();
		for (size_t k = 0; k < c->n_san; k++) {
			const char *w;
			json_t *one;
			if (c->san[k].type != CD_SAN_DNS || (chain_owns && c->san[k].malformed) ||
			    !(w = judge(&c->san[k], why, sizeof(why))))
				continue;
			if (first == SIZE_MAX) {
				first = k;
				snprintf(first_why, sizeof(first_why), "%s", w);
			}
			n_bad++;
			one = cd_json_object_put(json_object(), "name", cd_json_text(c->san[k].value));
			one = cd_json_object_put(one, "problem", json_string(w));
			bad = cd_json_array_push(bad, one);
		}
		if (!n_bad) {
			json_decref(bad);
			continue;
		}
		if (n_bad == 1)
			f = cd_check_emit(ctx, "\"%s\" has the DNS name \"%s\" in its subjectAltName: %s",
					  cd_object_label(o), c->san[first].value, first_why);
		else
			f = cd_check_emit(ctx,
					  "\"%s\" has %zu malformed DNS names in its subjectAltName, the "
					  "first \"%s\": %s",
					  cd_object_label(o), n_bad, c->san[first].value, first_why);
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_evidence_json(f, "names", bad);
	}
	return CD_OK;
}

const struct cd_check cd_check_cert_bad_dns_name = {"cert.bad-dns-name", run};
