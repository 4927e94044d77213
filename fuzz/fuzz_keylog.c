/* fuzz_keylog.c - libFuzzer target for a capture with its key log (src/pcap/keylog.c,
 * pcapng.c, tls13.c, tls.c, capture.c): bytes 0-1 (big-endian) give the key log's length, the
 * key log follows, the rest is the capture (pcap or pcapng, whose Decryption Secrets Blocks
 * are read too); then every check runs over what was found, the tls.* rules on decrypted
 * TLS 1.3 connections among them. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"
#include "pcap/capture.h"
#include "pcap/keylog.h"
#include "product/profile.h"

static struct cd_catalogue cat;
static struct cd_profiles profiles;
static int cat_loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_model m;
	struct cd_keylog kl;
	struct cd_source src, ksrc;
	struct cd_report r;
	struct cd_chains chains;
	struct cd_eval_opts eval = {.at = 1780272000, .expiry_warn = 30, .purpose = CD_PURPOSE_ANY,
				    .profile = CD_PROFILE_AUTO};
	struct cd_chain_opts co = {.at = 1780272000, .purpose = CD_PURPOSE_ANY, .profile = CD_PROFILE_AUTO};
	char *err = NULL;
	size_t klen;

	if (size < 2)
		return 0;
	if (!cat_loaded) {
		if (cd_catalogue_load(&cat, &err) < 0 || cd_profiles_load(&profiles, &err) < 0)
			abort();
		cat_loaded = 1;
	}
	eval.product.profiles = &profiles;
	eval.product.edge = -1;
	eval.product.upload = SIZE_MAX;
	klen = (size_t)data[0] << 8 | data[1];
	if (klen > size - 2)
		klen = size - 2;
	cd_model_init(&m);
	cd_keylog_init(&kl);
	memset(&src, 0, sizeof(src));
	memset(&ksrc, 0, sizeof(ksrc));
	src.path = src.rel = "fuzz.pcapng";
	ksrc.path = ksrc.rel = "sslkeys.log";
	if (cd_keylog_parse(&kl, data + 2, klen, "sslkeys.log", &m, &ksrc) == 0)
		cd_pcap_ingest_buffer(&m, data + 2 + klen, size - 2 - klen, &src, &kl);
	if (cd_chains_build(&chains, &m, &co) == 0 && cd_engine_run(&m, &chains, &cat, &eval, &r, &err) == 0)
		cd_report_release(&r);
	cd_chains_release(&chains);
	free(err);
	cd_keylog_release(&kl);
	cd_model_release(&m);
	return 0;
}
