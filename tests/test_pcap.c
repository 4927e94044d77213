/* test_pcap.c - packet captures: for every capture in testdata/captures/ and
 * testdata/captures/tls13/ the certificates certdiag extracts are exactly those tshark
 * extracts (with the same key log for TLS 1.3); each capture's connection facts (facts.tsv,
 * written by testdata/gen/captures.sh and captures-tls13.sh); the decoder, reassembler and
 * TLS parser on hand-made inputs (truncated vs malformed, overlaps, gaps); key logs. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "util/error.h"
#include "ingest/ingest.h"
#include "pcap/capture.h"
#include "pcap/keylog.h"
#include "pcap/packet.h"
#include "pcap/reasm.h"
#include "pcap/sslv2.h"
#include "pcap/tls.h"
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#define MAX_SET 64

struct set {
	char v[MAX_SET][65];
	size_t n;
};

static void set_add(struct set *s, const char *h)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], h))
			return;
	cr_assert(s->n < MAX_SET);
	snprintf(s->v[s->n++], 65, "%s", h);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* tshark's certificates: hex DER per certificate, comma-separated per frame; keylog: a TLS
 * key log file for tshark too, or NULL */
static void tshark_set(const char *cap, const char *port, const char *keylog, struct set *out)
{
	char cmd[4096], kl[1200] = "";
	static char line[1 << 18];
	const char *proto = !strcmp(port, "2525") ? "smtp" : !strcmp(port, "1389") ? "ldap"
			  : !strcmp(port, "5222")   ? "xmpp"
						    : "tls";
	if (keylog)
		snprintf(kl, sizeof(kl), "-o 'tls.keylog_file:%s' ", keylog);
	snprintf(cmd, sizeof(cmd),
		 "tshark -r '%s' %s-d tcp.port==%s,%s -Y tls.handshake.certificate -T fields "
		 "-e tls.handshake.certificate 2>/dev/null",
		 cap, kl, port, proto);
	FILE *p = popen(cmd, "r");
	cr_assert_not_null(p, "tshark cannot run (apt-get install tshark)");
	while (fgets(line, sizeof(line), p)) {
		char *save = NULL;
		for (char *tok = strtok_r(line, ",\n", &save); tok; tok = strtok_r(NULL, ",\n", &save)) {
			/* hex -> bytes -> SHA-256 */
			size_t n = strlen(tok) / 2;
			unsigned char *der = malloc(n ? n : 1);
			for (size_t i = 0; i < n; i++) {
				unsigned x;
				sscanf(tok + 2 * i, "%2x", &x);
				der[i] = (unsigned char)x;
			}
			unsigned char d[32];
			char hex[65];
			cr_assert(gnutls_hash_fast(GNUTLS_DIG_SHA256, der, n, d) == 0);
			for (int i = 0; i < 32; i++)
				snprintf(hex + 2 * i, 3, "%02x", d[i]);
			set_add(out, hex);
			free(der);
		}
	}
	cr_assert_eq(pclose(p), 0, "tshark failed on %s", cap);
}

struct fact_line {
	char dir[32], file[128], port[16], facts[512];
};

/* the facts of testdata/captures/ and of testdata/captures/tls13/ */
static size_t read_facts(struct fact_line *v, size_t max)
{
	static const char *const dirs[] = {"testdata/captures", "testdata/captures/tls13"};
	size_t n = 0;
	for (size_t d = 0; d < 2; d++) {
		char path[256], *text, *save = NULL;
		snprintf(path, sizeof(path), "%s/facts.tsv", dirs[d]);
		text = read_all(src_path(path), NULL);
		cr_assert_not_null(text, "%s", path);
		for (char *l = strtok_r(text, "\n", &save); l && n < max; l = strtok_r(NULL, "\n", &save)) {
			if (l[0] == '#')
				continue;
			cr_assert_eq(sscanf(l, "%127[^\t]\t%15[^\t]\t%511[^\n]", v[n].file, v[n].port, v[n].facts), 3);
			snprintf(v[n].dir, sizeof(v[n].dir), "%s", dirs[d]);
			n++;
		}
		free(text);
	}
	return n;
}

/* value of key=... in a facts string, or NULL */
static const char *fact(const char *facts, const char *key, char *out, size_t size)
{
	char pat[64];
	const char *p;
	snprintf(pat, sizeof(pat), "%s=", key);
	for (p = facts; (p = strstr(p, pat)); p++)
		if (p == facts || p[-1] == ' ')
			break;
	if (!p)
		return NULL;
	p += strlen(pat);
	size_t n = strcspn(p, " ");
	snprintf(out, size, "%.*s", (int)n, p);
	return out;
}

/* the capture's model, decrypted with keylog (a path, or NULL) */
static void model_with(const char *path, const char *keylog, struct cd_model *m, struct cd_keylog *kl)
{
	struct cd_ingest_opts o = {0};
	char *err = NULL;
	cd_model_init(m);
	cd_keylog_init(kl);
	if (keylog) {
		cr_assert_eq(cd_keylog_load_file(kl, keylog, m, &err), CD_OK, "%s", err ? err : keylog);
		o.keylog = kl;
	}
	cr_assert_eq(cd_ingest_path(m, path, &o), CD_OK);
}

/* the paths of a facts line's capture and key log (keylog "" when none) */
static void paths_of(const struct fact_line *f, char *cap, char *keylog, size_t size)
{
	char v[256];
	snprintf(cap, size, "%s/%s", src_path(f->dir), f->file);
	keylog[0] = 0;
	if (fact(f->facts, "keylog", v, sizeof(v)))
		snprintf(keylog, size, "%s/%s", src_path(f->dir), v);
}

Test(pcap, every_capture_yields_exactly_the_certificates_tshark_extracts)
{
	struct fact_line f[96];
	size_t n = read_facts(f, 96), decrypted = 0;
	cr_assert_gt(n, 35);
	for (size_t i = 0; i < n; i++) {
		char path[1024], keylog[1024];
		struct set a = {0}, b = {0};
		struct cd_model m;
		struct cd_keylog kl;
		paths_of(&f[i], path, keylog, sizeof(path));
		tshark_set(path, f[i].port, keylog[0] ? keylog : NULL, &a);
		model_with(path, keylog[0] ? keylog : NULL, &m, &kl);
		for (size_t j = 0; j < m.n_objects; j++)
			if (m.objects[j]->kind == CD_KIND_CERT)
				set_add(&b, m.objects[j]->sha256_hex);
		qsort(a.v, a.n, sizeof(a.v[0]), cmp);
		qsort(b.v, b.n, sizeof(b.v[0]), cmp);
		cr_expect_eq(a.n, b.n, "%s (%s): tshark %zu certificates, certdiag %zu", f[i].file, keylog, a.n, b.n);
		for (size_t j = 0; j < a.n && j < b.n; j++)
			cr_expect_str_eq(a.v[j], b.v[j], "%s: certificate sets differ", f[i].file);
		if (!strncmp(f[i].file, "tls13", 5) && b.n)
			decrypted++;
		cd_model_release(&m);
		cd_keylog_release(&kl);
	}
	cr_expect_geq(decrypted, 18, "TLS 1.3 captures whose certificates were compared: %zu", decrypted);
}

