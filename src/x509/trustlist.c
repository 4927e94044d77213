/* trustlist.c - lifetime and names of the ITL/CTL model (trustlist.h); FUNCTION names as
 * Cisco doc 118893 (`show ctl`) prints them, shortened to the ids the JSON report fixes. */
#include <stdio.h>
#include <stdlib.h>
#include "x509/trustlist.h"

void cd_trustlist_free(struct cd_trustlist *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_records; i++) {
		free(t->records[i].dns_name);
		free(t->records[i].subject);
		free(t->records[i].issuer);
	}
	free(t->records);
	free(t->signer_name);
	free(t->ca_name);
	free(t->filename);
	free(t);
}

const char *cd_trustlist_function_name(int fn, char *out, size_t size)
{
	const char *n = NULL;
	switch (fn) {
	case -1: n = "none"; break;
	case CD_TL_FN_SAST: n = "SAST"; break;
	case CD_TL_FN_CCM: n = "CCM"; break;
	case CD_TL_FN_CCM_TFTP: n = "CCM+TFTP"; break;
	case CD_TL_FN_TFTP: n = "TFTP"; break;
	case CD_TL_FN_CAPF: n = "CAPF"; break;
	case CD_TL_FN_APP_SERVER: n = "APP-SERVER"; break;
	case CD_TL_FN_TVS: n = "TVS"; break;
	default: break;
	}
	if (n)
		snprintf(out, size, "%s", n);
	else
		snprintf(out, size, "unknown(%d)", fn);
	return out;
}

const char *cd_trustlist_header_tag_name(unsigned t)
{
	static const char *const n[] = {NULL,
					"VERSION",
					"HEADERLENGTH",
					"SIGNERID",
					"SIGNERNAME",
					"SERIALNUMBER",
					"CANAME",
					"SIGNATUREINFO",
					"DIGESTALGORITHM",
					"SIGNATUREALGOINFO",
					"SIGNATUREALGORITHM",
					"SIGNATUREMODULUS",
					"SIGNATURE",
					"padding",
					"FILENAME",
					"TIMESTAMP"};
	if (t < sizeof(n) / sizeof(n[0]) && n[t])
		return n[t];
	return t == 28 ? "SIGNERVERSION" : "unknown element";
}

const char *cd_trustlist_record_tag_name(unsigned t)
{
	static const char *const n[] = {NULL,          "RECORDLENGTH", "DNSNAME",      "SUBJECTNAME",
					"FUNCTION",    "ISSUERNAME",   "SERIALNUMBER", "PUBLICKEY",
					"SIGNATURE",   "CERTIFICATE",  "IPADDRESS",    "CERTHASH",
					"HASHALGORITHM"};
	return t < sizeof(n) / sizeof(n[0]) && n[t] ? n[t] : "unknown element";
}

const char *cd_trustlist_digest_name(int digest, char *out, size_t size)
{
	if (digest == -1)
		snprintf(out, size, "none");
	else if (digest == CD_TL_DIGEST_SHA1)
		snprintf(out, size, "sha1");
	else if (digest == CD_TL_DIGEST_SHA512)
		snprintf(out, size, "sha512");
	else
		snprintf(out, size, "unknown(%d)", digest);
	return out;
}

const char *cd_trustlist_serial_text(const uint8_t *p, size_t n, char *out, size_t size)
{
	static const char d[] = "0123456789ABCDEF";
	size_t k = 0;
	if (!size)
		return out;
	for (size_t i = 0; i < n && k + 3 < size; i++) {
		if (i)
			out[k++] = ':';
		out[k++] = d[p[i] >> 4];
		out[k++] = d[p[i] & 15];
	}
	out[k] = 0;
	return out;
}
