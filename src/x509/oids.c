/* oids.c - names for EKU and extension OIDs and key-usage bits (RFC 5280 §4.2.1). */
#include <string.h>
#include <gnutls/x509.h>
#include "x509/oids.h"

struct oid_name {
	const char *oid, *name, *long_name;
};

static const struct oid_name EKUS[] = {
	{"1.3.6.1.5.5.7.3.1", "serverAuth", "TLS Web Server Authentication"},
	{"1.3.6.1.5.5.7.3.2", "clientAuth", "TLS Web Client Authentication"},
	{"1.3.6.1.5.5.7.3.3", "codeSigning", "Code Signing"},
	{"1.3.6.1.5.5.7.3.4", "emailProtection", "E-mail Protection"},
	{"1.3.6.1.5.5.7.3.5", "ipsecEndSystem", "IPSec End System"},
	{"1.3.6.1.5.5.7.3.6", "ipsecTunnel", "IPSec Tunnel"},
	{"1.3.6.1.5.5.7.3.7", "ipsecUser", "IPSec User"},
	{"1.3.6.1.5.5.7.3.8", "timeStamping", "Time Stamping"},
	{"1.3.6.1.5.5.7.3.9", "OCSPSigning", "OCSP Signing"},
	{"1.3.6.1.5.5.7.3.17", "ipsecIKE", "IPSec IKE"},
	{"2.5.29.37.0", "anyExtendedKeyUsage", "Any Extended Key Usage"},
	{NULL, NULL, NULL},
};

static const struct oid_name EXTS[] = {
	{"2.5.29.14", "subjectKeyIdentifier", NULL},
	{"2.5.29.15", "keyUsage", NULL},
	{"2.5.29.17", "subjectAltName", NULL},
	{"2.5.29.18", "issuerAltName", NULL},
	{"2.5.29.19", "basicConstraints", NULL},
	{"2.5.29.30", "nameConstraints", NULL},
	{"2.5.29.31", "cRLDistributionPoints", NULL},
	{"2.5.29.32", "certificatePolicies", NULL},
	{"2.5.29.33", "policyMappings", NULL},
	{"2.5.29.35", "authorityKeyIdentifier", NULL},
	{"2.5.29.36", "policyConstraints", NULL},
	{"2.5.29.37", "extKeyUsage", NULL},
	{"2.5.29.54", "inhibitAnyPolicy", NULL},
	{"1.3.6.1.5.5.7.1.1", "authorityInfoAccess", NULL},
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
