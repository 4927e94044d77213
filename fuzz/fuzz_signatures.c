/* fuzz_signatures.c - libFuzzer target for user-supplied log signatures (--signatures FILE):
 * the YAML reader (util/yaml.c), every check of a signature (keys, rule, severity, keyword,
 * expect), PCRE2 compilation of its pattern and the sample it must match, then the matcher
 * over a few log lines and over the input itself as a log. Seeds: fuzz/corpus/signatures/
 * (the files of rules/signatures/ and the example of docs/signatures.md). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "logs/logs.h"
#include "model/model.h"

static const char LOG[] =
	"2026-05-04 10:15:02,114 ERROR CA Certificate is Not Available in the Trust-Store\n"
	"2026-05-04 10:15:03,000 WARN FROBNICATE failed for a.example.com\n"
	"May  4 10:00:00 expe1 tvcs: Event=\"TLS Negotiation Failed\" Reason=\"certificate verify failed\"\n"
	"javax.net.ssl.SSLHandshakeException: PKIX path building failed\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_logsig_set s;
	struct cd_model m;
	struct cd_source src;
	char *err = NULL;

	memset(&s, 0, sizeof(s));
	if (cd_logsig_set_add_yaml(&s, "fuzz/sigs.yaml", (const char *)data, size, &err) == 0 &&
	    cd_logsig_set_finish(&s, &err) == 0) {
		memset(&src, 0, sizeof(src));
		src.path = "fuzz/node1/platform/log/certMgmt00001.log";
		src.rel = "node1/platform/log/certMgmt00001.log";
		cd_model_init(&m);
		cd_log_scan(&m, &s, (const uint8_t *)LOG, sizeof(LOG) - 1, &src);
		cd_log_scan(&m, &s, data, size, &src);
		cd_model_release(&m);
	}
	free(err);
	cd_logsig_set_release(&s);
	return 0;
}
