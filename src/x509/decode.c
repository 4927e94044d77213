/* decode.c - decode certificates, CSRs, CRLs and keys once, with GnuTLS (RFC 5280, RFC 2986). */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/x509-ext.h>
#include "util/buf.h"
#include "util/der.h"
#include "util/str.h"
#include "x509/decode.h"

/* Longest SAN/EKU/URI value we keep; longer ones are cut (CD_CUT_SAN_VALUE). */
#define CD_MAX_FIELD CD_DECODE_MAX_FIELD
/* Most SAN entries, EKUs, policies or URIs we keep, and extensions we list, from one object;
 * past it the list is marked cut (CD_CUT_*) and an ingest.limit-reached event says so. */
#define CD_MAX_LIST CD_DECODE_MAX_LIST

const char *cd_san_type_name(enum cd_san_type t)
{
	static const char *n[] = {"DNS", "IP", "email", "URI", "DirName", "otherName", "RID"};
	return (unsigned)t < sizeof(n) / sizeof(n[0]) ? n[t] : "unknown";
}

static char *fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *fail(const char *fmt, ...)
{
	struct cd_buf b;
	va_list ap;
	cd_buf_init(&b, 1024);
	va_start(ap, fmt);
	cd_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return cd_buf_detach(&b);
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int strv_push(char ***v, size_t *n, const char *s, size_t len)
{
	char **nv;
	if (*n >= CD_MAX_LIST)
		return CD_E_LIMIT;
	nv = realloc(*v, (*n + 1) * sizeof(**v));
	if (!nv)
		return CD_E_NOMEM;
	*v = nv;
	/* every byte, control characters escaped (a URL is printed to a terminal); a datum that
	 * counts its C string's terminating NUL (GnuTLS's OIDs) ends before it */
	if (len && !s[len - 1])
		len--;
	nv[*n] = cd_visible_text((const uint8_t *)s, len);
	if (!nv[*n])
		return CD_E_NOMEM;
	(*n)++;
	return CD_OK;
}

/* ---- names ---- */

static void canon_append(struct cd_buf *b, const uint8_t *p, size_t n)
{
	/* RFC 5280 §7.1 (simplified RFC 4518): case-fold ASCII, collapse internal whitespace,
	 * strip leading and trailing whitespace. */
	size_t i = 0;
	int space = 0, any = 0;
	while (i < n && isspace(p[i]))
		i++;
	for (; i < n; i++) {
		unsigned char ch = p[i];
		if (isspace(ch)) {
			space = 1;
			continue;
		}
		if (space && any)
			cd_buf_addc(b, ' ');
		space = 0;
		any = 1;
		if (ch == ',' || ch == '+' || ch == '\\' || ch == '=')
			cd_buf_addc(b, '\\');
		cd_buf_addc(b, (char)tolower(ch));
	}
}

static int decode_name(gnutls_x509_dn_t dn, const gnutls_datum_t *display, const uint8_t *raw,
		       size_t raw_len, struct cd_name *out)
{
	struct cd_buf canon;
	cd_buf_init(&canon, 1 << 20);
	for (int r = 0;; r++) {
		int a;
		for (a = 0;; a++) {
			gnutls_x509_ava_st ava;
			if (gnutls_x509_dn_get_rdn_ava(dn, r, a, &ava) < 0)
				break;
			if (a == 0 && r > 0)
				cd_buf_addc(&canon, ',');
			else if (a > 0)
				cd_buf_addc(&canon, '+');
			/* GnuTLS counts the OID's terminating NUL in oid.size: leave it out, or
			 * the canonical form ends at the first attribute type (it was written twice,
			 * "2.5.4.32.5.4.3=...": harmless to matching, wrong to read) */
			size_t oid_len = strnlen((const char *)ava.oid.data, ava.oid.size);
			cd_buf_add(&canon, ava.oid.data, oid_len);
			cd_buf_addc(&canon, '=');
			if (ava.value_tag == 30 /* BMPString */ || ava.value_tag == 28) {
				char *h = cd_hex_new(ava.value.data, ava.value.size, 0);
				cd_buf_addc(&canon, '#');
				cd_buf_adds(&canon, h ? h : "");
				free(h);
			} else {
				canon_append(&canon, ava.value.data, ava.value.size);
			}
			if (oid_len == 7 && memcmp(ava.oid.data, "2.5.4.3", 7) == 0) {
				free(out->cn); /* keep the last, most specific CN */
				/* every byte: a NUL inside is shown (\x00), never a place to cut the
				 * name short (the NUL-prefix attack: "null.python.org\0example.org"
				 * read "null.python.org"); a BMPString (Windows CAs) as UTF-8 */
				out->cn = ava.value_tag == 30 || ava.value_tag == 28
						  ? cd_ucs_to_utf8(ava.value.data, ava.value.size, ava.value_tag == 30 ? 2 : 4)
						  : NULL;
				if (!out->cn)
					out->cn = cd_visible_text(ava.value.data, ava.value.size);
			}
		}
		if (a == 0)
			break;
	}
	out->canon = cd_buf_detach(&canon);
	if (!out->canon)
		out->canon = strdup("");
	/* as GnuTLS writes it (RFC 4514), control characters escaped: a subject is printed to the
	 * admin's terminal, and "CN=a\x1b]0;..." was an escape sequence there */
	out->display = display && display->data ? cd_visible_text(display->data, display->size) : strdup("");
	out->raw = malloc(raw_len ? raw_len : 1);
	if (out->raw) {
		memcpy(out->raw, raw, raw_len);
		out->raw_len = raw_len;
	}
	return out->canon && out->display && out->raw ? CD_OK : CD_E_NOMEM;
}

static void name_free(struct cd_name *n)
{
	free(n->display);
	free(n->canon);
	free(n->cn);
	free(n->raw);
}

/* ---- keys ---- */

static void pubkey_from_spki(const uint8_t *spki, size_t len, struct cd_pubkey *k)
{
	gnutls_pubkey_t pub;
	gnutls_datum_t d = {(unsigned char *)spki, (unsigned)len};
	unsigned bits = 0;
	int algo;
	memset(k, 0, sizeof(*k));
	gnutls_hash_fast(GNUTLS_DIG_SHA256, spki, len, k->spki_sha256);
	if (gnutls_pubkey_init(&pub) < 0)
		return;
	if (gnutls_pubkey_import(pub, &d, GNUTLS_X509_FMT_DER) == 0) {
		algo = gnutls_pubkey_get_pk_algorithm(pub, &bits);
		if (algo > 0) {
			k->algo = algo;
			k->bits = bits;
			k->known = 1;
			cd_strlcpy(k->algo_name, gnutls_pk_get_name((gnutls_pk_algorithm_t)algo),
				   sizeof(k->algo_name));
			if (algo == GNUTLS_PK_ECDSA) {
				gnutls_ecc_curve_t curve;
				gnutls_datum_t x = {0}, y = {0};
				if (gnutls_pubkey_export_ecc_raw(pub, &curve, &x, &y) == 0) {
					const char *cn = gnutls_ecc_curve_get_name(curve);
					cd_strlcpy(k->curve, cn ? cn : "", sizeof(k->curve));
					gnutls_free(x.data);
					gnutls_free(y.data);
				}
			}
		}
	}
	gnutls_pubkey_deinit(pub);
}

static int hash_is_weak(gnutls_sign_algorithm_t s)
{
	gnutls_digest_algorithm_t h = gnutls_sign_get_hash_algorithm(s);
	return h == GNUTLS_DIG_MD5 || h == GNUTLS_DIG_MD2 || h == GNUTLS_DIG_SHA1;
}

int cd_x509_verify_signed(const uint8_t *der, size_t len, int sig_algo, const uint8_t *spki,
			  size_t spki_len)
{
	struct cd_der_signed s;
	gnutls_pubkey_t pub;
	gnutls_datum_t k = {(unsigned char *)spki, (unsigned)spki_len};
	int rc;
	if (cd_der_split_signed(der, len, &s) < 0 || sig_algo <= 0)
		return -1;
	if (gnutls_pubkey_init(&pub) < 0)
		return -1;
	if (gnutls_pubkey_import(pub, &k, GNUTLS_X509_FMT_DER) < 0) {
		gnutls_pubkey_deinit(pub);
		return -1;
	}
	gnutls_datum_t tbs = {(unsigned char *)s.tbs, (unsigned)s.tbs_len};
	gnutls_datum_t sig = {(unsigned char *)s.sig, (unsigned)s.sig_len};
	rc = gnutls_pubkey_verify_data2(pub, (gnutls_sign_algorithm_t)sig_algo,
					GNUTLS_VERIFY_ALLOW_BROKEN, &tbs, &sig);
	gnutls_pubkey_deinit(pub);
	if (rc >= 0)
		return 1;
	if (rc == GNUTLS_E_PK_SIG_VERIFY_FAILED)
		return 0;
	return -1;
}

/* Elements of the SEQUENCE OF that is an extension's value; 0 when it does not parse. GnuTLS
 * keeps at most 64 extendedKeyUsage purposes and policies and drops the rest without a word:
 * this count is how a cut list is told from a whole one. */
static size_t seq_count(const uint8_t *p, size_t len)
{
	struct cd_cursor c, in;
	struct cd_der_tlv t;
	size_t off, n = 0;
	cd_cursor_init(&c, p, len);
	if (cd_der_get_tlv(&c, &t, &off) < 0 || t.tag != 0x30)
		return 0;
	cd_cursor_init(&in, t.content, t.len);
	while (cd_der_get_tlv(&in, &t, &off) == CD_OK)
		n++;
	return n;
}

/* Read an extendedKeyUsage extension value: at most CD_MAX_LIST purposes are kept, and GnuTLS
 * itself keeps 64; either way a cut list is marked CD_CUT_EKU. *total: the purposes in the
 * extension. CD_OK, or CD_E_MALFORMED when it does not decode. */
static int read_ekus(const gnutls_datum_t *v, char ***eku, size_t *n_eku, unsigned *cut,
		     size_t *total)
{
	gnutls_x509_key_purposes_t kp;
	gnutls_datum_t oid;
	int rc = CD_E_MALFORMED;
	*total = seq_count(v->data, v->size);
	if (gnutls_x509_key_purpose_init(&kp) < 0)
		return CD_E_NOMEM;
	if (gnutls_x509_ext_import_key_purposes(v, kp, 0) >= 0) {
		rc = CD_OK;
		for (unsigned i = 0; gnutls_x509_key_purpose_get(kp, i, &oid) >= 0; i++) {
			int r = strv_push(eku, n_eku, (char *)oid.data, oid.size);
			if (r < 0)
				break;
		}
		if (*total > *n_eku)
			*cut |= CD_CUT_EKU; /* a purpose past those read may be the one asked */
	}
	gnutls_x509_key_purpose_deinit(kp);
	return rc;
}

/* A validity time: its encoding kept for cert.bad-time-encoding, its value or CD_TIME_NONE. */
static void read_time(struct cd_cert_time *e, uint8_t tag, const uint8_t *p, size_t len,
		      cd_time_t *out)
{
	size_t n = len < sizeof(e->text) - 1 ? len : sizeof(e->text) - 1;
	int64_t t = 0;
	e->tag = tag;
	for (size_t i = 0; i < n; i++)
		e->text[i] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '?';
	e->text[n] = 0;
	*out = cd_der_time_judge(tag, p, len, &t, &e->problem) < 0 ? CD_TIME_NONE : t;
}

/* ---- SAN ---- */

/* An otherName as "NAME:VALUE" (RFC 5280 §4.2.1.6: type-id and value): NAME the type-id's
 * usual name (IM and Presence's xmppAddr, Microsoft's UPN...) or its OID, VALUE the string when
 * it is one of the string types with visible ASCII only, "#hex" of its DER otherwise (at most 64
 * bytes of it). It said "othername:#hex", the type-id lost. */
static void othername_text(struct cd_buf *b, const char *oid, const uint8_t *der, size_t size)
{
	static const struct {
		const char *oid, *name;
	} KNOWN[] = {
		{"1.3.6.1.5.5.7.8.5", "xmppAddr"},          {"1.3.6.1.5.5.7.8.7", "SRVName"},
		{"1.3.6.1.5.5.7.8.9", "SmtpUTF8Mailbox"},   {"1.3.6.1.4.1.311.20.2.3", "UPN"},
		{"1.3.6.1.5.2.2", "KRB5PrincipalName"},     {"1.3.6.1.4.1.311.25.1", "MS-GUID"},
	};
	const char *name = oid && *oid ? oid : "unknown type";
	int text = 0;
	size_t hl = 0, len = 0;
	for (size_t i = 0; oid && i < sizeof(KNOWN) / sizeof(KNOWN[0]); i++)
		if (!strcmp(oid, KNOWN[i].oid))
			name = KNOWN[i].name;
	/* UTF8String, PrintableString, IA5String, VisibleString with a short or long length */
	if (size >= 2 && (der[0] == 0x0c || der[0] == 0x13 || der[0] == 0x16 || der[0] == 0x1a)) {
		if (der[1] < 0x80) {
			hl = 2;
			len = der[1];
		} else if (der[1] == 0x81 && size >= 3) {
			hl = 3;
			len = der[2];
		} else if (der[1] == 0x82 && size >= 4) {
			hl = 4;
			len = (size_t)der[2] << 8 | der[3];
		}
		text = hl && hl + len == size;
		for (size_t i = hl; text && i < size; i++)
			text = der[i] >= 0x20 && der[i] < 0x7f;
	}
	cd_buf_addf(b, "%s:", name);
	if (text) {
		cd_buf_add(b, (const char *)der + hl, len);
	} else {
		char *h = cd_hex_new(der, size > 64 ? 64 : size, 0);
		cd_buf_addf(b, "#%s", h ? h : "");
		free(h);
	}
}

static int san_push(struct cd_san **v, size_t *n, size_t *chars, unsigned type, const char *buf,
		    size_t size, const char *oid)
{
	struct cd_san *nv, *s;
	char tmp[INET6_ADDRSTRLEN + 1];
	if (*n >= CD_MAX_LIST)
		return CD_E_LIMIT;
	nv = realloc(*v, (*n + 1) * sizeof(**v));
	if (!nv)
		return CD_E_NOMEM;
	*v = nv;
	s = &nv[*n];
	memset(s, 0, sizeof(*s));
	switch (type) {
	case GNUTLS_SAN_DNSNAME: s->type = CD_SAN_DNS; break;
	case GNUTLS_SAN_IPADDRESS: s->type = CD_SAN_IP; break;
	case GNUTLS_SAN_RFC822NAME: s->type = CD_SAN_EMAIL; break;
	case GNUTLS_SAN_URI: s->type = CD_SAN_URI; break;
	case GNUTLS_SAN_DN: s->type = CD_SAN_DN; break;
	case GNUTLS_SAN_REGISTERED_ID: s->type = CD_SAN_REGID; break;
	default: s->type = CD_SAN_OTHER; break;
	}
	if (s->type == CD_SAN_IP) {
		if (size == 4 || size == 16) {
			memcpy(s->ip, buf, size);
			s->ip_len = (unsigned)size;
			inet_ntop(size == 4 ? AF_INET : AF_INET6, buf, tmp, sizeof(tmp));
			s->value = strdup(tmp);
		} else {
			char *h = cd_hex_new((const uint8_t *)buf, size, 0);
			struct cd_buf b;
			cd_buf_init(&b, 1024);
			cd_buf_addf(&b, "#%s", h ? h : "");
			free(h);
			s->value = cd_buf_detach(&b);
		}
	} else if (s->type == CD_SAN_OTHER) {
		struct cd_buf b;
		cd_buf_init(&b, 1024);
		othername_text(&b, type == GNUTLS_SAN_OTHERNAME ? oid : NULL, (const uint8_t *)buf, size);
		s->value = cd_buf_detach(&b);
	} else {
		/* IA5String names are ASCII; any other byte (and control characters) is shown as
		 * \xNN so that every consumer (JSON, text, rules) gets a valid, printable string.
		 * The character count stays that of the name as encoded. */
		size_t len = size; /* every byte, a NUL too: a name is never cut short */
		s->nul = memchr(buf, 0, size) != NULL;
		struct cd_buf b;
		cd_buf_init(&b, 4 * len + 1);
		for (size_t i = 0; i < len; i++) {
			unsigned char ch = (unsigned char)buf[i];
			if (ch < 0x20 || ch >= 0x7f)
				cd_buf_addf(&b, "\\x%02x", ch);
			else
				cd_buf_add(&b, &buf[i], 1);
		}
		s->value = len ? cd_buf_detach(&b) : (cd_buf_release(&b), strdup(""));
		if (s->value)
			*chars += len;
		if (!s->value)
			return CD_E_NOMEM;
		(*n)++;
		return CD_OK;
	}
	if (!s->value)
		return CD_E_NOMEM;
	*chars += strlen(s->value);
	(*n)++;
	return CD_OK;
}

static int dns_char(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '-' || ch == '_' || ch == '*';
}

/* A domain name in preferred name syntax (RFC 1034 §3.5, RFC 1123 §2.1), as RFC 5280 §4.2.1.6
 * asks of a dNSName: why it is not one, or NULL. Tolerated because real certificates carry
 * them and clients accept them: underscores, a wildcard character (its placement is a lint,
 * not a syntax question) and one trailing dot. */
static const char *domain_problem(const uint8_t *p, size_t n)
{
	size_t label = 0;
	if (!n)
		return "is empty";
	for (size_t i = 0; i < n; i++)
		if (p[i] < 0x21 || p[i] > 0x7e)
			return p[i] == 0 ? "holds a NUL byte" : "holds a byte that is not a visible ASCII character";
	if (p[0] == '.')
		return "starts with a dot";
	if (n > 1 && p[n - 1] == '.')
		n--;
	if (n > 253)
		return "is longer than 253 characters";
	for (size_t i = 0; i <= n; i++) {
		if (i == n || p[i] == '.') {
			if (!label)
				return "has an empty label";
			if (label > 63)
				return "has a label longer than 63 characters";
			label = 0;
		} else if (!dns_char(p[i])) {
			return "holds a character that no host name has";
		} else {
			label++;
		}
	}
	return NULL;
}

/* Why a subjectAltName entry breaks RFC 5280 §4.2.1.6, or NULL: a dNSName in preferred name
 * syntax, an iPAddress of 4 or 16 octets, an rfc822Name that is a Mailbox (local-part "@"
 * domain, RFC 5321 §4.1.2), a URI with a scheme (RFC 3986 §3). Static text. */
static const char *san_entry_problem(unsigned type, const uint8_t *p, size_t n)
{
	const uint8_t *at;
	switch (type) {
	case GNUTLS_SAN_DNSNAME:
		return domain_problem(p, n);
	case GNUTLS_SAN_IPADDRESS:
		return n == 4 || n == 16 ? NULL : "is not 4 or 16 octets long";
	case GNUTLS_SAN_RFC822NAME:
		if (!n)
			return "is empty";
		for (size_t i = 0; i < n; i++)
			if (p[i] < 0x21 || p[i] > 0x7e)
				return p[i] == 0 ? "holds a NUL byte" : "holds a byte that is not a visible ASCII character";
		at = memchr(p, '@', n);
		if (!at || at == p || memchr(at + 1, '@', n - (size_t)(at + 1 - p)))
			return "is not one mailbox (local-part@domain)";
		return domain_problem(at + 1, n - (size_t)(at + 1 - p)) ? "has a domain that is not a host name" : NULL;
	case GNUTLS_SAN_URI:
		if (!n)
			return "is empty";
		for (size_t i = 0; i < n; i++)
			if (p[i] < 0x21 || p[i] > 0x7e)
				return p[i] == 0 ? "holds a NUL byte" : "holds a byte that is not a visible ASCII character";
		if (!((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z')))
			return "has no scheme";
		for (size_t i = 1; i < n; i++) {
			if (p[i] == ':')
				return NULL;
			if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
			      (p[i] >= '0' && p[i] <= '9') || p[i] == '+' || p[i] == '-' || p[i] == '.'))
				break;
		}
		return "has no scheme";
	}
	return NULL;
}

/* Read a subjectAltName extension value (GeneralNames) in one pass: entries past CD_MAX_LIST
 * are counted in *total, not kept (CD_CUT_SAN in *cut): a name there exists, so no rule may call
 * it absent. CD_OK, or CD_E_MALFORMED when GnuTLS cannot decode it. */
static int read_sans(const gnutls_datum_t *v, struct cd_san **san, size_t *n_san, size_t *chars,
		     size_t *total, unsigned *cut)
{
	gnutls_subject_alt_names_t sans;
	unsigned type;
	gnutls_datum_t d, oth;
	int rc = CD_OK;
	if (gnutls_subject_alt_names_init(&sans) < 0)
		return CD_E_NOMEM;
	if (gnutls_x509_ext_import_subject_alt_names(v, sans, 0) < 0) {
		gnutls_subject_alt_names_deinit(sans);
		return CD_E_MALFORMED;
	}
	for (unsigned i = 0; gnutls_subject_alt_names_get(sans, i, &type, &d, &oth) >= 0; i++) {
		size_t n = d.size > CD_MAX_FIELD ? CD_MAX_FIELD : d.size;
		int r;
		(*total)++;
		if (*cut & CD_CUT_SAN)
			continue;
		if (d.size > CD_MAX_FIELD)
			*cut |= CD_CUT_SAN_VALUE;
		char oid[128] = "";
		if (type == GNUTLS_SAN_OTHERNAME && oth.data && oth.size) { /* a datum: bounded copy */
			size_t ol = oth.size < sizeof(oid) - 1 ? oth.size : sizeof(oid) - 1;
			memcpy(oid, oth.data, ol);
			oid[ol] = 0;
		}
		r = san_push(san, n_san, chars, type, (const char *)d.data, n, oid);
		if (r == CD_E_LIMIT)
			*cut |= CD_CUT_SAN;
		else if (r < 0)
			break;
		else
			(*san)[*n_san - 1].malformed = san_entry_problem(type, d.data, d.size);
	}
	gnutls_subject_alt_names_deinit(sans);
	return rc;
}

static void san_free(struct cd_san *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].value);
	free(v);
}

