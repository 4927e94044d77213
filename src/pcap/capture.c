/* capture.c - a pcap/pcapng capture (libpcap) to TLS connection records and certificates:
 * frames are decoded (packet.c), TCP connections tracked and reassembled per direction
 * (reasm.c), TLS found on any port by its record structure, also after STARTTLS (tls.c);
 * TLS 1.3 handshakes are decrypted with the secrets of a key log (keylog.c: --keylog, and
 * the capture's own pcapng Decryption Secrets Blocks, pcapng.c) keyed by the ClientHello
 * random (NSS key log format; RFC 8446 §7.1).
 * Suricata/Zeek model: time comes from the capture; damage becomes named events. Memory
 * is bounded: only handshake bytes are kept, and a connection's buffers are freed as soon
 * as its handshake is over. */
#include <errno.h>
#include <fcntl.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pcap/capture.h"
#include "pcap/packet.h"
#include "pcap/pcapng.h"
#include "pcap/reasm.h"
#include "pcap/sslv2.h"
#include "pcap/tls.h"
#include "util/error.h"
#include "util/str.h"

struct live { /* per-connection parsing state, freed once the handshake is over */
	struct cd_reasm r[2];
	struct cd_tls_stream t[2];
	struct cd_sslv2_stream v2[2]; /* SSL 2.0 hellos (sslv2.c), read before t */
	int skip_certs[2]; /* a second Certificate message (renegotiation) is not listed */
	char starttls[8];  /* STARTTLS seen before the connection record exists */
	uint8_t random[32]; /* the first ClientHello's random: the key logs' key */
	int have_random;
	const struct cd_keylog_entry *keys; /* this connection's secrets, NULL none */
	const struct cd_keylog *keys_from;
};

struct flow {
	struct flow *next;  /* hash chain */
	int af;
	uint8_t a[16], b[16]; /* a: sender of the first packet seen; direction 0 is a -> b */
	uint16_t pa, pb;
	int syn_from;       /* direction of a SYN without ACK (the client's), -1 unseen */
	int server;         /* direction the server sends in, -1 unknown */
	int fin[2];
	size_t conn;        /* index into m->conns, SIZE_MAX none */
	uint64_t first_frame;
	int64_t first_sec;
	long first_usec;
	struct live *live;  /* parsing state: from the first payload byte to the handshake's end */
	int live_state;     /* LIVE_NOT_YET, LIVE_ON, LIVE_OVER, LIVE_DENIED */
	uint32_t syn_seq[2]; /* a SYN seen before the state existed, replayed into it */
	int syn_seen[2];
};

/* A connection holds parsing state (~8 KB: reassembly and handshake buffers) only from its
 * first payload byte until its handshake is over; a SYN alone costs the flow record. */
enum { LIVE_NOT_YET = 0, LIVE_ON, LIVE_OVER, LIVE_DENIED };

#define CAP_RECENT 8 /* certificates remembered by their bytes (a chain or two) */

struct cap {
	struct cd_model *m;
	const struct cd_source *src;
	struct flow **tab;
	size_t tab_cap, n_flows;
	uint64_t frame;
	int64_t sec;
	long usec;
	unsigned long cut_frames;
	size_t n_live;               /* flows holding parsing state now */
	unsigned long live_denied;   /* connections not analysed: CD_PCAP_MAX_LIVE_FLOWS reached */
	unsigned long limit_frames;  /* frames not decoded at a packet.c limit */
	uint64_t limit_first;        /* the first of them */
	const char *limit_why;       /* and its limit */
	struct cd_encap encap[CD_PACKET_MAX_ENCAP]; /* tunnels the current frame came through */
	int n_encap;
	int flows_limit, conns_limit;
	int lost;
	const struct cd_keylog *keylog; /* --keylog, may be NULL */
	struct cd_keylog embedded;      /* the capture's Decryption Secrets Blocks */
	/* the objects of the last certificates connections sent: a server's chain comes again
	 * in every connection, and comparing its bytes costs less than hashing them */
	size_t recent[CAP_RECENT];
	unsigned n_recent, recent_next;
};

struct dctx { /* one direction of one flow, for the callbacks */
	struct cap *c;
	struct flow *f;
	int dir;
};

int cd_pcap_is_capture(const uint8_t *p, size_t len)
{
	static const uint8_t magics[][4] = {
		{0xd4, 0xc3, 0xb2, 0xa1}, {0xa1, 0xb2, 0xc3, 0xd4}, /* pcap, µs */
		{0x4d, 0x3c, 0xb2, 0xa1}, {0xa1, 0xb2, 0x3c, 0x4d}, /* pcap, ns */
		{0x0a, 0x0d, 0x0d, 0x0a},                           /* pcapng section header */
	};
	if (len < 24)
		return 0;
	for (size_t i = 0; i < sizeof(magics) / sizeof(magics[0]); i++)
		if (!memcmp(p, magics[i], 4))
			return 1;
	return 0;
}

static void event(struct cap *c, const char *rule, size_t obj, const char *fmt, const char *a,
		  unsigned long long n)
{
	char msg[512];
	snprintf(msg, sizeof(msg), fmt, a, n);
	cd_model_event(c->m, rule, c->src, 0, obj, "%s", msg);
}

static struct cd_tls_conn *conn_of(struct dctx *d)
{
	return d->f->conn == SIZE_MAX ? NULL : &d->c->m->conns[d->f->conn];
}