Test(pcap, each_capture_shows_its_expected_connection_facts)
{
	struct fact_line f[96];
	size_t n = read_facts(f, 96);
	for (size_t i = 0; i < n; i++) {
		char path[1024], keylog[1024], v[256];
		struct cd_model m;
		struct cd_keylog kl;
		const struct cd_tls_conn *k;
		paths_of(&f[i], path, keylog, sizeof(path));
		model_with(path, keylog[0] ? keylog : NULL, &m, &kl);
		if (fact(f[i].facts, "gap", v, sizeof(v))) {
			int seen = 0;
			for (size_t e = 0; e < m.n_events; e++)
				seen |= !strcmp(m.events[e].rule, "tls.capture-gap");
			cr_expect(seen, "%s: no gap reported", f[i].file);
			cd_model_release(&m);
			cd_keylog_release(&kl);
			continue;
		}
		cr_assert_geq(m.n_conns, 1, "%s: no TLS connection found", f[i].file);
		k = &m.conns[0];
		if (fact(f[i].facts, "sni", v, sizeof(v)))
			cr_expect_str_eq(k->sni ? k->sni : "(none)", v, "%s: SNI", f[i].file);
		if (fact(f[i].facts, "version", v, sizeof(v)))
			cr_expect_str_eq(cd_tls_version_name(k->server_version), v, "%s: version", f[i].file);
		if (fact(f[i].facts, "cipher", v, sizeof(v))) {
			const struct cd_tls13_suite *su = cd_tls13_suite_find(k->cipher);
			cr_expect_str_eq(su ? su->name : "(not TLS 1.3)", v, "%s: cipher suite", f[i].file);
		}
		if (fact(f[i].facts, "client_version", v, sizeof(v)))
			cr_expect_str_eq(cd_tls_version_name(k->client_version), v, "%s: client version", f[i].file);
		if (fact(f[i].facts, "server_certs", v, sizeof(v)))
			cr_expect_eq(k->n_certs[CD_TLS_SERVER], strtoul(v, NULL, 10), "%s (%s): server certificates",
				     f[i].file, keylog);
		if (fact(f[i].facts, "client_certs", v, sizeof(v)))
			cr_expect_eq(k->n_certs[CD_TLS_CLIENT], strtoul(v, NULL, 10), "%s (%s): client certificates",
				     f[i].file, keylog);
		if (fact(f[i].facts, "ca_names", v, sizeof(v)))
			cr_expect_eq(k->n_ca_names, strtoul(v, NULL, 10), "%s: CA names", f[i].file);
		if (fact(f[i].facts, "starttls", v, sizeof(v)))
			cr_expect_str_eq(k->starttls, v, "%s: STARTTLS", f[i].file);
		if (fact(f[i].facts, "encrypted", v, sizeof(v)))
			cr_expect(k->encrypted_certs, "%s (%s): certificates not said to be encrypted", f[i].file, keylog);
		else if (!strncmp(f[i].file, "tls13", 5))
			cr_expect(!k->encrypted_certs, "%s (%s): certificates said to be encrypted", f[i].file, keylog);
		if (fact(f[i].facts, "truncated", v, sizeof(v)))
			cr_expect(k->truncated, "%s: truncation not recognised", f[i].file);
		if (fact(f[i].facts, "client", v, sizeof(v)))
			cr_expect(strstr(k->client, v) != NULL, "%s: client %s", f[i].file, k->client);
		cr_expect_eq(k->hello_retry, fact(f[i].facts, "hrr", v, sizeof(v)) != NULL, "%s: HelloRetryRequest",
			     f[i].file);
		if (fact(f[i].facts, "decrypted", v, sizeof(v)))
			cr_expect(k->secrets == CD_SECRETS_USED && k->decrypted[CD_TLS_SERVER], "%s: not decrypted (%d)",
				  f[i].file, k->secrets);
		else if (k->server_version == 0x0304 && !fact(f[i].facts, "decryption_failed", v, sizeof(v)))
			cr_expect_eq(k->secrets, CD_SECRETS_MISSING, "%s: secrets", f[i].file);
		if (fact(f[i].facts, "decryption_failed", v, sizeof(v))) {
			size_t failed = 0;
			for (size_t e = 0; e < m.n_events; e++)
				failed += !strcmp(m.events[e].rule, "tls.decryption-failed");
			cr_expect_eq(k->secrets, CD_SECRETS_FAILED, "%s: decryption did not fail", f[i].file);
			cr_expect_geq(failed, 1, "%s: no tls.decryption-failed event", f[i].file);
		}
		if (!strncmp(f[i].file, "tls13", 5)) /* a real TLS 1.3 handshake is never malformed */
			for (size_t e = 0; e < m.n_events; e++)
				cr_expect(strcmp(m.events[e].rule, "ingest.unparseable"), "%s: %s", f[i].file,
					  m.events[e].message);
		if (fact(f[i].facts, "alerts", v, sizeof(v)) && strcmp(v, "-")) {
			char got[128] = "";
			for (size_t a = 0; a < k->n_alerts; a++)
				if (!k->alerts[a].encrypted) {
					snprintf(got, sizeof(got), "%s:%s:%s", k->alerts[a].from ? "server" : "client",
						 k->alerts[a].level == 2 ? "fatal" : "warning",
						 cd_tls_alert_name(k->alerts[a].desc));
					break;
				}
			cr_expect_str_eq(got, v, "%s: alert", f[i].file);
		}
		cd_model_release(&m);
		cd_keylog_release(&kl);
	}
}

/* ---------------------------------------------------------------- decoder */

/* Ethernet + IPv4 + TCP frame with payload; returns length */
static size_t eth_frame(uint8_t *b, const uint8_t *payload, size_t plen, int vlan)
{
	size_t o = 12, ipo;
	memset(b, 0, 14 + 8 + 40 + plen);
	if (vlan) {
		b[o++] = 0x81; b[o++] = 0x00; b[o++] = 0; b[o++] = 42;
	}
	b[o++] = 0x08; b[o++] = 0x00;
	ipo = o;
	b[o] = 0x45;
	b[o + 2] = (uint8_t)((20 + 20 + plen) >> 8);
	b[o + 3] = (uint8_t)(20 + 20 + plen);
	b[o + 9] = 6;
	b[o + 12] = 10; b[o + 15] = 1;
	b[o + 16] = 10; b[o + 19] = 2;
	o += 20;
	b[o] = 0xc0; b[o + 1] = 0x01; /* 49153 */
	b[o + 2] = 0x01; b[o + 3] = 0xbb; /* 443 */
	b[o + 7] = 100; /* seq */
	b[o + 12] = 0x50;
	b[o + 13] = 0x18;
	o += 20;
	memcpy(b + o, payload, plen);
	(void)ipo;
	return o + plen;
}

Test(packet, decodes_ethernet_with_vlan_tag_to_tcp_payload)
{
	uint8_t f[256];
	struct cd_packet p;
	size_t n = eth_frame(f, (const uint8_t *)"hello", 5, 1);
	cr_assert_eq(cd_packet_decode(CD_LINK_ETHERNET, f, n, n, &p), CD_PACKET_TCP);
	cr_expect_eq(p.sport, 49153);
	cr_expect_eq(p.dport, 443);
	cr_expect_eq(p.seq, 100);
	cr_expect_eq(p.payload_len, 5);
	cr_expect(!memcmp(p.payload, "hello", 5));
}

Test(packet, cut_headers_are_cut_not_malformed)
{
	uint8_t f[256];
	struct cd_packet p;
	size_t n = eth_frame(f, (const uint8_t *)"hello", 5, 0);
	cr_expect_eq(cd_packet_decode(CD_LINK_ETHERNET, f, 30, n, &p), CD_PACKET_CUT);
	/* payload cut by the snap length: TCP, with fewer bytes captured than carried */
	cr_assert_eq(cd_packet_decode(CD_LINK_ETHERNET, f, n - 2, n, &p), CD_PACKET_TCP);
	cr_expect_eq(p.payload_len, 3);
	cr_expect_eq(p.payload_wire, 5);
}

