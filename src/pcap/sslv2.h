/* sslv2.h - the clear-text hellos of SSL 2.0: CLIENT-HELLO, SERVER-HELLO with the server's
 * certificate, and the SSL 2.0-format ClientHello that SSL 3.0 and TLS clients may send. */
#ifndef CD_PCAP_SSLV2_H
#define CD_PCAP_SSLV2_H

#include <stddef.h>
#include <stdint.h>
#include "pcap/tls.h"

/* An SSL 2.0 record with a 2-byte header holds at most 32767 bytes (its length has 15 bits). */
#define CD_SSLV2_MAX_RECORD 32767U
/* SSL 2.0's version number on the wire. */
#define CD_SSLV2_VERSION 0x0002

enum cd_sslv2_state {
	CD_SSLV2_IDLE = 0, /* no SSL 2.0 hello seen (yet) */
	CD_SSLV2_READING,  /* the hello record is arriving */
	CD_SSLV2_OVER      /* read (or given up): nothing more for this parser */
};

struct cd_sslv2_stream {
	enum cd_sslv2_state state;
	uint8_t *rec;      /* the hello record being gathered (owned) */
	size_t have, need; /* bytes gathered, bytes of the whole record with its header */
};

void cd_sslv2_stream_init(struct cd_sslv2_stream *v);
void cd_sslv2_stream_release(struct cd_sslv2_stream *v);
/* Does p start an SSL 2.0 record holding a CLIENT-HELLO or SERVER-HELLO whose lengths agree? */
int cd_sslv2_looks_like_hello(const uint8_t *p, size_t len);
/* One direction's bytes in order, before cd_tls_stream_feed(t, ...). While t has not found TLS,
 * an SSL 2.0 hello is gathered here (across segments) and reported through h: start,
 * client_hello (version 0x0002, or the TLS version of an SSL 2.0-format ClientHello; no SNI),
 * server_hello (version 0x0002) and certificate (the SERVER-HELLO's certificate, position 1).
 * Then t moves on: to CD_TLS_RECORDS after an SSL 2.0-format ClientHello of a TLS client (TLS
 * records follow), to CD_TLS_DONE after an SSL 2.0 hello (the rest is SSL 2.0 and, after the
 * CLIENT-MASTER-KEY, encrypted), to CD_TLS_LOST when the record is malformed. Returns the
 * bytes consumed; the rest belong to cd_tls_stream_feed. */
size_t cd_sslv2_feed(struct cd_sslv2_stream *v, struct cd_tls_stream *t, const uint8_t *data, size_t len,
		     const struct cd_tls_handler *h);

#endif