/* ---- certificates ---- */

void cd_cert_free(struct cd_cert *c)
{
	if (!c)
		return;
	name_free(&c->subject);
	name_free(&c->issuer);
	strv_free(c->eku, c->n_eku);
	san_free(c->san, c->n_san);
	strv_free(c->policies, c->n_policies);
	strv_free(c->ocsp, c->n_ocsp);
	strv_free(c->ca_issuers, c->n_ca_issuers);
	strv_free(c->crl_dp, c->n_crl_dp);
	free(c->exts);
	free(c);
}

/* RFC 5280 OIDs of the extensions we decode, as DER content octets. */
static const uint8_t OID_BC[] = {0x55, 0x1d, 0x13}, OID_KU[] = {0x55, 0x1d, 0x0f},
		     OID_EKU[] = {0x55, 0x1d, 0x25}, OID_SAN[] = {0x55, 0x1d, 0x11},
		     OID_SKI[] = {0x55, 0x1d, 0x0e}, OID_AKI[] = {0x55, 0x1d, 0x23},
		     OID_POL[] = {0x55, 0x1d, 0x20}, OID_CDP[] = {0x55, 0x1d, 0x1f},
		     OID_AIA[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01},
		     OID_NC[] = {0x55, 0x1d, 0x1e}, OID_PCONS[] = {0x55, 0x1d, 0x24},
		     OID_PMAP[] = {0x55, 0x1d, 0x21}, OID_IAP[] = {0x55, 0x1d, 0x36};