Test(packet, contradicting_lengths_are_malformed)
{
	uint8_t f[256];
	struct cd_packet p;
	size_t n = eth_frame(f, (const uint8_t *)"hello", 5, 0);
	f[14 + 2] = 0xff; /* IPv4 total length beyond the frame */
	cr_expect_eq(cd_packet_decode(CD_LINK_ETHERNET, f, n, n, &p), CD_PACKET_MALFORMED);
}

/* ---------------------------------------------------------------- tunnels */

struct fb { /* a frame being built, outermost header first */
	uint8_t b[2048];
	size_t n;
};

static void put(struct fb *f, const void *p, size_t n)
{
	cr_assert(f->n + n <= sizeof(f->b));
	memcpy(f->b + f->n, p, n);
	f->n += n;
}

static void put16(struct fb *f, unsigned v)
{
	uint8_t x[2] = {(uint8_t)(v >> 8), (uint8_t)v};
	put(f, x, 2);
}

static void put_eth(struct fb *f, unsigned ethertype)
{
	static const uint8_t macs[12] = {0x52, 0x54, 0, 0, 0, 1, 0x52, 0x54, 0, 0, 0, 2};
	put(f, macs, 12);
	put16(f, ethertype);
}

/* an IPv4 header for `payload` more bytes of protocol proto */
static void put_ip4(struct fb *f, uint8_t proto, size_t payload)
{
	uint8_t h[20] = {0x45, 0, (uint8_t)((20 + payload) >> 8), (uint8_t)(20 + payload), 0, 0, 0x40, 0, 64, proto,
			 0, 0, 192, 0, 2, 1, 198, 51, 100, 2};
	put(f, h, 20);
}

/* the innermost IPv4 + TCP packet carrying "hello" (45 bytes) */
static void put_inner(struct fb *f)
{
	uint8_t e[256];
	size_t n = eth_frame(e, (const uint8_t *)"hello", 5, 0);
	put(f, e + 14, n - 14);
}

#define INNER_LEN 45

static void expect_hello(struct fb *f, const char *encap)
{
	struct cd_packet p;
	cr_assert_eq(cd_packet_decode(CD_LINK_ETHERNET, f->b, f->n, f->n, &p), CD_PACKET_TCP, "%s", encap);
	cr_expect_eq(p.sport, 49153, "%s", encap);
	cr_expect_eq(p.dport, 443, "%s", encap);
	cr_expect(p.src[0] == 10 && p.src[3] == 1 && p.dst[3] == 2, "%s: inner addresses", encap);
	cr_assert_eq(p.payload_len, 5, "%s", encap);
	cr_expect(!memcmp(p.payload, "hello", 5), "%s", encap);
	char name[160];
	cd_packet_encap_name(p.encap, p.n_encap, name, sizeof(name));
	cr_expect_str_eq(name, encap);
}

Test(packet, decodes_tcp_inside_gre_erspan_pptp_and_ip_in_ip)
{
	struct fb f = {0};
	/* GRE with checksum, key and sequence number (RFC 2890) */
	put_eth(&f, 0x0800);
	put_ip4(&f, 47, 16 + INNER_LEN);
	put16(&f, 0xb000);
	put16(&f, 0x0800);
	put(&f, "\0\0\0\0" "KEY1" "SEQ1", 12);
	put_inner(&f);
	expect_hello(&f, "GRE");
	/* ERSPAN type I: GRE 0x88be without a sequence number, Ethernet right after */
	f.n = 0;
	put_eth(&f, 0x0800);
	put_ip4(&f, 47, 4 + 14 + INNER_LEN);
	put16(&f, 0x0000);
	put16(&f, 0x88be);
	put_eth(&f, 0x0800);
	put_inner(&f);
	expect_hello(&f, "GRE / ERSPAN type I");
	/* PPTP: enhanced GRE version 1 with key and sequence, PPP with address/control */
	f.n = 0;
	put_eth(&f, 0x0800);
	put_ip4(&f, 47, 12 + 4 + INNER_LEN);
	put16(&f, 0x3001);
	put16(&f, 0x880b);
	put16(&f, 4 + INNER_LEN);
	put16(&f, 7);
	put(&f, "SEQ1", 4);
	put(&f, "\xff\x03\x00\x21", 4);
	put_inner(&f);
	expect_hello(&f, "GRE (PPTP)");
	/* IPv4 in IPv4 over a GRE that carries transparent Ethernet */
	f.n = 0;
	put_eth(&f, 0x0800);
	put_ip4(&f, 47, 4 + 14 + 20 + INNER_LEN);
	put16(&f, 0);
	put16(&f, 0x6558);
	put_eth(&f, 0x0800);
	put_ip4(&f, 4, INNER_LEN);
	put_inner(&f);
	expect_hello(&f, "GRE / IPv4 in IP");
}

Test(packet, decodes_tcp_inside_vxlan_pppoe_and_mpls_variants)
{
	struct fb f = {0};
	/* VXLAN on the Linux kernel's default port 8472 */
	put_eth(&f, 0x0800);
	put_ip4(&f, 17, 8 + 8 + 14 + INNER_LEN);
	put16(&f, 40000);
	put16(&f, 8472);
	put16(&f, 8 + 8 + 14 + INNER_LEN);
	put16(&f, 0);
	put(&f, "\x08\0\0\0\0\0\x2a\0", 8);
	put_eth(&f, 0x0800);
	put_inner(&f);
	expect_hello(&f, "VXLAN VNI 42");
	/* PPPoE with a compressed (1-byte) PPP protocol field, Ethernet padding after it */
	f.n = 0;
	put_eth(&f, 0x8864);
	put(&f, "\x11\x00\x12\x34", 4);
	put16(&f, 1 + INNER_LEN);
	put(&f, "\x21", 1);
	put_inner(&f);
	put(&f, "\0\0\0\0", 4);
	expect_hello(&f, "PPPoE session 0x1234");
	/* MPLS: IPv4 explicit null at the bottom */
	f.n = 0;
	put_eth(&f, 0x8847);
	put(&f, "\x03\xe8\x00\x40" "\x00\x00\x01\x40", 8);
	put_inner(&f);
	expect_hello(&f, "MPLS");
	/* MPLS Ethernet pseudowire with a control word */
	f.n = 0;
	put_eth(&f, 0x8847);
	put(&f, "\x03\xe8\x01\x40" "\0\0\0\0", 8);
	put_eth(&f, 0x0800);
	put_inner(&f);
	expect_hello(&f, "MPLS / Ethernet pseudowire");
}

