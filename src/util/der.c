/* der.c - DER TLV reader and structural classifier (X.690 §8.1; RFC 5280, 2986, 2315, 7292, 5208, 5915). */
#include <stdio.h>
#include <string.h>
#include "util/der.h"

int cd_der_get_tlv(struct cd_cursor *c, struct cd_der_tlv *out, size_t *err_off)
{
	struct cd_cursor t = *c; /* work on a copy: advance only on success */
	uint8_t tag, l0;
	size_t len = 0;
	size_t start = t.pos;

	if (cd_cursor_get_u8(&t, &tag) < 0) {
		*err_off = t.pos;
		return CD_E_TRUNCATED;
	}
	if ((tag & 0x1f) == 0x1f) { /* high-tag-number form: never used by our objects */
		*err_off = start;
		return CD_E_MALFORMED;
	}
	if (cd_cursor_get_u8(&t, &l0) < 0) {
		*err_off = t.pos;
		return CD_E_TRUNCATED;
	}
	if (l0 < 0x80) {
		len = l0;
	} else if (l0 == 0x80) { /* indefinite length: BER, not DER */
		*err_off = t.pos - 1;
		return CD_E_MALFORMED;
	} else {
		size_t n = l0 & 0x7f;
		if (n > sizeof(size_t) || n > 4) { /* > 4 GiB objects are not certificates */
			*err_off = t.pos - 1;
			return CD_E_MALFORMED;
		}
		for (size_t i = 0; i < n; i++) {
			uint8_t b;
			if (cd_cursor_get_u8(&t, &b) < 0) {
				*err_off = t.pos;
				return CD_E_TRUNCATED;
			}
			if (i == 0 && b == 0) { /* non-minimal */
				*err_off = t.pos - 1;
				return CD_E_MALFORMED;
			}
			len = (len << 8) | b;
		}
		if (len < 0x80) { /* long form for a short length: non-minimal */
			*err_off = start + 1;
			return CD_E_MALFORMED;
		}
	}
	if (cd_cursor_remaining(&t) < len) {
		*err_off = t.len; /* the bytes run out at the end of the buffer */
		return CD_E_TRUNCATED;
	}
	out->tag = tag;
	out->hdr_len = t.pos - start;
	out->len = len;
	out->offset = start;
	out->content = t.base + t.pos;
	t.pos += len;
	*c = t;
	return CD_OK;
}

const char *cd_der_kind_name(enum cd_der_kind k)
{
	switch (k) {
	case CD_DER_CERTIFICATE: return "certificate";
	case CD_DER_CSR: return "certificate request";
	case CD_DER_CRL: return "CRL";
	case CD_DER_PKCS7: return "PKCS#7";
	case CD_DER_PKCS12: return "PKCS#12";
	case CD_DER_PRIVATE_KEY: return "private key";
	case CD_DER_ENCRYPTED_PRIVATE_KEY: return "encrypted private key";
	case CD_DER_RSA_PRIVATE_KEY: return "RSA private key";
	case CD_DER_EC_PRIVATE_KEY: return "EC private key";
	case CD_DER_PUBLIC_KEY: return "public key";
	default: return "unknown";
	}
}

#define TAG_INTEGER 0x02
#define TAG_BITSTRING 0x03
#define TAG_OCTETSTRING 0x04
#define TAG_OID 0x06
#define TAG_UTCTIME 0x17
#define TAG_GENTIME 0x18
#define TAG_SEQ 0x30
#define TAG_CTX0 0xa0

static const uint8_t OID_SIGNED_DATA[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02};
static const uint8_t OID_PKCS7_PREFIX[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07};

/* Up to max element tags of a constructed value, read leniently: stops at the first
 * element that does not fit (truncated input), returning how many were read. */
static size_t read_tags(const uint8_t *p, size_t len, struct cd_der_tlv *tlvs, size_t max)
{
	struct cd_cursor c;
	size_t n = 0, off;
	cd_cursor_init(&c, p, len);
	while (n < max && cd_cursor_remaining(&c) > 0) {
		if (cd_der_get_tlv(&c, &tlvs[n], &off) < 0)
			break;
		n++;
	}
	return n;
}