#define OID_IS(e, o) ((e)->oid_len == sizeof(o) && memcmp((e)->oid, (o), sizeof(o)) == 0)

static int name_from_raw(const uint8_t *raw, size_t len, struct cd_name *out)
{
	gnutls_x509_dn_t dn = NULL;
	gnutls_datum_t r = {(unsigned char *)raw, (unsigned)len}, str = {0};
	int rc = CD_E_MALFORMED;
	if (gnutls_x509_dn_init(&dn) < 0)
		return CD_E_NOMEM;
	if (gnutls_x509_dn_import(dn, &r) >= 0) {
		if (gnutls_x509_dn_get_str2(dn, &str, 0) < 0)
			str.data = NULL;
		rc = decode_name(dn, &str, raw, len, out);
		gnutls_free(str.data);
	}
	gnutls_x509_dn_deinit(dn);
	return rc;
}

/* Extensions our path validation processes (RFC 5280 §6.1.3-6.1.5); policy extensions are
 * accepted without policy processing (docs/chains.md). A critical extension outside this list
 * makes a path invalid (RFC 5280 §4.2). */
static int understood(const struct cd_der_ext *e)
{
	return OID_IS(e, OID_BC) || OID_IS(e, OID_KU) || OID_IS(e, OID_EKU) || OID_IS(e, OID_SAN) ||
	       OID_IS(e, OID_SKI) || OID_IS(e, OID_AKI) || OID_IS(e, OID_POL) || OID_IS(e, OID_CDP) ||
	       OID_IS(e, OID_AIA) || OID_IS(e, OID_NC) || OID_IS(e, OID_PCONS) || OID_IS(e, OID_PMAP) ||
	       OID_IS(e, OID_IAP);
}

