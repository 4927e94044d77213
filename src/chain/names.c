/* names.c - names on a path: a host name against the subjectAltNames (RFC 6125 §6.4, no CN
 * fallback) and a CA's name constraints over the certificates below it (RFC 5280 §4.2.1.10,
 * §6.1.3 (b), with GnuTLS's checker and the gaps of docs/chains.md filled). */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "chain/chain-int.h"

/* ---- host names (RFC 6125 §6.4); a malformed SAN entry (RFC 5280 §4.2.1.6) matches nothing ---- */

static int label_eq(const char *a, size_t al, const char *b, size_t bl)
{
	return al == bl && strncasecmp(a, b, al) == 0;
}

/* Presented identifier p (from a SAN) against reference host h. A wildcard is only the whole
 * left-most label ("*.example.com"), never partial, and covers exactly one label. */
static int dns_match(const char *p, const char *h)
{
	size_t pl = strlen(p), hl = strlen(h);
	if (pl && p[pl - 1] == '.')
		pl--;
	if (hl && h[hl - 1] == '.')
		hl--;
	if (pl >= 2 && p[0] == '*' && p[1] == '.') {
		const char *hd = memchr(h, '.', hl);
		size_t rest = pl - 2;
		if (!hd || hd == h)
			return 0;
		/* the wildcard's domain needs at least two labels (no "*.com") */
		if (!memchr(p + 2, '.', rest))
			return 0;
		return label_eq(p + 2, rest, hd + 1, hl - (size_t)(hd + 1 - h));
	}
	if (memchr(p, '*', pl))
		return 0;
	return label_eq(p, pl, h, hl);
}

int cd_host_matches(const struct cd_cert *c, const char *host)
{
	uint8_t ip[16];
	unsigned iplen = 0;
	for (const char *q = host; *q; q++)
		if ((unsigned char)*q >= 0x80) {
			/* RFC 6125 §6.4.2: a U-label reference is compared as its A-label (SANs hold
			 * A-labels, RFC 5280 §7.2); one that does not map matches nothing */
			gnutls_datum_t a = {NULL, 0};
			int r = 0;
			if (gnutls_idna_map(host, (unsigned)strlen(host), &a, 0) >= 0 && a.data) {
				char *ascii = strndup((const char *)a.data, a.size);
				gnutls_free(a.data);
				if (ascii) {
					for (size_t i = 0; i < c->n_san && !r; i++)
						r = c->san[i].type == CD_SAN_DNS && !c->san[i].malformed &&
						    dns_match(c->san[i].value, ascii);
					free(ascii);
				}
			}
			return r;
		}
	if (inet_pton(AF_INET, host, ip) == 1)
		iplen = 4;
	else if (inet_pton(AF_INET6, host, ip) == 1)
		iplen = 16;
	for (size_t i = 0; i < c->n_san; i++) {
		const struct cd_san *s = &c->san[i];
		if (s->malformed)
			continue; /* never matched: "a.com\0.evil" is not "a.com" */
		if (iplen) {
			if (s->type == CD_SAN_IP && s->ip_len == iplen && !memcmp(s->ip, ip, iplen))
				return 1;
		} else if (s->type == CD_SAN_DNS && dns_match(s->value, host)) {
			return 1;
		}
	}
	return 0;
}

/* ---- name constraints (RFC 5280 §4.2.1.10) ---- */

/* Is the subject (RFC 4514 string, last RDN first, as GnuTLS prints it) within the subtree
 * base (same form: GnuTLS hands directoryName constraints over as strings)? RFC 5280 §7.1:
 * base's RDNs are the first RDNs of the subject; values compared case-insensitively. */
static int dn_within(const char *base, size_t bl, const char *subj, size_t sl)
{
	if (!bl || !base)
		return 1; /* the empty name: every name is within it */
	if (bl == sl)
		return strncasecmp(base, subj, bl) == 0;
	return bl < sl && subj[sl - bl - 1] == ',' && strncasecmp(base, subj + sl - bl, bl) == 0;
}

/* RFC 5280 §4.2.1.10: directoryName constraints apply to the subject field too (when it is not
 * empty); GnuTLS's checker only looks at directoryNames in the subjectAltName. */
static int dn_subject_violation(gnutls_x509_name_constraints_t nc, gnutls_x509_crt_t sc)
{
	gnutls_datum_t subj = {0};
	unsigned type;
	gnutls_datum_t n;
	int any_permitted = 0, permitted = 0, excluded = 0;
	if (gnutls_x509_crt_get_dn3(sc, &subj, 0) < 0)
		return 0;
	if (!subj.size) {
		gnutls_free(subj.data);
		return 0;
	}
	for (unsigned i = 0; gnutls_x509_name_constraints_get_permitted(nc, i, &type, &n) >= 0; i++)
		if (type == GNUTLS_SAN_DN) {
			any_permitted = 1;
			permitted |= dn_within((const char *)n.data, n.size, (const char *)subj.data, subj.size);
		}
	for (unsigned i = 0; gnutls_x509_name_constraints_get_excluded(nc, i, &type, &n) >= 0; i++)
		if (type == GNUTLS_SAN_DN)
			excluded |= dn_within((const char *)n.data, n.size, (const char *)subj.data, subj.size);
	gnutls_free(subj.data);
	return excluded || (any_permitted && !permitted);
}