/* Header of the first element even when its content is cut short; content = what is there. */
static int lenient_first(const uint8_t *p, size_t len, struct cd_der_tlv *out)
{
	size_t hdr = 2, declared = 0;
	if (len < 2 || (p[0] & 0x1f) == 0x1f || p[1] == 0x80)
		return 0;
	if (p[1] & 0x80) {
		size_t n = p[1] & 0x7f;
		if (n > 4 || 2 + n > len)
			return 0;
		for (size_t i = 0; i < n; i++)
			declared = (declared << 8) | p[2 + i];
		hdr += n;
	} else {
		declared = p[1];
	}
	out->tag = p[0];
	out->hdr_len = hdr;
	out->len = declared < len - hdr ? declared : len - hdr;
	out->offset = 0;
	out->content = p + hdr;
	return 1;
}

static int int_value_is(const struct cd_der_tlv *t, uint8_t v)
{
	return t->tag == TAG_INTEGER && t->len == 1 && t->content[0] == v;
}

/* Classify the content of an outer SEQUENCE (possibly cut short). */
static enum cd_der_kind classify_seq(const uint8_t *p, size_t len)
{
	struct cd_der_tlv e[4];
	size_t n = read_tags(p, len, e, 4);
	int partial = 0;
	if (n == 0) {
		/* the first element itself is cut short: look inside what is there */
		if (!lenient_first(p, len, &e[0]))
			return CD_DER_UNKNOWN;
		n = 1;
		partial = 1;
	}
	/* SignedData ContentInfo: OID 1.2.840.113549.1.7.2, [0] content */
	if (e[0].tag == TAG_OID) {
		if (e[0].len == sizeof(OID_SIGNED_DATA) &&
		    memcmp(e[0].content, OID_SIGNED_DATA, sizeof(OID_SIGNED_DATA)) == 0)
			return CD_DER_PKCS7;
		return CD_DER_UNKNOWN;
	}
	/* PFX: version 3, authSafe ContentInfo (pkcs7 data or signedData) */
	if (int_value_is(&e[0], 3) && n >= 2 && e[1].tag == TAG_SEQ) {
		struct cd_der_tlv ci[1];
		if (read_tags(e[1].content, e[1].len, ci, 1) == 1 && ci[0].tag == TAG_OID &&
		    ci[0].len == sizeof(OID_SIGNED_DATA) &&
		    memcmp(ci[0].content, OID_PKCS7_PREFIX, sizeof(OID_PKCS7_PREFIX)) == 0)
			return CD_DER_PKCS12;
		return CD_DER_UNKNOWN;
	}
	/* PKCS#8 PrivateKeyInfo: version 0|1, AlgorithmIdentifier, OCTET STRING */
	if ((int_value_is(&e[0], 0) || int_value_is(&e[0], 1)) && n >= 3 && e[1].tag == TAG_SEQ &&
	    e[2].tag == TAG_OCTETSTRING)
		return CD_DER_PRIVATE_KEY;
	/* RFC 5915 ECPrivateKey: version 1, OCTET STRING */
	if (int_value_is(&e[0], 1) && n >= 2 && e[1].tag == TAG_OCTETSTRING)
		return CD_DER_EC_PRIVATE_KEY;
	/* PKCS#1 RSAPrivateKey: version 0, then integers */
	if (int_value_is(&e[0], 0) && n >= 4 && e[1].tag == TAG_INTEGER && e[2].tag == TAG_INTEGER &&
	    e[3].tag == TAG_INTEGER)
		return CD_DER_RSA_PRIVATE_KEY;
	/* EncryptedPrivateKeyInfo: AlgorithmIdentifier, OCTET STRING */
	if (n == 2 && e[0].tag == TAG_SEQ && e[1].tag == TAG_OCTETSTRING)
		return CD_DER_ENCRYPTED_PRIVATE_KEY;
	/* SubjectPublicKeyInfo: AlgorithmIdentifier, BIT STRING */
	if (n == 2 && e[0].tag == TAG_SEQ && e[1].tag == TAG_BITSTRING) {
		struct cd_der_tlv a[1];
		if (read_tags(e[0].content, e[0].len, a, 1) == 1 && a[0].tag == TAG_OID)
			return CD_DER_PUBLIC_KEY;
	}
	/* Signed objects: SEQUENCE { tbs SEQUENCE, AlgorithmIdentifier, BIT STRING } */
	if (e[0].tag == TAG_SEQ) {
		struct cd_der_tlv t[7];
		size_t m = read_tags(e[0].content, e[0].len, t, 7);
		if (n >= 2 && e[1].tag != TAG_SEQ)
			return CD_DER_UNKNOWN;
		if (m >= 1 && t[0].tag == TAG_CTX0)
			return CD_DER_CERTIFICATE; /* [0] EXPLICIT version */
		for (size_t i = 0; i < m && i < 5; i++)
			if (t[i].tag == TAG_UTCTIME || t[i].tag == TAG_GENTIME)
				return CD_DER_CRL; /* thisUpdate at top level of TBSCertList */
		if (m >= 3 && int_value_is(&t[0], 0) && t[1].tag == TAG_SEQ && t[2].tag == TAG_SEQ &&
		    (m == 3 || t[3].tag == TAG_CTX0))
			return CD_DER_CSR;
		if (m >= 6 && t[0].tag == TAG_INTEGER && t[1].tag == TAG_SEQ && t[2].tag == TAG_SEQ &&
		    t[3].tag == TAG_SEQ && t[4].tag == TAG_SEQ && t[5].tag == TAG_SEQ)
			return CD_DER_CERTIFICATE; /* v1 certificate */
		/* a v1 certificate cut inside its TBS still shows serial + algorithm */
		if (partial && m >= 2 && t[0].tag == TAG_INTEGER && t[1].tag == TAG_SEQ)
			return CD_DER_CERTIFICATE;
	}
	return CD_DER_UNKNOWN;
}

