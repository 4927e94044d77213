/* itl.c - CUCM ITL/CTL files (ITLFile.tlv, CTLFile.tlv): tag (1 byte), big-endian length
 * (2 bytes), value; header tag 13 is one padding byte; records start at HEADERLENGTH, each
 * with RECORDLENGTH first. Field names follow Cisco doc 118893 (`show ctl`); the signature
 * rule (RSA PKCS#1 v1.5 over the file without its SIGNATURE element, the signer being the
 * SAST record with the header's serial) is the one phones apply. Every read goes through
 * the byte cursor; a problem names its offset, and the rest of the file is still read. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "ingest/itl.h"
#include "util/cursor.h"
#include "util/error.h"
#include "util/str.h"

/* header tags */
enum {
	H_VERSION = 1,
	H_HEADERLENGTH = 2,
	H_SIGNERID = 3,
	H_SIGNERNAME = 4,
	H_SERIALNUMBER = 5,
	H_CANAME = 6,
	H_SIGNATUREINFO = 7,
	H_DIGESTALGORITHM = 8,
	H_SIGNATUREALGOINFO = 9,
	H_SIGNATUREALGORITHM = 10,
	H_SIGNATUREMODULUS = 11,
	H_SIGNATURE = 12,
	H_PADDING = 13,
	H_FILENAME = 14,
	H_TIMESTAMP = 15,
	H_SIGNERVERSION = 28,
};

/* record tags */
enum {
	R_RECORDLENGTH = 1,
	R_DNSNAME = 2,
	R_SUBJECTNAME = 3,
	R_FUNCTION = 4,
	R_ISSUERNAME = 5,
	R_SERIALNUMBER = 6,
	R_PUBLICKEY = 7,
	R_SIGNATURE = 8,
	R_CERTIFICATE = 9,
	R_IPADDRESS = 10,
	R_CERTHASH = 11,
	R_HASHALGORITHM = 12,
};

int cd_itl_bid(const uint8_t *p, size_t len, const char *rel)
{
	const char *base;
	/* VERSION: tag 1, length 2; HEADERLENGTH: tag 2, length 2, at least the 10 bytes of both */
	if (len >= 10 && p[0] == H_VERSION && p[1] == 0 && p[2] == 2 && p[5] == H_HEADERLENGTH &&
	    p[6] == 0 && p[7] == 2 && ((unsigned)p[8] << 8 | p[9]) >= 10)
		return CD_ITL_BID_STRUCTURE;
	if (!rel)
		return 0;
	base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	if (cd_str_endswith_ci(base, ".tlv") && (!strncasecmp(base, "ITL", 3) || !strncasecmp(base, "CTL", 3)))
		return CD_ITL_BID_NAME;
	return 0;
}

/* ------------------------------------------------------------------ parsing */

struct pstate {
	const uint8_t *file; /* start of the file: offsets are computed from it */
	size_t file_len;
	struct cd_itl_parse *out;
	int nomem;
};

static uint64_t off_of(const struct pstate *ps, const struct cd_cursor *c)
{
	return (uint64_t)(cd_cursor_ptr(c) - ps->file);
}