static void endpoints(const struct flow *f, char *client, char *server, size_t n)
{
	int s = f->server >= 0 ? f->server : (f->syn_from >= 0 ? 1 - f->syn_from : (f->pa < f->pb ? 0 : 1));
	/* the server sends in direction s: s == 0 means a is the server */
	cd_packet_endpoint(f->af, s == 0 ? f->b : f->a, s == 0 ? f->pb : f->pa, client, n);
	cd_packet_endpoint(f->af, s == 0 ? f->a : f->b, s == 0 ? f->pa : f->pb, server, n);
}

static int side_of(const struct flow *f, int dir)
{
	int s = f->server >= 0 ? f->server : (f->syn_from >= 0 ? 1 - f->syn_from : (f->pa < f->pb ? 0 : 1));
	return dir == s ? CD_TLS_SERVER : CD_TLS_CLIENT;
}

/* A new, zeroed connection record in m with path/rel copied; NULL when out of memory. The
 * pointer lives until the next conn_new (the array grows): keep indices, not pointers. */
static struct cd_tls_conn *conn_new(struct cd_model *m, const char *path, const char *rel)
{
	struct cd_tls_conn *c;
	if (m->n_conns == m->cap_conns) {
		size_t cap = m->cap_conns ? m->cap_conns * 2 : 8;
		struct cd_tls_conn *nc = realloc(m->conns, cap * sizeof(*nc));
		if (!nc)
			return NULL;
		m->conns = nc;
		m->cap_conns = cap;
	}
	c = &m->conns[m->n_conns];
	memset(c, 0, sizeof(*c));
	c->path = cd_strdup(path);
	c->rel = cd_strdup(rel);
	if ((path && !c->path) || (rel && !c->rel)) {
		free(c->path);
		free(c->rel);
		return NULL;
	}
	m->n_conns++;
	return c;
}

static struct cd_tls_conn *ensure_conn(struct dctx *d)
{
	struct cd_tls_conn *k;
	if (d->f->conn != SIZE_MAX)
		return conn_of(d);
	if (d->c->m->n_conns >= CD_PCAP_MAX_CONNS) {
		if (!d->c->conns_limit)
			event(d->c, "ingest.limit-reached", SIZE_MAX,
			      "%smore than %llu TLS connections in one capture: the rest are not analysed", "",
			      CD_PCAP_MAX_CONNS);
		d->c->conns_limit = 1;
		return NULL;
	}
	k = conn_new(d->c->m, d->c->src->path, d->c->src->rel);
	if (!k) {
		d->c->lost = CD_E_NOMEM;
		return NULL;
	}
	d->f->conn = d->c->m->n_conns - 1;
	k->first_frame = d->f->first_frame;
	k->first_sec = d->f->first_sec;
	k->first_usec = d->f->first_usec;
	k->last_frame = d->c->frame;
	k->last_sec = d->c->sec;
	k->last_usec = d->c->usec;
	k->mid_start = d->f->syn_from < 0;
	endpoints(d->f, k->client, k->server, sizeof(k->client));
	if (d->f->live)
		cd_strlcpy(k->starttls, d->f->live->starttls, sizeof(k->starttls));
	return k;
}

/* ---------------------------------------------------------------- TLS callbacks */

static void on_start(void *ctx, int ch, int sh)
{
	struct dctx *d = ctx;
	struct cd_tls_conn *k;
	if (d->f->server < 0 && (ch || sh))
		d->f->server = ch ? 1 - d->dir : d->dir;
	k = ensure_conn(d);
	if (k)
		endpoints(d->f, k->client, k->server, sizeof(k->client));
}

static void on_client_hello(void *ctx, uint16_t legacy, const char *sni, const uint16_t *v, size_t n,
			    const uint8_t *random)
{
	struct dctx *d = ctx;
	struct cd_tls_conn *k = ensure_conn(d);
	if (!k || k->saw_client_hello)
		return;
	if (d->f->live && random) { /* a second ClientHello (after HelloRetryRequest) keeps the random */
		memcpy(d->f->live->random, random, 32);
		d->f->live->have_random = 1;
	}
	k->saw_client_hello = 1;
	k->client_version = legacy;
	if (random) {
		memcpy(k->client_random, random, 32);
		k->has_client_random = 1;
	}
	if (sni && !k->sni)
		k->sni = cd_strdup(sni);
	for (size_t i = 0; i < n && k->n_offered < 16; i++)
		if ((v[i] & 0x0f0f) != 0x0a0a) /* GREASE values are not versions */
			k->offered[k->n_offered++] = v[i];
}

static const char *const LABEL_NAMES[CD_KL_N] = {
	"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0",
	"SERVER_TRAFFIC_SECRET_0"};

/* "keys.log line 3" for one secret of the connection's key log entry */
static void secret_where(const struct live *l, int label, char *out, size_t n)
{
	const struct cd_keylog_entry *e = l->keys;
	if (!e || !e->len[label]) {
		snprintf(out, n, "(none)");
		return;
	}
	snprintf(out, n, "%s line %u", l->keys_from->sources[e->source[label]], (unsigned)e->line[label]);
}