/* An extension we process that does not decode (or is an empty list where RFC 5280 asks for
 * at least one entry): the path cannot be validated with it (RFC 5280 §4.2). First one kept. */
static void bad_ext(struct cd_cert *c, const struct cd_der_ext *e)
{
	if (c->bad_ext)
		return;
	c->bad_ext = 1;
	if (cd_der_oid_str(e->oid, e->oid_len, c->bad_ext_oid, sizeof(c->bad_ext_oid)) < 0)
		cd_strlcpy(c->bad_ext_oid, "?", sizeof(c->bad_ext_oid));
}

/* RFC 5280 §4.2.1.10: at least one of permittedSubtrees and excludedSubtrees; a dNSName
 * constraint is a domain, no wildcard (a leading period, RFC 5280's form for URIs and e-mail,
 * is read as "subdomains only" as OpenSSL, GnuTLS, NSS and Go read it: HARICA's 2011 root has
 * DNS:.gr; it was called malformed, the path invalid; a lone "." is no domain); an
 * iPAddress constraint is an address and a contiguous mask (8 or 32 octets); an rfc822Name
 * has at most one '@'. */
static int nc_subtree_ok(unsigned type, const gnutls_datum_t *n)
{
	if (!n->size || !n->data) /* an empty name is the whole name space (IPs need a mask) */
		return type != GNUTLS_SAN_IPADDRESS;
	if (type == GNUTLS_SAN_DNSNAME)
		return !memchr(n->data, '*', n->size) && !(n->size == 1 && n->data[0] == '.') &&
		       !(n->size >= 2 && n->data[0] == '.' && n->data[1] == '.');
	if (type == GNUTLS_SAN_RFC822NAME) {
		const uint8_t *at = memchr(n->data, '@', n->size);
		return !at || !memchr(at + 1, '@', n->size - (size_t)(at + 1 - n->data));
	}
	if (type == GNUTLS_SAN_IPADDRESS) {
		size_t half = n->size / 2;
		int zero = 0;
		if (n->size != 8 && n->size != 32)
			return 0;
		for (size_t i = half; i < n->size; i++)
			for (int b = 7; b >= 0; b--) {
				int bit = (n->data[i] >> b) & 1;
				if (bit && zero)
					return 0;
				zero |= !bit;
			}
	}
	return 1;
}