static void problem(struct pstate *ps, uint64_t off, int truncated, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void problem(struct pstate *ps, uint64_t off, int truncated, const char *fmt, ...)
{
	struct cd_itl_problem *pr;
	va_list ap;
	if (ps->out->tl)
		ps->out->tl->complete = 0;
	if (ps->out->n_problems >= CD_LIMIT_ITL_PROBLEMS) {
		ps->out->more_problems++;
		return;
	}
	pr = &ps->out->problems[ps->out->n_problems++];
	pr->offset = off;
	pr->truncated = truncated;
	va_start(ap, fmt);
	vsnprintf(pr->message, sizeof(pr->message), fmt, ap);
	va_end(ap);
}

static int get_u16(struct cd_cursor *c, unsigned *out)
{
	const uint8_t *b;
	int rc = cd_cursor_get_bytes(c, 2, &b);
	if (rc == CD_OK)
		*out = (unsigned)b[0] << 8 | b[1];
	return rc;
}

/* A NUL-terminated string value as text: up to the first NUL, bytes that are not printable
 * ASCII as \xNN. NULL when out of memory. */
static char *text_of(const uint8_t *v, size_t n)
{
	size_t l = 0;
	char *s, *o;
	while (l < n && v[l])
		l++;
	s = malloc(l * 4 + 1);
	if (!s)
		return NULL;
	o = s;
	for (size_t i = 0; i < l; i++) {
		if (v[i] >= 0x20 && v[i] < 0x7f) {
			*o++ = (char)v[i];
		} else {
			snprintf(o, 5, "\\x%02x", v[i]);
			o += 4;
		}
	}
	*o = 0;
	return s;
}

/* A small unsigned value of 1 or 2 bytes; -1 (with a problem) otherwise. */
static int small_value(struct pstate *ps, uint64_t off, const char *what, const uint8_t *v, unsigned n)
{
	if (n == 1)
		return v[0];
	if (n == 2)
		return (int)((unsigned)v[0] << 8 | v[1]);
	problem(ps, off, 0, "%s at offset %llu has a %u-byte value, not 1 or 2 bytes", what,
		(unsigned long long)off, n);
	return -1;
}

static void set_text(struct pstate *ps, char **dst, const uint8_t *v, unsigned n)
{
	char *s = text_of(v, n);
	if (!s) {
		ps->nomem = 1;
		return;
	}
	free(*dst); /* a repeated element: the last one counts, as for every other element */
	*dst = s;
}

/* The elements of the header between c's position and its end; containers (SIGNERID,
 * SIGNATUREINFO, SIGNATUREALGOINFO) hold the elements their 2-byte length covers.
 * cut: HEADERLENGTH runs past the end of the file: the header is then taken to end after
 * its last documented element (TIMESTAMP) and the padding after it, *end set there.
 * Returns 0, or -1 after a problem (the header is not read further). */
static int parse_header(struct pstate *ps, struct cd_cursor *c, unsigned depth, int cut, size_t *end)
{
	struct cd_trustlist *tl = ps->out->tl;
	while (cd_cursor_remaining(c) && !ps->nomem) {
		uint64_t off = off_of(ps, c);
		uint8_t tag;
		unsigned n;
		const uint8_t *v;
		if (cut && !depth && tl->has_timestamp) {
			uint8_t next;
			cd_cursor_peek_u8(c, &next);
			if (next != H_PADDING) {
				*end = (size_t)off;
				return 0;
			}
		}
		cd_cursor_get_u8(c, &tag);
		if (tag == H_PADDING) {
			tl->padding++;
			continue;
		}
		if (get_u16(c, &n) < 0) {
			problem(ps, off, cut, "header element %s (tag %u) at offset %llu is cut short: its "
				"length needs 2 bytes, %zu remain%s", cd_trustlist_header_tag_name(tag), tag,
				(unsigned long long)off, cd_cursor_remaining(c),
				cut ? " before the end of the file" : " in the header");
			return -1;
		}
		if (cd_cursor_remaining(c) < n) {
			int at_eof = cut && off_of(ps, c) + cd_cursor_remaining(c) == ps->file_len;
			problem(ps, off, at_eof,
				"header element %s (tag %u) at offset %llu says %u bytes, but only %zu remain %s",
				cd_trustlist_header_tag_name(tag), tag, (unsigned long long)off, n, cd_cursor_remaining(c),
				at_eof ? "before the end of the file (cut short)"
				       : depth ? "in the element that holds it" : "in the header (HEADERLENGTH)");
			return -1;
		}
		cd_cursor_get_bytes(c, n, &v);
		if (tl->n_header < CD_TL_HEADER_ELEMENTS)
			tl->header[tl->n_header++] = (struct cd_tl_element){off, (uint16_t)n, tag, (uint8_t)depth};
		else
			tl->more_header++;
		switch (tag) {
		case H_SIGNERID:
		case H_SIGNATUREINFO:
		case H_SIGNATUREALGOINFO: {
			struct cd_cursor sub;
			if (tag == H_SIGNERID)
				tl->signerid_offset = off;
			if (depth + 1 >= CD_LIMIT_ITL_NESTING) {
				problem(ps, off, 0, "header element %s at offset %llu is nested %u deep, more "
					"than the format has: not read", cd_trustlist_header_tag_name(tag),
					(unsigned long long)off, depth + 1);
				return -1;
			}
			cd_cursor_init(&sub, v, n);
			if (parse_header(ps, &sub, depth + 1, cut, end) < 0)
				return -1;
			break;
		}
		case H_SIGNERNAME: set_text(ps, &tl->signer_name, v, n); break;
		case H_CANAME: set_text(ps, &tl->ca_name, v, n); break;
		case H_SERIALNUMBER:
			tl->has_signer_serial = 1;
			tl->signer_serial_len = n < sizeof(tl->signer_serial) ? n : sizeof(tl->signer_serial);
			memcpy(tl->signer_serial, v, tl->signer_serial_len);
			break;
		case H_DIGESTALGORITHM: tl->digest = small_value(ps, off, "DIGESTALGORITHM", v, n); break;
		case H_SIGNATUREALGORITHM:
			tl->sig_algorithm = small_value(ps, off, "SIGNATUREALGORITHM", v, n);
			break;
		case H_SIGNATUREMODULUS:
			tl->sig_modulus = small_value(ps, off, "SIGNATUREMODULUS", v, n);
			break;
		case H_SIGNATURE:
			tl->has_signature = 1;
			tl->signature_offset = off;
			tl->signature_len = n;
			break;
		case H_FILENAME: set_text(ps, &tl->filename, v, n); break;
		case H_TIMESTAMP:
			if (n == 4) {
				tl->has_timestamp = 1;
				tl->timestamp = (cd_time_t)((uint32_t)v[0] << 24 | (uint32_t)v[1] << 16 |
							    (uint32_t)v[2] << 8 | v[3]);
			} else {
				problem(ps, off, 0, "TIMESTAMP at offset %llu has a %u-byte value, not 4",
					(unsigned long long)off, n);
			}
			break;
		case H_SIGNERVERSION:
			if (n == 2) {
				tl->has_signer_version = 1;
				tl->signer_version_major = v[0];
				tl->signer_version_minor = v[1];
			} else {
				problem(ps, off, 0, "signer version (tag 28) at offset %llu has a %u-byte "
					"value, not 2", (unsigned long long)off, n);
			}
			break;
		default: tl->unknown_elements++; break;
		}
	}
	return ps->nomem ? -1 : 0;
}

/* The elements of one record after its RECORDLENGTH; cut: the file ends inside the record. */
static void parse_record(struct pstate *ps, struct cd_cursor *c, struct cd_tl_record *r, int cut)
{
	struct cd_trustlist *tl = ps->out->tl;
	while (cd_cursor_remaining(c) && !ps->nomem) {
		uint64_t off = off_of(ps, c);
		uint8_t tag;
		unsigned n;
		const uint8_t *v;
		cd_cursor_get_u8(c, &tag);
		if (get_u16(c, &n) < 0) {
			problem(ps, off, cut, "record %u: element %s (tag %u) at offset %llu is cut short: "
				"its length needs 2 bytes, %zu remain%s", r->index, cd_trustlist_record_tag_name(tag), tag,
				(unsigned long long)off, cd_cursor_remaining(c),
				cut ? " before the end of the file" : " in the record (RECORDLENGTH)");
			return;
		}
		if (cd_cursor_remaining(c) < n) {
			problem(ps, off, cut,
				"record %u: element %s (tag %u) at offset %llu says %u bytes, but only %zu "
				"remain %s", r->index, cd_trustlist_record_tag_name(tag), tag, (unsigned long long)off, n,
				cd_cursor_remaining(c),
				cut ? "before the end of the file (cut short)"
				    : "in the record (its RECORDLENGTH is smaller, or this length is wrong)");
			return;
		}
		cd_cursor_get_bytes(c, n, &v);
		if (tag != R_RECORDLENGTH && r->n_elements < CD_TL_RECORD_ELEMENTS)
			r->elements[r->n_elements++] = (struct cd_tl_element){off, (uint16_t)n, tag, 0};
		else if (tag != R_RECORDLENGTH)
			r->more_elements++;
		switch (tag) {
		case R_RECORDLENGTH:
			problem(ps, off, 0, "record %u: a second RECORDLENGTH at offset %llu, inside the "
				"record: its RECORDLENGTH (%u) runs into the next record", r->index,
				(unsigned long long)off, r->length);
			return;
		case R_DNSNAME: set_text(ps, &r->dns_name, v, n); break;
		case R_SUBJECTNAME: set_text(ps, &r->subject, v, n); break;
		case R_ISSUERNAME: set_text(ps, &r->issuer, v, n); break;
		case R_FUNCTION: r->function = small_value(ps, off, "FUNCTION", v, n); break;
		case R_SERIALNUMBER:
			r->serial_len = n < sizeof(r->serial) ? n : sizeof(r->serial);
			memcpy(r->serial, v, r->serial_len);
			break;
		case R_PUBLICKEY: r->public_key_len = n; break;
		case R_SIGNATURE:
			r->has_signature = 1;
			r->signature_len = n;
			break;
		case R_CERTIFICATE:
			r->cert_offset = (uint64_t)(v - ps->file);
			r->cert_len = n;
			break;
		case R_IPADDRESS:
			r->has_ip = 1;
			r->ip_len = n < sizeof(r->ip) ? n : sizeof(r->ip);
			memcpy(r->ip, v, r->ip_len);
			break;
		case R_CERTHASH:
			r->cert_hash_len = n < sizeof(r->cert_hash) ? n : sizeof(r->cert_hash);
			memcpy(r->cert_hash, v, r->cert_hash_len);
			break;
		case R_HASHALGORITHM: r->hash_algorithm = small_value(ps, off, "HASH ALGORITHM", v, n); break;
		default: tl->unknown_elements++; break;
		}
	}
}

static struct cd_tl_record *record_new(struct pstate *ps, size_t *cap)
{
	struct cd_trustlist *tl = ps->out->tl;
	struct cd_tl_record *r;
	if (tl->n_records == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct cd_tl_record *nr = realloc(tl->records, nc * sizeof(*nr));
		if (!nr) {
			ps->nomem = 1;
			return NULL;
		}
		tl->records = nr;
		*cap = nc;
	}
	r = &tl->records[tl->n_records++];
	memset(r, 0, sizeof(*r));
	r->index = (unsigned)tl->n_records;
	r->function = -1;
	r->hash_algorithm = -1;
	r->certificate = SIZE_MAX;
	return r;
}

static void parse_records(struct pstate *ps, size_t start)
{
	struct cd_trustlist *tl = ps->out->tl;
	size_t pos = start, cap = 0;
	while (pos < ps->file_len && !ps->nomem) {
		struct cd_cursor c, body;
		struct cd_tl_record *r;
		uint8_t tag;
		unsigned l, rl;
		size_t avail = ps->file_len - pos;
		int cut;
		unsigned idx = (unsigned)tl->n_records + 1;
		if (tl->n_records >= CD_LIMIT_ITL_RECORDS) {
			ps->out->records_limited = 1;
			tl->complete = 0;
			return;
		}
		cd_cursor_init(&c, ps->file + pos, avail);
		cd_cursor_get_u8(&c, &tag);
		if (tag != R_RECORDLENGTH) {
			problem(ps, pos, 0, "record %u at offset %zu starts with tag %u, not RECORDLENGTH "
				"(1): the rest of the file (%zu bytes) is not read", idx, pos, tag, avail);
			return;
		}
		if (get_u16(&c, &l) < 0 || (l == 2 && get_u16(&c, &rl) < 0)) {
			problem(ps, pos, 1, "record %u at offset %zu is cut short: the file ends inside its "
				"RECORDLENGTH element (%zu bytes remain)", idx, pos, avail);
			return;
		}
		if (l != 2) {
			problem(ps, pos, 0, "record %u at offset %zu: RECORDLENGTH has a %u-byte value, not "
				"2: the rest of the file is not read", idx, pos, l);
			return;
		}
		if (rl < 5) {
			problem(ps, pos, 0, "record %u at offset %zu says it is %u bytes long, less than its "
				"own RECORDLENGTH element (5 bytes): the rest of the file is not read", idx, pos,
				rl);
			return;
		}
		cut = rl > avail;
		r = record_new(ps, &cap);
		if (!r)
			return;
		r->offset = pos;
		r->length = rl;
		r->cut = cut;
		if (cut)
			problem(ps, pos, 1, "record %u at offset %zu says it is %u bytes long, but the file "
				"ends %zu bytes into it (at offset %zu): cut short, or its length is wrong",
				idx, pos, rl, avail, ps->file_len);
		cd_cursor_init(&body, ps->file + pos + 5, (cut ? avail : rl) - 5);
		parse_record(ps, &body, r, cut);
		if (cut)
			return;
		pos += rl;
	}
}

int cd_itl_parse(const uint8_t *p, size_t len, struct cd_itl_parse *out)
{
	struct pstate ps = {.file = p, .file_len = len, .out = out};
	struct cd_trustlist *tl;
	struct cd_cursor c;
	const uint8_t *v;
	uint8_t tag;
	unsigned n, hl;
	memset(out, 0, sizeof(*out));
	cd_cursor_init(&c, p, len);
	/* VERSION then HEADERLENGTH, each 2 bytes: without them this is no ITL/CTL file */
	if (cd_cursor_get_u8(&c, &tag) < 0 || tag != H_VERSION || get_u16(&c, &n) < 0 || n != 2 ||
	    cd_cursor_get_bytes(&c, 2, &v) < 0) {
		problem(&ps, 0, len < 5, "named like an ITL/CTL file, but it does not start with a VERSION "
			"element (tag 1, 2 bytes)%s: not read", len < 5 ? " (it is only a few bytes long)" : "");
		return CD_OK;
	}
	tl = calloc(1, sizeof(*tl));
	if (!tl)
		return CD_E_NOMEM;
	out->tl = tl;
	tl->complete = 1;
	tl->file_len = len;
	tl->version_major = v[0];
	tl->version_minor = v[1];
	tl->digest = tl->sig_algorithm = tl->sig_modulus = -1;
	tl->signer_record = SIZE_MAX;
	if (cd_cursor_get_u8(&c, &tag) < 0 || get_u16(&c, &n) < 0 || cd_cursor_get_bytes(&c, 2, &v) < 0) {
		problem(&ps, 5, 1, "the file ends at offset %zu, inside its HEADERLENGTH element", len);
		return CD_OK;
	}
	if (tag != H_HEADERLENGTH || n != 2) {
		problem(&ps, 5, 0, "the element at offset 5 is tag %u with %u bytes, not HEADERLENGTH "
			"(tag 2, 2 bytes): the file is not read further", tag, n);
		return CD_OK;
	}
	hl = (unsigned)v[0] << 8 | v[1];
	tl->header_length = hl;
	if (hl < 10) {
		problem(&ps, 5, 0, "HEADERLENGTH at offset 5 says %u bytes, less than the 10 bytes of "
			"VERSION and HEADERLENGTH themselves: the file is not read further", hl);
		return CD_OK;
	}
	if (hl <= len) {
		struct cd_cursor h;
		size_t end = hl;
		cd_cursor_init(&h, p + 10, hl - 10);
		parse_header(&ps, &h, 0, 0, &end); /* a damaged header still leaves the records */
		if (!ps.nomem)
			parse_records(&ps, hl);
	} else {
		/* HEADERLENGTH lies (or the file is cut inside the header): read the header up to
		 * its last documented element; records are read from there only when one starts
		 * there, and the problem says so */
		struct cd_cursor h;
		size_t end = 0;
		cd_cursor_init(&h, p + 10, len - 10);
		if (parse_header(&ps, &h, 0, 1, &end) == 0 && end && end + 5 <= len &&
		    p[end] == R_RECORDLENGTH && p[end + 1] == 0 && p[end + 2] == 2) {
			problem(&ps, 5, 0, "HEADERLENGTH at offset 5 says the header is %u bytes, but the "
				"file is only %zu bytes long; the header's last element (TIMESTAMP) and its "
				"padding end at offset %zu, where a record starts: records are read from there "
				"(inferred, not what HEADERLENGTH says)", hl, len, end);
			parse_records(&ps, end);
		} else {
			problem(&ps, 5, 1, "HEADERLENGTH at offset 5 says the header is %u bytes, but the "
				"file is only %zu bytes long: cut short, or the length is wrong; no record is read",
				hl, len);
		}
	}
	return ps.nomem ? CD_E_NOMEM : CD_OK;
}

/* ------------------------------------------------------------------ the signature */

/* Do two serial numbers match, ignoring leading zero bytes (DER adds one to keep an INTEGER
 * positive)? */
static int serial_eq(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
	while (na > 1 && !a[0]) {
		a++;
		na--;
	}
	while (nb > 1 && !b[0]) {
		b++;
		nb--;
	}
	return na == nb && !memcmp(a, b, na);
}

static const struct cd_cert *record_cert(const struct cd_model *m, const struct cd_tl_record *r)
{
	if (r->certificate == SIZE_MAX || r->certificate >= m->n_objects)
		return NULL;
	if (m->objects[r->certificate]->kind != CD_KIND_CERT)
		return NULL;
	return m->objects[r->certificate]->u.cert;
}

void cd_itl_verify(struct cd_trustlist *tl, const struct cd_model *m, const uint8_t *p, size_t len)
{
	size_t other = SIZE_MAX;
	gnutls_sign_algorithm_t algo;
	gnutls_pubkey_t pub = NULL;
	gnutls_datum_t data = {NULL, 0}, sig, der;
	const struct cd_object *so;
	const struct cd_tl_record *r;
	char ser[200], fn[24];
	int rc;

	tl->signer_record = SIZE_MAX;
	tl->sig_checked = tl->sig_valid = 0;
	if (!tl->has_signer_serial) {
		snprintf(tl->sig_reason, sizeof(tl->sig_reason),
			 "the header names no signer (no SERIALNUMBER in SIGNERID): not checked");
		return;
	}
	cd_trustlist_serial_text(tl->signer_serial, tl->signer_serial_len, ser, sizeof(ser));
	for (size_t i = 0; i < tl->n_records; i++) {
		const struct cd_cert *c = record_cert(m, &tl->records[i]);
		if (!c || !serial_eq(c->serial, c->serial_len, tl->signer_serial, tl->signer_serial_len))
			continue;
		if (tl->records[i].function == CD_TL_FN_SAST) {
			tl->signer_record = i;
			break;
		}
		if (other == SIZE_MAX)
			other = i;
	}
	if (tl->signer_record == SIZE_MAX) {
		if (other != SIZE_MAX)
			snprintf(tl->sig_reason, sizeof(tl->sig_reason),
				 "no SAST record carries the signer's certificate (serial %s); record %u has "
				 "that serial but its function is %s: not checked",
				 ser, tl->records[other].index,
				 cd_trustlist_function_name(tl->records[other].function, fn, sizeof(fn)));
		else
			snprintf(tl->sig_reason, sizeof(tl->sig_reason),
				 "no SAST record carries a certificate with the signer's serial %s: not checked",
				 ser);
		return;
	}
	r = &tl->records[tl->signer_record];
	so = m->objects[r->certificate];
	if (!tl->has_signature) {
		snprintf(tl->sig_reason, sizeof(tl->sig_reason), "the file has no SIGNATURE element: not checked");
		return;
	}
	if (tl->digest == CD_TL_DIGEST_SHA1) {
		algo = GNUTLS_SIGN_RSA_SHA1;
	} else if (tl->digest == CD_TL_DIGEST_SHA512) {
		algo = GNUTLS_SIGN_RSA_SHA512;
	} else {
		snprintf(tl->sig_reason, sizeof(tl->sig_reason),
			 "digest algorithm %s is not one the format documents (1 SHA-1, 3 SHA-512): not checked",
			 cd_trustlist_digest_name(tl->digest, fn, sizeof(fn)));
		return;
	}
	if (tl->sig_algorithm > 0) {
		snprintf(tl->sig_reason, sizeof(tl->sig_reason),
			 "signature algorithm %d is not RSA (0): not checked", tl->sig_algorithm);
		return;
	}
	if (!so->u.cert->key.known || so->u.cert->key.algo != GNUTLS_PK_RSA) {
		snprintf(tl->sig_reason, sizeof(tl->sig_reason),
			 "the signer's certificate (record %u) has no RSA key: not checked", r->index);
		return;
	}
	if (tl->signature_offset + 3 + tl->signature_len > len || len - 3 - tl->signature_len == 0) {
		snprintf(tl->sig_reason, sizeof(tl->sig_reason), "the SIGNATURE element lies outside the file: not checked");
		return;
	}
	der.data = so->der;
	der.size = (unsigned)so->der_len;
	if (gnutls_pubkey_init(&pub) < 0 ||
	    gnutls_pubkey_import_x509_raw(pub, &der, GNUTLS_X509_FMT_DER, 0) < 0) {
		snprintf(tl->sig_reason, sizeof(tl->sig_reason),
			 "the signer's public key (record %u) could not be read: not checked", r->index);
		goto out;
	}
	/* "over the whole file with the SIGNATURE element (its 3 header bytes and its value) cut out" */
	data.size = (unsigned)(len - 3 - tl->signature_len);
	data.data = malloc(data.size);
	if (!data.data) {
		snprintf(tl->sig_reason, sizeof(tl->sig_reason), "out of memory: not checked");
		goto out;
	}
	memcpy(data.data, p, (size_t)tl->signature_offset);
	memcpy(data.data + tl->signature_offset, p + tl->signature_offset + 3 + tl->signature_len,
	       len - (size_t)tl->signature_offset - 3 - tl->signature_len);
	sig.data = (unsigned char *)p + tl->signature_offset + 3;
	sig.size = tl->signature_len;
	/* SHA-1 is what the format uses: judge the signature, not the hash's strength */
	rc = gnutls_pubkey_verify_data2(pub, algo, GNUTLS_VERIFY_ALLOW_BROKEN, &data, &sig);
	tl->sig_checked = 1;
	tl->sig_valid = rc >= 0;
	if (!tl->sig_valid)
		snprintf(tl->sig_reason, sizeof(tl->sig_reason),
			 "the signature does not verify with the key of record %u (\"%s\")%s", r->index,
			 cd_object_label(so),
			 tl->complete ? ": the file was changed after it was signed, or signed with another key"
				      : ": the file is damaged or cut short (see the ingest findings)");
	else
		tl->sig_reason[0] = 0;
out:
	free(data.data);
	if (pub)
		gnutls_pubkey_deinit(pub);
}

/* ------------------------------------------------------------------ into the model */

static int names_kind(const char *s, enum cd_kind *k)
{
	if (!strncasecmp(s, "ITL", 3)) {
		*k = CD_KIND_ITL;
		return 1;
	}
	if (!strncasecmp(s, "CTL", 3)) {
		*k = CD_KIND_CTL;
		return 1;
	}
	return 0;
}

static void event(struct cd_model *m, const char *rule, const struct cd_source *src, uint64_t off,
		  size_t object, const char *label, const char *msg)
{
	struct cd_source s = *src;
	s.offset = off;
	cd_model_event(m, rule, &s, 1, object, "%s: %s", label, msg);
}

int cd_itl_ingest_buffer(struct cd_model *m, const uint8_t *p, size_t len, const struct cd_source *src)
{
	struct cd_itl_parse *ps = malloc(sizeof(*ps));
	struct cd_trustlist *t;
	struct cd_source s = *src;
	enum cd_kind kind = CD_KIND_ITL;
	int from = CD_TL_FROM_DEFAULT, is_new = 0, rc = CD_OK;
	size_t idx = SIZE_MAX;
	char id[40], where[160], msg[400];
	const char *label;

	if (!ps)
		return CD_E_NOMEM;
	if (cd_itl_parse(p, len, ps) == CD_E_NOMEM) {
		cd_trustlist_free(ps->tl);
		free(ps);
		return CD_E_NOMEM;
	}
	m->stats.candidates++; /* an ITL/CTL file is certificate material: ingest.unparseable applies */
	if (ps->tl && ps->tl->filename && names_kind(ps->tl->filename, &kind))
		from = CD_TL_FROM_FILENAME;
	else if (names_kind(cd_path_base(src->path), &kind))
		from = CD_TL_FROM_PATH;
	/* without a header it is no trust list at all: messages name the file */
	label = !ps->tl ? cd_path_base(src->path) : kind == CD_KIND_CTL ? "CTL file" : "ITL file";
	/* the file and its records play no role of the path they are in (a trust list in a
	 * CallManager-trust folder is not a member of that store); the node is kept */
	s.role.kind = CD_ROLE_NONE;
	s.role.name[0] = 0;
	s.role.origin = CD_ROLE_FROM_LAYOUT;
	s.role.reason = NULL;
	s.pem_block = 0;
	s.position = 0;
	s.container[0] = 0;
	if (ps->tl) {
		ps->tl->kind_from = from;
		s.offset = 0;
		rc = cd_model_add_trustlist(m, kind, p, len, &s, ps->tl, &idx, &is_new);
		ps->tl = NULL; /* taken over */
		if (rc == CD_E_LIMIT) {
			event(m, "ingest.limit-reached", src, 0, SIZE_MAX, label,
			      "too many objects in one scan (limit reached); the rest is not analysed");
			rc = CD_OK;
			goto out;
		}
		if (rc < 0)
			goto out;
	}
	if (idx != SIZE_MAX) {
		t = m->objects[idx]->u.tlist;
		cd_strlcpy(id, m->objects[idx]->id, sizeof(id));
		for (size_t i = 0; i < t->n_records && rc == CD_OK; i++) {
			struct cd_tl_record *r = &t->records[i];
			struct cd_source cs = s;
			size_t ci = SIZE_MAX;
			char *detail = NULL;
			int arc;
			if (!r->cert_len)
				continue;
			snprintf(where, sizeof(where), "%s, record %u",
				 t->filename && *t->filename ? t->filename : cd_path_base(src->path), r->index);
			cs.offset = r->cert_offset;
			cs.position = r->index;
			cs.locator = where;
			cd_strlcpy(cs.container, id, sizeof(cs.container));
			arc = cd_model_add(m, CD_KIND_CERT, p + r->cert_offset, r->cert_len, &cs, &ci, &detail);
			if (arc == CD_OK) {
				if (is_new) {
					r->certificate = ci;
					cd_strlcpy(r->certificate_id, m->objects[ci]->id, sizeof(r->certificate_id));
				}
			} else if (arc == CD_E_NOMEM) {
				rc = arc;
			} else if (arc == CD_E_LIMIT) {
				event(m, "ingest.limit-reached", src, r->cert_offset, idx, label,
				      "too many objects in one scan (limit reached); the rest is not analysed");
				free(detail);
				break;
			} else {
				snprintf(msg, sizeof(msg), "record %u: the CERTIFICATE at offset %llu (%zu bytes) "
					 "is not a certificate that can be read: %s", r->index,
					 (unsigned long long)r->cert_offset, r->cert_len,
					 detail ? detail : cd_strerror(arc));
				event(m, "ingest.unparseable", src, r->cert_offset, idx, label, msg);
			}
			free(detail);
		}
		if (rc == CD_OK && is_new)
			cd_itl_verify(t, m, p, len);
	}
	for (size_t i = 0; i < ps->n_problems; i++)
		event(m, "ingest.unparseable", src, ps->problems[i].offset, idx, label, ps->problems[i].message);
	if (ps->more_problems) {
		snprintf(msg, sizeof(msg), "%zu more problems in this file are not listed (at most %u are)",
			 ps->more_problems, CD_LIMIT_ITL_PROBLEMS);
		event(m, "ingest.limit-reached", src, 0, idx, label, msg);
	}
	if (ps->records_limited) {
		snprintf(msg, sizeof(msg), "more than %u records: the rest of the file is not read",
			 CD_LIMIT_ITL_RECORDS);
		event(m, "ingest.limit-reached", src, 0, idx, label, msg);
	}
out:
	cd_trustlist_free(ps->tl);
	free(ps);
	return rc;
}