static void decryption_event(struct dctx *d, int side, const char *fmt, const char *a, const char *b)
{
	struct cd_tls_conn *k = conn_of(d);
	char msg[1024], what[700];
	if (!k)
		return;
	k->secrets = CD_SECRETS_FAILED;
	k->encrypted_certs = 1;
	snprintf(what, sizeof(what), fmt, a, b);
	snprintf(msg, sizeof(msg), "flow %s -> %s, %s records from frame %llu: %s; the rest of the %s's handshake is not analysed",
		 k->client, k->server, side == CD_TLS_SERVER ? "server" : "client", (unsigned long long)d->c->frame,
		 what, side == CD_TLS_SERVER ? "server" : "client");
	cd_model_event(d->c->m, "tls.decryption-failed", d->c->src, 0, SIZE_MAX, "%s", msg);
}

/* TLS 1.3: find the connection's secrets and key both directions */
static void install_keys(struct dctx *d, struct cd_tls_conn *k)
{
	struct live *l = d->f->live;
	const struct cd_keylog_entry *e = NULL;
	const struct cd_keylog *from = NULL;
	if (!l || !l->have_random)
		return;
	if ((e = cd_keylog_find(&d->c->embedded, l->random)))
		from = &d->c->embedded;
	else if ((e = cd_keylog_find(d->c->keylog, l->random)))
		from = d->c->keylog;
	if (!e || (!e->len[CD_KL_SERVER_HS] && !e->len[CD_KL_CLIENT_HS]))
		return;
	l->keys = e;
	l->keys_from = from;
	d->c->m->stats.tls13_secrets++;
	free(k->secrets_from);
	k->secrets_from = cd_strdup(from->sources[e->source[e->len[CD_KL_SERVER_HS] ? CD_KL_SERVER_HS : CD_KL_CLIENT_HS]]);
	for (int side = CD_TLS_CLIENT; side <= CD_TLS_SERVER; side++) {
		int hs = side == CD_TLS_SERVER ? CD_KL_SERVER_HS : CD_KL_CLIENT_HS;
		int app = side == CD_TLS_SERVER ? CD_KL_SERVER_APP : CD_KL_CLIENT_APP;
		int dir = side_of(d->f, d->dir) == side ? d->dir : 1 - d->dir;
		char where[600], msg[160];
		const struct cd_tls13_suite *su = cd_tls13_suite_find(k->cipher);
		int rc;
		if (!e->len[hs])
			continue; /* that side's records stay encrypted (reported by on_encrypted) */
		rc = cd_tls_stream_set_keys(&l->t[dir], k->cipher, e->secret[hs], e->len[hs], e->secret[app],
					    e->len[app]);
		if (rc == CD_OK)
			continue;
		if (rc == CD_E_NOMEM) {
			d->c->lost = rc;
			return;
		}
		secret_where(l, rc == CD_E_MALFORMED && e->len[app] && su && e->len[hs] == su->hash_len ? app : hs,
			     where, sizeof(where));
		if (!su)
			snprintf(msg, sizeof(msg), "cipher suite 0x%04X is not one of the five TLS 1.3 suites certdiag decrypts",
				 k->cipher);
		else if (rc == CD_E_MALFORMED)
			snprintf(msg, sizeof(msg), "its secret is not %zu bytes long as %s needs", su->hash_len, su->name);
		else
			snprintf(msg, sizeof(msg), "GnuTLS cannot decrypt %s here", su->name);
		decryption_event(d, side, "the secret from %s cannot be used: %s", where, msg);
	}
}

static void on_server_hello(void *ctx, uint16_t legacy, uint16_t cipher, uint16_t selected, int hrr)
{
	struct dctx *d = ctx;
	struct cd_tls_conn *k = ensure_conn(d);
	if (!k || k->saw_server_hello)
		return;
	if (hrr) {
		/* the server asks for another ClientHello; the ServerHello is still to come, and
		 * both directions are TLS 1.3 from here (their change_cipher_spec means nothing) */
		k->hello_retry = 1;
		if (d->f->live)
			d->f->live->t[1 - d->dir].version = selected;
		return;
	}
	k->saw_server_hello = 1;
	k->server_version = selected ? selected : legacy;
	k->cipher = cipher;
	k->cipher_known = legacy != CD_SSLV2_VERSION; /* SSL 2.0: the client picks the cipher later */
	if (d->f->live)
		d->f->live->t[1 - d->dir].version = k->server_version;
	if (k->server_version == 0x0304) {
		k->secrets = CD_SECRETS_MISSING;
		install_keys(d, k);
	}
}