int cd_der_classify(const uint8_t *p, size_t len, enum cd_der_kind *kind, size_t *obj_len,
		    size_t *err_off)
{
	struct cd_cursor c;
	struct cd_der_tlv outer;
	int rc;

	*kind = CD_DER_UNKNOWN;
	*obj_len = 0;
	cd_cursor_init(&c, p, len);
	rc = cd_der_get_tlv(&c, &outer, err_off);
	if (rc == CD_E_TRUNCATED && len >= 2 && p[0] == TAG_SEQ) {
		/* Cut short: classify what is there so the error can say what was lost. */
		size_t hdr = 2;
		if (p[1] & 0x80)
			hdr += (size_t)(p[1] & 0x7f);
		if (hdr < len)
			*kind = classify_seq(p + hdr, len - hdr);
		return CD_E_TRUNCATED;
	}
	if (rc < 0)
		return rc;
	if (outer.tag != TAG_SEQ)
		return CD_E_UNSUPPORTED;
	*obj_len = outer.hdr_len + outer.len;
	*kind = classify_seq(outer.content, outer.len);
	return *kind == CD_DER_UNKNOWN ? CD_E_UNSUPPORTED : CD_OK;
}

static int check_rec(const uint8_t *p, size_t len, size_t base, int depth, size_t *err_off)
{
	struct cd_cursor c;
	cd_cursor_init(&c, p, len);
	if (depth > CD_DER_MAX_DEPTH) {
		*err_off = base;
		return CD_E_LIMIT;
	}
	while (cd_cursor_remaining(&c) > 0) {
		struct cd_der_tlv t;
		size_t off;
		int rc = cd_der_get_tlv(&c, &t, &off);
		if (rc < 0) {
			*err_off = base + off;
			return rc;
		}
		if ((t.tag & 0x20) && t.len > 0) {
			rc = check_rec(t.content, t.len, base + t.offset + t.hdr_len, depth + 1, err_off);
			if (rc < 0)
				return rc;
		}
	}
	return CD_OK;
}

