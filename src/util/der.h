/* der.h - minimal DER TLV reader over a cursor (X.690 §8.1), used to classify and delimit
 * objects before GnuTLS decodes them, and to say at which byte a damaged object breaks. */
#ifndef CD_UTIL_DER_H
#define CD_UTIL_DER_H

#include <stddef.h>
#include <stdint.h>
#include "util/cursor.h"

/* Deepest nesting the classifier descends; real certificates need < 10. */
#define CD_DER_MAX_DEPTH 32

struct cd_der_tlv {
	uint8_t tag;      /* first identifier octet (we reject high-tag-number form) */
	size_t hdr_len;   /* identifier + length octets */
	size_t len;       /* content length */
	size_t offset;    /* offset of the identifier octet in the cursor's buffer */
	const uint8_t *content;
};

/* Read one TLV. CD_E_TRUNCATED when the header or the content needs more bytes than remain
 * (*err_off = where the missing bytes were expected), CD_E_MALFORMED for indefinite or
 * non-minimal lengths and high tag numbers (*err_off = the offending octet). Advances only
 * on success. */
int cd_der_get_tlv(struct cd_cursor *c, struct cd_der_tlv *out, size_t *err_off);

enum cd_der_kind {
	CD_DER_UNKNOWN = 0,
	CD_DER_CERTIFICATE,
	CD_DER_CSR,
	CD_DER_CRL,
	CD_DER_PKCS7,
	CD_DER_PKCS12,
	CD_DER_PRIVATE_KEY,           /* PKCS#8 PrivateKeyInfo */
	CD_DER_ENCRYPTED_PRIVATE_KEY, /* PKCS#8 EncryptedPrivateKeyInfo */
	CD_DER_RSA_PRIVATE_KEY,       /* PKCS#1 */
	CD_DER_EC_PRIVATE_KEY,        /* RFC 5915 */
	CD_DER_PUBLIC_KEY,            /* SubjectPublicKeyInfo */
};

const char *cd_der_kind_name(enum cd_der_kind k);

/* Classify the DER object at the start of [p, p+len) by its structure ("bid").
 * Returns CD_OK with *kind and *obj_len (the outer TLV's full length; trailing bytes are
 * the caller's business), CD_E_UNSUPPORTED when it is DER but no known shape, or
 * CD_E_TRUNCATED / CD_E_MALFORMED with *err_off. */
int cd_der_classify(const uint8_t *p, size_t len, enum cd_der_kind *kind, size_t *obj_len,
		    size_t *err_off);

/* Shallow check that the whole buffer is one complete TLV, recursing into constructed
 * types up to CD_DER_MAX_DEPTH. Returns CD_OK or an error with *err_off. */
int cd_der_check(const uint8_t *p, size_t len, size_t *err_off);

#endif

/* The parts of a signed object (Certificate, CertificationRequest, CertificateList):
 * SEQUENCE { tbs, signatureAlgorithm, signature BIT STRING }. Pointers into the input. */
struct cd_der_signed {
	const uint8_t *tbs; /* whole TLV */
	size_t tbs_len;
	const uint8_t *sig; /* BIT STRING content without the unused-bits octet */
	size_t sig_len;
	const uint8_t *sig_oid; /* signatureAlgorithm's OID content */
	size_t sig_oid_len;
	int sig_has_params; /* parameters present and not NULL (e.g. RSA-PSS) */
};
int cd_der_split_signed(const uint8_t *p, size_t len, struct cd_der_signed *out);

/* The fields of a TBSCertificate (RFC 5280 §4.1) that we read ourselves. Pointers into
 * the input; *_tlv include tag and length. */
struct cd_der_tbs {
	int version; /* 1, 2 or 3 */
	const uint8_t *serial;
	size_t serial_len;
	const uint8_t *issuer_tlv, *subject_tlv, *spki_tlv;
	size_t issuer_len, subject_len, spki_len;
	uint8_t nb_tag, na_tag; /* UTCTime 0x17 or GeneralizedTime 0x18 */
	const uint8_t *nb, *na;
	size_t nb_len, na_len;
	const uint8_t *spki_alg_params; /* AlgorithmIdentifier parameters TLV, or NULL */
	size_t spki_alg_params_len;
	const uint8_t *exts; /* content of the Extensions SEQUENCE inside [3], or NULL */
	size_t exts_len;
};
int cd_der_parse_tbs(const uint8_t *tbs, size_t len, struct cd_der_tbs *out);

/* One Extension (RFC 5280 §4.1): pointers into the input. */
struct cd_der_ext {
	const uint8_t *oid;
	size_t oid_len;
	int critical;
	const uint8_t *value; /* extnValue OCTET STRING content */
	size_t value_len;
};
/* Next Extension from a cursor over the Extensions SEQUENCE content. 1 = got one, 0 = end,
 * CD_E_MALFORMED. */
int cd_der_next_ext(struct cd_cursor *c, struct cd_der_ext *out);

/* OID content octets to dotted text ("2.5.29.17") into out; CD_OK or CD_E_MALFORMED. */
int cd_der_oid_str(const uint8_t *p, size_t len, char *out, size_t size);

/* UTCTime/GeneralizedTime content to seconds since the epoch (UTCTime years 50-99 are 19xx),
 * judged by RFC 5280 §4.1.2.5.1/.2 (UTCTime YYMMDDHHMMSSZ, GeneralizedTime
 * YYYYMMDDHHMMSSZ, no fractions, Zulu): CD_OK when conformant; 1 when the time has one clear
 * meaning but another encoding (seconds left out, fractional seconds - dropped -, a +hhmm or
 * -hhmm offset - applied), *out set; CD_E_MALFORMED when it names no time (not digits, a
 * month 13, 30 February, a bad tag). *problem (static text) says what is wrong, NULL when
 * conformant. */
int cd_der_time_judge(uint8_t tag, const uint8_t *p, size_t len, int64_t *out,
		      const char **problem);
