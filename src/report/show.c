/* show.c - `certdiag show`: every object decoded, more readable than `openssl x509 -text`. */
#include <stdlib.h>
#include <string.h>
#include "report/common.h"
#include "util/str.h"
#include "x509/oids.h"


static void fp(FILE *out, const char *label, const uint8_t *p, size_t n)
{
	char *h = cd_hex_new(p, n, 1);
	fprintf(out, "  %-14s %s\n", label, h ? h : "");
	free(h);
}

static void validity(FILE *out, cd_time_t nb, cd_time_t na, cd_time_t at)
{
	char a[40], b[40];
	cd_time_format(nb, a, sizeof(a));
	cd_time_format(na, b, sizeof(b));
	fprintf(out, "  %-14s %s to %s", "Validity:", a, b);
	if (na != CD_TIME_NONE && na < at)
		fprintf(out, " (EXPIRED %lld days ago)", (long long)((at - na) / 86400));
	else if (nb != CD_TIME_NONE && nb > at)
		fprintf(out, " (NOT YET VALID, starts in %lld days)", (long long)((nb - at) / 86400));
	else if (na != CD_TIME_NONE && nb == CD_TIME_NONE)
		fprintf(out, " (cannot tell whether it is valid yet: the start is unreadable)");
	else if (na != CD_TIME_NONE)
		fprintf(out, " (valid, %lld days left)", (long long)((na - at) / 86400));
	fputc('\n', out);
}

static void key(FILE *out, const struct cd_pubkey *k)
{
	if (!k->known) {
		fprintf(out, "  %-14s unknown\n", "Public key:");
		return;
	}
	fprintf(out, "  %-14s %s %u bits%s%s\n", "Public key:", k->algo_name, k->bits,
		k->curve[0] ? ", " : "", k->curve);
	fp(out, "Key SHA-256:", k->spki_sha256, 32);
}

static void sans(FILE *out, const struct cd_san *s, size_t n, size_t chars)
{
	if (!n)
		return;
	fprintf(out, "  %-14s ", "SAN:");
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%s:%s", i ? ", " : "", cd_san_type_name(s[i].type), s[i].value);
	fprintf(out, "  (%zu %s, %zu characters)\n", n, n == 1 ? "entry" : "entries", chars);
}

static void ku(FILE *out, unsigned v, int critical)
{
	const char *sep = "";
	fprintf(out, "  %-14s ", "Key usage:");
	for (size_t i = 0; cd_ku_bits[i].name; i++)
		if (v & cd_ku_bits[i].bit) {
			fprintf(out, "%s%s", sep, cd_ku_bits[i].name);
			sep = ", ";
		}
	fprintf(out, "%s\n", critical ? " (critical)" : "");
}

static void eku(FILE *out, char **v, size_t n, int critical)
{
	fprintf(out, "  %-14s ", "Ext key usage:");
	for (size_t i = 0; i < n; i++) {
		const char *nm = cd_eku_long_name(v[i]);
		fprintf(out, "%s%s (%s)", i ? ", " : "", nm ? nm : v[i], v[i]);
	}
	fprintf(out, "%s\n", critical ? " (critical)" : "");
}

static void list(FILE *out, const char *label, char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(out, "  %-14s %s\n", i ? "" : label, v[i]);
}

static void sources(FILE *out, const struct cd_object *o)
{
	for (size_t i = 0; i < o->n_sources; i++) {
		const struct cd_source *s = &o->sources[i];
		char role[96];
		cd_role_format(&s->role, role, sizeof(role));
		fprintf(out, "  %-14s %s", i ? "" : "Found in:", s->path ? s->path : "(input)");
		if (s->pem_block)
			fprintf(out, ", PEM block %lu", s->pem_block);
		else
			fprintf(out, ", offset %llu", (unsigned long long)s->offset);
		if (s->container[0])
			fprintf(out, ", inside %s #%u", s->container, s->position);
		if (s->locator) /* a capture's frame and flow, a trust list's record, a keystore's entry */
			fprintf(out, " (%s)", s->locator);
		if (role[0])
			fprintf(out, " [%s%s%s%s]", role, s->role.node[0] ? " on " : "", s->role.node,
				s->role.origin == CD_ROLE_FROM_CONTENT ? ", inferred" : "");
		fputc('\n', out);
		/* an inferred role says why (docs/roles.md "Where a role comes from") */
		if (role[0] && s->role.origin == CD_ROLE_FROM_CONTENT && s->role.reason)
			fprintf(out, "  %-14s   because %s\n", "", s->role.reason);
	}
}

