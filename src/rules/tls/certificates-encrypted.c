/* tls.certificates-encrypted - TLS 1.3 encrypts everything after ServerHello (RFC 8446 §2):
 * without the connection's secrets in a key log (--keylog, or the capture's Decryption Secrets
 * Blocks) no certificate can be read from the capture: inconclusive, said so, never guessed.
 * With secrets for one side only, the other side's certificates and alerts stay unseen. A
 * connection whose secrets did not decrypt is tls.decryption-failed's. */
#include "rules/tls/tls-common.h"
#include "util/str.h"

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	CD_FOREACH_CONN(m, i, k)
	{
		struct cd_finding *f;
		char random[65];
		if (!k->saw_server_hello)
			continue;
		cd_check_applied(ctx);
		if (!k->encrypted_certs || k->secrets == CD_SECRETS_FAILED)
			continue;
		cd_hex(k->client_random, 32, random);
		if (k->secrets == CD_SECRETS_USED) {
			int side = k->undecrypted[CD_TLS_SERVER] ? CD_TLS_SERVER : CD_TLS_CLIENT;
			f = cd_check_emit(ctx,
					  "%s -> %s negotiated TLS 1.3 and the key log has the %s's secrets only: the "
					  "%s's handshake records stayed encrypted (no %s_HANDSHAKE_TRAFFIC_SECRET for this "
					  "connection), so its certificates and alerts cannot be seen",
					  k->client, k->server, cd_tls_side_name(1 - side), cd_tls_side_name(side),
					  side == CD_TLS_SERVER ? "SERVER" : "CLIENT");
		} else if (!k->has_client_random) {
			f = cd_check_emit(ctx,
					  "%s -> %s negotiated TLS 1.3: the certificates went encrypted, and the capture "
					  "does not hold the ClientHello whose random would find the secrets in a key log",
					  k->client, k->server);
		} else if (m->stats.keylogs) {
			f = cd_check_emit(ctx,
					  "%s -> %s negotiated TLS 1.3: the certificates went encrypted, and no key log "
					  "read has the secrets of its ClientHello random %s",
					  k->client, k->server, random);
		} else {
			f = cd_check_emit(ctx,
					  "%s -> %s negotiated TLS 1.3: the certificates went encrypted, so this capture "
					  "cannot tell which certificates were sent or why the handshake failed; the "
					  "client's or server's key log (--keylog) would decrypt them",
					  k->client, k->server);
		}
		if (!f)
			return CD_E_NOMEM;
		cd_tls_where(f, k);
		cd_tls_evidence(f, k);
		if (k->has_client_random)
			cd_finding_evidence_str(f, "client_random", random);
	}
	return CD_OK;
}

const struct cd_check cd_check_tls_certificates_encrypted = {"tls.certificates-encrypted", run};
