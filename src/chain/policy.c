/* policy.c - what a profile asks of each certificate of a path beyond the path checks: the
 * structure RFC 5280 §4 requires, and the CA/Browser Forum Baseline Requirements for TLS
 * server certificates under the web PKI profile (docs/chains.md "Certificate structure"). */
#include <stdio.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "chain/chain-int.h"
#include "x509/oids.h"

enum cd_profile cd_chain_profile(const struct cd_chain_opts *o)
{
	if (o->profile != CD_PROFILE_AUTO)
		return o->profile;
	return o->purpose == CD_PURPOSE_SERVER ? CD_PROFILE_WEBPKI : CD_PROFILE_RFC5280;
}


int cd_chain_weak_algorithm(const struct cd_cert *c)
{
	/* MD2/MD5 are never acceptable (RFC 6151); SHA-1 is reported by cert.weak-signature but
	 * still accepted here, as CUCM and OpenSSL at its default level accept it. */
	gnutls_digest_algorithm_t h =
		c->sig_algo ? gnutls_sign_get_hash_algorithm((gnutls_sign_algorithm_t)c->sig_algo) : 0;
	return h == GNUTLS_DIG_MD5 || h == GNUTLS_DIG_MD2 || !strcmp(c->sig_oid, CD_OID_SIG_MD2_RSA) ||
	       !strcmp(c->sig_oid, CD_OID_SIG_MD5_RSA);
}


/* Serial number per RFC 5280 §4.1.2.2: positive, at most 20 octets (21 encoded when the
 * leading octet is the 0x00 that keeps a 20-octet value positive). */
static const char *serial_problem(const struct cd_cert *c)
{
	int zero = 1;
	if (!c->serial_full_len)
		return "is empty";
	if (c->serial[0] & 0x80)
		return "is negative";
	for (size_t i = 0; i < c->serial_len; i++)
		zero &= c->serial[i] == 0;
	if (zero && c->serial_full_len == c->serial_len)
		return "is zero";
	if (c->serial_full_len > 21 || (c->serial_full_len == 21 && c->serial[0] != 0))
		return "is longer than 20 octets";
	return NULL;
}

/* Public key acceptable under the Baseline Requirements §6.1.5: RSA of at least 2048 bits
 * with a modulus size divisible by 8, or ECDSA on P-256, P-384 or P-521. */
static const char *key_problem(const struct cd_pubkey *k, char *buf, size_t sz)
{
	if (!k->known)
		return "an unreadable public key";
	if (k->algo == GNUTLS_PK_RSA) {
		if (k->bits < 2048 || k->bits % 8) {
			snprintf(buf, sz, "a %u-bit RSA key (at least 2048 bits, a multiple of 8)", k->bits);
			return buf;
		}
		return NULL;
	}
	if (k->algo == GNUTLS_PK_ECDSA) {
		if (!strcmp(k->curve, "SECP256R1") || !strcmp(k->curve, "SECP384R1") ||
		    !strcmp(k->curve, "SECP521R1"))
			return NULL;
		snprintf(buf, sz, "an EC key on %s (P-256, P-384 or P-521 only)", k->curve[0] ? k->curve : "an unknown curve");
		return buf;
	}
	snprintf(buf, sz, "a key of type %s (RSA or ECDSA only)", k->algo_name[0] ? k->algo_name : "unknown");
	return buf;
}

/* Signature algorithm acceptable under the Baseline Requirements §7.1.3.2: RSASSA-PKCS1-v1_5,
 * RSASSA-PSS or ECDSA, with SHA-256, SHA-384 or SHA-512. */
static int sig_acceptable_webpki(const struct cd_cert *c)
{
	gnutls_digest_algorithm_t h;
	gnutls_pk_algorithm_t pk;
	if (!c->sig_algo)
		return 0;
	h = gnutls_sign_get_hash_algorithm((gnutls_sign_algorithm_t)c->sig_algo);
	pk = gnutls_sign_get_pk_algorithm((gnutls_sign_algorithm_t)c->sig_algo);
	return (h == GNUTLS_DIG_SHA256 || h == GNUTLS_DIG_SHA384 || h == GNUTLS_DIG_SHA512) &&
	       (pk == GNUTLS_PK_RSA || pk == GNUTLS_PK_RSA_PSS || pk == GNUTLS_PK_ECDSA);
}