Test(packet, tunnels_nested_past_the_limit_are_a_limit_not_a_guess)
{
	struct fb f = {0};
	struct cd_packet p;
	for (int depth = CD_PACKET_MAX_ENCAP; depth <= CD_PACKET_MAX_ENCAP + 1; depth++) {
		f.n = 0;
		put_eth(&f, 0x0800);
		for (int i = 0; i < depth; i++)
			put_ip4(&f, 4, (size_t)(depth - i - 1) * 20 + INNER_LEN);
		put_inner(&f);
		int r = cd_packet_decode(CD_LINK_ETHERNET, f.b, f.n, f.n, &p);
		if (depth == CD_PACKET_MAX_ENCAP) {
			cr_expect_eq(r, CD_PACKET_TCP, "%d IP-in-IP layers are decoded", depth);
		} else {
			cr_expect_eq(r, CD_PACKET_LIMIT, "%d IP-in-IP layers are over the limit", depth);
			cr_expect(p.limit && strstr(p.limit, "CD_PACKET_MAX_ENCAP"));
		}
	}
	/* an MPLS stack of 17 labels, and five VLAN tags */
	f.n = 0;
	put_eth(&f, 0x8847);
	for (int i = 0; i < CD_PACKET_MAX_MPLS_LABELS + 1; i++)
		put(&f, i == CD_PACKET_MAX_MPLS_LABELS ? "\0\x01\x01\x40" : "\0\x01\x00\x40", 4);
	put_inner(&f);
	cr_expect_eq(cd_packet_decode(CD_LINK_ETHERNET, f.b, f.n, f.n, &p), CD_PACKET_LIMIT);
	f.n = 0;
	put_eth(&f, 0x88a8);
	for (int i = 0; i < CD_PACKET_MAX_VLAN_TAGS; i++)
		put(&f, "\0\x2a\x81\x00", 4);
	put(&f, "\0\x2a\x08\x00", 4);
	put_inner(&f);
	cr_expect_eq(cd_packet_decode(CD_LINK_ETHERNET, f.b, f.n, f.n, &p), CD_PACKET_LIMIT);
}

Test(packet, tunnel_headers_cut_are_cut_and_contradicting_ones_malformed)
{
	struct fb f = {0};
	struct cd_packet p;
	put_eth(&f, 0x0800);
	put_ip4(&f, 17, 8 + 8 + 14 + INNER_LEN);
	put16(&f, 40000);
	put16(&f, 4789);
	put16(&f, 8 + 8 + 14 + INNER_LEN);
	put16(&f, 0);
	put(&f, "\x08\0\0\0\0\0\x2a\0", 8);
	put_eth(&f, 0x0800);
	put_inner(&f);
	/* cut by the snap length inside the VXLAN header */
	cr_expect_eq(cd_packet_decode(CD_LINK_ETHERNET, f.b, 14 + 20 + 8 + 4, f.n, &p), CD_PACKET_CUT);
	/* a UDP length beyond the IP packet */
	f.b[14 + 20 + 4] = 0x7f;
	cr_expect_eq(cd_packet_decode(CD_LINK_ETHERNET, f.b, f.n, f.n, &p), CD_PACKET_MALFORMED);
	f.b[14 + 20 + 4] = 0;
	/* a VXLAN header without the I flag is not VXLAN */
	f.b[14 + 20 + 8] = 0;
	cr_expect_eq(cd_packet_decode(CD_LINK_ETHERNET, f.b, f.n, f.n, &p), CD_PACKET_OTHER);
	/* a PPPoE length beyond the frame */
	f.n = 0;
	put_eth(&f, 0x8864);
	put(&f, "\x11\x00\x12\x34\x7f\x00", 6);
	put(&f, "\x00\x21", 2);
	put_inner(&f);
	cr_expect_eq(cd_packet_decode(CD_LINK_ETHERNET, f.b, f.n, f.n, &p), CD_PACKET_MALFORMED);
}

/* ---------------------------------------------------------------- reassembly */

struct sink {
	char buf[256];
	size_t len;
	uint64_t gaps;
};

static void collect(void *ctx, const uint8_t *d, size_t n, uint64_t gap, int cut)
{
	struct sink *s = ctx;
	(void)cut;
	s->gaps += gap;
	if (n && s->len + n < sizeof(s->buf)) {
		memcpy(s->buf + s->len, d, n);
		s->len += n;
	}
}

Test(reasm, orders_segments_and_drops_retransmissions_and_overlaps)
{
	struct cd_reasm r;
	struct sink s = {0};
	cd_reasm_init(&r);
	cd_reasm_add(&r, 999, 1, NULL, 0, 0, collect, &s); /* SYN */
	cd_reasm_add(&r, 1005, 0, (const uint8_t *)"fghij", 5, 5, collect, &s);
	cd_reasm_add(&r, 1000, 0, (const uint8_t *)"abcde", 5, 5, collect, &s);
	cd_reasm_add(&r, 1000, 0, (const uint8_t *)"abcde", 5, 5, collect, &s); /* retransmission */
	cd_reasm_add(&r, 1008, 0, (const uint8_t *)"ijklm", 5, 5, collect, &s); /* overlap */
	cd_reasm_flush(&r, collect, &s);
	cd_reasm_release(&r);
	s.buf[s.len] = 0;
	cr_expect_str_eq(s.buf, "abcdefghijklm");
	cr_expect_eq(s.gaps, 0);
}

Test(reasm, reports_a_hole_instead_of_guessing)
{
	struct cd_reasm r;
	struct sink s = {0};
	cd_reasm_init(&r);
	cd_reasm_add(&r, 5000, 0, (const uint8_t *)"abc", 3, 3, collect, &s); /* mid-connection */
	cd_reasm_add(&r, 5010, 0, (const uint8_t *)"xyz", 3, 3, collect, &s);
	cd_reasm_flush(&r, collect, &s);
	cd_reasm_release(&r);
	cr_expect(r.mid_start);
	cr_expect_eq(s.gaps, 7);
	s.buf[s.len] = 0;
	cr_expect_str_eq(s.buf, "abcxyz");
}

/* ---------------------------------------------------------------- TLS */

struct tls_seen {
	char sni[64];
	int alerts;
	int malformed;
};

static void ch(void *ctx, uint16_t v, const char *sni, const uint16_t *vs, size_t n, const uint8_t *random)
{
	struct tls_seen *t = ctx;
	(void)v, (void)vs, (void)n, (void)random;
	snprintf(t->sni, sizeof(t->sni), "%s", sni ? sni : "");
}

static void ev(void *ctx, enum cd_tls_event_kind k, const char *msg)
{
	struct tls_seen *t = ctx;
	(void)k, (void)msg;
	t->malformed++;
}

Test(tls, client_hello_split_byte_by_byte_gives_its_sni)
{
	/* record header + ClientHello with only an SNI extension for "a.test" */
	static const uint8_t rec[] = {
		0x16, 0x03, 0x01, 0x00, 0x3a, 0x01, 0x00, 0x00, 0x36, 0x03, 0x03,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00,
		0x00, 0x0b, 0x00, 0x00, 0x00, 0x07, 0x00, 0x05, 0x00, 0x00, 0x02, 'a', '.'};
	struct tls_seen t = {0};
	struct cd_tls_handler h = {0};
	struct cd_tls_stream s;
	h.ctx = &t;
	h.client_hello = ch;
	h.event = ev;
	cd_tls_stream_init(&s);
	/* the first segment holds the record header (TLS is recognised there), then one byte
	 * per segment */
	cd_tls_stream_feed(&s, rec, 6, 1, &h);
	for (size_t i = 6; i < sizeof(rec); i++)
		cd_tls_stream_feed(&s, rec + i, 1, 1, &h);
	cd_tls_stream_release(&s);
	cr_expect_str_eq(t.sni, "a.");
	cr_expect_eq(t.malformed, 0);
}

Test(tls, garbage_after_a_record_is_malformed_not_a_crash)
{
	static const uint8_t rec[] = {0x16, 0x03, 0x03, 0x00, 0x04, 0x0e, 0x00, 0x00, 0x00, /* ServerHelloDone */
				      0x99, 0x99, 0x99, 0x99, 0x99, 0x99};
	struct tls_seen t = {0};
	struct cd_tls_handler h = {0};
	struct cd_tls_stream s;
	h.ctx = &t;
	h.event = ev;
	cd_tls_stream_init(&s);
	cd_tls_stream_feed(&s, rec, sizeof(rec), 1, &h);
	cd_tls_stream_release(&s);
	cr_expect_eq(t.malformed, 1);
	cr_expect_eq(s.state, CD_TLS_LOST);
}

