/*
 * The floor under any capture reader, for bench_triage.sh: open a
 * capture file with libpcap, visit every frame (its header and its
 * first and last captured byte, so the data is really read), print
 * "FRAMES BYTES".  No decoding, no state: what reading the file costs.
 */
#include <stdio.h>

#include <pcap/pcap.h>

struct tally {
	unsigned long long	frames, bytes;
	unsigned int		touch;
};

static void
visit(u_char *user, const struct pcap_pkthdr *h, const u_char *p)
{
	struct tally *t = (struct tally *)user;

	t->frames++;
	t->bytes += h->caplen;
	if (h->caplen > 0)
		t->touch += p[0] + p[h->caplen - 1];
}

int
main(int argc, char **argv)
{
	char err[PCAP_ERRBUF_SIZE] = "";
	struct tally t = { 0, 0, 0 };
	pcap_t *p;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: pcap_read FILE\n");
		return 64;
	}
	if ((p = pcap_open_offline(argv[1], err)) == NULL) {
		fprintf(stderr, "pcap_read: %s\n", err);
		return 66;
	}
	rc = pcap_loop(p, -1, visit, (u_char *)&t);
	if (rc == PCAP_ERROR)
		fprintf(stderr, "pcap_read: %s\n", pcap_geterr(p));
	pcap_close(p);
	printf("%llu %llu %u\n", t.frames, t.bytes, t.touch & 1);
	return rc == PCAP_ERROR ? 65 : 0;
}