static int nc_well_formed(gnutls_x509_name_constraints_t nc)
{
	unsigned type, i, total = 0;
	gnutls_datum_t n;
	for (i = 0; gnutls_x509_name_constraints_get_permitted(nc, i, &type, &n) >= 0; i++, total++)
		if (!nc_subtree_ok(type, &n))
			return 0;
	for (i = 0; gnutls_x509_name_constraints_get_excluded(nc, i, &type, &n) >= 0; i++, total++)
		if (!nc_subtree_ok(type, &n))
			return 0;
	return total > 0;
}

/* Which optional fields the AuthorityKeyIdentifier SEQUENCE holds (RFC 5280 §4.2.1.1:
 * [0] keyIdentifier, [1] authorityCertIssuer, [2] authorityCertSerialNumber), read with our
 * DER reader: GnuTLS's getter answers only when issuer and serial are both there. */
static void aki_parts(struct cd_cert *c, const uint8_t *v, size_t len)
{
	struct cd_cursor cur, in;
	struct cd_der_tlv seq, f;
	size_t off;
	int issuer = 0, serial = 0;
	cd_cursor_init(&cur, v, len);
	if (cd_der_get_tlv(&cur, &seq, &off) < 0 || seq.tag != 0x30)
		return;
	cd_cursor_init(&in, seq.content, seq.len);
	while (cd_cursor_remaining(&in) && cd_der_get_tlv(&in, &f, &off) >= 0) {
		issuer |= f.tag == 0xa1;
		serial |= f.tag == 0x82;
	}
	c->aki_issuer_serial = issuer || serial;
	c->aki_half_pair = issuer != serial;
}

static void read_ext(struct cd_cert *c, const struct cd_der_ext *e)
{
	gnutls_datum_t v = {(unsigned char *)e->value, (unsigned)e->value_len};
	if (e->critical && !understood(e) && !c->unknown_critical) {
		c->unknown_critical = 1;
		if (cd_der_oid_str(e->oid, e->oid_len, c->unknown_critical_oid,
				   sizeof(c->unknown_critical_oid)) < 0)
			cd_strlcpy(c->unknown_critical_oid, "?", sizeof(c->unknown_critical_oid));
	}
	if (OID_IS(e, OID_NC)) {
		gnutls_x509_name_constraints_t nc;
		c->nc_present = 1;
		if (gnutls_x509_name_constraints_init(&nc) < 0)
			return;
		if (gnutls_x509_ext_import_name_constraints(&v, nc, 0) < 0 || !nc_well_formed(nc))
			bad_ext(c, e);
		gnutls_x509_name_constraints_deinit(nc);
	} else if (OID_IS(e, OID_BC)) {
		unsigned ca = 0;
		int pl = -1;
		if (gnutls_x509_ext_import_basic_constraints(&v, &ca, &pl) >= 0) {
			c->bc_present = 1;
			c->bc_critical = e->critical;
			c->is_ca = (int)ca;
			c->pathlen = ca ? pl : -1;
		} else {
			bad_ext(c, e);
		}
	} else if (OID_IS(e, OID_KU)) {
		if (gnutls_x509_ext_import_key_usage(&v, &c->ku) >= 0) {
			c->ku_present = 1;
			c->ku_critical = e->critical;
		} else {
			bad_ext(c, e);
		}
	} else if (OID_IS(e, OID_EKU)) {
		if (read_ekus(&v, &c->eku, &c->n_eku, &c->cut, &c->eku_total) < 0) {
			bad_ext(c, e);
		} else {
			c->eku_present = 1;
			c->eku_critical = e->critical;
			if (!c->n_eku)
				bad_ext(c, e); /* §4.2.1.12: KeyPurposeId SIZE (1..MAX) */
		}
	} else if (OID_IS(e, OID_SAN)) {
		c->san_present = 1;
		c->san_critical = e->critical;
		if (read_sans(&v, &c->san, &c->n_san, &c->san_chars, &c->san_total, &c->cut) < 0 || !c->n_san)
			bad_ext(c, e); /* §4.2.1.6: GeneralNames SIZE (1..MAX) */
	} else if (OID_IS(e, OID_SKI)) {
		gnutls_datum_t id = {0};
		if (gnutls_x509_ext_import_subject_key_id(&v, &id) >= 0) {
			c->ski_len = id.size < sizeof(c->ski) ? id.size : sizeof(c->ski);
			memcpy(c->ski, id.data, c->ski_len);
			gnutls_free(id.data);
		} else {
			bad_ext(c, e);
		}
	} else if (OID_IS(e, OID_AKI)) {
		gnutls_x509_aki_t aki;
		gnutls_datum_t id;
		if (gnutls_x509_aki_init(&aki) < 0)
			return;
		c->aki_present = 1;
		if (gnutls_x509_ext_import_authority_key_id(&v, aki, 0) >= 0) {
			if (gnutls_x509_aki_get_id(aki, &id) >= 0) {
				c->aki_len = id.size < sizeof(c->aki) ? id.size : sizeof(c->aki);
				memcpy(c->aki, id.data, c->aki_len);
			}
			aki_parts(c, e->value, e->value_len);
		} else {
			bad_ext(c, e);
		}
		gnutls_x509_aki_deinit(aki);
	} else if (OID_IS(e, OID_POL)) {
		gnutls_x509_policies_t pols;
		struct gnutls_x509_policy_st pol;
		if (gnutls_x509_policies_init(&pols) < 0)
			return;
		if (gnutls_x509_ext_import_policies(&v, pols, 0) >= 0) {
			for (unsigned i = 0; gnutls_x509_policies_get(pols, i, &pol) >= 0; i++) {
				int r = strv_push(&c->policies, &c->n_policies, pol.oid, strlen(pol.oid));
				if (r == CD_E_LIMIT)
					c->cut |= CD_CUT_POLICIES;
				if (r < 0)
					break;
			}
			c->policies_total = seq_count(e->value, e->value_len);
			if (c->policies_total > c->n_policies)
				c->cut |= CD_CUT_POLICIES; /* GnuTLS keeps 64 */
		} else {
			bad_ext(c, e);
		}
		gnutls_x509_policies_deinit(pols);
	} else if (OID_IS(e, OID_AIA)) {
		gnutls_x509_aia_t aia;
		gnutls_datum_t oid, uri;
		unsigned type;
		if (gnutls_x509_aia_init(&aia) < 0)
			return;
		if (gnutls_x509_ext_import_aia(&v, aia, 0) >= 0) {
			unsigned i;
			for (i = 0; gnutls_x509_aia_get(aia, i, &oid, &type, &uri) >= 0; i++) {
				if (type != GNUTLS_SAN_URI)
					continue;
				if (!strcmp((char *)oid.data, GNUTLS_OID_AD_OCSP) &&
				    strv_push(&c->ocsp, &c->n_ocsp, (char *)uri.data, uri.size) == CD_E_LIMIT)
					c->cut |= CD_CUT_URIS;
				else if (!strcmp((char *)oid.data, GNUTLS_OID_AD_CAISSUERS) &&
					 strv_push(&c->ca_issuers, &c->n_ca_issuers, (char *)uri.data,
						   uri.size) == CD_E_LIMIT)
					c->cut |= CD_CUT_URIS;
			}
			if (!i)
				bad_ext(c, e); /* §4.2.2.1: AccessDescription SIZE (1..MAX) */
		} else {
			bad_ext(c, e);
		}
		gnutls_x509_aia_deinit(aia);
	} else if (OID_IS(e, OID_CDP)) {
		gnutls_x509_crl_dist_points_t cdp;
		gnutls_datum_t d;
		unsigned type, reasons;
		if (gnutls_x509_crl_dist_points_init(&cdp) < 0)
			return;
		if (gnutls_x509_ext_import_crl_dist_points(&v, cdp, 0) >= 0)
			for (unsigned i = 0; gnutls_x509_crl_dist_points_get(cdp, i, &type, &d, &reasons) >= 0; i++)
				if (type == GNUTLS_SAN_URI &&
				    strv_push(&c->crl_dp, &c->n_crl_dp, (char *)d.data, d.size) == CD_E_LIMIT)
					c->cut |= CD_CUT_URIS;
		gnutls_x509_crl_dist_points_deinit(cdp);
	}
}