/* ---------------------------------------------------------------- key logs and secrets */

/* every secret (third field) of the key log at path, as lowercase hex; returns the count */
static size_t secrets_of(const char *path, char v[][130], size_t max)
{
	char *text = read_all(path, NULL), *save = NULL;
	size_t n = 0;
	cr_assert_not_null(text, "%s", path);
	for (char *l = strtok_r(text, "\n", &save); l && n < max; l = strtok_r(NULL, "\n", &save)) {
		char label[64], rnd[80], sec[200];
		if (l[0] == '#' || sscanf(l, "%63s %79s %199s", label, rnd, sec) != 3 || strlen(sec) >= 130)
			continue;
		for (char *p = sec; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'F' ? *p - 'A' + 'a' : *p);
		snprintf(v[n++], 130, "%s", sec);
	}
	free(text);
	return n;
}

/* does buf (len bytes) hold the secret, as hex in either case or as its raw bytes? */
static int holds_secret(const char *buf, size_t len, const char *hex)
{
	size_t hl = strlen(hex);
	unsigned char raw[64];
	char upper[130];
	for (size_t i = 0; i < hl / 2 && i < sizeof(raw); i++) {
		unsigned x;
		sscanf(hex + 2 * i, "%2x", &x);
		raw[i] = (unsigned char)x;
	}
	for (size_t i = 0; i <= hl; i++)
		upper[i] = (char)(hex[i] >= 'a' && hex[i] <= 'f' ? hex[i] - 'a' + 'A' : hex[i]);
	return memmem(buf, len, hex, hl) || memmem(buf, len, upper, hl) || memmem(buf, len, raw, hl / 2);
}

/* no output of certdiag (report text and JSON, stderr, extracted files in PEM and DER) holds
 * a secret of the key logs it was given: good, altered, malformed and embedded ones */
Test(keylog, secrets_are_never_printed_nor_written)
{
	static const char *const cases[][2] = {
		{"tls13-chacha20.pcap", "tls13-chacha20.keys"},
		{"tls13-mtls-client-no-client-eku.pcap", "tls13-mtls-client-no-client-eku.keys"},
		{"tls13-aes128gcm.pcap", "tls13-aes128gcm-wrong.keys"},
		{"tls13-aes256gcm.pcap", "tls13-aes256gcm.keys"},
		{"tls13-secrets-embedded.pcapng", "tls13-aes256gcm.keys"},
	};
	char dir[] = "/tmp/certdiag-secrets-XXXXXX", bad[1100], rm[1100];
	cr_assert_not_null(mkdtemp(dir));
	/* a malformed copy: every random cut short, so every line is reported */
	snprintf(bad, sizeof(bad), "%s/malformed.keys", dir);
	{
		char *text = read_all(src_path("testdata/captures/tls13/tls13-aes256gcm.keys"), NULL), *save = NULL;
		FILE *f = fopen(bad, "w");
		cr_assert(text && f);
		for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
			char *sp = strchr(l, ' ');
			if (l[0] != '#' && sp && strlen(sp) > 10)
				memmove(sp + 1, sp + 2, strlen(sp + 2) + 1); /* one hex digit less */
			fprintf(f, "%s\n", l);
		}
		fclose(f);
		free(text);
	}
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]) + 1; c++) {
		char cap[1024], kl[1024], out_dir[1200], secrets[16][130];
		const char *capname = c < 5 ? cases[c][0] : "tls13-aes256gcm.pcap";
		size_t ns;
		snprintf(cap, sizeof(cap), "%s/%s", src_path("testdata/captures/tls13"), capname);
		if (c < 5)
			snprintf(kl, sizeof(kl), "%s/%s", src_path("testdata/captures/tls13"), cases[c][1]);
		else
			snprintf(kl, sizeof(kl), "%s", bad);
		ns = secrets_of(c < 5 ? kl : src_path("testdata/captures/tls13/tls13-aes256gcm.keys"), secrets, 16);
		cr_assert_geq(ns, 2, "%s: no secrets read", kl);
		for (int fmt = 0; fmt < 4; fmt++) {
			char *out = NULL, *err = NULL;
			int rc;
			snprintf(out_dir, sizeof(out_dir), "%s/x%zu-%d", dir, c, fmt);
			if (fmt < 2) {
				char *a[] = {"certdiag", "scan", "--at", "2026-06-01T00:00:00Z", "--format",
					     fmt ? "json" : "text", "--keylog", kl, cap, NULL};
				rc = run_binary(a, &out, &err);
			} else {
				char *a[] = {"certdiag", "extract", "-o", out_dir, "--format", fmt == 2 ? "pem" : "der",
					     "--keylog", kl, cap, NULL};
				rc = run_binary(a, &out, &err);
			}
			cr_assert(rc >= 0 && rc <= 1, "%s %s: exit %d", capname, kl, rc);
			for (size_t i = 0; i < ns; i++) {
				cr_expect(!holds_secret(out, strlen(out), secrets[i]), "%s: a secret on stdout", capname);
				cr_expect(!err || !holds_secret(err, strlen(err), secrets[i]), "%s: a secret on stderr",
					  capname);
			}
			if (fmt >= 2) { /* every extracted file */
				size_t nf;
				char **names = list_dir(out_dir, &nf);
				cr_expect(c == 2 || c == 5 || nf >= 2, "%s: nothing extracted", capname);
				for (size_t f = 0; f < nf; f++) {
					char p[1500], *bytes;
					size_t len;
					snprintf(p, sizeof(p), "%s/%s", out_dir, names[f]);
					bytes = read_all(p, &len);
					for (size_t i = 0; bytes && i < ns; i++)
						cr_expect(!holds_secret(bytes, len, secrets[i]), "%s: a secret in %s", capname,
							  names[f]);
					free(bytes);
				}
				free_names(names, nf);
			}
			free(out);
			free(err);
		}
	}
	snprintf(rm, sizeof(rm), "rm -rf '%s'", dir);
	cr_expect_eq(system(rm), 0);
}

/* the parser: comments, blank lines, CRLF and unknown labels skipped; known labels with bad
 * fields reported by line number; the first of two secrets for one random kept */