static void on_certificate(void *ctx, const uint8_t *der, size_t len, unsigned pos, int last)
{
	struct dctx *d = ctx;
	struct cd_tls_conn *k = ensure_conn(d);
	int side = side_of(d->f, d->dir);
	struct cd_source s;
	char loc[384], tun[160];
	size_t idx = SIZE_MAX;
	char *detail = NULL;
	int rc;
	if (!k)
		return;
	if (pos == 1 && k->n_certs[side])
		d->f->live->skip_certs[side] = 1;
	if (d->f->live->skip_certs[side])
		return;
	cd_packet_encap_name(d->c->encap, d->c->n_encap, tun, sizeof(tun));
	snprintf(loc, sizeof(loc), "frame %llu, flow %s -> %s, %s, position %u%s%s",
		 (unsigned long long)d->c->frame, k->client, k->server,
		 side == CD_TLS_SERVER ? "server" : "client", pos, tun[0] ? ", inside " : "", tun);
	s = *d->c->src;
	s.locator = loc;
	s.frame = d->c->frame;
	s.position = pos;
	s.offset = 0;
	s.pem_block = 0;
	s.container[0] = 0;
	memset(&s.role, 0, sizeof(s.role));
	d->c->m->stats.candidates++;
	for (unsigned i = 0; i < d->c->n_recent && idx == SIZE_MAX; i++) {
		const struct cd_object *o = d->c->m->objects[d->c->recent[i]];
		if (o->der_len == len && !memcmp(o->der, der, len))
			idx = d->c->recent[i];
	}
	if (idx != SIZE_MAX) {
		rc = cd_model_add_place(d->c->m, idx, &s);
	} else {
		rc = cd_model_add(d->c->m, CD_KIND_CERT, der, len, &s, &idx, &detail);
		if (rc == CD_OK && d->c->m->objects[idx]->der) {
			d->c->recent[d->c->recent_next] = idx;
			d->c->recent_next = (d->c->recent_next + 1) % CAP_RECENT;
			if (d->c->n_recent < CAP_RECENT)
				d->c->n_recent++;
		}
	}
	if (rc == CD_E_NOMEM) {
		d->c->lost = rc;
	} else if (rc < 0) {
		cd_model_event(d->c->m, rc == CD_E_LIMIT ? "ingest.limit-reached" : "ingest.unparseable", &s, 0,
			       SIZE_MAX, "damaged certificate at %s: %s", loc, detail ? detail : cd_strerror(rc));
	} else {
		size_t *nc = realloc(k->certs[side], (k->n_certs[side] + 1) * sizeof(*nc));
		if (!nc) {
			d->c->lost = CD_E_NOMEM;
		} else {
			k = conn_of(d);
			nc[k->n_certs[side]++] = idx;
			k->certs[side] = nc;
		}
	}
	free(detail);
	(void)last;
}

static void on_cert_request(void *ctx, const uint8_t *const *names, const size_t *lens, size_t n)
{
	struct dctx *d = ctx;
	struct cd_tls_conn *k = ensure_conn(d);
	if (!k || k->cert_request)
		return;
	k->cert_request = 1;
	if (!n)
		return;
	k->ca_names = calloc(n, sizeof(*k->ca_names));
	k->ca_name_lens = calloc(n, sizeof(*k->ca_name_lens));
	if (!k->ca_names || !k->ca_name_lens) {
		d->c->lost = CD_E_NOMEM;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		k->ca_names[i] = malloc(lens[i] ? lens[i] : 1);
		if (!k->ca_names[i]) {
			d->c->lost = CD_E_NOMEM;
			return;
		}
		memcpy(k->ca_names[i], names[i], lens[i]);
		k->ca_name_lens[i] = lens[i];
		k->n_ca_names++;
	}
}

static void on_alert(void *ctx, uint8_t level, uint8_t desc, int encrypted)
{
	struct dctx *d = ctx;
	struct cd_tls_conn *k = ensure_conn(d);
	struct cd_tls_alert *na;
	if (!k || k->n_alerts >= 16)
		return;
	na = realloc(k->alerts, (k->n_alerts + 1) * sizeof(*na));
	if (!na) {
		d->c->lost = CD_E_NOMEM;
		return;
	}
	k->alerts = na;
	na[k->n_alerts].from = side_of(d->f, d->dir);
	na[k->n_alerts].level = level;
	na[k->n_alerts].desc = desc;
	na[k->n_alerts].encrypted = encrypted;
	na[k->n_alerts].frame = d->c->frame;
	k->n_alerts++;
}

static void on_encrypted(void *ctx, int app_data)
{
	struct dctx *d = ctx;
	struct cd_tls_conn *k = conn_of(d);
	(void)app_data;
	if (k && k->server_version == 0x0304) {
		/* a TLS 1.3 flight no key log opened: its certificates (and alerts) are unseen */
		k->encrypted_certs = 1;
		k->undecrypted[side_of(d->f, d->dir)] = 1;
	}
}

static void on_decrypted(void *ctx, enum cd_tls13_phase phase)
{
	struct dctx *d = ctx;
	struct cd_tls_conn *k = conn_of(d);
	(void)phase;
	if (!k)
		return;
	k->decrypted[side_of(d->f, d->dir)] = 1;
	if (k->secrets != CD_SECRETS_FAILED)
		k->secrets = CD_SECRETS_USED;
}

static void on_decrypt_failed(void *ctx, enum cd_tls13_phase phase, const char *why)
{
	struct dctx *d = ctx;
	int side = side_of(d->f, d->dir), label;
	char where[600];
	if (!d->f->live)
		return;
	label = phase == CD_TLS13_APPLICATION ? (side == CD_TLS_SERVER ? CD_KL_SERVER_APP : CD_KL_CLIENT_APP)
					      : (side == CD_TLS_SERVER ? CD_KL_SERVER_HS : CD_KL_CLIENT_HS);
	secret_where(d->f->live, label, where, sizeof(where));
	if (why)
		decryption_event(d, side, "%s (%s)", why, where);
	else
		decryption_event(d, side,
				 "a record does not decrypt with %s from %s: that secret is not this connection's "
				 "(a key log of another session, or an altered line)",
				 LABEL_NAMES[label], where);
}

