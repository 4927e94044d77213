/* reasm.c - TCP reassembly per direction (RFC 9293 §3.4 sequence space, 32-bit wrap-around):
 * out-of-order segments held within named limits, retransmissions and overlaps trimmed,
 * captures that start mid-connection picked up at the first segment seen, holes reported. */
#include <stdlib.h>
#include <string.h>
#include "pcap/reasm.h"
#include "util/error.h"

/* a - b in sequence space */
static int32_t seqdiff(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b);
}

void cd_reasm_init(struct cd_reasm *r)
{
	memset(r, 0, sizeof(*r));
}

void cd_reasm_release(struct cd_reasm *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_pending; i++)
		free(r->pending[i].data);
	r->n_pending = 0;
	r->pending_bytes = 0;
}

/* deliver a segment starting at seq (seq <= next), trimming what was already delivered */
static void take(struct cd_reasm *r, uint32_t seq, const uint8_t *data, size_t len, size_t wire,
		 uint64_t gap, cd_reasm_deliver_fn fn, void *ctx)
{
	uint32_t skip = (uint32_t)(r->next - seq);
	if (skip >= wire)
		return; /* wholly retransmitted */
	if (skip < len)
		fn(ctx, data + skip, len - skip, gap, len < wire);
	else
		fn(ctx, NULL, 0, gap, 1);
	r->delivered += wire - skip;
	r->next = seq + (uint32_t)wire;
}

/* deliver held segments that have become in order */
static void drain(struct cd_reasm *r, cd_reasm_deliver_fn fn, void *ctx)
{
	for (;;) {
		size_t best = SIZE_MAX;
		for (size_t i = 0; i < r->n_pending; i++)
			if (seqdiff(r->pending[i].seq, r->next) <= 0) {
				best = i;
				break;
			}
		if (best == SIZE_MAX)
			return;
		struct cd_reasm_seg s = r->pending[best];
		r->pending[best] = r->pending[--r->n_pending];
		r->pending_bytes -= s.len;
		take(r, s.seq, s.data, s.len, s.wire, 0, fn, ctx);
		free(s.data);
	}
}

/* skip the hole before the earliest held segment, reporting it */
static void skip_hole(struct cd_reasm *r, cd_reasm_deliver_fn fn, void *ctx)
{
	size_t lo = 0;
	uint32_t gap;
	if (!r->n_pending)
		return;
	for (size_t i = 1; i < r->n_pending; i++)
		if (seqdiff(r->pending[i].seq, r->pending[lo].seq) < 0)
			lo = i;
	struct cd_reasm_seg s = r->pending[lo];
	r->pending[lo] = r->pending[--r->n_pending];
	r->pending_bytes -= s.len;
	gap = (uint32_t)(s.seq - r->next);
	r->gap_bytes += gap;
	r->next = s.seq;
	take(r, s.seq, s.data, s.len, s.wire, gap, fn, ctx);
	free(s.data);
	drain(r, fn, ctx);
}

int cd_reasm_add(struct cd_reasm *r, uint32_t seq, int syn, const uint8_t *data, size_t len,
		 size_t wire, cd_reasm_deliver_fn fn, void *ctx)
{
	if (syn) {
		if (!r->started) {
			r->started = 1;
			r->next = seq + 1;
		}
		seq++; /* the SYN takes one sequence number; data on a SYN is rare but legal */
	}
	if (wire == 0)
		return CD_OK;
	if (!r->started) {
		r->started = 1;
		r->mid_start = 1;
		r->next = seq;
	}
	if (seqdiff(seq, r->next) <= 0) {
		take(r, seq, data, len, wire, 0, fn, ctx);
		drain(r, fn, ctx);
		return CD_OK;
	}
	/* a later segment: hold a copy */
	if (r->n_pending >= CD_REASM_MAX_PENDING || r->pending_bytes + len > CD_REASM_MAX_PENDING_BYTES)
		skip_hole(r, fn, ctx);
	if (seqdiff(seq, r->next) <= 0) { /* the hole we skipped reached this one */
		take(r, seq, data, len, wire, 0, fn, ctx);
		drain(r, fn, ctx);
		return CD_OK;
	}
	if (r->n_pending >= CD_REASM_MAX_PENDING)
		return CD_OK; /* cannot happen after skip_hole; kept for safety */
	for (size_t i = 0; i < r->n_pending; i++)
		if (r->pending[i].seq == seq && r->pending[i].wire >= wire)
			return CD_OK; /* a retransmission of a held segment */
	uint8_t *copy = malloc(len ? len : 1);
	if (!copy)
		return CD_E_NOMEM;
	if (len)
		memcpy(copy, data, len);
	r->pending[r->n_pending].seq = seq;
	r->pending[r->n_pending].len = (uint32_t)len;
	r->pending[r->n_pending].wire = (uint32_t)wire;
	r->pending[r->n_pending].data = copy;
	r->n_pending++;
	r->pending_bytes += len;
	return CD_OK;
}

void cd_reasm_flush(struct cd_reasm *r, cd_reasm_deliver_fn fn, void *ctx)
{
	while (r->n_pending)
		skip_hole(r, fn, ctx);
}