Test(keylog, reads_good_lines_and_reports_bad_ones_by_number)
{
	static const char text[] =
		"# SSL/TLS secrets log file\r\n"
		"\n"
		"SERVER_HANDSHAKE_TRAFFIC_SECRET 0101010101010101010101010101010101010101010101010101010101010101 "
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"
		"FUTURE_LABEL whatever the format is\n"
		"CLIENT_HANDSHAKE_TRAFFIC_SECRET 01010101 bbbb\n"                                /* 5: random */
		"CLIENT_TRAFFIC_SECRET_0 0101010101010101010101010101010101010101010101010101010101010101 xyz0\n" /* 6 */
		"SERVER_TRAFFIC_SECRET_0 0101010101010101010101010101010101010101010101010101010101010101\n" /* 7 */
		"SERVER_HANDSHAKE_TRAFFIC_SECRET 0101010101010101010101010101010101010101010101010101010101010101 "
		"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n" /* 8: a second one */
		"CLIENT_RANDOM 0101010101010101010101010101010101010101010101010101010101010101 00\n"; /* 9 */
	struct cd_keylog k;
	struct cd_model m;
	struct cd_source src = {0};
	uint8_t random[32];
	const struct cd_keylog_entry *e;
	const char *want[] = {"line 5: the client random", "line 6: the secret", "line 7: not three fields",
			      "line 9: the secret is not 96"};
	size_t found = 0, events = 0;
	memset(random, 1, sizeof(random));
	src.path = src.rel = "sslkeys.log";
	cd_keylog_init(&k);
	cd_model_init(&m);
	cr_assert_eq(cd_keylog_parse(&k, (const uint8_t *)text, sizeof(text) - 1, "sslkeys.log", &m, &src), CD_OK);
	e = cd_keylog_find(&k, random);
	cr_assert_not_null(e);
	cr_expect_eq(e->len[CD_KL_SERVER_HS], 32);
	cr_expect_eq(e->secret[CD_KL_SERVER_HS][0], 0xaa, "the first secret for a random wins");
	cr_expect_eq(e->line[CD_KL_SERVER_HS], 3);
	cr_expect_eq(e->len[CD_KL_CLIENT_HS], 0);
	cr_expect_eq(e->len[CD_KL_CLIENT_APP], 0);
	for (size_t i = 0; i < m.n_events; i++) {
		if (strcmp(m.events[i].rule, "tls.keylog-malformed"))
			continue;
		events++;
		for (size_t w = 0; w < 4; w++)
			found += strstr(m.events[i].message, want[w]) != NULL;
		cr_expect(!strstr(m.events[i].message, "bbbb") && !strstr(m.events[i].message, "xyz0"),
			  "a line's content is in the message: %s", m.events[i].message);
	}
	cr_expect_eq(events, 4);
	cr_expect_eq(found, 4);
	cr_expect_eq(m.stats.keylogs, 1);
	memset(random, 2, sizeof(random));
	cr_expect_null(cd_keylog_find(&k, random));
	cd_keylog_release(&k);
	cd_model_release(&m);
}

/* a key log dropped beside the capture and scanned as an input (a customer's zip holds
 * both) is named as a key log with the option that reads it, not "a text file with no
 * certificate"; its secrets stay out of the report. The shape test: a CRLF comment first, a
 * random cut short or a PEM file is no key log. */
Test(keylog, a_key_log_scanned_as_an_input_is_named_with_its_option)
{
	char dir[] = "/tmp/certdiag-klin-XXXXXX", cmd[2400], *out = NULL, *err = NULL, secrets[16][130];
	const char *kl = src_path("testdata/captures/tls13/tls13-aes128gcm.keys");
	size_t ns = secrets_of(kl, secrets, 16);
	static const char crlf[] = "# SSL/TLS secrets log file\r\n\r\nCLIENT_TRAFFIC_SECRET_0 "
				   "0101010101010101010101010101010101010101010101010101010101010101 aa\r\n";
	static const char cut[] = "CLIENT_TRAFFIC_SECRET_0 01010101 aa\n";
	static const char pem[] = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
	cr_assert_not_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s/' && cp '%s' '%s/sslkeys.log'",
		 src_path("testdata/captures/tls13/tls13-aes128gcm.pcap"), dir, kl, dir);
	cr_assert_eq(system(cmd), 0);
	{
		char *a[] = {"certdiag", "scan", "--at", "2026-06-01T00:00:00Z", "--format", "json", dir, NULL};
		cr_assert(run_binary(a, &out, &err) >= 0);
	}
	cr_expect(strstr(out, "TLS key log (NSS key log format): its secrets are read only when it is given with --keylog FILE"),
		  "%s", out);
	cr_expect(!strstr(out, "text file with no certificate"), "%s", out);
	cr_expect(strstr(out, "tls.certificates-encrypted"), "the key log was used without --keylog");
	cr_assert_geq(ns, 2);
	for (size_t i = 0; i < ns; i++)
		cr_expect(!holds_secret(out, strlen(out), secrets[i]), "a secret in the report");
	cr_expect(cd_keylog_sniff((const uint8_t *)crlf, sizeof(crlf) - 1));
	cr_expect(!cd_keylog_sniff((const uint8_t *)cut, sizeof(cut) - 1));
	cr_expect(!cd_keylog_sniff((const uint8_t *)pem, sizeof(pem) - 1));
	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}

Test(keylog, a_file_without_any_key_log_line_is_one_finding)
{
	static const char text[] = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
	struct cd_keylog k;
	struct cd_model m;
	struct cd_source src = {0};
	src.path = src.rel = "RootCA.cer";
	cd_keylog_init(&k);
	cd_model_init(&m);
	cr_assert_eq(cd_keylog_parse(&k, (const uint8_t *)text, sizeof(text) - 1, "RootCA.cer", &m, &src), CD_OK);
	cr_expect_eq(m.n_events, 1);
	cr_expect(m.n_events && strstr(m.events[0].message, "holds no key log line"));
	cr_expect_eq(k.n, 0);
	cd_keylog_release(&k);
	cd_model_release(&m);
}

Test(keylog, a_record_that_does_not_authenticate_is_refused_and_keeps_the_sequence)
{
	uint8_t secret[48], hdr[5] = {23, 3, 3, 0, 40}, body[40], plain[40], type;
	size_t n;
	struct cd_tls13_reader r = {0};
	memset(secret, 7, sizeof(secret));
	memset(body, 0x5a, sizeof(body));
	cr_expect_eq(cd_tls13_reader_key(&r, cd_tls13_suite_find(0x1301), secret, 48), CD_E_MALFORMED,
		     "a 48-byte secret for a SHA-256 suite");
	cr_expect_null(cd_tls13_suite_find(0x1306));
	cr_expect_null(cd_tls13_suite_find(0xc02f));
	for (uint16_t id = 0x1301; id <= 0x1305; id++) {
		const struct cd_tls13_suite *su = cd_tls13_suite_find(id);
		cr_assert_not_null(su);
		cr_assert_eq(cd_tls13_reader_key(&r, su, secret, su->hash_len), CD_OK, "%s", su->name);
		cr_expect_eq(cd_tls13_reader_open(&r, hdr, body, sizeof(body), plain, &n, &type), CD_E_MALFORMED,
			     "%s", su->name);
		cr_expect_eq(r.seq, 0);
		cr_expect_eq(cd_tls13_reader_update(&r), CD_OK);
	}
	cd_tls13_reader_release(&r);
	cr_expect_null(r.aead);
}

/* the intermediate CA of an mTLS handshake comes from the server and again from the client
 * (capture.c finds it the second time by its bytes, not its hash): one object, both places,
 * each where it was sent; and cd_model_add_place refuses an index that is not an object */
Test(capture, a_certificate_sent_again_is_one_object_with_each_place)
{
	struct cd_model m;
	struct cd_keylog kl;
	size_t twice = 0;
	model_with(src_path("testdata/captures/mtls-client-no-client-eku.pcap"), NULL, &m, &kl);
	cr_assert_eq(m.n_objects, 3);
	for (size_t i = 0; i < m.n_objects; i++) {
		const struct cd_object *o = m.objects[i];
		if (o->n_sources != 2)
			continue;
		twice++;
		cr_expect_str_eq(o->sources[0].locator,
				 "frame 6, flow 127.0.0.1:50830 -> 127.0.0.1:7002, server, position 2");
		cr_expect_str_eq(o->sources[1].locator,
				 "frame 8, flow 127.0.0.1:50830 -> 127.0.0.1:7002, client, position 2");
		cr_expect_eq(o->sources[1].frame, 8);
	}
	cr_expect_eq(twice, 1);
	cr_expect_eq(cd_model_add_place(&m, m.n_objects, &m.objects[0]->sources[0]), CD_E_USAGE);
	cr_expect_eq(cd_model_add_place(&m, 0, &m.objects[0]->sources[0]), CD_OK);
	cr_expect_eq(m.objects[0]->n_sources, 1, "the same place again is not a second place");
	cd_keylog_release(&kl);
	cd_model_release(&m);
}