static void on_event(void *ctx, enum cd_tls_event_kind kind, const char *msg)
{
	struct dctx *d = ctx;
	struct cd_tls_conn *k = ensure_conn(d);
	char where[160] = "";
	if (k) {
		snprintf(where, sizeof(where), "flow %s -> %s, frame ", k->client, k->server);
		if (kind == CD_TLS_EV_MALFORMED)
			k->malformed = 1;
	}
	char msg2[512];
	snprintf(msg2, sizeof(msg2), "%s%llu: %s", where, (unsigned long long)d->c->frame, msg);
	cd_model_event(d->c->m, kind == CD_TLS_EV_LIMIT ? "ingest.limit-reached" : "ingest.unparseable",
		       d->c->src, 0, SIZE_MAX, "%s", msg2);
}

static void on_starttls(void *ctx, const char *proto)
{
	struct dctx *d = ctx;
	struct cd_tls_conn *k = conn_of(d);
	if (k && !k->starttls[0])
		cd_strlcpy(k->starttls, proto, sizeof(k->starttls));
	else if (!k && d->f->live && !d->f->live->starttls[0])
		cd_strlcpy(d->f->live->starttls, proto, sizeof(d->f->live->starttls));
}

static const struct cd_tls_handler handler_proto = {
	NULL, on_start, on_client_hello, on_server_hello, on_certificate, on_cert_request,
	on_alert, on_encrypted, on_event, on_starttls, on_decrypted, on_decrypt_failed,
};

/* ---------------------------------------------------------------- reassembled bytes */

static void deliver(void *ctx, const uint8_t *data, size_t len, uint64_t gap, int cut)
{
	struct dctx *d = ctx;
	struct cd_tls_stream *t = &d->f->live->t[d->dir];
	struct cd_sslv2_stream *v2 = &d->f->live->v2[d->dir];
	struct cd_tls_handler h = handler_proto;
	size_t used = 0;
	h.ctx = d;
	if (gap && v2->state == CD_SSLV2_READING) { /* an SSL 2.0 hello with a hole: a gap */
		v2->state = CD_SSLV2_OVER;
		t->state = CD_TLS_RECORDS;
	}
	if (gap && t->state == CD_TLS_RECORDS) {
		struct cd_tls_conn *k = ensure_conn(d);
		if (k) {
			char msg[400];
			k->gap = 1;
			snprintf(msg, sizeof(msg),
				 "flow %s -> %s, %s: %llu bytes are missing from the capture before frame %llu; "
				 "the rest of this handshake direction is not analysed",
				 k->client, k->server, side_of(d->f, d->dir) == CD_TLS_SERVER ? "server" : "client",
				 (unsigned long long)gap, (unsigned long long)d->c->frame);
			cd_model_event(d->c->m, "tls.capture-gap", d->c->src, 0, SIZE_MAX, "%s", msg);
		}
		t->state = CD_TLS_LOST;
	}
	if (len)
		used = cd_sslv2_feed(v2, t, data, len, &h);
	if (len > used)
		cd_tls_stream_feed(t, data + used, len - used, 1, &h);
	if (cut && (t->state == CD_TLS_RECORDS || t->state == CD_TLS_DETECT)) {
		struct cd_tls_conn *k = t->state == CD_TLS_RECORDS ? ensure_conn(d) : conn_of(d);
		if (k)
			k->truncated = 1;
		if (t->state == CD_TLS_RECORDS)
			t->state = CD_TLS_LOST;
	}
}

static int dir_over(const struct cd_tls_stream *t)
{
	return t->state == CD_TLS_DONE || t->state == CD_TLS_LOST || t->state == CD_TLS_NOT_TLS;
}

/* free the parsing state of a flow (flushing held segments first when flush) */
static void drop_live(struct cap *c, struct flow *f, int flush)
{
	if (!f->live)
		return;
	/* every direction flushed before any is released: what one delivers (a ServerHello) may
	 * set up the other (its TLS 1.3 keys) */
	for (int dir = 0; dir < 2 && flush; dir++) {
		struct dctx d = {c, f, dir};
		cd_reasm_flush(&f->live->r[dir], deliver, &d);
	}
	for (int dir = 0; dir < 2; dir++) {
		cd_reasm_release(&f->live->r[dir]);
		cd_tls_stream_release(&f->live->t[dir]);
		cd_sslv2_stream_release(&f->live->v2[dir]);
	}
	free(f->live);
	f->live = NULL;
	f->live_state = LIVE_OVER;
	c->n_live--;
}

/* Give f its parsing state at its first payload byte, within CD_PCAP_MAX_LIVE_FLOWS. Returns 0
 * when it has none (denied, or out of memory: c->lost). */
static int live_start(struct cap *c, struct flow *f)
{
	if (f->live_state != LIVE_NOT_YET)
		return f->live_state == LIVE_ON;
	if (c->n_live >= CD_PCAP_MAX_LIVE_FLOWS) {
		f->live_state = LIVE_DENIED; /* reported at the end of the capture, with the count */
		c->live_denied++;
		return 0;
	}
	f->live = calloc(1, sizeof(*f->live));
	if (!f->live) {
		c->lost = CD_E_NOMEM;
		return 0;
	}
	for (int i = 0; i < 2; i++) {
		cd_reasm_init(&f->live->r[i]);
		cd_tls_stream_init(&f->live->t[i]);
		cd_sslv2_stream_init(&f->live->v2[i]);
	}
	f->live_state = LIVE_ON;
	c->n_live++;
	for (int dir = 0; dir < 2; dir++)
		if (f->syn_seen[dir]) { /* as if the state had been there at the SYN */
			struct dctx d = {c, f, dir};
			if (cd_reasm_add(&f->live->r[dir], f->syn_seq[dir], 1, NULL, 0, 0, deliver, &d) < 0)
				c->lost = CD_E_NOMEM;
		}
	return 1;
}

