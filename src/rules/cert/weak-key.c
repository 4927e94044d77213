/* cert.weak-key - RSA/DSA keys under 2048 bits, EC keys under 256 bits (NIST SP 800-57 Part 1
 * Rev. 5 §5.6.2: 112-bit security minimum; CA/B Forum BR §6.1.5). Certificates and CSRs. */
#include <gnutls/gnutls.h>
#include "rules/common.h"

/* Minimum sizes, in bits, for 112-bit security (NIST SP 800-57 table 2). */
#define MIN_RSA_BITS 2048
#define MIN_DSA_BITS 2048
#define MIN_EC_BITS 256

static unsigned minimum(int algo)
{
	switch (algo) {
	case GNUTLS_PK_RSA:
	case GNUTLS_PK_RSA_PSS: return MIN_RSA_BITS;
	case GNUTLS_PK_DSA: return MIN_DSA_BITS;
	case GNUTLS_PK_ECDSA: return MIN_EC_BITS;
	default: return 0; /* EdDSA, GOST...: fixed sizes, none weak */
	}
}

static int run(struct cd_check_ctx *ctx)
{
	CD_FOREACH_OBJECT(ctx->model, i, o)
	{
		const struct cd_pubkey *k;
		struct cd_finding *f;
		unsigned min;
		if (o->kind == CD_KIND_CERT)
			k = &o->u.cert->key;
		else if (o->kind == CD_KIND_CSR)
			k = &o->u.csr->key;
		else
			continue;
		if (!k->known)
			continue;
		cd_check_applied(ctx);
		min = minimum(k->algo);
		if (!min || k->bits >= min)
			continue;
		f = cd_check_emit(ctx, "%s \"%s\" has a %u-bit %s key; at least %u bits are needed",
				  o->kind == CD_KIND_CSR ? "request" : "certificate", cd_object_label(o),
				  k->bits, k->algo_name, min);
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_evidence_str(f, "key_algorithm", k->algo_name);
		cd_finding_evidence_int(f, "key_bits", k->bits);
		cd_finding_evidence_int(f, "minimum_bits", min);
		if (k->curve[0])
			cd_finding_evidence_str(f, "curve", k->curve);
	}
	return CD_OK;
}

const struct cd_check cd_check_cert_weak_key = {"cert.weak-key", run};