/* HKDF-Expand-Label(secret, label, "", len) by gnutls_hkdf_expand alone (RFC 8446 §7.1) */
static void expand_label_ref(int mac, const uint8_t *secret, size_t slen, const char *label, uint8_t *out,
			     size_t len)
{
	uint8_t info[64];
	size_t ll = strlen(label), n = 0;
	gnutls_datum_t key = {(unsigned char *)secret, (unsigned)slen}, in = {info, 0};
	info[n++] = (uint8_t)(len >> 8);
	info[n++] = (uint8_t)len;
	info[n++] = (uint8_t)(6 + ll);
	memcpy(info + n, "tls13 ", 6);
	n += 6;
	memcpy(info + n, label, ll);
	n += ll;
	info[n++] = 0;
	in.size = (unsigned)n;
	cr_assert_eq(gnutls_hkdf_expand((gnutls_mac_algorithm_t)mac, &key, &in, out, len), 0);
}

/* the traffic key and IV of the reader (tls13.c) are HKDF-Expand-Label of the secret computed
 * here independently with gnutls_hkdf_expand, for every suite, a first secret and a key update */
Test(keylog, traffic_keys_are_hkdf_expand_label_of_the_secret)
{
	for (uint16_t id = 0x1301; id <= 0x1305; id++) {
		const struct cd_tls13_suite *su = cd_tls13_suite_find(id);
		struct cd_tls13_reader r = {0};
		uint8_t secret[48];
		cr_assert_not_null(su);
		for (size_t i = 0; i < sizeof(secret); i++)
			secret[i] = (uint8_t)(id * 31 + i * 7);
		cr_assert_eq(cd_tls13_reader_key(&r, su, secret, su->hash_len), CD_OK, "%s", su->name);
		for (int step = 0; step < 2; step++) {
			uint8_t key[32], iv[12], nonce[12], hdr[5] = {23, 3, 3, 0, 0}, msg[] = "certificate\x16";
			uint8_t rec[64], plain[64], type;
			size_t rl = sizeof(rec), n;
			gnutls_datum_t kd = {key, (unsigned)su->key_len};
			gnutls_aead_cipher_hd_t h;
			if (step) { /* application_traffic_secret_1 (RFC 8446 §7.2) */
				uint8_t next[48];
				cr_assert_eq(cd_tls13_reader_update(&r), CD_OK, "%s", su->name);
				expand_label_ref(su->mac, secret, su->hash_len, "traffic upd", next, su->hash_len);
				memcpy(secret, next, su->hash_len);
			}
			expand_label_ref(su->mac, secret, su->hash_len, "key", key, su->key_len);
			expand_label_ref(su->mac, secret, su->hash_len, "iv", iv, sizeof(iv));
			cr_expect_arr_eq(r.iv, iv, sizeof(iv), "%s step %d: the IV", su->name, step);
			/* a record sealed with gnutls_hkdf_expand's key and IV (sequence number 0) opens */
			memcpy(nonce, iv, sizeof(nonce));
			hdr[4] = (uint8_t)(sizeof(msg) - 1 + su->tag_len);
			cr_assert_eq(gnutls_aead_cipher_init(&h, (gnutls_cipher_algorithm_t)su->cipher, &kd), 0);
			cr_assert_eq(gnutls_aead_cipher_encrypt(h, nonce, sizeof(nonce), hdr, 5, su->tag_len, msg,
								sizeof(msg) - 1, rec, &rl),
				     0);
			gnutls_aead_cipher_deinit(h);
			cr_expect_eq(cd_tls13_reader_open(&r, hdr, rec, rl, plain, &n, &type), CD_OK, "%s step %d: the key",
				     su->name, step);
			cr_expect(n == sizeof(msg) - 2 && !memcmp(plain, "certificate", n) && type == 0x16, "%s", su->name);
		}
		cd_tls13_reader_release(&r);
	}
}

/* ---------------------------------------------------------------- certdiag extract */

Test(extract, writes_each_certificate_named_after_its_flow_and_refuses_to_overwrite)
{
	char dir[] = "/tmp/certdiag-extract-XXXXXX", cap[1024], *out = NULL;
	cr_assert_not_null(mkdtemp(dir));
	snprintf(cap, sizeof(cap), "%s", src_path("testdata/captures/mtls-7001.pcapng"));
	char *a1[] = {"certdiag", "extract", "-o", dir, cap, NULL};
	cr_assert_eq(run_binary(a1, &out, NULL), 0);
	cr_expect(strstr(out, "_7001_server_position_1_cert-") != NULL, "%s", out);
	cr_expect(strstr(out, "_7001_client_position_1_cert-") != NULL, "%s", out);
	cr_expect(strstr(out, "..") == NULL && strstr(out, " ") == NULL, "%s", out);
	/* every line names a file directly inside dir */
	for (char *l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		cr_expect(!strncmp(l, dir, strlen(dir)) && l[strlen(dir)] == '/', "%s", l);
		cr_expect(strchr(l + strlen(dir) + 1, '/') == NULL || strchr(l + strlen(dir) + 1, '/') >
			  strchr(l, '\n'), "%s", l);
	}
	free(out);
	cr_expect_eq(run_binary(a1, NULL, NULL), 2, "overwrote without --force");
	char *a2[] = {"certdiag", "extract", "--force", "--format", "der", "-o", dir, cap, NULL};
	cr_expect_eq(run_binary(a2, NULL, NULL), 0);
	char rm[1100];
	snprintf(rm, sizeof(rm), "rm -rf '%s'", dir);
	cr_expect_eq(system(rm), 0);
}

Test(extract, finds_nothing_in_a_tls13_capture)
{
	char dir[] = "/tmp/certdiag-extract-XXXXXX", cap[1024], rm[1100];
	cr_assert_not_null(mkdtemp(dir));
	snprintf(cap, sizeof(cap), "%s", src_path("testdata/captures/tls13.pcap"));
	char *a[] = {"certdiag", "extract", "-o", dir, cap, NULL};
	cr_expect_eq(run_binary(a, NULL, NULL), 1);
	snprintf(rm, sizeof(rm), "rm -rf '%s'", dir);
	cr_expect_eq(system(rm), 0);
}

/* Every fuzz_keylog seed and regression sample (fuzz/corpus/keylog/: 2-byte length, key log,
 * capture; regress-*: inputs fuzz_keylog once found a fault with) goes through the key log
 * reader and the capture reader without fault. regress-flush-sets-up-released-direction:
 * flushing one direction at the end of a flow delivered a ServerHello that keyed the other,
 * already released, direction (a leaked AEAD). */
