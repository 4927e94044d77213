/* oids.c - names for EKU and extension OIDs and key-usage bits, and what a certificate's
 * extKeyUsage allows (RFC 5280 §4.2.1). */
#include <string.h>
#include <gnutls/x509.h>
#include "x509/cert.h"
#include "x509/oids.h"

struct oid_name {
	const char *oid, *name, *long_name;
};

static const struct oid_name EKUS[] = {
	{CD_OID_EKU_SERVER_AUTH, "serverAuth", "TLS Web Server Authentication"},
	{CD_OID_EKU_CLIENT_AUTH, "clientAuth", "TLS Web Client Authentication"},
	{CD_OID_EKU_CODE_SIGNING, "codeSigning", "Code Signing"},
	{CD_OID_EKU_EMAIL, "emailProtection", "E-mail Protection"},
	{"1.3.6.1.5.5.7.3.5", "ipsecEndSystem", "IPSec End System"},
	{"1.3.6.1.5.5.7.3.6", "ipsecTunnel", "IPSec Tunnel"},
	{"1.3.6.1.5.5.7.3.7", "ipsecUser", "IPSec User"},
	{CD_OID_EKU_TIME_STAMPING, "timeStamping", "Time Stamping"},
	{CD_OID_EKU_OCSP_SIGNING, "OCSPSigning", "OCSP Signing"},
	{"1.3.6.1.5.5.7.3.17", "ipsecIKE", "IPSec IKE"},
	{CD_OID_EKU_ANY, "anyExtendedKeyUsage", "Any Extended Key Usage"},
	{NULL, NULL, NULL},
};

static const struct oid_name EXTS[] = {
	{CD_OID_EXT_SKI, "subjectKeyIdentifier", NULL},
	{CD_OID_EXT_KU, "keyUsage", NULL},
	{CD_OID_EXT_SAN, "subjectAltName", NULL},
	{"2.5.29.18", "issuerAltName", NULL},
	{CD_OID_EXT_BC, "basicConstraints", NULL},
	{CD_OID_EXT_NC, "nameConstraints", NULL},
	{"2.5.29.31", "cRLDistributionPoints", NULL},
	{"2.5.29.32", "certificatePolicies", NULL},
	{"2.5.29.33", "policyMappings", NULL},
	{CD_OID_EXT_AKI, "authorityKeyIdentifier", NULL},
	{CD_OID_EXT_PCONS, "policyConstraints", NULL},
	{CD_OID_EXT_EKU, "extKeyUsage", NULL},
	{CD_OID_EXT_IAP, "inhibitAnyPolicy", NULL},
	{CD_OID_EXT_AIA, "authorityInfoAccess", NULL},
	{"1.3.6.1.5.5.7.1.24", "tlsFeature", NULL},
	{"1.3.6.1.4.1.11129.2.4.2", "ctPrecertificateSCTs", NULL},
	{"2.16.840.1.113730.1.1", "netscapeCertType", NULL},
	{"2.16.840.1.113730.1.13", "netscapeComment", NULL},
	{NULL, NULL, NULL},
};

static const struct oid_name *find(const struct oid_name *t, const char *oid)
{
	for (size_t i = 0; t[i].oid; i++)
		if (!strcmp(t[i].oid, oid))
			return &t[i];
	return NULL;
}

const char *cd_eku_name(const char *oid)
{
	const struct oid_name *n = find(EKUS, oid);
	return n ? n->name : NULL;
}

const char *cd_eku_oid_of(const char *name)
{
	for (size_t i = 0; EKUS[i].oid; i++)
		if (!strcmp(EKUS[i].name, name))
			return EKUS[i].oid;
	return NULL;
}

const char *cd_eku_long_name(const char *oid)
{
	const struct oid_name *n = find(EKUS, oid);
	return n ? n->long_name : NULL;
}

const char *cd_ext_name(const char *oid)
{
	const struct oid_name *n = find(EXTS, oid);
	return n ? n->name : NULL;
}

int cd_cert_allows_eku(const struct cd_cert *c, const char *oid)
{
	if (!c->eku_present)
		return 1; /* no EKU extension: every purpose (RFC 5280 §4.2.1.12) */
	return cd_cert_lists_eku(c, oid) || cd_cert_lists_eku(c, CD_OID_EKU_ANY);
}

int cd_cert_lists_eku(const struct cd_cert *c, const char *oid)
{
	for (size_t i = 0; i < c->n_eku; i++)
		if (!strcmp(c->eku[i], oid))
			return 1;
	return 0;
}

int cd_cert_ext_critical(const struct cd_cert *c, const char *oid)
{
	for (size_t i = 0; i < c->n_exts; i++)
		if (!strcmp(c->exts[i].oid, oid))
			return c->exts[i].critical;
	return -1;
}

const struct cd_ku_bit cd_ku_bits[] = {
	{GNUTLS_KEY_DIGITAL_SIGNATURE, "digitalSignature"},
	{GNUTLS_KEY_NON_REPUDIATION, "nonRepudiation"},
	{GNUTLS_KEY_KEY_ENCIPHERMENT, "keyEncipherment"},
	{GNUTLS_KEY_DATA_ENCIPHERMENT, "dataEncipherment"},
	{GNUTLS_KEY_KEY_AGREEMENT, "keyAgreement"},
	{GNUTLS_KEY_KEY_CERT_SIGN, "keyCertSign"},
	{GNUTLS_KEY_CRL_SIGN, "cRLSign"},
	{GNUTLS_KEY_ENCIPHER_ONLY, "encipherOnly"},
	{GNUTLS_KEY_DECIPHER_ONLY, "decipherOnly"},
	{0, NULL},
};
