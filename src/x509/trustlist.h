/* trustlist.h - the model of a CUCM Identity Trust List (ITLFile.tlv) or Certificate Trust List
 * (CTLFile.tlv): header fields, one entry per record, the signature as checked at ingest
 * (src/ingest/itl.c reads the file; docs/ingest.md describes the format). */
#ifndef CD_X509_TRUSTLIST_H
#define CD_X509_TRUSTLIST_H

#include <stddef.h>
#include <stdint.h>
#include "util/timefmt.h"

/* FUNCTION values of a record (Cisco doc 118893, `show ctl`). */
enum {
	CD_TL_FN_SAST = 0,
	CD_TL_FN_CCM = 1,
	CD_TL_FN_CCM_TFTP = 2,
	CD_TL_FN_TFTP = 3,
	CD_TL_FN_CAPF = 4,
	CD_TL_FN_APP_SERVER = 7,
	CD_TL_FN_TVS = 21,
};

/* DIGESTALGORITHM values of the header. */
enum { CD_TL_DIGEST_SHA1 = 1, CD_TL_DIGEST_SHA512 = 3 };

/* Where the kind (ITL or CTL) was read from. */
enum cd_tl_kind_from { CD_TL_FROM_FILENAME = 0, CD_TL_FROM_PATH, CD_TL_FROM_DEFAULT };

/* Elements kept per header or record, in file order, for `show` (the rest are counted). */
#define CD_TL_HEADER_ELEMENTS 40
#define CD_TL_RECORD_ELEMENTS 24

/* One element as found: tag, its length field, offset of its tag byte, nesting depth. */
struct cd_tl_element {
	uint64_t offset;
	uint16_t length;
	uint8_t tag;
	uint8_t depth;
};

/* One record. Strings are owned (display form: bytes that are not printable ASCII as \xNN);
 * NULL when the element is absent. */
struct cd_tl_record {
	unsigned index;          /* 1-based, in file order */
	uint64_t offset;         /* of its RECORDLENGTH element in the file */
	unsigned length;         /* RECORDLENGTH value: the whole record, from its first byte */
	int function;            /* FUNCTION value, -1 when absent */
	char *dns_name;
	char *subject, *issuer;  /* SUBJECTNAME, ISSUERNAME as the file writes them */
	uint8_t serial[64];      /* SERIALNUMBER element (cut at 64 bytes) */
	size_t serial_len;
	unsigned public_key_len; /* PUBLICKEY element length, 0 when absent */
	int has_signature;       /* SIGNATURE element present (eToken records have none) */
	unsigned signature_len;
	int has_ip;
	uint8_t ip[16];
	unsigned ip_len;         /* 4 for the documented IPv4 element */
	uint8_t cert_hash[64];   /* CERTHASH (cut at 64 bytes) */
	size_t cert_hash_len;
	int hash_algorithm;      /* HASH ALGORITHM value, -1 when absent */
	uint64_t cert_offset;    /* CERTIFICATE value in the file; cert_len 0 when absent */
	size_t cert_len;
	size_t certificate;      /* model index of the certificate it carries, SIZE_MAX none */
	char certificate_id[40]; /* its id ("cert-..."), "" none */
	int cut;                 /* the file ends inside this record */
	struct cd_tl_element elements[CD_TL_RECORD_ELEMENTS]; /* after RECORDLENGTH */
	unsigned n_elements, more_elements;
};

struct cd_trustlist {
	int kind_from;              /* enum cd_tl_kind_from */
	unsigned version_major, version_minor;
	unsigned header_length;     /* HEADERLENGTH: the records start here */
	int has_signer_version;     /* tag 28 */
	unsigned signer_version_major, signer_version_minor;
	char *signer_name;          /* SIGNERNAME, NULL when absent */
	char *ca_name;              /* CANAME (the signer's issuer) */
	uint8_t signer_serial[64];
	size_t signer_serial_len;
	int has_signer_serial;
	uint64_t signerid_offset;   /* of the SIGNERID element, 0 when absent */
	int digest;                 /* DIGESTALGORITHM value, -1 when absent */
	int sig_algorithm;          /* SIGNATUREALGORITHM value (0 RSA), -1 when absent */
	int sig_modulus;            /* SIGNATUREMODULUS index (0..3: 64..512 bytes), -1 absent */
	int has_signature;
	uint64_t signature_offset;  /* of the SIGNATURE element (its tag byte) */
	unsigned signature_len;     /* its value's length */
	char *filename;             /* FILENAME, NULL when absent */
	int has_timestamp;
	cd_time_t timestamp;        /* TIMESTAMP (Unix time) */
	unsigned padding;           /* header padding bytes (tag 13) */
	unsigned unknown_elements;  /* elements of tags the format does not document, skipped */
	struct cd_tl_element header[CD_TL_HEADER_ELEMENTS]; /* after HEADERLENGTH, padding left out */
	unsigned n_header, more_header;
	struct cd_tl_record *records;
	size_t n_records;
	int complete;               /* read to the end without a problem */
	uint64_t file_len;
	/* the signature, checked at ingest over the file without the SIGNATURE element */
	size_t signer_record;       /* index into records, SIZE_MAX when no record matches */
	int sig_checked;            /* a verification was attempted */
	int sig_valid;              /* 1 only when it verified */
	char sig_reason[400];       /* why not valid or not checked; "" when valid */
};

/* Free a trust list and everything it owns; NULL is fine. */
void cd_trustlist_free(struct cd_trustlist *t);

/* "SAST", "CCM", "CCM+TFTP", "TFTP", "CAPF", "APP-SERVER", "TVS" or "unknown(N)" into out;
 * "none" when fn is -1. Returns out. */
const char *cd_trustlist_function_name(int fn, char *out, size_t size);
/* "sha1", "sha512", "unknown(N)"; "none" for -1. Returns out. */
const char *cd_trustlist_digest_name(int digest, char *out, size_t size);
/* Element names as Cisco's `show ctl` prints them ("SIGNERNAME", "RECORDLENGTH", ...),
 * "unknown element" otherwise. */
const char *cd_trustlist_header_tag_name(unsigned tag);
const char *cd_trustlist_record_tag_name(unsigned tag);
/* Display form of the serial bytes as `show itl` prints them ("70:CA:F6:..."): out holds
 * 3 * n bytes at least (cut when smaller). Returns out. */
const char *cd_trustlist_serial_text(const uint8_t *p, size_t n, char *out, size_t size);

#endif