/* The signature algorithm from its OID; algorithms with parameters (RSA-PSS) need GnuTLS's
 * full certificate decoder. */
static int sign_algo_of(const uint8_t *der, size_t len, const struct cd_der_signed *sg,
			char *oid, size_t oid_size)
{
	gnutls_x509_crt_t crt;
	gnutls_datum_t d = {(unsigned char *)der, (unsigned)len};
	int r = 0;
	if (cd_der_oid_str(sg->sig_oid, sg->sig_oid_len, oid, oid_size) < 0)
		oid[0] = 0;
	if (oid[0] && !sg->sig_has_params) {
		r = (int)gnutls_oid_to_sign(oid);
		if (r > 0)
			return r;
	}
	if (gnutls_x509_crt_init(&crt) < 0)
		return 0;
	if (gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER) >= 0)
		r = gnutls_x509_crt_get_signature_algorithm(crt);
	gnutls_x509_crt_deinit(crt);
	return r > 0 ? r : 0;
}

/* RFC 5280 §4.1.1.2: the outer signatureAlgorithm MUST be the same as TBSCertificate.signature.
 * 1 when both are read and differ. */
static int sig_alg_differs(const uint8_t *der, size_t len)
{
	struct cd_cursor c, in;
	struct cd_der_tlv cert, tbs, outer, f;
	size_t off;
	cd_cursor_init(&c, der, len);
	if (cd_der_get_tlv(&c, &cert, &off) < 0)
		return 0;
	cd_cursor_init(&in, cert.content, cert.len);
	if (cd_der_get_tlv(&in, &tbs, &off) < 0 || cd_der_get_tlv(&in, &outer, &off) < 0)
		return 0;
	cd_cursor_init(&in, tbs.content, tbs.len);
	if (cd_der_get_tlv(&in, &f, &off) < 0)
		return 0;
	if (f.tag == 0xa0 && cd_der_get_tlv(&in, &f, &off) < 0) /* [0] version, then serial */
		return 0;
	if (cd_der_get_tlv(&in, &f, &off) < 0) /* signature */
		return 0;
	return f.hdr_len + f.len != outer.hdr_len + outer.len ||
	       memcmp(f.content - f.hdr_len, outer.content - outer.hdr_len, f.hdr_len + f.len) != 0;
}