Test(keylog, fuzz_corpus_and_regressions_read_cleanly)
{
	size_t n, regress = 0, decrypted = 0;
	char **names = list_dir(src_path("fuzz/corpus/keylog"), &n);
	cr_assert_not_null(names);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		size_t len, klen;
		uint8_t *d;
		struct cd_model m;
		struct cd_keylog kl;
		struct cd_source src, ksrc;
		snprintf(path, sizeof(path), "%s/%s", src_path("fuzz/corpus/keylog"), names[i]);
		d = (uint8_t *)read_all(path, &len);
		cr_assert(d && len >= 2, "%s", names[i]);
		klen = (size_t)d[0] << 8 | d[1];
		if (klen > len - 2)
			klen = len - 2;
		memset(&src, 0, sizeof(src));
		memset(&ksrc, 0, sizeof(ksrc));
		src.path = src.rel = names[i];
		ksrc.path = ksrc.rel = "sslkeys.log";
		cd_model_init(&m);
		cd_keylog_init(&kl);
		cr_expect_eq(cd_keylog_parse(&kl, d + 2, klen, "sslkeys.log", &m, &ksrc), CD_OK, "%s", names[i]);
		cr_expect_eq(cd_pcap_ingest_buffer(&m, d + 2 + klen, len - 2 - klen, &src, &kl), CD_OK, "%s", names[i]);
		for (size_t c = 0; c < m.n_conns; c++)
			decrypted += m.conns[c].secrets == CD_SECRETS_USED;
		cd_keylog_release(&kl);
		cd_model_release(&m);
		regress += !strncmp(names[i], "regress-", 8);
		free(d);
	}
	free_names(names, n);
	cr_expect_geq(regress, 1);
	cr_expect_geq(decrypted, 10, "the seeds decrypt: %zu connections", decrypted);
}

/* ---------------------------------------------------------------- SSL 2.0 */

struct v2_seen {
	int starts, malformed;
	uint16_t client_version, server_version;
	size_t certs, cert_len;
	unsigned pos;
};

static void v2_start(void *ctx, int ch, int sh)
{
	(void)ch, (void)sh;
	((struct v2_seen *)ctx)->starts++;
}

static void v2_ch(void *ctx, uint16_t v, const char *sni, const uint16_t *vs, size_t n, const uint8_t *random)
{
	(void)vs, (void)n;
	cr_expect_null(sni);
	cr_expect_null(random, "an SSL 2.0-format hello has no TLS random");
	((struct v2_seen *)ctx)->client_version = v;
}

static void v2_sh(void *ctx, uint16_t v, uint16_t cipher, uint16_t sel, int hrr)
{
	(void)cipher, (void)sel, (void)hrr;
	((struct v2_seen *)ctx)->server_version = v;
}

static void v2_cert(void *ctx, const uint8_t *der, size_t len, unsigned pos, int last)
{
	struct v2_seen *s = ctx;
	cr_expect(last);
	cr_expect_eq(der[0], 0x30);
	s->certs++;
	s->cert_len = len;
	s->pos = pos;
}

static void v2_ev(void *ctx, enum cd_tls_event_kind k, const char *msg)
{
	(void)k, (void)msg;
	((struct v2_seen *)ctx)->malformed++;
}

/* an SSL 2.0 SERVER-HELLO carrying a 40-byte "certificate", two cipher specs, a 16-byte
 * connection id */
static size_t v2_server_hello(uint8_t *b, int sid_hit)
{
	size_t cl = sid_hit ? 0 : 40, n = 11 + cl + 6 + 16;
	b[0] = (uint8_t)(0x80 | (n >> 8));
	b[1] = (uint8_t)n;
	memcpy(b + 2, "\x04\x00\x01\x00\x02", 5);
	b[3] = (uint8_t)sid_hit;
	b[4] = sid_hit ? 0 : 1;
	b[7] = 0;
	b[8] = (uint8_t)cl;
	b[9] = 0;
	b[10] = 6;
	b[11] = 0;
	b[12] = 16;
	memset(b + 13, 0x30, cl);
	memcpy(b + 13 + cl, "\x01\x00\x80\x07\x00\xc0", 6);
	memset(b + 13 + cl + 6, 0x49, 16);
	return 2 + n;
}

static void v2_feed(const uint8_t *b, size_t n, size_t seg, struct v2_seen *s, struct cd_tls_stream *t)
{
	struct cd_sslv2_stream v;
	struct cd_tls_handler h = {s, v2_start, v2_ch, v2_sh, v2_cert, NULL, NULL, NULL, v2_ev, NULL, NULL, NULL};
	cd_sslv2_stream_init(&v);
	cd_tls_stream_init(t);
	for (size_t i = 0; i < n; i += seg) {
		size_t k = n - i < seg ? n - i : seg;
		size_t used = cd_sslv2_feed(&v, t, b + i, k, &h);
		if (used < k)
			cd_tls_stream_feed(t, b + i + used, k - used, 1, &h);
	}
	cd_sslv2_stream_release(&v);
}

Test(sslv2, server_hello_in_three_byte_segments_gives_its_certificate)
{
	uint8_t b[256];
	size_t n = v2_server_hello(b, 0);
	struct v2_seen s = {0};
	struct cd_tls_stream t;
	v2_feed(b, n, 3, &s, &t); /* a record start is looked for at segment starts, as for TLS */
	cr_expect_eq(s.starts, 1);
	cr_expect_eq(s.server_version, CD_SSLV2_VERSION);
	cr_expect_eq(s.certs, 1);
	cr_expect_eq(s.cert_len, 40);
	cr_expect_eq(s.pos, 1);
	cr_expect_eq(s.malformed, 0);
	cr_expect_eq(t.state, CD_TLS_DONE, "after SERVER-HELLO everything is SSL 2.0, then encrypted");
	cr_expect_str_eq(cd_tls_version_name(CD_SSLV2_VERSION), "SSL2.0");
	cd_tls_stream_release(&t);
}

Test(sslv2, a_resumed_session_sends_no_certificate)
{
	uint8_t b[256];
	size_t n = v2_server_hello(b, 1);
	struct v2_seen s = {0};
	struct cd_tls_stream t;
	v2_feed(b, n, 7, &s, &t);
	cr_expect_eq(s.server_version, CD_SSLV2_VERSION);
	cr_expect_eq(s.certs, 0);
	cr_expect_eq(s.malformed, 0);
	cd_tls_stream_release(&t);
}

Test(sslv2, lengths_that_do_not_add_up_are_not_ssl2_or_malformed)
{
	uint8_t b[256];
	size_t n = v2_server_hello(b, 0);
	struct v2_seen s = {0};
	struct cd_tls_stream t;
	/* the certificate length contradicts the record length: not taken for SSL 2.0 at all */
	b[8] = 41;
	cr_expect_not(cd_sslv2_looks_like_hello(b, n));
	b[8] = 40;
	cr_expect(cd_sslv2_looks_like_hello(b, n));
	/* only the first 12 bytes arrive in the first segment (the lengths cannot be checked yet),
	 * and the rest contradicts them: malformed, the direction is lost */
	b[12] = 200;
	v2_feed(b, n, 12, &s, &t);
	cr_expect_eq(s.malformed, 1);
	cr_expect_eq(s.certs, 0);
	cr_expect_eq(t.state, CD_TLS_LOST);
	cd_tls_stream_release(&t);
}

Test(sslv2, a_tls_clients_ssl2_format_hello_is_followed_by_tls_records)
{
	/* CLIENT-HELLO version 3.3, one cipher spec, no session id, 16-byte challenge; then a
	 * TLS alert record in the same segment */
	uint8_t b[64] = {0x80, 28, 0x01, 0x03, 0x03, 0x00, 0x03, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x2f};
	struct v2_seen s = {0};
	struct cd_tls_stream t;
	size_t n = 2 + 28;
	memset(b + 14, 0x43, 16);
	memcpy(b + n, "\x15\x03\x03\x00\x02\x02\x28", 7);
	n += 7;
	v2_feed(b, n, n, &s, &t);
	cr_expect_eq(s.client_version, 0x0303);
	cr_expect_eq(s.malformed, 0);
	cr_expect_eq(t.state, CD_TLS_RECORDS, "TLS records follow an SSL 2.0-format ClientHello");
	cd_tls_stream_release(&t);
}
