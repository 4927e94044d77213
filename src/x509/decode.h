/* decode.h - decode one DER object into the model's structures, once (GnuTLS + our DER reader). */
#ifndef CD_X509_DECODE_H
#define CD_X509_DECODE_H

#include "x509/cert.h"

/* Each returns CD_OK and a new structure (caller owns; free with the matching _free), or
 * CD_E_MALFORMED with *detail (malloc'd, caller frees) saying what GnuTLS or our reader
 * rejected. */
int cd_decode_cert(const uint8_t *der, size_t len, struct cd_cert **out, char **detail);
int cd_decode_csr(const uint8_t *der, size_t len, struct cd_csr **out, char **detail);
int cd_decode_crl(const uint8_t *der, size_t len, struct cd_crl **out, char **detail);
/* encrypted: the key is an EncryptedPrivateKeyInfo; format: how it was found. */
int cd_decode_key(const uint8_t *der, size_t len, int encrypted, const char *format,
		  struct cd_key **out, char **detail);

void cd_cert_free(struct cd_cert *c);
void cd_csr_free(struct cd_csr *c);
void cd_crl_free(struct cd_crl *c);

/* Verify a signed object's signature (Certificate, CSR, CRL DER) with a public key given as
 * SubjectPublicKeyInfo DER. 1 verifies, 0 does not, negative: could not tell. Weak
 * algorithms are allowed: judging them is a rule's business. */
int cd_x509_verify_signed(const uint8_t *der, size_t len, int sig_algo, const uint8_t *spki,
			  size_t spki_len);

#endif
