/*
 * What a libpcap capture costs by itself, for the benchmarks: open a
 * handle on "any" the way postprobe does (262144-byte snap length, 8 MB
 * ring, blocks), set a filter, close it, and print the milliseconds of
 * each step: "OPEN_MS CLOSE_MS".  On Linux both ends wait out a kernel
 * RCU grace period (packet_set_ring and packet_release), which no
 * option avoids; tcpdump pays the same.  Needs root or cap_net_raw.
 */
#include <stdio.h>
#include <time.h>

#include <pcap/pcap.h>

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int
main(void)
{
	char err[PCAP_ERRBUF_SIZE] = "";
	struct bpf_program f;
	double t0, t1, t2;
	pcap_t *p;

	t0 = now_ms();
	if ((p = pcap_create("any", err)) == NULL) {
		fprintf(stderr, "pcap_floor: %s\n", err);
		return 1;
	}
	if (pcap_set_snaplen(p, 262144) != 0 || pcap_set_immediate_mode(p, 0) != 0 ||
	    pcap_set_buffer_size(p, 8 << 20) != 0 || pcap_set_timeout(p, 2) != 0 ||
	    pcap_activate(p) < 0) {
		fprintf(stderr, "pcap_floor: %s\n", pcap_geterr(p));
		return 1;
	}
	if (pcap_compile(p, &f, "ip proto 253", 1, PCAP_NETMASK_UNKNOWN) != 0 ||
	    pcap_setfilter(p, &f) != 0) {
		fprintf(stderr, "pcap_floor: %s\n", pcap_geterr(p));
		return 1;
	}
	pcap_freecode(&f);
	t1 = now_ms();
	pcap_close(p);
	t2 = now_ms();
	printf("%.3f %.3f\n", t1 - t0, t2 - t1);
	return 0;
}