void cd_show_text(FILE *out, const struct cd_model *m, cd_time_t at, int color)
{
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *o = m->objects[i];
		if (i)
			fputc('\n', out);
		fprintf(out, "%s%s %s%s\n", color ? C_BOLD : "", cd_kind_name(o->kind), o->id,
			color ? C_RESET : "");
		switch (o->kind) {
		case CD_KIND_CERT: {
			const struct cd_cert *c = o->u.cert;
			fprintf(out, "  %-14s %s\n", "Subject:", c->subject.display);
			fprintf(out, "  %-14s %s%s\n", "Issuer:", c->issuer.display,
				c->self_signed ? "  (self-signed)" : c->self_issued ? "  (self-issued)" : "");
			fprintf(out, "  %-14s v%d%s\n", "Version:", c->version,
				c->version < 1 || c->version > 3 ? "  (not defined by X.509: v1, v2 or v3)" : "");
			fprintf(out, "  %-14s %s", "Serial:", c->serial_hex);
			if (c->serial_len <= 8) {
				unsigned long long v = 0;
				for (size_t k = 0; k < c->serial_len; k++)
					v = (v << 8) | c->serial[k];
				fprintf(out, " (decimal %llu)", v);
			}
			fputc('\n', out);
			validity(out, c->not_before, c->not_after, at);
			key(out, &c->key);
			fprintf(out, "  %-14s %s%s\n", "Signature:", c->sig_name,
				c->sig_hash_weak ? "  (WEAK HASH)" : "");
			if (c->bc_present)
				fprintf(out, "  %-14s CA:%s%s%.0d%s\n", "Constraints:", c->is_ca ? "TRUE" : "FALSE",
					c->pathlen >= 0 ? ", pathlen:" : "", c->pathlen >= 0 ? c->pathlen : 0,
					c->bc_critical ? " (critical)" : "");
			if (c->ku_present)
				ku(out, c->ku, c->ku_critical);
			if (c->eku_present)
				eku(out, c->eku, c->n_eku, c->eku_critical);
			sans(out, c->san, c->n_san, c->san_chars);
			if (c->ski_len)
				fp(out, "Subject key ID:", c->ski, c->ski_len);
			if (c->aki_len)
				fp(out, "Auth. key ID:", c->aki, c->aki_len);
			list(out, "Policies:", c->policies, c->n_policies);
			list(out, "OCSP:", c->ocsp, c->n_ocsp);
			list(out, "CA issuers:", c->ca_issuers, c->n_ca_issuers);
			list(out, "CRL:", c->crl_dp, c->n_crl_dp);
			for (size_t k = 0; k < c->n_exts; k++) {
				const char *nm = cd_ext_name(c->exts[k].oid);
				fprintf(out, "  %-14s %s%s%s%s\n", k ? "" : "Extensions:", nm ? nm : c->exts[k].oid,
					nm ? "" : "", c->exts[k].critical ? " (critical)" : "", "");
			}
			break;
		}
		case CD_KIND_CSR: {
			const struct cd_csr *c = o->u.csr;
			fprintf(out, "  %-14s %s\n", "Subject:", c->subject.display);
			key(out, &c->key);
			fprintf(out, "  %-14s %s, %s\n", "Signature:", c->sig_name,
				c->sig_ok == 1 ? "verifies" : c->sig_ok == 0 ? "DOES NOT VERIFY" : "not checked");
			if (c->ku_present)
				ku(out, c->ku, 0);
			if (c->n_eku)
				eku(out, c->eku, c->n_eku, 0);
			sans(out, c->san, c->n_san, c->san_chars);
			break;
		}
		case CD_KIND_CRL: {
			const struct cd_crl *c = o->u.crl;
			char a[40], b[40];
			cd_time_format(c->this_update, a, sizeof(a));
			cd_time_format(c->next_update, b, sizeof(b));
			fprintf(out, "  %-14s %s\n", "Issuer:", c->issuer.display);
			fprintf(out, "  %-14s %s, next %s\n", "Updated:", a, b);
			fprintf(out, "  %-14s %lu\n", "Revoked:", c->n_revoked);
			fprintf(out, "  %-14s %s\n", "Signature:", c->sig_name);
			break;
		}
		case CD_KIND_PKCS7:
		case CD_KIND_PKCS12:
			fprintf(out, "  %-14s %u certificate%s, %u CRL%s%s\n", "Holds:", o->u.container->n_certs,
				o->u.container->n_certs == 1 ? "" : "s", o->u.container->n_crls,
				o->u.container->n_crls == 1 ? "" : "s",
				o->u.container->encrypted ? "; encrypted parts need a password" : "");
			break;
		case CD_KIND_KEY:
			fprintf(out, "  %-14s %s%s (contents never shown)\n", "Private key:", o->u.key->format,
				o->u.key->encrypted ? ", encrypted" : "");
			if (o->u.key->key.known)
				key(out, &o->u.key->key);
			break;
		case CD_KIND_ITL:
		case CD_KIND_CTL: cd_show_trustlist(out, m, o, at); break;
		default: break;
		}
		if (o->kind != CD_KIND_KEY) {
			fp(out, "SHA-256:", o->sha256, 32);
			fp(out, "SHA-1:", o->sha1, 20);
		}
		sources(out, o);
	}
}
