/* pcap-floor.c - the benchmark floor: read every frame of a capture with pcap_next_ex and
 * touch one byte of each, nothing else. certdiag cannot read a capture faster than this. */
#include <pcap/pcap.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	unsigned long long frames = 0, bytes = 0, x = 0;
	pcap_t *p;
	if (argc != 2) {
		fprintf(stderr, "usage: pcap-floor CAPTURE\n");
		return 2;
	}
	p = pcap_open_offline(argv[1], err);
	if (!p) {
		fprintf(stderr, "pcap-floor: %s\n", err);
		return 2;
	}
	while (pcap_next_ex(p, &h, &d) == 1) {
		frames++;
		bytes += h->caplen;
		if (h->caplen)
			x += d[h->caplen - 1];
	}
	pcap_close(p);
	printf("%llu frames, %llu bytes (%llu)\n", frames, bytes, x & 1);
	return 0;
}