/* ---------------------------------------------------------------- flow table */

static uint64_t hash_key(int af, const uint8_t *x, uint16_t px, const uint8_t *y, uint16_t py)
{
	/* symmetric: both directions hash alike */
	uint64_t h1 = 1469598103934665603ULL, h2 = 1469598103934665603ULL;
	size_t n = af == 6 ? 16 : 4;
	for (size_t i = 0; i < n; i++) {
		h1 = (h1 ^ x[i]) * 1099511628211ULL;
		h2 = (h2 ^ y[i]) * 1099511628211ULL;
	}
	h1 = (h1 ^ px) * 1099511628211ULL;
	h2 = (h2 ^ py) * 1099511628211ULL;
	return (h1 ^ h2) * 0x9e3779b97f4a7c15ULL;
}

static int same(const struct flow *f, const struct cd_packet *p, int *dir)
{
	if (f->af != p->af)
		return 0;
	if (f->pa == p->sport && f->pb == p->dport && !memcmp(f->a, p->src, 16) && !memcmp(f->b, p->dst, 16)) {
		*dir = 0;
		return 1;
	}
	if (f->pb == p->sport && f->pa == p->dport && !memcmp(f->b, p->src, 16) && !memcmp(f->a, p->dst, 16)) {
		*dir = 1;
		return 1;
	}
	return 0;
}

static int grow(struct cap *c)
{
	size_t cap = c->tab_cap ? c->tab_cap * 2 : 1024;
	struct flow **nt = calloc(cap, sizeof(*nt));
	if (!nt)
		return CD_E_NOMEM;
	for (size_t i = 0; i < c->tab_cap; i++) {
		struct flow *f = c->tab[i], *nx;
		for (; f; f = nx) {
			nx = f->next;
			size_t s = hash_key(f->af, f->a, f->pa, f->b, f->pb) & (cap - 1);
			f->next = nt[s];
			nt[s] = f;
		}
	}
	free(c->tab);
	c->tab = nt;
	c->tab_cap = cap;
	return CD_OK;
}

