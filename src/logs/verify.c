/* verify.c - OpenSSL certificate verify error numbers (X509_V_ERR_*, include/openssl/x509_vfy.h)
 * and their texts as logged (OpenSSL 1.1 wording, which CUCM and Expressway print), each
 * pointing to the log rule that explains it. PRODUCT-FACTS §4: "OpenSSL verify texts seen in
 * those logs: unable to get local issuer certificate (20), self signed certificate in
 * certificate chain (19), certificate has expired (10), certificate is not yet valid (9),
 * unsuitable certificate purpose (26), unable to get certificate CRL (3)". */
#include <string.h>
#include <strings.h>
#include "logs/logs.h"

struct verr {
	long n;
	const char *text;
	const char *rule;
};

static const struct verr VERR[] = {
	{2, "unable to get issuer certificate", "log.untrusted-chain"},
	{3, "unable to get certificate CRL", "log.tls-failure"},
	{4, "unable to decrypt certificate's signature", "log.tls-failure"},
	{7, "certificate signature failure", "log.tls-failure"},
	{9, "certificate is not yet valid", "log.expired"},
	{10, "certificate has expired", "log.expired"},
	{12, "CRL has expired", "log.tls-failure"},
	{13, "format error in certificate's notBefore field", "log.tls-failure"},
	{14, "format error in certificate's notAfter field", "log.tls-failure"},
	{18, "self signed certificate", "log.untrusted-chain"},
	{19, "self signed certificate in certificate chain", "log.untrusted-chain"},
	{20, "unable to get local issuer certificate", "log.untrusted-chain"},
	{21, "unable to verify the first certificate", "log.untrusted-chain"},
	{23, "certificate revoked", "log.tls-failure"},
	{24, "invalid CA certificate", "log.untrusted-chain"},
	{25, "path length constraint exceeded", "log.untrusted-chain"},
	{26, "unsuitable certificate purpose", "log.tls-failure"},
	{27, "certificate not trusted", "log.untrusted-chain"},
	{28, "certificate rejected", "log.untrusted-chain"},
	{62, "Hostname mismatch", "log.name-mismatch"},
	{64, "IP address mismatch", "log.name-mismatch"},
	{0, NULL, NULL},
};

const char *cd_log_verify_text(long n)
{
	for (size_t i = 0; VERR[i].text; i++)
		if (VERR[i].n == n)
			return VERR[i].text;
	return NULL;
}

const char *cd_log_verify_rule(long n)
{
	for (size_t i = 0; VERR[i].text; i++)
		if (VERR[i].n == n)
			return VERR[i].rule;
	return NULL;
}

long cd_log_verify_number(const char *text)
{
	/* OpenSSL 3 writes "self-signed"; compare with hyphens read as spaces */
	for (size_t i = 0; VERR[i].text; i++) {
		const char *a = VERR[i].text, *b = text;
		while (*a && *b) {
			char x = *a == '-' ? ' ' : *a, y = *b == '-' ? ' ' : *b;
			if ((x | 0x20) != (y | 0x20))
				break;
			a++;
			b++;
		}
		if (!*a && !*b)
			return VERR[i].n;
	}
	return -1;
}
