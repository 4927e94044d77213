/* capture.h - read a pcap or pcapng capture and add the TLS connections it holds, and every
 * certificate that crossed the wire in the clear, to the model. */
#ifndef CD_PCAP_CAPTURE_H
#define CD_PCAP_CAPTURE_H

#include <stddef.h>
#include <stdint.h>
#include "pcap/keylog.h"
#include "model/model.h"

/* TCP connections tracked at once in one capture: beyond it new connections are not
 * analysed (ingest.limit-reached). A tracked connection whose handshake is over costs ~150
 * bytes; its reassembly and handshake buffers are freed at once. */
#define CD_PCAP_MAX_FLOWS 200000U
/* Connections holding parsing state at once (reassembly and handshake buffers, ~8 KB each,
 * from a connection's first payload byte until its handshake is over): a capture of 100,000
 * half-open handshakes held 813 MB. Beyond it new connections are not analysed
 * (ingest.limit-reached, with the count). */
#define CD_PCAP_MAX_LIVE_FLOWS 10000U
/* TLS connection records kept per capture (each is in the report). */
#define CD_PCAP_MAX_CONNS 100000U

/* Is this the start of a pcap (either byte order, µs or ns) or pcapng file? */
int cd_pcap_is_capture(const uint8_t *p, size_t len);

/* Read the capture open on fd (a regular file; src gives path/rel as the user knows them). fd
 * stays the caller's: a duplicate is read from the start. TLS 1.3 handshakes are decrypted with
 * the secrets of keylog (--keylog; may be NULL) and of the capture's own pcapng Decryption
 * Secrets Blocks. CD_OK when it could be read, even partly (damage becomes events), CD_E_NOMEM. */
int cd_pcap_ingest_fd(struct cd_model *m, int fd, const struct cd_source *src,
		      const struct cd_keylog *keylog);
/* The same over a buffer (archives, fuzzing). */
int cd_pcap_ingest_buffer(struct cd_model *m, const uint8_t *data, size_t len,
			  const struct cd_source *src, const struct cd_keylog *keylog);

#endif