/* A wildcard dNSName "*.base" of the certificate would match a host inside an excluded subtree
 * ("bar.base" or below): RFC 5280 and RFC 9525 leave it open, we reject it defensively
 * (CVE-2025-61727); GnuTLS compares the wildcard as a literal name. The SAN entry or NULL. */
static const char *wildcard_reaches_excluded(gnutls_x509_name_constraints_t nc, const struct cd_cert *sub)
{
	unsigned type;
	gnutls_datum_t n;
	for (size_t k = 0; k < sub->n_san; k++) {
		const char *v = sub->san[k].value;
		size_t bl;
		if (sub->san[k].type != CD_SAN_DNS || strncmp(v, "*.", 2))
			continue;
		bl = strlen(v + 2);
		for (unsigned i = 0; gnutls_x509_name_constraints_get_excluded(nc, i, &type, &n) >= 0; i++)
			if (type == GNUTLS_SAN_DNSNAME && n.size > bl + 1 && n.data[n.size - bl - 1] == '.' &&
			    !strncasecmp((const char *)n.data + n.size - bl, v + 2, bl))
				return v;
	}
	return NULL;
}

static int has_dns_san(const struct cd_cert *c)
{
	for (size_t k = 0; k < c->n_san; k++)
		if (c->san[k].type == CD_SAN_DNS)
			return 1;
	return 0;
}

/* Name constraints of CA ca applied to cert sub, with GnuTLS's checker (RFC 5280 §4.2.1.10). */
int cd_chain_nc_violation(const struct cd_model *m, size_t ca, size_t sub, char *why, size_t wsz)
{
	gnutls_x509_crt_t cc = NULL, sc = NULL;
	gnutls_x509_name_constraints_t nc = NULL;
	gnutls_datum_t d;
	unsigned crit;
	int bad = 0;
	static const struct {
		unsigned type;
		const char *name;
	} types[] = {{GNUTLS_SAN_DNSNAME, "DNS name"},
		     {GNUTLS_SAN_RFC822NAME, "e-mail address"},
		     {GNUTLS_SAN_IPADDRESS, "IP address"},
		     {GNUTLS_SAN_DN, "directory name"}};
	if (gnutls_x509_crt_init(&cc) < 0 || gnutls_x509_crt_init(&sc) < 0 ||
	    gnutls_x509_name_constraints_init(&nc) < 0)
		goto out;
	d.data = m->objects[ca]->der;
	d.size = (unsigned)m->objects[ca]->der_len;
	if (gnutls_x509_crt_import(cc, &d, GNUTLS_X509_FMT_DER) < 0 ||
	    gnutls_x509_crt_get_name_constraints(cc, nc, 0, &crit) < 0)
		goto out;
	d.data = m->objects[sub]->der;
	d.size = (unsigned)m->objects[sub]->der_len;
	if (gnutls_x509_crt_import(sc, &d, GNUTLS_X509_FMT_DER) < 0)
		goto out;
	{
		const char *w = wildcard_reaches_excluded(nc, m->objects[sub]->u.cert);
		if (w) {
			snprintf(why, wsz, "the wildcard \"%s\" of \"%s\" covers names excluded by \"%s\"", w,
				 cd_object_label(m->objects[sub]), cd_object_label(m->objects[ca]));
			bad = 1;
			goto out;
		}
	}
	if (dn_subject_violation(nc, sc)) {
		snprintf(why, wsz, "the subject of \"%s\" is outside the directoryName constraints of \"%s\"",
			 cd_object_label(m->objects[sub]), cd_object_label(m->objects[ca]));
		bad = 1;
		goto out;
	}
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		/* dNSName constraints apply to dNSName SANs (RFC 5280 §4.2.1.10); GnuTLS falls back
		 * to the CN when there is none, but the CN never names the host here (no CN
		 * fallback in host-name matching), so a certificate without DNS SAN has no DNS
		 * name to constrain */
		if (types[i].type == GNUTLS_SAN_DNSNAME && !has_dns_san(m->objects[sub]->u.cert))
			continue;
		if (!gnutls_x509_name_constraints_check_crt(nc, types[i].type, sc)) {
			snprintf(why, wsz, "a %s of \"%s\" is outside the name constraints of \"%s\"",
				 types[i].name, cd_object_label(m->objects[sub]), cd_object_label(m->objects[ca]));
			bad = 1;
			break;
		}
	}
out:
	if (nc)
		gnutls_x509_name_constraints_deinit(nc);
	if (cc)
		gnutls_x509_crt_deinit(cc);
	if (sc)
		gnutls_x509_crt_deinit(sc);
	return bad;
}
