/* oids.h - names for the OIDs and bits a report shows (RFC 5280 §4.2.1.3, §4.2.1.12). */
#ifndef CD_X509_OIDS_H
#define CD_X509_OIDS_H

/* Short name of an EKU OID ("serverAuth"), or NULL when unknown. */
const char *cd_eku_name(const char *oid);
/* Long name as OpenSSL and the product documents print it ("TLS Web Server Authentication"). */
const char *cd_eku_long_name(const char *oid);
/* OID of a short EKU name ("serverAuth" -> "1.3.6.1.5.5.7.3.1"), or NULL when unknown. */
const char *cd_eku_oid_of(const char *name);
/* Name of an extension OID ("subjectAltName"), or NULL. */
const char *cd_ext_name(const char *oid);

struct cd_ku_bit {
	unsigned bit; /* GNUTLS_KEY_* */
	const char *name;
};
/* The key-usage bits in RFC 5280 order, terminated by {0, NULL}. */
extern const struct cd_ku_bit cd_ku_bits[];

#endif
