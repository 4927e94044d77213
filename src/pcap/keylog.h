/* keylog.h - TLS key logs (the NSS key log format that SSLKEYLOGFILE, OpenSSL's -keylogfile,
 * GnuTLS, browsers and curl write), read from --keylog files and from pcapng Decryption
 * Secrets Blocks, indexed by the ClientHello random. Secrets are kept only here, wiped on
 * release, and never put into a message. */
#ifndef CD_PCAP_KEYLOG_H
#define CD_PCAP_KEYLOG_H

#include <stddef.h>
#include <stdint.h>
#include "model/model.h"

/* A key log file larger than this is not a key log (a browser session's log over days stays
 * under a few MB); only its first bytes are read (ingest.limit-reached). */
#define CD_KEYLOG_MAX_BYTES (256UL * 1024 * 1024)
/* Connections (client randoms) remembered from all key logs of one run: each costs ~250
 * bytes; more is ingest.limit-reached and the rest of the lines are not used. */
#define CD_KEYLOG_MAX_CLIENTS 1000000U
/* A key log line longer than this is malformed (the longest valid one is ~230 bytes). */
#define CD_KEYLOG_MAX_LINE 1024U
/* Malformed lines reported one by one per key log; the rest are counted in one finding. */
#define CD_KEYLOG_MAX_REPORTED 100U

/* The secrets certdiag uses (RFC 8446 §7.1 names). */
enum cd_keylog_label {
	CD_KL_CLIENT_HS = 0, /* CLIENT_HANDSHAKE_TRAFFIC_SECRET */
	CD_KL_SERVER_HS,     /* SERVER_HANDSHAKE_TRAFFIC_SECRET */
	CD_KL_CLIENT_APP,    /* CLIENT_TRAFFIC_SECRET_0 */
	CD_KL_SERVER_APP,    /* SERVER_TRAFFIC_SECRET_0 */
	CD_KL_N
};

struct cd_keylog_entry {
	uint8_t random[32];                /* the ClientHello random, the key */
	uint8_t secret[CD_KL_N][64];
	uint8_t len[CD_KL_N];              /* 0: not in any key log */
	uint32_t source[CD_KL_N];          /* index into sources[] */
	uint32_t line[CD_KL_N];            /* 1-based line in that key log */
};

struct cd_keylog {
	struct cd_keylog_entry *v; /* owned; wiped on release */
	size_t n, cap;
	size_t *index;             /* open addressing over v by random */
	size_t index_cap;
	char **sources;            /* owned: where each key log came from ("keys.log",
				      "capture.pcapng (Decryption Secrets Block 1)") */
	size_t n_sources;
	int limit_reported;
};

void cd_keylog_init(struct cd_keylog *k);
/* Free everything; every secret byte is overwritten first. NULL is fine. */
void cd_keylog_release(struct cd_keylog *k);

/* Read key log text (len bytes) that came from where (a name for messages; copied). Lines:
 * "LABEL <64 hex digits: client random> <hex: secret>"; '#' comments, blank lines and
 * labels certdiag does not use are skipped; a line with a known label and bad fields is
 * malformed: an event tls.keylog-malformed at src (path/rel) naming the line number and what
 * is wrong, never the line itself. A text with no key log line at all is one such event too.
 * Counts the key log in m->stats.keylogs. CD_OK, CD_E_NOMEM. */
int cd_keylog_parse(struct cd_keylog *k, const uint8_t *text, size_t len, const char *where,
		    struct cd_model *m, const struct cd_source *src);
/* Read the key log file at path (--keylog). CD_OK, CD_E_IO (cannot open or read it: *err,
 * malloc'd, says why), CD_E_NOMEM. */
int cd_keylog_load_file(struct cd_keylog *k, const char *path, struct cd_model *m, char **err);

/* The entry of this ClientHello random, NULL when no key log has it. Valid until the next
 * parse or release. */
/* 1 when the text reads as an NSS key log: its first line that is not blank or a comment
 * (within the first 4 KiB) is a label this file knows, a space or tab and 64 hexadecimal
 * digits. Only the shape is looked at; no secret is decoded. */
int cd_keylog_sniff(const uint8_t *text, size_t len);

const struct cd_keylog_entry *cd_keylog_find(const struct cd_keylog *k, const uint8_t random[32]);

#endif