int cd_decode_cert(const uint8_t *der, size_t len, struct cd_cert **out, char **detail)
{
	struct cd_der_signed sg;
	struct cd_der_tbs tbs;
	struct cd_cert *c = NULL;
	int rc = CD_E_MALFORMED;

	*out = NULL;
	if (cd_der_split_signed(der, len, &sg) < 0 || cd_der_parse_tbs(sg.tbs, sg.tbs_len, &tbs) < 0) {
		*detail = fail("not a well-formed Certificate structure (RFC 5280 §4.1)");
		goto out;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		rc = CD_E_NOMEM;
		goto out;
	}
	c->version = tbs.version;
	c->pathlen = -1;
	if (name_from_raw(tbs.subject_tlv, tbs.subject_len, &c->subject) < 0) {
		*detail = fail("cannot read the subject name");
		goto out;
	}
	if (name_from_raw(tbs.issuer_tlv, tbs.issuer_len, &c->issuer) < 0) {
		*detail = fail("cannot read the issuer name");
		goto out;
	}
	c->serial_full_len = tbs.serial_len;
	c->sig_alg_mismatch = sig_alg_differs(der, len);
	c->serial_len = tbs.serial_len < sizeof(c->serial) ? tbs.serial_len : sizeof(c->serial);
	memcpy(c->serial, tbs.serial, c->serial_len);
	cd_hex(c->serial, c->serial_len, c->serial_hex);
	/* validity: read ourselves (GnuTLS maps 99991231235959Z to -1), judged by RFC 5280 */
	read_time(&c->nb_enc, tbs.nb_tag, tbs.nb, tbs.nb_len, &c->not_before);
	read_time(&c->na_enc, tbs.na_tag, tbs.na, tbs.na_len, &c->not_after);
	/* "Where YY is greater than or equal to 50, the year SHALL be interpreted as 19YY":
	 * a notAfter that lands before notBefore that way was meant as 20YY, which RFC 5280
	 * requires as GeneralizedTime (every verifier reads the 19YY date: expired) */
	if (c->na_enc.tag == 0x17 && !c->na_enc.problem && c->not_after != CD_TIME_NONE &&
	    c->not_before != CD_TIME_NONE && c->not_after < c->not_before)
		c->na_enc.problem = "a UTCTime year of 50 or more, which means 19YY (before notBefore): "
				    "a date from 2050 on is a GeneralizedTime";
	pubkey_from_spki(tbs.spki_tlv, tbs.spki_len, &c->key);
	c->spki_off = (size_t)(tbs.spki_tlv - der);
	c->spki_len = tbs.spki_len;
	if (tbs.exts) {
		struct cd_cursor ec;
		struct cd_der_ext e;
		int r;
		cd_cursor_init(&ec, tbs.exts, tbs.exts_len);
		while ((r = cd_der_next_ext(&ec, &e)) == 1) {
			struct cd_ext *ne;
			if (c->n_exts >= CD_MAX_LIST) {
				/* still read (a SAN there counts), but neither listed nor compared */
				c->cut |= CD_CUT_EXTS;
				read_ext(c, &e);
				continue;
			}
			ne = realloc(c->exts, (c->n_exts + 1) * sizeof(*ne));
			if (!ne) {
				rc = CD_E_NOMEM;
				goto out;
			}
			c->exts = ne;
			if (cd_der_oid_str(e.oid, e.oid_len, ne[c->n_exts].oid, sizeof(ne[c->n_exts].oid)) < 0)
				cd_strlcpy(ne[c->n_exts].oid, "?", sizeof(ne[c->n_exts].oid));
			ne[c->n_exts].critical = e.critical;
			for (size_t k = 0; k < c->n_exts && !c->dup_ext; k++)
				if (!strcmp(ne[k].oid, ne[c->n_exts].oid)) {
					c->dup_ext = 1;
					cd_strlcpy(c->dup_ext_oid, ne[k].oid, sizeof(c->dup_ext_oid));
				}
			c->n_exts++;
			read_ext(c, &e);
		}
		if (r < 0) {
			*detail = fail("malformed extensions (RFC 5280 §4.1.2.9)");
			goto out;
		}
	}
	c->sig_algo = sign_algo_of(der, len, &sg, c->sig_oid, sizeof(c->sig_oid));
	if (c->sig_algo) {
		const char *n = gnutls_sign_get_name((gnutls_sign_algorithm_t)c->sig_algo);
		cd_strlcpy(c->sig_name, n ? n : c->sig_oid, sizeof(c->sig_name));
		c->sig_hash_weak = hash_is_weak((gnutls_sign_algorithm_t)c->sig_algo);
	} else {
		cd_strlcpy(c->sig_name, c->sig_oid, sizeof(c->sig_name));
		/* md2WithRSA, md5WithRSA, sha1WithRSA, ecdsa-with-SHA1, dsa-with-sha1 */
		c->sig_hash_weak = !strcmp(c->sig_oid, "1.2.840.113549.1.1.2") ||
				   !strcmp(c->sig_oid, "1.2.840.113549.1.1.4") ||
				   !strcmp(c->sig_oid, "1.2.840.113549.1.1.5") ||
				   !strcmp(c->sig_oid, "1.2.840.10045.4.1") ||
				   !strcmp(c->sig_oid, "1.2.840.10040.4.3");
	}
	gnutls_hash_fast(GNUTLS_DIG_SHA256, sg.tbs, sg.tbs_len, c->tbs_sha256);
	/* self-issued / self-signed (RFC 5280 §6.1: self-issued = same subject and issuer) */
	c->self_issued = strcmp(c->subject.canon, c->issuer.canon) == 0;
	if (c->self_issued)
		c->self_signed = cd_x509_verify_signed(der, len, c->sig_algo, tbs.spki_tlv,
						       tbs.spki_len) == 1;
	*out = c;
	c = NULL;
	rc = CD_OK;
out:
	cd_cert_free(c);
	return rc;
}

/* ---- CSRs ---- */

void cd_csr_free(struct cd_csr *c)
{
	if (!c)
		return;
	name_free(&c->subject);
	san_free(c->san, c->n_san);
	strv_free(c->eku, c->n_eku);
	free(c);
}

int cd_decode_csr(const uint8_t *der, size_t len, struct cd_csr **out, char **detail)
{
	gnutls_x509_crq_t crq = NULL;
	gnutls_datum_t d = {(unsigned char *)der, (unsigned)len};
	gnutls_datum_t dn = {0}, spki = {0};
	gnutls_pubkey_t pub = NULL;
	struct cd_csr *c = NULL;
	unsigned crit;
	int rc = CD_E_MALFORMED, r;

	*out = NULL;
	if ((r = gnutls_x509_crq_init(&crq)) < 0 ||
	    (r = gnutls_x509_crq_import(crq, &d, GNUTLS_X509_FMT_DER)) < 0) {
		*detail = fail("GnuTLS cannot decode the certificate request: %s", gnutls_strerror(r));
		goto out;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		rc = CD_E_NOMEM;
		goto out;
	}
	{
		/* the subject: GnuTLS has no crq_get_subject(dn_t); parse the raw Name */
		struct cd_cursor cur, in;
		struct cd_der_tlv outer, cri, ver, name;
		size_t off;
		gnutls_x509_dn_t gdn = NULL;
		cd_cursor_init(&cur, der, len);
		if (cd_der_get_tlv(&cur, &outer, &off) < 0) {
			*detail = fail("not a well-formed CertificationRequest (RFC 2986 §4)");
			goto out;
		}
		cd_cursor_init(&in, outer.content, outer.len);
		if (cd_der_get_tlv(&in, &cri, &off) < 0) {
			*detail = fail("not a well-formed CertificationRequest (RFC 2986 §4)");
			goto out;
		}
		cd_cursor_init(&in, cri.content, cri.len);
		if (cd_der_get_tlv(&in, &ver, &off) < 0 || cd_der_get_tlv(&in, &name, &off) < 0) {
			*detail = fail("not a well-formed CertificationRequestInfo (RFC 2986 §4.1)");
			goto out;
		}
		gnutls_datum_t nd = {(unsigned char *)name.content - name.hdr_len,
				     (unsigned)(name.hdr_len + name.len)};
		if (gnutls_x509_crq_get_dn3(crq, &dn, 0) < 0)
			dn.data = NULL;
		if (gnutls_x509_dn_init(&gdn) < 0 || gnutls_x509_dn_import(gdn, &nd) < 0 ||
		    decode_name(gdn, &dn, nd.data, nd.size, &c->subject) < 0) {
			if (gdn)
				gnutls_x509_dn_deinit(gdn);
			gnutls_free(dn.data);
			*detail = fail("cannot read the subject name of the request");
			goto out;
		}
		gnutls_x509_dn_deinit(gdn);
		gnutls_free(dn.data);
	}
	if (gnutls_pubkey_init(&pub) == 0 && gnutls_pubkey_import_x509_crq(pub, crq, 0) == 0 &&
	    gnutls_pubkey_export2(pub, GNUTLS_X509_FMT_DER, &spki) == 0) {
		pubkey_from_spki(spki.data, spki.size, &c->key);
	}
	r = gnutls_x509_crq_get_signature_algorithm(crq);
	c->sig_algo = r > 0 ? r : 0;
	if (c->sig_algo) {
		const char *n = gnutls_sign_get_name((gnutls_sign_algorithm_t)c->sig_algo);
		cd_strlcpy(c->sig_name, n ? n : "unknown", sizeof(c->sig_name));
	} else {
		cd_strlcpy(c->sig_name, "unknown", sizeof(c->sig_name));
	}
	/* signature: verify against the request's own key; broken hashes allowed here */
	if (spki.data && c->sig_algo) {
		int v = cd_x509_verify_signed(der, len, c->sig_algo, spki.data, spki.size);
		c->sig_ok = v == 1 ? 1 : v == 0 ? 0 : -1;
		if (v == 0)
			cd_strlcpy(c->sig_error, "the signature does not match the request's public key",
				   sizeof(c->sig_error));
		else if (v < 0)
			cd_strlcpy(c->sig_error, "the signature could not be checked", sizeof(c->sig_error));
	} else {
		c->sig_ok = -1;
		cd_strlcpy(c->sig_error, "unknown signature or key algorithm", sizeof(c->sig_error));
	}
	{
		/* the extension read once (gnutls_x509_crq_get_subject_alt_name(i) decodes it again
		 * for every i: 5000 names took minutes) */
		gnutls_datum_t ext = {0};
		if (gnutls_x509_crq_get_extension_by_oid2(crq, "2.5.29.17", 0, &ext, &crit) >= 0) {
			read_sans(&ext, &c->san, &c->n_san, &c->san_chars, &c->san_total, &c->cut);
			gnutls_free(ext.data);
		}
	}
	if (gnutls_x509_crq_get_key_usage(crq, &c->ku, &crit) >= 0)
		c->ku_present = 1;
	{
		gnutls_datum_t ext = {0};
		if (gnutls_x509_crq_get_extension_by_oid2(crq, "2.5.29.37", 0, &ext, &crit) >= 0) {
			size_t total;
			read_ekus(&ext, &c->eku, &c->n_eku, &c->cut, &total);
			gnutls_free(ext.data);
		}
	}
	*out = c;
	c = NULL;
	rc = CD_OK;
out:
	gnutls_free(spki.data);
	if (pub)
		gnutls_pubkey_deinit(pub);
	cd_csr_free(c);
	if (crq)
		gnutls_x509_crq_deinit(crq);
	return rc;
}

