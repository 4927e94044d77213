/* fuzz_capture.c - libFuzzer target for whole packet captures through src/pcap/capture.c
 * from memory (cd_pcap_ingest_buffer: libpcap's pcap and pcapng readers over fmemopen, frame
 * decoding, TCP reassembly, TLS on any port, the flow and connection limits), then every
 * check. Seeds: fuzz/corpus/capture/ (testdata/captures/, testdata/gen/captures.sh). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "engine/engine.h"
#include "pcap/capture.h"
#include "product/context.h"

static struct cd_catalogue cat;
static int cat_loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_model m;
	struct cd_source src;
	struct cd_report r;
	struct cd_eval_opts eval = {.at = 1780272000, .expiry_warn = 30, .host = "www.example.com"};
	struct cd_chain_opts co = {.at = 1780272000};
	struct cd_chains chains;
	struct cd_product_opts prod;
	char *err = NULL;

	if (!cat_loaded) {
		if (cd_catalogue_load(&cat, &err) < 0)
			abort();
		cat_loaded = 1;
	}
	cd_product_opts_init(&prod);
	eval.product = &prod;
	memset(&src, 0, sizeof(src));
	src.path = "fuzz/capture.pcapng";
	src.rel = "capture.pcapng";
	cd_model_init(&m);
	/* every input goes to libpcap, whatever its first bytes (it refuses what is no capture) */
	if (cd_pcap_ingest_buffer(&m, data, size, &src, NULL) == CD_OK && cd_chains_build(&chains, &m, &co) == 0) {
		if (cd_engine_run(&m, &chains, &cat, &eval, &r, &err) == 0)
			cd_report_release(&r);
		cd_chains_release(&chains);
	}
	free(err);
	cd_model_release(&m);
	return 0;
}