static void remove_flow(struct cap *c, struct flow *f)
{
	size_t s = hash_key(f->af, f->a, f->pa, f->b, f->pb) & (c->tab_cap - 1);
	for (struct flow **pp = &c->tab[s]; *pp; pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	drop_live(c, f, 1);
	free(f);
	c->n_flows--;
}

static struct flow *lookup(struct cap *c, const struct cd_packet *p, int *dir, int create)
{
	size_t s;
	struct flow *f;
	if (c->tab_cap) {
		s = hash_key(p->af, p->src, p->sport, p->dst, p->dport) & (c->tab_cap - 1);
		for (f = c->tab[s]; f; f = f->next)
			if (same(f, p, dir))
				return f;
	}
	if (!create)
		return NULL;
	if (c->n_flows >= CD_PCAP_MAX_FLOWS) {
		if (!c->flows_limit)
			event(c, "ingest.limit-reached", SIZE_MAX,
			      "%smore than %llu TCP connections open at once in one capture: new ones are not analysed",
			      "", CD_PCAP_MAX_FLOWS);
		c->flows_limit = 1;
		return NULL;
	}
	if (c->n_flows >= c->tab_cap && grow(c) < 0) {
		c->lost = CD_E_NOMEM;
		return NULL;
	}
	f = calloc(1, sizeof(*f));
	if (!f) {
		c->lost = CD_E_NOMEM;
		return NULL;
	}
	f->af = p->af;
	memcpy(f->a, p->src, 16);
	memcpy(f->b, p->dst, 16);
	f->pa = p->sport;
	f->pb = p->dport;
	f->syn_from = f->server = -1;
	f->conn = SIZE_MAX;
	f->first_frame = c->frame;
	f->first_sec = c->sec;
	f->first_usec = c->usec;
	s = hash_key(p->af, p->src, p->sport, p->dst, p->dport) & (c->tab_cap - 1);
	f->next = c->tab[s];
	c->tab[s] = f;
	c->n_flows++;
	*dir = 0;
	return f;
}

/* ---------------------------------------------------------------- frames */

static void frame(struct cap *c, int link, const struct pcap_pkthdr *hdr, const uint8_t *data)
{
	struct cd_packet p;
	struct flow *f;
	int dir = 0;
	enum cd_packet_result r;
	c->frame++;
	c->sec = (int64_t)hdr->ts.tv_sec;
	c->usec = (long)hdr->ts.tv_usec;
	if (hdr->caplen < hdr->len)
		c->cut_frames++;
	r = cd_packet_decode(link, data, hdr->caplen, hdr->len, &p);
	if (r == CD_PACKET_LIMIT && !c->limit_frames++) {
		c->limit_first = c->frame;
		c->limit_why = p.limit;
	}
	if (r != CD_PACKET_TCP)
		return;
	c->n_encap = p.n_encap;
	if (p.n_encap)
		memcpy(c->encap, p.encap, (size_t)p.n_encap * sizeof(p.encap[0]));
	f = lookup(c, &p, &dir, p.payload_wire > 0 || (p.flags & CD_TCP_SYN));
	if (!f)
		return;
	if ((p.flags & (CD_TCP_SYN | CD_TCP_ACK)) == CD_TCP_SYN)
		f->syn_from = dir;
	if (f->conn != SIZE_MAX) {
		struct cd_tls_conn *k = &c->m->conns[f->conn];
		k->last_frame = c->frame;
		k->last_sec = c->sec;
		k->last_usec = c->usec;
	}
	if (!f->live && p.payload_wire > 0)
		live_start(c, f);
	else if (!f->live && (p.flags & CD_TCP_SYN) && f->live_state == LIVE_NOT_YET) {
		f->syn_seq[dir] = p.seq;
		f->syn_seen[dir] = 1;
	}
	if (f->live) {
		struct dctx d = {c, f, dir};
		if (cd_reasm_add(&f->live->r[dir], p.seq, !!(p.flags & CD_TCP_SYN), p.payload, p.payload_len,
				 p.payload_wire, deliver, &d) < 0)
			c->lost = CD_E_NOMEM;
		if (f->live && dir_over(&f->live->t[0]) && dir_over(&f->live->t[1]))
			drop_live(c, f, 0); /* handshake over: keep only the record */
	}
	if (p.flags & (CD_TCP_FIN | CD_TCP_RST))
		f->fin[dir] = 1;
	if ((p.flags & CD_TCP_RST) || (f->fin[0] && f->fin[1]))
		remove_flow(c, f);
}

static const char *side_name(int side)
{
	return side == CD_TLS_SERVER ? "server" : "client";
}

static void verdict(struct cd_tls_conn *k)
{
	size_t n;
	k->verdict[0] = 0;
	for (size_t i = 0; i < k->n_alerts && !k->verdict[0]; i++)
		if (k->alerts[i].level == 2)
			snprintf(k->verdict, sizeof(k->verdict), "failed: the %s sent a fatal %s alert",
				 side_name(k->alerts[i].from), cd_tls_alert_name(k->alerts[i].desc));
	if (k->verdict[0])
		;
	else if (k->server_version == CD_SSLV2_VERSION)
		snprintf(k->verdict, sizeof(k->verdict),
			 "SSL 2.0 handshake seen (RFC 6176 prohibits SSL 2.0); what follows the hellos is "
			 "encrypted");
	else if (k->secrets == CD_SECRETS_FAILED)
		snprintf(k->verdict, sizeof(k->verdict),
			 "cannot tell: TLS 1.3 records did not decrypt with the key log's secrets");
	else if (k->encrypted_certs && k->secrets != CD_SECRETS_USED)
		snprintf(k->verdict, sizeof(k->verdict),
			 "TLS 1.3: the certificates were sent encrypted and cannot be inspected");
	else if (k->encrypted_certs)
		snprintf(k->verdict, sizeof(k->verdict),
			 "cannot tell: the %s's TLS 1.3 handshake records stayed encrypted (no key log has its %s)",
			 k->undecrypted[CD_TLS_SERVER] ? "server" : "client",
			 k->undecrypted[CD_TLS_SERVER] ? "SERVER_HANDSHAKE_TRAFFIC_SECRET" : "CLIENT_HANDSHAKE_TRAFFIC_SECRET");
	else if (k->truncated)
		snprintf(k->verdict, sizeof(k->verdict),
			 "cannot tell: packets were cut by the snap length; recapture with a full snap length");
	else if (k->gap)
		snprintf(k->verdict, sizeof(k->verdict), "cannot tell: bytes are missing from the capture");
	else if (!k->saw_server_hello)
		snprintf(k->verdict, sizeof(k->verdict), "incomplete: no ServerHello in the capture");
	else if (k->n_alerts && k->alerts[k->n_alerts - 1].encrypted)
		snprintf(k->verdict, sizeof(k->verdict), "handshake seen; an encrypted alert followed");
	else if (k->n_alerts)
		snprintf(k->verdict, sizeof(k->verdict), "handshake seen; the %s sent a warning %s alert",
			 side_name(k->alerts[k->n_alerts - 1].from), cd_tls_alert_name(k->alerts[k->n_alerts - 1].desc));
	else
		snprintf(k->verdict, sizeof(k->verdict), "handshake seen, no alert");
	n = strlen(k->verdict);
	if (k->secrets == CD_SECRETS_USED && !k->encrypted_certs && n < sizeof(k->verdict))
		snprintf(k->verdict + n, sizeof(k->verdict) - n, " (TLS 1.3, decrypted with key log secrets)");
}

/* pcap: the packets; embedded: the capture's own secrets (taken over and released here) */
static int run(struct cd_model *m, pcap_t *pc, const struct cd_source *src, const struct cd_keylog *keylog,
	       struct cd_keylog *embedded)
{
	struct cap c;
	struct pcap_pkthdr *hdr;
	const u_char *data;
	int link = pcap_datalink(pc), r;
	size_t conns_before = m->n_conns;
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.src = src;
	c.keylog = keylog;
	c.embedded = *embedded;
	cd_keylog_init(embedded);
	m->stats.captures++;
	while (!c.lost && (r = pcap_next_ex(pc, &hdr, &data)) >= 0) {
		if (r == 0)
			continue;
		frame(&c, link, hdr, data);
	}
	if (!c.lost && r == PCAP_ERROR)
		event(&c, "ingest.unparseable", SIZE_MAX, "the capture ends in the middle of a frame: %s (after frame %llu)",
		      pcap_geterr(pc), (unsigned long long)c.frame);
	for (size_t i = 0; i < c.tab_cap; i++) {
		while (c.tab[i])
			remove_flow(&c, c.tab[i]);
	}
	free(c.tab);
	if (c.live_denied) {
		char msg[400];
		snprintf(msg, sizeof(msg),
			 "more than %u TCP connections of this capture were in the middle of their handshake "
			 "at once (CD_PCAP_MAX_LIVE_FLOWS): %lu connections that began past the limit were not "
			 "analysed", CD_PCAP_MAX_LIVE_FLOWS, c.live_denied);
		cd_model_event(m, "ingest.limit-reached", src, 0, SIZE_MAX, "%s", msg);
	}
	if (c.cut_frames) {
		char msg[400];
		snprintf(msg, sizeof(msg),
			 "%lu of %llu frames were cut short by the capture's snap length (%d bytes): what they "
			 "carried cannot be read; recapture with a full snap length (tcpdump -s 0, Wireshark's "
			 "default)",
			 c.cut_frames, (unsigned long long)c.frame, pcap_snapshot(pc));
		cd_model_event(m, "tls.capture-truncated", src, 0, SIZE_MAX, "%s", msg);
	}
	if (c.limit_frames) {
		char msg[400];
		snprintf(msg, sizeof(msg),
			 "%lu frame%s (the first: frame %llu) not decoded: %s; what they carried is not "
			 "analysed",
			 c.limit_frames, c.limit_frames == 1 ? "" : "s", (unsigned long long)c.limit_first,
			 c.limit_why ? c.limit_why : "a decoder limit");
		cd_model_event(m, "ingest.limit-reached", src, 0, SIZE_MAX, "%s", msg);
	}
	for (size_t i = conns_before; i < m->n_conns; i++)
		verdict(&m->conns[i]);
	cd_keylog_release(&c.embedded);
	return c.lost ? c.lost : CD_OK;
}

static int open_failed(struct cd_model *m, const struct cd_source *src, const char *err)
{
	cd_model_event(m, "ingest.unparseable", src, 0, SIZE_MAX, "packet capture cannot be read: %s", err);
	return CD_OK;
}

/* the Decryption Secrets Blocks of the pcapng file open on fd (mapped, never read whole) */
static int file_secrets(struct cd_model *m, int fd, const struct cd_source *src, struct cd_keylog *k)
{
	struct stat st;
	uint8_t head[12];
	void *map;
	int rc;
	if (fstat(fd, &st) < 0 || st.st_size < 12 || pread(fd, head, sizeof(head), 0) != (ssize_t)sizeof(head) ||
	    !cd_pcapng_is(head, sizeof(head)))
		return CD_OK;
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		return CD_OK;
	madvise(map, (size_t)st.st_size, MADV_SEQUENTIAL);
	rc = cd_pcapng_secrets(map, (size_t)st.st_size, k, m, src);
	munmap(map, (size_t)st.st_size);
	return rc;
}

int cd_pcap_ingest_fd(struct cd_model *m, int fd, const struct cd_source *src,
		      const struct cd_keylog *keylog)
{
	char err[PCAP_ERRBUF_SIZE] = "";
	int dfd = dup(fd), rc;
	struct cd_keylog embedded;
	FILE *fp;
	pcap_t *pc;
	/* the descriptor the caller opened and checked, never the path again (it may have changed) */
	if (dfd < 0 || lseek(dfd, 0, SEEK_SET) != 0 || !(fp = fdopen(dfd, "rb"))) {
		if (dfd >= 0)
			close(dfd);
		return open_failed(m, src, strerror(errno));
	}
	pc = pcap_fopen_offline(fp, err);
	if (!pc) {
		fclose(fp);
		return open_failed(m, src, err);
	}
	cd_keylog_init(&embedded);
	rc = file_secrets(m, fd, src, &embedded);
	if (rc == CD_OK)
		rc = run(m, pc, src, keylog, &embedded);
	cd_keylog_release(&embedded);
	pcap_close(pc); /* closes fp and the duplicate */
	return rc;
}

int cd_pcap_ingest_buffer(struct cd_model *m, const uint8_t *data, size_t len, const struct cd_source *src,
			  const struct cd_keylog *keylog)
{
	char err[PCAP_ERRBUF_SIZE] = "";
	FILE *fp = fmemopen((void *)data, len, "rb");
	struct cd_keylog embedded;
	pcap_t *pc;
	int rc = CD_OK;
	if (!fp)
		return CD_E_NOMEM;
	pc = pcap_fopen_offline(fp, err);
	if (!pc) {
		fclose(fp);
		return open_failed(m, src, err);
	}
	cd_keylog_init(&embedded);
	if (cd_pcapng_is(data, len))
		rc = cd_pcapng_secrets(data, len, &embedded, m, src);
	if (rc == CD_OK)
		rc = run(m, pc, src, keylog, &embedded);
	cd_keylog_release(&embedded);
	pcap_close(pc); /* closes fp */
	return rc;
}
