/* oids.h - the OIDs code tests for, their names as a report shows them, and the one set of
 * questions about a certificate's usages (RFC 5280 §4.2.1.3, §4.2.1.12). */
#ifndef CD_X509_OIDS_H
#define CD_X509_OIDS_H

struct cd_cert;

/* Certificate extensions (RFC 5280 §4.2.1, §4.2.2). */
#define CD_OID_EXT_SKI "2.5.29.14"
#define CD_OID_EXT_KU "2.5.29.15"
#define CD_OID_EXT_SAN "2.5.29.17"
#define CD_OID_EXT_BC "2.5.29.19"
#define CD_OID_EXT_NC "2.5.29.30"
#define CD_OID_EXT_AKI "2.5.29.35"
#define CD_OID_EXT_PCONS "2.5.29.36"
#define CD_OID_EXT_EKU "2.5.29.37"
#define CD_OID_EXT_IAP "2.5.29.54"
#define CD_OID_EXT_AIA "1.3.6.1.5.5.7.1.1"

/* Extended key usage purposes (RFC 5280 §4.2.1.12; RFC 6962 §3.1 for precertificates). */
#define CD_OID_EKU_SERVER_AUTH "1.3.6.1.5.5.7.3.1"
#define CD_OID_EKU_CLIENT_AUTH "1.3.6.1.5.5.7.3.2"
#define CD_OID_EKU_CODE_SIGNING "1.3.6.1.5.5.7.3.3"
#define CD_OID_EKU_EMAIL "1.3.6.1.5.5.7.3.4"
#define CD_OID_EKU_TIME_STAMPING "1.3.6.1.5.5.7.3.8"
#define CD_OID_EKU_OCSP_SIGNING "1.3.6.1.5.5.7.3.9"
#define CD_OID_EKU_ANY "2.5.29.37.0"
#define CD_OID_EKU_PRECERT_SIGNING "1.3.6.1.4.1.11129.2.4.4"

/* Signature algorithms no path may use (RFC 6151): md2WithRSA, md5WithRSA. */
#define CD_OID_SIG_MD2_RSA "1.2.840.113549.1.1.2"
#define CD_OID_SIG_MD5_RSA "1.2.840.113549.1.1.4"

/* Short name of an EKU OID ("serverAuth"), or NULL when unknown. */
const char *cd_eku_name(const char *oid);
/* Long name as OpenSSL and the product documents print it ("TLS Web Server Authentication"). */
const char *cd_eku_long_name(const char *oid);
/* OID of a short EKU name ("serverAuth" -> "1.3.6.1.5.5.7.3.1"), or NULL when unknown. */
const char *cd_eku_oid_of(const char *name);
/* Name of an extension OID ("subjectAltName"), or NULL. */
const char *cd_ext_name(const char *oid);

/* May the certificate be used for the purpose oid? RFC 5280 §4.2.1.12: yes when it has no
 * extKeyUsage extension, or one that lists oid or anyExtendedKeyUsage. What path validation,
 * TLS peers and the CUCM purpose table ask. */
int cd_cert_allows_eku(const struct cd_cert *c, const char *oid);
/* Does its extKeyUsage extension list oid literally? What Expressway's upload check ("won't
 * let you upload a certificate without this extension") and compare ask. */
int cd_cert_lists_eku(const struct cd_cert *c, const char *oid);
/* Criticality of the extension oid in c: -1 absent, 0 or 1. */
int cd_cert_ext_critical(const struct cd_cert *c, const char *oid);

struct cd_ku_bit {
	unsigned bit; /* GNUTLS_KEY_* */
	const char *name;
};
/* The key-usage bits in RFC 5280 order, terminated by {0, NULL}. */
extern const struct cd_ku_bit cd_ku_bits[];

#endif