/* ---- CRLs ---- */

void cd_crl_free(struct cd_crl *c)
{
	if (!c)
		return;
	name_free(&c->issuer);
	free(c);
}

int cd_decode_crl(const uint8_t *der, size_t len, struct cd_crl **out, char **detail)
{
	gnutls_x509_crl_t crl = NULL;
	gnutls_datum_t d = {(unsigned char *)der, (unsigned)len};
	gnutls_datum_t dn = {0}, raw = {0};
	gnutls_x509_dn_t gdn = NULL;
	struct cd_crl *c = NULL;
	int rc = CD_E_MALFORMED, r;
	size_t sz;
	unsigned crit;

	*out = NULL;
	if ((r = gnutls_x509_crl_init(&crl)) < 0 ||
	    (r = gnutls_x509_crl_import(crl, &d, GNUTLS_X509_FMT_DER)) < 0) {
		*detail = fail("GnuTLS cannot decode the CRL: %s", gnutls_strerror(r));
		goto out;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		rc = CD_E_NOMEM;
		goto out;
	}
	if (gnutls_x509_crl_get_issuer_dn3(crl, &dn, 0) < 0)
		dn.data = NULL;
	if (gnutls_x509_crl_get_raw_issuer_dn(crl, &raw) < 0 || gnutls_x509_dn_init(&gdn) < 0 ||
	    gnutls_x509_dn_import(gdn, &raw) < 0 ||
	    decode_name(gdn, &dn, raw.data, raw.size, &c->issuer) < 0) {
		*detail = fail("cannot read the CRL issuer");
		gnutls_free(dn.data);
		goto out;
	}
	gnutls_free(dn.data);
	c->this_update = (cd_time_t)gnutls_x509_crl_get_this_update(crl);
	{
		time_t nu = gnutls_x509_crl_get_next_update(crl);
		c->next_update = nu == (time_t)-1 ? CD_TIME_NONE : (cd_time_t)nu;
	}
	r = gnutls_x509_crl_get_crt_count(crl);
	c->n_revoked = r > 0 ? (unsigned long)r : 0;
	r = gnutls_x509_crl_get_signature_algorithm(crl);
	cd_strlcpy(c->sig_name, r > 0 ? gnutls_sign_get_name((gnutls_sign_algorithm_t)r) : "unknown",
		   sizeof(c->sig_name));
	sz = sizeof(c->aki);
	if (gnutls_x509_crl_get_authority_key_id(crl, c->aki, &sz, &crit) == 0)
		c->aki_len = sz;
	*out = c;
	c = NULL;
	rc = CD_OK;
out:
	if (gdn)
		gnutls_x509_dn_deinit(gdn);
	gnutls_free(raw.data);
	cd_crl_free(c);
	if (crl)
		gnutls_x509_crl_deinit(crl);
	return rc;
}

/* ---- private keys ---- */

int cd_decode_key(const uint8_t *der, size_t len, int encrypted, const char *format,
		  struct cd_key **out, char **detail)
{
	struct cd_key *k = calloc(1, sizeof(*k));
	gnutls_x509_privkey_t x = NULL;
	gnutls_privkey_t p = NULL;
	gnutls_pubkey_t pub = NULL;
	gnutls_datum_t d = {(unsigned char *)der, (unsigned)len}, spki = {0};
	(void)detail;
	if (!k)
		return CD_E_NOMEM;
	k->encrypted = encrypted;
	cd_strlcpy(k->format, format, sizeof(k->format));
	if (!encrypted && gnutls_x509_privkey_init(&x) == 0 &&
	    gnutls_x509_privkey_import2(x, &d, GNUTLS_X509_FMT_DER, NULL, GNUTLS_PKCS_PLAIN) == 0 &&
	    gnutls_privkey_init(&p) == 0 && gnutls_privkey_import_x509(p, x, 0) == 0 &&
	    gnutls_pubkey_init(&pub) == 0 && gnutls_pubkey_import_privkey(pub, p, 0, 0) == 0 &&
	    gnutls_pubkey_export2(pub, GNUTLS_X509_FMT_DER, &spki) == 0) {
		pubkey_from_spki(spki.data, spki.size, &k->key);
	}
	gnutls_free(spki.data);
	if (pub)
		gnutls_pubkey_deinit(pub);
	if (p)
		gnutls_privkey_deinit(p); /* imported without AUTO_RELEASE: x is still ours */
	if (x)
		gnutls_x509_privkey_deinit(x);
	*out = k;
	return CD_OK;
}