/* The structure of certificate i of the path, under the profile (docs/chains.md
 * "Certificate structure"). Problems of a CA certificate are issuer-not-ca; of the leaf's
 * usage, eku-mismatch; of keys and algorithms, weak-algorithm; the rest malformed.
 * A trust anchor is trusted as configured (RFC 5280 §6.1.1 (d)): of it we check only what
 * every certificate must be to be read at all (its extensions decode, once each; its SANs are
 * names; no critical extension we cannot process) and what bears on the path below it (its
 * key, and in validate.c its CA flag, keyCertSign, pathLenConstraint, name constraints and
 * validity) - not the rules a CA follows when it issues a certificate. */
void cd_chain_check_structure(const struct cd_chains *c, const struct cd_model *m, struct cd_path *p,
			      size_t i, int is_anchor, int as_ca)
{
	const struct cd_object *o = m->objects[p->certs[i]];
	const struct cd_cert *ct = o->u.cert;
	const char *lbl = cd_object_label(o);
	const int web = cd_chain_profile(&c->opts) == CD_PROFILE_WEBPKI;
	const int server = c->opts.purpose == CD_PURPOSE_SERVER;
	const int is_ca_pos = as_ca;
	const int issued = !is_anchor;
	const char *why;
	char buf[120];

	/* RFC 5280 §4.2: one instance of each extension; §4.2: an extension we must process
	 * that does not decode leaves the certificate unusable */
	if (ct->dup_ext)
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX, "\"%s\" has the extension %s twice (RFC 5280 §4.2)",
			  lbl, ct->dup_ext_oid);
	if (ct->bad_ext)
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX, "\"%s\" has a malformed or empty %s extension",
			  lbl, ct->bad_ext_oid);
	/* §4.2.1.6: each SAN entry is a name of its type */
	for (size_t k = 0; k < ct->n_san; k++)
		if (ct->san[k].malformed) {
			cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
					  "the subjectAltName %s \"%s\" of \"%s\" %s (RFC 5280 §4.2.1.6)",
					  cd_san_type_name(ct->san[k].type), ct->san[k].value, lbl,
					  ct->san[k].malformed);
			break;
		}
	/* X.509 §9.2.2.1: authorityCertIssuer and authorityCertSerialNumber come together */
	if (ct->aki_half_pair)
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
				  "the authorityKeyIdentifier of \"%s\" has an authorityCertIssuer or an "
				  "authorityCertSerialNumber without the other (X.509 §9.2.2.1)",
				  lbl);
	/* §4.1.1.2: the two signature algorithm fields agree */
	if (issued && ct->sig_alg_mismatch)
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" names different signature algorithms inside and outside the signed part (RFC 5280 §4.1.1.2)",
			  lbl);
	/* §4.2.1.1, §4.2.1.2, §4.2.2.1: key identifiers and AIA are never critical; §4.2.1.11,
	 * §4.2.1.14: policyConstraints and inhibitAnyPolicy always are */
	if (issued && (cd_cert_ext_critical(ct, CD_OID_EXT_AKI) == 1 ||
		       cd_cert_ext_critical(ct, CD_OID_EXT_SKI) == 1 ||
		       cd_cert_ext_critical(ct, CD_OID_EXT_AIA) == 1))
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" marks a key identifier or authorityInfoAccess critical (RFC 5280 §4.2.1.1, §4.2.1.2, §4.2.2.1)",
			  lbl);
	if (issued && (cd_cert_ext_critical(ct, CD_OID_EXT_PCONS) == 0 ||
		       cd_cert_ext_critical(ct, CD_OID_EXT_IAP) == 0))
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" has a non-critical policyConstraints or inhibitAnyPolicy (RFC 5280 §4.2.1.11, §4.2.1.14)",
			  lbl);
	/* §4.1.2.4: the issuer name is never empty; §4.1.2.6 and §4.2.1.6: an empty subject
	 * needs a critical subjectAltName */
	if (issued && !ct->issuer.canon[0])
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX, "\"%s\" has an empty issuer name (RFC 5280 §4.1.2.4)", lbl);
	if (issued && !ct->subject.canon[0] && cd_cert_ext_critical(ct, CD_OID_EXT_SAN) != 1)
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" has an empty subject without a critical subjectAltName (RFC 5280 §4.2.1.6)", lbl);
	/* §4.2.1.3: keyUsage, when present, asserts at least one bit */
	if (ct->ku_present && ct->ku == 0)
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX, "\"%s\" has a keyUsage with no bit set (RFC 5280 §4.2.1.3)", lbl);
	if (issued && is_ca_pos && !ct->subject.canon[0])
		cd_path_add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
			  "\"%s\" issues certificates but its subject is empty (RFC 5280 §4.1.2.6)", lbl);
	/* §4.2.1.10: conforming CAs mark nameConstraints critical; the web PKI profile allows
	 * it non-critical (BR §7.1.2.5.2), so only RFC 5280 rejects it */
	if (issued && !web && is_ca_pos && cd_cert_ext_critical(ct, CD_OID_EXT_NC) == 0)
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" has a non-critical nameConstraints extension (RFC 5280 §4.2.1.10)", lbl);
	/* §4.2.1.10: nameConstraints only in CA certificates */
	if (i == 0 && ct->nc_present && !(ct->bc_present && ct->is_ca))
		cd_path_add_issue(p, CD_P_MALFORMED, 0, SIZE_MAX,
			  "\"%s\" is not a CA but has a nameConstraints extension (RFC 5280 §4.2.1.10)", lbl);
	/* §4.1.2.1: X.509 defines v1, v2 and v3 only; §4.1.2.9: extensions appear only in v3 */
	if (issued && (ct->version < 1 || ct->version > 3))
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" says it is a version %d certificate, which X.509 does not define (RFC 5280 §4.1.2.1: v1, v2 or v3)",
			  lbl, ct->version);
	else if (issued && ct->version < 3 && ct->n_exts)
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" is a version %d certificate with extensions (RFC 5280 §4.1.2.9: extensions only in v3)",
			  lbl, ct->version);
	if (!web)
		return;

	/* ---- web PKI (CA/Browser Forum Baseline Requirements) ---- */
	if (issued && (why = serial_problem(ct)))
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX, "the serial number of \"%s\" %s (RFC 5280 §4.1.2.2)", lbl, why);
	if (issued && (ct->version == 1 || ct->version == 2) && !ct->n_exts) /* else said above */
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX, "\"%s\" is a version %d certificate (BR §7.1.1: v3)",
			  lbl, ct->version);
	if ((why = key_problem(&ct->key, buf, sizeof(buf))))
		cd_path_add_issue(p, CD_P_WEAK_ALGORITHM, i, SIZE_MAX, "\"%s\" has %s (BR §6.1.5)", lbl, why);
	if (!is_anchor && !sig_acceptable_webpki(ct))
		cd_path_add_issue(p, CD_P_WEAK_ALGORITHM, i, SIZE_MAX,
			  "\"%s\" is signed with %s (BR §7.1.3.2: RSA, RSA-PSS or ECDSA with SHA-256/384/512)",
			  lbl, ct->sig_name[0] ? ct->sig_name : "an unknown algorithm");
	/* §4.2.1.1: every certificate but a self-signed one carries the issuer's key id */
	if (issued && !ct->self_signed && !ct->aki_len)
		cd_path_add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" lacks the authorityKeyIdentifier keyIdentifier (RFC 5280 §4.2.1.1)", lbl);
	if (issued && is_ca_pos) {
		/* §4.2.1.9: basicConstraints present and critical in CA certificates; §4.2.1.2:
		 * CA certificates carry a subjectKeyIdentifier */
		if (!ct->bc_present || !ct->is_ca || !ct->bc_critical)
			cd_path_add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
				  "\"%s\" is a CA without a critical basicConstraints cA=TRUE (RFC 5280 §4.2.1.9)", lbl);
		if (!ct->ski_len)
			cd_path_add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
				  "\"%s\" is a CA without a subjectKeyIdentifier (RFC 5280 §4.2.1.2)", lbl);
		/* BR §7.1.2.1.3: a root's AKI, if any, is its own key id and nothing else; §7.1.2.1.2:
		 * a root has no extKeyUsage */
		if (ct->self_signed && ct->aki_present &&
		    (!ct->aki_len || ct->aki_issuer_serial || ct->aki_len != ct->ski_len ||
		     memcmp(ct->aki, ct->ski, ct->aki_len)))
			cd_path_add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
				  "the authorityKeyIdentifier of root \"%s\" is not exactly its subjectKeyIdentifier (BR §7.1.2.1.3)",
				  lbl);
		if (ct->self_signed && ct->eku_present)
			cd_path_add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
				  "root \"%s\" has an extKeyUsage (BR §7.1.2.1.2)", lbl);
	}
	if (i != 0 || !server || p->lone)
		return;
	/* the TLS server certificate (BR §7.1.2.7) */
	/* keyCertSign needs cA=TRUE (RFC 5280 §4.2.1.9, a rule for issuing CAs that CUCM
	 * CallManager certificates break and OpenSSL does not enforce; BR §7.1.2.7.11) */
	if (ct->ku_present && (ct->ku & GNUTLS_KEY_KEY_CERT_SIGN) && !(ct->bc_present && ct->is_ca))
		cd_path_add_issue(p, CD_P_EKU, 0, SIZE_MAX,
			  "\"%s\" asserts keyCertSign without being a CA (RFC 5280 §4.2.1.9)", lbl);
	if (ct->bc_present && ct->is_ca)
		cd_path_add_issue(p, CD_P_EKU, 0, SIZE_MAX,
			  "\"%s\" is a CA certificate (cA=TRUE), not a TLS server certificate (BR §7.1.2.7.8)", lbl);
	if (ct->eku_present) {
		static const char *const forbidden[][2] = {
			{CD_OID_EKU_ANY, "anyExtendedKeyUsage"},
			{CD_OID_EKU_CODE_SIGNING, "codeSigning"},
			{CD_OID_EKU_EMAIL, "emailProtection"},
			{CD_OID_EKU_TIME_STAMPING, "timeStamping"},
			{CD_OID_EKU_OCSP_SIGNING, "OCSPSigning"},
			{CD_OID_EKU_PRECERT_SIGNING, "precertificate signing"},
		};
		for (size_t k = 0; k < sizeof(forbidden) / sizeof(forbidden[0]); k++)
			if (cd_cert_lists_eku(ct, forbidden[k][0]))
				cd_path_add_issue(p, CD_P_EKU, 0, SIZE_MAX,
					  "the extended key usage of \"%s\" includes %s (BR §7.1.2.7.10)", lbl,
					  forbidden[k][1]);
		if (cd_cert_ext_critical(ct, CD_OID_EXT_EKU) == 1)
			cd_path_add_issue(p, CD_P_EKU, 0, SIZE_MAX,
				  "the extended key usage of \"%s\" is critical (BR §7.1.2.7.6)", lbl);
	}
	if (ct->ku_present && ct->ku) {
		unsigned need = ct->key.algo == GNUTLS_PK_RSA ? GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_ENCIPHERMENT
			       : GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_AGREEMENT;
		if (!(ct->ku & need))
			cd_path_add_issue(p, CD_P_EKU, 0, SIZE_MAX,
				  "the keyUsage of \"%s\" allows no TLS server use (BR §7.1.2.7.11)", lbl);
	}
	if (cd_cert_ext_critical(ct, CD_OID_EXT_SAN) == 1 && ct->subject.canon[0])
		cd_path_add_issue(p, CD_P_MALFORMED, 0, SIZE_MAX,
			  "\"%s\" marks subjectAltName critical with a non-empty subject (BR §7.1.2.7.12)", lbl);
}
