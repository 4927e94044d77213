/* cert.h - the certificate model: certificates, CSRs, CRLs and private keys as the decoder
 * (x509/decode.c) leaves them, with what of their lists was cut at its limits. */
#ifndef CD_X509_CERT_H
#define CD_X509_CERT_H

#include <stddef.h>
#include <stdint.h>
#include "util/timefmt.h"

enum cd_san_type {
	CD_SAN_DNS,
	CD_SAN_IP,
	CD_SAN_EMAIL,
	CD_SAN_URI,
	CD_SAN_DN,
	CD_SAN_OTHER,
	CD_SAN_REGID
};

struct cd_san {
	enum cd_san_type type;
	char *value; /* display form; IPs as text (v4 dotted, v6 RFC 5952) */
	uint8_t ip[16];
	unsigned ip_len; /* 4 or 16 for IPs */
	int nul;         /* DNS, e-mail, URI: the name as encoded holds a NUL byte (shown as \x00) */
	const char *malformed; /* why the entry breaks RFC 5280 §4.2.1.6 ("starts with a dot"),
				  NULL when it does not; static text */
};

const char *cd_san_type_name(enum cd_san_type t);

/* A distinguished name: display form (RFC 4514 as GnuTLS prints it), a canonical form for
 * matching (RFC 5280 §7.1 simplified: attribute types by OID, values case-folded and
 * whitespace-collapsed), and the most specific CN. */
struct cd_name {
	char *display;
	char *canon;
	char *cn; /* NULL when absent */
	uint8_t *raw; /* DER of the Name, for exact comparisons */
	size_t raw_len;
};

struct cd_pubkey {
	int algo;             /* gnutls_pk_algorithm_t */
	char algo_name[24];   /* "RSA", "EC", "Ed25519", ... */
	unsigned bits;
	char curve[24];       /* "SECP256R1" for EC, "" otherwise */
	uint8_t spki_sha256[32]; /* SHA-256 of SubjectPublicKeyInfo: the key's identity */
	int known;            /* 0 when the key could not be read */
};

struct cd_ext {
	char oid[64];
	int critical;
};

/* The decoder's limits (x509/decode.c, docs/limits.md: CD_MAX_LIST and CD_MAX_FIELD). */
#define CD_DECODE_MAX_LIST 4096U  /* SAN entries, EKUs, policies, URIs kept; extensions listed */
#define CD_DECODE_MAX_FIELD 4096U /* bytes of one SAN, EKU or URI value */

/* Lists of a certificate or CSR cut at the decoder's limit (CD_MAX_LIST entries, CD_MAX_FIELD
 * bytes per value: docs/limits.md). A rule never concludes that something is absent from a
 * list it knows is cut; an ingest.limit-reached finding names the limit. */
enum {
	CD_CUT_SAN = 1,        /* subjectAltName entries past the limit were not kept */
	CD_CUT_SAN_VALUE = 2,  /* a subjectAltName value was longer than the limit and cut */
	CD_CUT_EKU = 4,        /* extendedKeyUsage purposes */
	CD_CUT_POLICIES = 8,   /* certificatePolicies */
	CD_CUT_URIS = 16,      /* OCSP, caIssuers or CRL distribution point URIs */
	CD_CUT_EXTS = 32,      /* extensions past the limit are read but not listed or compared */
};

