/* reasm.h - TCP stream reassembly for one direction of one connection. */
#ifndef CD_PCAP_REASM_H
#define CD_PCAP_REASM_H

#include <stddef.h>
#include <stdint.h>

/* Out-of-order segments held per direction waiting for the hole before them, and the bytes
 * they may hold: a handshake fits in a few dozen segments; more means loss, and the hole is
 * then reported as a gap rather than waited for. */
#define CD_REASM_MAX_PENDING 64
#define CD_REASM_MAX_PENDING_BYTES (256U * 1024)

/* What the reassembler hands on: bytes in stream order. gap > 0: that many bytes were never
 * seen before these (reported, never guessed over). cut: these bytes are followed by bytes
 * the snap length cut off. */
typedef void (*cd_reasm_deliver_fn)(void *ctx, const uint8_t *data, size_t len, uint64_t gap,
				    int cut);

struct cd_reasm_seg {
	uint32_t seq;
	uint32_t len;      /* captured bytes */
	uint32_t wire;     /* bytes on the wire */
	uint8_t *data;     /* owned */
};

struct cd_reasm {
	int started;       /* next is known */
	int mid_start;     /* started without seeing the SYN */
	uint32_t next;     /* next sequence number expected */
	struct cd_reasm_seg pending[CD_REASM_MAX_PENDING];
	size_t n_pending, pending_bytes;
	uint64_t delivered;
	uint64_t gap_bytes;
};

void cd_reasm_init(struct cd_reasm *r);
/* Free held segments. */
void cd_reasm_release(struct cd_reasm *r);
/* One segment: seq, SYN flag, captured bytes data[0..len) of wire bytes on the wire. In-order
 * bytes are delivered at once; retransmitted and overlapping bytes are dropped (first copy
 * wins, as most stacks do); later bytes are held within the limits. CD_OK or CD_E_NOMEM. */
int cd_reasm_add(struct cd_reasm *r, uint32_t seq, int syn, const uint8_t *data, size_t len,
		 size_t wire, cd_reasm_deliver_fn fn, void *ctx);
/* End of capture or connection: deliver what is held, reporting the holes as gaps. */
void cd_reasm_flush(struct cd_reasm *r, cd_reasm_deliver_fn fn, void *ctx);

#endif
