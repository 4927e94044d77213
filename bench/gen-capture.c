/* gen-capture.c - synthesise a large capture of mixed traffic for bench/pcap.sh: the TLS
 * connections of the template captures (Ethernet, IPv4) replayed with new addresses and
 * ports, so every copy is its own connection, between bulk non-TLS TCP segments.
 * usage: gen-capture OUT SIZE_MB FILLER_PER_HANDSHAKE TEMPLATE.pcap... */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct frame {
	struct pcap_pkthdr h;
	u_char *d;
};

struct tmpl {
	struct frame *f;
	size_t n;
};

static int load(const char *path, struct tmpl *t)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	pcap_t *p = pcap_open_offline(path, err);
	if (!p || pcap_datalink(p) != DLT_EN10MB) {
		fprintf(stderr, "gen-capture: %s: not an Ethernet capture\n", path);
		if (p)
			pcap_close(p);
		return -1;
	}
	while (pcap_next_ex(p, &h, &d) == 1) {
		t->f = realloc(t->f, (t->n + 1) * sizeof(*t->f));
		t->f[t->n].h = *h;
		t->f[t->n].d = malloc(h->caplen);
		memcpy(t->f[t->n].d, d, h->caplen);
		t->n++;
	}
	pcap_close(p);
	return 0;
}

/* rewrite IPv4 addresses (10.x.y.1 / 10.x.y.2) and the client port for copy k */
static void rewrite(u_char *b, size_t len, unsigned long k, uint16_t cport)
{
	if (len < 14 + 20 + 20 || b[12] != 0x08 || b[13] != 0x00)
		return;
	u_char *ip = b + 14, *tcp = ip + (ip[0] & 15) * 4;
	if ((size_t)(tcp - b) + 20 > len)
		return;
	int to_server = (tcp[0] << 8 | tcp[1]) == cport;
	u_char *cli = to_server ? ip + 12 : ip + 16, *srv = to_server ? ip + 16 : ip + 12;
	cli[0] = 10; cli[1] = (u_char)(k >> 16); cli[2] = (u_char)(k >> 8); cli[3] = 1;
	srv[0] = 10; srv[1] = 200; srv[2] = (u_char)(k % 250); srv[3] = 2;
	u_char *cp = to_server ? tcp : tcp + 2;
	uint16_t np = (uint16_t)(1024 + k % 60000);
	cp[0] = (u_char)(np >> 8);
	cp[1] = (u_char)(np & 0xff);
}

int main(int argc, char **argv)
{
	struct tmpl *t;
	size_t nt, filler;
	unsigned long long target, written = 0, handshakes = 0;
	u_char bulk[1514];
	struct pcap_pkthdr bh;
	uint32_t bseq = 1;
	if (argc < 5) {
		fprintf(stderr, "usage: gen-capture OUT SIZE_MB FILLER_PER_HANDSHAKE TEMPLATE.pcap...\n");
		return 2;
	}
	target = strtoull(argv[2], NULL, 10) << 20;
	filler = strtoul(argv[3], NULL, 10);
	nt = (size_t)argc - 4;
	t = calloc(nt, sizeof(*t));
	for (size_t i = 0; i < nt; i++)
		if (load(argv[4 + i], &t[i]) < 0)
			return 2;
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 262144);
	pcap_dumper_t *out = pcap_dump_open(dead, argv[1]);
	if (!out) {
		fprintf(stderr, "gen-capture: %s\n", pcap_geterr(dead));
		return 2;
	}
	/* one bulk non-TLS flow: 10.99.0.1:40000 -> 10.99.0.2:9000, 1460-byte segments */
	memset(bulk, 0, sizeof(bulk));
	bulk[12] = 0x08;
	u_char *ip = bulk + 14, *tcp = ip + 20;
	ip[0] = 0x45; ip[2] = (1500 >> 8); ip[3] = 1500 & 0xff; ip[8] = 64; ip[9] = 6;
	ip[12] = 10; ip[13] = 99; ip[15] = 1; ip[16] = 10; ip[17] = 99; ip[19] = 2;
	tcp[0] = 40000 >> 8; tcp[1] = 40000 & 0xff; tcp[2] = 9000 >> 8; tcp[3] = 9000 & 0xff;
	tcp[12] = 0x50; tcp[13] = 0x10;
	for (size_t i = 54; i < sizeof(bulk); i++)
		bulk[i] = (u_char)(i * 7 + 13);
	bh.caplen = bh.len = sizeof(bulk);
	bh.ts.tv_sec = 1780000000;
	bh.ts.tv_usec = 0;
	for (unsigned long k = 0; written < target; k++) {
		struct tmpl *tp = &t[k % nt];
		uint16_t cport = tp->f[0].h.caplen >= 38 ? (uint16_t)(tp->f[0].d[34] << 8 | tp->f[0].d[35]) : 0;
		for (size_t i = 0; i < tp->n; i++) {
			struct frame fr = tp->f[i];
			u_char buf[65536 + 64];
			memcpy(buf, fr.d, fr.h.caplen);
			rewrite(buf, fr.h.caplen, k, cport);
			fr.h.ts.tv_sec = bh.ts.tv_sec;
			fr.h.ts.tv_usec = bh.ts.tv_usec;
			pcap_dump((u_char *)out, &fr.h, buf);
			written += fr.h.caplen + 16;
			for (size_t j = 0; j < filler / tp->n + 1; j++) {
				tcp[4] = (u_char)(bseq >> 24); tcp[5] = (u_char)(bseq >> 16);
				tcp[6] = (u_char)(bseq >> 8); tcp[7] = (u_char)bseq;
				bseq += 1460;
				if (++bh.ts.tv_usec >= 1000000) {
					bh.ts.tv_usec = 0;
					bh.ts.tv_sec++;
				}
				pcap_dump((u_char *)out, &bh, bulk);
				written += sizeof(bulk) + 16;
			}
		}
		handshakes++;
	}
	pcap_dump_close(out);
	pcap_close(dead);
	printf("%llu bytes, %llu TLS connections\n", written, handshakes);
	return 0;
}