int cd_der_check(const uint8_t *p, size_t len, size_t *err_off)
{
	return check_rec(p, len, 0, 0, err_off);
}

int cd_der_split_signed(const uint8_t *p, size_t len, struct cd_der_signed *out)
{
	struct cd_cursor c, in;
	struct cd_der_tlv outer, tbs, alg, sig;
	size_t off;
	cd_cursor_init(&c, p, len);
	if (cd_der_get_tlv(&c, &outer, &off) < 0 || outer.tag != TAG_SEQ)
		return CD_E_MALFORMED;
	cd_cursor_init(&in, outer.content, outer.len);
	if (cd_der_get_tlv(&in, &tbs, &off) < 0 || tbs.tag != TAG_SEQ ||
	    cd_der_get_tlv(&in, &alg, &off) < 0 || alg.tag != TAG_SEQ ||
	    cd_der_get_tlv(&in, &sig, &off) < 0 || sig.tag != TAG_BITSTRING || sig.len < 1)
		return CD_E_MALFORMED;
	out->tbs = tbs.content - tbs.hdr_len;
	out->tbs_len = tbs.hdr_len + tbs.len;
	out->sig = sig.content + 1;
	out->sig_len = sig.len - 1;
	{
		struct cd_cursor a;
		struct cd_der_tlv oid, params;
		cd_cursor_init(&a, alg.content, alg.len);
		if (cd_der_get_tlv(&a, &oid, &off) < 0 || oid.tag != TAG_OID)
			return CD_E_MALFORMED;
		out->sig_oid = oid.content;
		out->sig_oid_len = oid.len;
		out->sig_has_params = cd_der_get_tlv(&a, &params, &off) == CD_OK && params.tag != 0x05;
	}
	return CD_OK;
}

int cd_der_parse_tbs(const uint8_t *p, size_t len, struct cd_der_tbs *out)
{
	struct cd_cursor c, in, v;
	struct cd_der_tlv t, seq, nb, na, alg, aoid, params;
	size_t off;
	memset(out, 0, sizeof(*out));
	cd_cursor_init(&c, p, len);
	if (cd_der_get_tlv(&c, &seq, &off) < 0 || seq.tag != TAG_SEQ)
		return CD_E_MALFORMED;
	cd_cursor_init(&in, seq.content, seq.len);
	if (cd_der_get_tlv(&in, &t, &off) < 0)
		return CD_E_MALFORMED;
	out->version = 1;
	if (t.tag == TAG_CTX0) {
		struct cd_cursor vc;
		struct cd_der_tlv vi;
		cd_cursor_init(&vc, t.content, t.len);
		if (cd_der_get_tlv(&vc, &vi, &off) < 0 || vi.tag != TAG_INTEGER || vi.len != 1)
			return CD_E_MALFORMED;
		out->version = vi.content[0] + 1;
		if (cd_der_get_tlv(&in, &t, &off) < 0)
			return CD_E_MALFORMED;
	}
	if (t.tag != TAG_INTEGER)
		return CD_E_MALFORMED;
	out->serial = t.content;
	out->serial_len = t.len;
	if (cd_der_get_tlv(&in, &t, &off) < 0 || t.tag != TAG_SEQ) /* signature */
		return CD_E_MALFORMED;
	if (cd_der_get_tlv(&in, &t, &off) < 0 || t.tag != TAG_SEQ) /* issuer */
		return CD_E_MALFORMED;
	out->issuer_tlv = t.content - t.hdr_len;
	out->issuer_len = t.hdr_len + t.len;
	if (cd_der_get_tlv(&in, &t, &off) < 0 || t.tag != TAG_SEQ) /* validity */
		return CD_E_MALFORMED;
	cd_cursor_init(&v, t.content, t.len);
	if (cd_der_get_tlv(&v, &nb, &off) < 0 || cd_der_get_tlv(&v, &na, &off) < 0)
		return CD_E_MALFORMED;
	out->nb_tag = nb.tag;
	out->nb = nb.content;
	out->nb_len = nb.len;
	out->na_tag = na.tag;
	out->na = na.content;
	out->na_len = na.len;
	if (cd_der_get_tlv(&in, &t, &off) < 0 || t.tag != TAG_SEQ) /* subject */
		return CD_E_MALFORMED;
	out->subject_tlv = t.content - t.hdr_len;
	out->subject_len = t.hdr_len + t.len;
	if (cd_der_get_tlv(&in, &t, &off) < 0 || t.tag != TAG_SEQ) /* subjectPublicKeyInfo */
		return CD_E_MALFORMED;
	out->spki_tlv = t.content - t.hdr_len;
	out->spki_len = t.hdr_len + t.len;
	cd_cursor_init(&v, t.content, t.len);
	if (cd_der_get_tlv(&v, &alg, &off) == CD_OK && alg.tag == TAG_SEQ) {
		struct cd_cursor a;
		cd_cursor_init(&a, alg.content, alg.len);
		if (cd_der_get_tlv(&a, &aoid, &off) == CD_OK &&
		    cd_der_get_tlv(&a, &params, &off) == CD_OK) {
			out->spki_alg_params = params.content - params.hdr_len;
			out->spki_alg_params_len = params.hdr_len + params.len;
		}
	}
	/* [1] issuerUniqueID, [2] subjectUniqueID, [3] extensions */
	while (cd_cursor_remaining(&in) > 0) {
		if (cd_der_get_tlv(&in, &t, &off) < 0)
			return CD_E_MALFORMED;
		if (t.tag == 0xa3) {
			struct cd_cursor e;
			struct cd_der_tlv seq2;
			cd_cursor_init(&e, t.content, t.len);
			if (cd_der_get_tlv(&e, &seq2, &off) < 0 || seq2.tag != TAG_SEQ)
				return CD_E_MALFORMED;
			out->exts = seq2.content;
			out->exts_len = seq2.len;
		}
	}
	return CD_OK;
}