/* Key usage bits as GnuTLS defines them (GNUTLS_KEY_*). */
struct cd_cert {
	struct cd_name subject, issuer;
	int version;
	uint8_t serial[40];
	size_t serial_len;
	char serial_hex[84];
	cd_time_t not_before, not_after; /* CD_TIME_NONE when the encoding names no time */
	/* validity as encoded (RFC 5280 §4.1.2.5): ASN.1 tag, the text (bytes that are not
	 * printable shown as '?', cut at 31) and what is wrong with it (static text; NULL when
	 * RFC 5280 encodes it so). cert.bad-time-encoding reports these. */
	struct cd_cert_time {
		uint8_t tag;
		char text[32];
		const char *problem;
	} nb_enc, na_enc;
	struct cd_pubkey key;
	uint8_t ski[64];
	size_t ski_len;
	uint8_t aki[64];
	size_t aki_len;
	int bc_present, bc_critical, is_ca;
	int pathlen; /* -1 when absent */
	int ku_present, ku_critical;
	unsigned ku;
	int eku_present, eku_critical;
	char **eku; /* OIDs */
	size_t n_eku;
	size_t eku_total; /* purposes in the extension (n_eku unless cut: CD_CUT_EKU) */
	int san_present, san_critical;
	struct cd_san *san;
	size_t n_san;
	size_t san_total; /* entries in the extension: n_san unless the list was cut (CD_CUT_SAN) */
	size_t san_chars; /* sum of the display lengths of every SAN entry kept */
	unsigned cut;     /* CD_CUT_* lists cut at the decoder's limits */
	int sig_algo;     /* gnutls_sign_algorithm_t, 0 when unknown */
	char sig_name[48];
	char sig_oid[64];
	int sig_hash_weak; /* MD2/MD5/SHA-1 */
	char **policies;
	size_t n_policies;
	size_t policies_total; /* policies in the extension (n_policies unless CD_CUT_POLICIES) */
	char **ocsp, **ca_issuers, **crl_dp;
	size_t n_ocsp, n_ca_issuers, n_crl_dp;
	struct cd_ext *exts;
	size_t n_exts;
	size_t spki_off, spki_len; /* SubjectPublicKeyInfo inside the object's DER */
	int nc_present;            /* nameConstraints extension */
	int unknown_critical;      /* a critical extension RFC 5280 path validation cannot process */
	char unknown_critical_oid[64];
	/* structure, for path validation (docs/chains.md "Certificate structure") */
	size_t serial_full_len; /* content octets of the serial INTEGER, as encoded */
	int aki_present;        /* the extension, with or without keyIdentifier */
	int aki_issuer_serial;  /* authorityCertIssuer or authorityCertSerialNumber present */
	int aki_half_pair;      /* only one of the two (they come together or not at all) */
	int sig_alg_mismatch;   /* signatureAlgorithm differs from TBSCertificate.signature */
	int dup_ext;            /* an extension OID appears twice (RFC 5280 §4.2) */
	char dup_ext_oid[64];
	int bad_ext;            /* an extension we process does not decode, or is empty */
	char bad_ext_oid[64];
	int self_issued; /* subject == issuer (canonical) */
	int self_signed; /* self-issued and its signature verifies with its own key */
	uint8_t tbs_sha256[32];
};

struct cd_csr {
	struct cd_name subject;
	struct cd_pubkey key;
	int sig_algo;
	char sig_name[48];
	int sig_ok; /* 1 verifies, 0 does not, -1 could not tell */
	char sig_error[96];
	struct cd_san *san;
	size_t n_san;
	size_t san_total; /* entries requested: n_san unless the list was cut (CD_CUT_SAN) */
	size_t san_chars;
	unsigned cut;     /* CD_CUT_* */
	int ku_present;
	unsigned ku;
	char **eku;
	size_t n_eku;
	char *challenge_present; /* unused: never stored */
};

struct cd_crl {
	struct cd_name issuer;
	cd_time_t this_update, next_update;
	unsigned long n_revoked;
	char sig_name[48];
	uint8_t aki[64];
	size_t aki_len;
};

struct cd_key {
	int encrypted;
	struct cd_pubkey key; /* known only for unencrypted keys */
	char format[32];      /* "PKCS#8", "PKCS#1 RSA", "SEC1 EC", "PKCS#8 encrypted" */
};

/* Is the subjectAltName list of c all there (not cut, CD_CUT_SAN)? When it is not, a name not
 * found in it may be in the part that was dropped. */
static inline int cd_cert_san_whole(const struct cd_cert *c)
{
	return !(c->cut & CD_CUT_SAN);
}
/* ... and are its values whole too (sets of names can be compared)? */
static inline int cd_cert_san_comparable(const struct cd_cert *c)
{
	return !(c->cut & (CD_CUT_SAN | CD_CUT_SAN_VALUE));
}
static inline int cd_csr_san_comparable(const struct cd_csr *c)
{
	return !(c->cut & (CD_CUT_SAN | CD_CUT_SAN_VALUE));
}
/* Is the extendedKeyUsage list of c all there (a purpose not found is absent)? */
static inline int cd_cert_eku_whole(const struct cd_cert *c)
{
	return !(c->cut & CD_CUT_EKU);
}

#endif