int cd_der_next_ext(struct cd_cursor *c, struct cd_der_ext *out)
{
	struct cd_der_tlv ext, oid, t;
	struct cd_cursor in;
	size_t off;
	if (cd_cursor_remaining(c) == 0)
		return 0;
	if (cd_der_get_tlv(c, &ext, &off) < 0 || ext.tag != TAG_SEQ)
		return CD_E_MALFORMED;
	cd_cursor_init(&in, ext.content, ext.len);
	if (cd_der_get_tlv(&in, &oid, &off) < 0 || oid.tag != TAG_OID ||
	    cd_der_get_tlv(&in, &t, &off) < 0)
		return CD_E_MALFORMED;
	out->oid = oid.content;
	out->oid_len = oid.len;
	out->critical = 0;
	if (t.tag == 0x01) { /* BOOLEAN critical */
		out->critical = t.len == 1 && t.content[0] != 0;
		if (cd_der_get_tlv(&in, &t, &off) < 0)
			return CD_E_MALFORMED;
	}
	if (t.tag != TAG_OCTETSTRING || cd_cursor_remaining(&in) != 0)
		return CD_E_MALFORMED;
	out->value = t.content;
	out->value_len = t.len;
	return 1;
}

int cd_der_oid_str(const uint8_t *p, size_t len, char *out, size_t size)
{
	size_t k = 0;
	uint64_t v = 0;
	int first = 1;
	if (len == 0 || size < 4 || (p[len - 1] & 0x80))
		return CD_E_MALFORMED;
	for (size_t i = 0; i < len; i++) {
		if (v > (UINT64_MAX >> 7))
			return CD_E_MALFORMED;
		v = (v << 7) | (p[i] & 0x7f);
		if (p[i] & 0x80)
			continue;
		int n;
		if (first) {
			unsigned a = v < 40 ? 0 : v < 80 ? 1 : 2;
			n = snprintf(out + k, size - k, "%u.%llu", a, (unsigned long long)(v - 40 * a));
			first = 0;
		} else {
			n = snprintf(out + k, size - k, ".%llu", (unsigned long long)v);
		}
		if (n < 0 || (size_t)n >= size - k)
			return CD_E_MALFORMED;
		k += (size_t)n;
		v = 0;
	}
	return CD_OK;
}

static int two(const uint8_t *p)
{
	return (p[0] - '0') * 10 + (p[1] - '0');
}

static int all_digits(const uint8_t *p, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (p[k] < '0' || p[k] > '9')
			return 0;
	return 1;
}

int cd_der_time_judge(uint8_t tag, const uint8_t *p, size_t len, int64_t *out,
		      const char **problem)
{
	static const int MDAYS[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	const size_t yl = tag == TAG_GENTIME ? 4 : 2;
	int Y = 0, M, D, h, m, s = 0, leap, off = 0, rc = CD_OK;
	size_t i, end = len;
	*problem = NULL;
	if (tag != TAG_UTCTIME && tag != TAG_GENTIME) {
		*problem = "neither UTCTime nor GeneralizedTime";
		return CD_E_MALFORMED;
	}
	/* the zone: Z, or an offset +hhmm / -hhmm (RFC 5280: "MUST be expressed in Greenwich
	 * Mean Time (Zulu)") */
	if (end >= 1 && p[end - 1] == 'Z') {
		end--;
	} else if (end >= 5 && (p[end - 5] == '+' || p[end - 5] == '-') && all_digits(p + end - 4, 4) &&
		   two(p + end - 4) <= 23 && two(p + end - 2) <= 59) {
		off = (two(p + end - 4) * 60 + two(p + end - 2)) * 60 * (p[end - 5] == '-' ? -1 : 1);
		end -= 5;
		*problem = "a time zone offset instead of Z (Zulu)";
		rc = 1;
	} else {
		*problem = "no time zone (neither Z nor an offset)";
		return CD_E_MALFORMED;
	}
	/* fractional seconds (GeneralizedTime only: "MUST NOT include fractional seconds") */
	for (i = 0; i < end && p[i] != '.' && p[i] != ','; i++)
		;
	if (i < end) {
		if (tag != TAG_GENTIME || i != yl + 10 || i + 1 == end || !all_digits(p + i + 1, end - i - 1)) {
			*problem = "not a time (misplaced fraction)";
			return CD_E_MALFORMED;
		}
		if (!*problem)
			*problem = "fractional seconds";
		rc = 1;
		end = i;
	}
	if (!all_digits(p, end) || (end != yl + 8 && end != yl + 10)) {
		*problem = "not a time (wrong length or a character that is not a digit)";
		return CD_E_MALFORMED;
	}
	if (end == yl + 8) {
		if (!*problem)
			*problem = tag == TAG_UTCTIME ? "UTCTime without seconds"
						      : "GeneralizedTime without seconds";
		rc = 1;
	}
	for (i = 0; i < yl; i++)
		Y = Y * 10 + (p[i] - '0');
	if (tag == TAG_UTCTIME)
		Y += Y >= 50 ? 1900 : 2000;
	M = two(p + yl);
	D = two(p + yl + 2);
	h = two(p + yl + 4);
	m = two(p + yl + 6);
	if (end == yl + 10)
		s = two(p + yl + 8);
	leap = (Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0;
	if (M < 1 || M > 12 || D < 1 || D > MDAYS[M - 1] || (M == 2 && D == 29 && !leap) || h > 23 ||
	    m > 59 || s > 59) {
		*problem = "not a date (a month, day, hour, minute or second out of range)";
		return CD_E_MALFORMED;
	}
	{
		int64_t y = Y - (M <= 2);
		int64_t era = (y >= 0 ? y : y - 399) / 400;
		unsigned yoe = (unsigned)(y - era * 400);
		unsigned doy = (153 * (unsigned)(M + (M > 2 ? -3 : 9)) + 2) / 5 + (unsigned)D - 1;
		unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
		int64_t days = era * 146097 + (int64_t)doe - 719468;
		*out = days * 86400 + h * 3600 + m * 60 + s - off;
	}
	return rc;
}

