/*
 * Decoder unit tests: a table of frames written as hex, each with the
 * status and the fields that matter, then sweeps that cut ICMP quotes at
 * every length, and a pass over the book's real tracert capture.
 *
 * A case's expectations are "field=value" words (see snap_take() for the
 * names); a word naming no field fails the case, so a typo cannot pass.
 * Every case is also decoded at every shorter snap length: a frame that
 * decodes whole may come out TRUNCATED when cut, never INVALID, and no
 * cursor may point outside what was captured.
 */
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyze/packet/decode.h"
#include "fixtures.h"
#include "pktbuild.h"

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2	276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4	228
#endif

#define MAXPKT	2048

/* Runs of zero bytes, for RFC 4884 padding. */
#define Z4	"00000000"
#define Z16	Z4 Z4 Z4 Z4
#define Z64	Z16 Z16 Z16 Z16

/* Link headers: Ethernet II (IEEE 802.3 clause 3.2.6), Linux cooked. */
#define MACS		"020000000002" "020000000001"
#define ETH		MACS "0800"
#define SLL_IN		"0000" "0001" "0006" "020000000001" "0000" "0800"
#define SLL_OUT		"0004" "0001" "0006" "020000000001" "0000" "0800"
#define SLL2_OUT	"0800" "0000" "00000002" "0001" "04" "06" "020000000001" "0000"
#define SLL2_IN		"0800" "0000" "00000002" "0001" "00" "06" "020000000001" "0000"

/*
 * IPv4 headers, RFC 791, without options.  IP4: 192.0.2.1 to
 * 198.51.100.7, the probing host's view.  IP4R: a router, 203.0.113.5,
 * answering it.  IP, ICMP and transport checksums are left 0: the decoder
 * checks only RFC 4884's, so tshark flags them but nothing here depends on
 * them.
 */
#define IP4(len, ttl, proto)	"4500" len "beef" "0000" ttl proto "0000" "c0000201" "c6336407"
#define IP4DF(len, ttl, proto)	"4500" len "beef" "4000" ttl proto "0000" "c0000201" "c6336407"
#define IP4R(len, proto)	"4500" len "0001" "0000" "fe" proto "0000" "cb007105" "c0000201"

/* An ICMP echo request, RFC 792: id 0x1234, sequence 1, 4 data bytes. */
#define ECHO_REQ	IP4("0020", "40", "01") "0800" "0000" "1234" "0001" "deadbeef"
/* A UDP probe, RFC 768: 33333 to 33434, length 12, checksum 0x1234. */
#define UDP_PROBE	IP4("0020", "01", "11") "8235" "829a" "000c" "1234" "deadbeef"
/*
 * A TCP SYN, RFC 9293, with the options Linux sends: MSS 1460, SACK
 * permitted, timestamps, NOP, window scale 7 (data offset 10).
 */
#define SYN_PROBE	IP4DF("003c", "40", "06") "a1b2" "0050" "01020304" "00000000" \
			"a002" "faf0" "0000" "0000" \
			"020405b4" "0402" "080a" "00000001" "00000000" "01" "030307"
/* TCP PSH+ACK carrying "GET /". */
#define TCP_PSHACK	IP4("002d", "40", "06") "a1b2" "0050" "01020304" "0a0b0c0d" \
			"5018" "faf0" "0000" "0000" "474554202f"

/* ICMP time exceeded in transit (RFC 792) with the 8 bytes RFC 792 asks. */
#define TE_HDR		"0b00" "0000" "00000000"
#define Q_ICMP8		IP4("0020", "01", "01") "0800" "0000" "1234" "0007"
#define Q_UDP8		IP4("0020", "01", "11") "8235" "829a" "000c" "1234"
#define Q_TCP8		IP4DF("003c", "01", "06") "a1b2" "0050" "01020304"

/*
 * RFC 4884 extension structures (version 2, checksum) holding RFC 4950
 * MPLS label stack objects (class 1, C-type 1); each entry is label(20)
 * TC(3) S(1) TTL(8).  Checksums computed over the structure.
 *   E1: labels 16/0/0/1, 1048575/7/0/255, 3/5/1/254
 *   E2: label 30/0/1/255
 *   E3: an interface object (class 2) then labels 1, 2, 3, 4 (S on 4)
 *   E4: ten labels 100..109, TC i%8, TTL i+1: more than DEC_MAX_MPLS
 */
#define E1		"2000a3ee" "00100101" "00010001" "fffffeff" "00003bfe"
#define E1_BADSUM	"2000a2ef" "00100101" "00010001" "fffffeff" "00003bfe"
#define E1_NOSUM	"20000000" "00100101" "00010001" "fffffeff" "00003bfe"
#define E2		"2000fcf5" "00080101" "0001e1ff"
#define E3		"20003bda" "000c0201" "00000001" "00000002" \
			"00140101" "00001000" "00002000" "00003000" "00004100"
#define E4		"2000535a" "002c0101" "00064001" "00065202" "00066403" "00067604" \
			"00068805" "00069a06" "0006ac07" "0006be08" "0006c009" "0006d30a"
#define E_OBJ_SHORT	"20008dfb" "00020101" "00005101"	/* object length 2 */
#define E_OBJ_LONG	"20008ded" "00100101" "00005101"	/* object length 16 of 8 */
#define E_VERSION1	"10009df5" "00080101" "00005101"

/*
 * The quote of an RFC 4884 message whose length field is 32 words: the
 * 28-byte ICMP probe padded with zeros to 128 bytes.
 */
#define Q128_ICMP	IP4("001c", "01", "01") "0800" "0000" "1234" "0009" Z64 Z16 Z16 Z4
#define Q128_UDP	UDP_PROBE Z64 Z16 Z16

/*
 * Frame 41 of ../shared/captures/icmp-tracert-slow.pcap, byte for byte:
 * a time exceeded from 129.250.2.112 quoting the ICMP echo in 128 bytes
 * (92 of datagram, 36 of zeros) followed by an extension structure
 * whose length field is 0 (the RFC 4884 section 5 compatibility case):
 * MPLS label 426930, TC 0, S 1, TTL 1 (tshark -V agrees).
 */
#define FRAME41_HEAD	"00d059aaaf8000015c2289c20800" \
			"450000a8359f4000f601336b81fa027018067eda" \
			"0b00f4ff00000000" \
			"4500005cb612000001 01b1e018067edac6adf420" "0800ddff02001800"
#define FRAME41_PAD	Z64 Z16 Z16 Z4
#define FRAME41_EXT	"200055ba" "00080101" "683b2101"
#define FRAME41		FRAME41_HEAD FRAME41_PAD FRAME41_EXT

/*
 * Record Route (RFC 791 3.1, option 7) in the outer header: an echo reply
 * from 198.18.3.2 to 198.18.0.1 with IHL 15 (40 bytes of options).
 * RR_A8: the eight addresses a 3-router lab path records, out and back.
 */
#define RR_IP		"4f00" "0048" "0001" "0000" "3f" "01" "0000" "c6120302" "c6120001"
#define RR_ECHO		"0000" "0000" "1234" "0001" "deadbeef"
#define RR_A8		"c6120101" "c6120201" "c6120301" "c6120302" "c6120302" \
			"c6120202" "c6120102" "c6120002"

/*
 * IPv6, RFC 8200.  S6 2001:db8::1 probes D6 2001:db8:1::7; R6
 * 2001:db8:ff::5 is a router answering it.  IP6(plen, next, hlim);
 * IP6R(plen) an ICMPv6 message from the router.  Checksums are left 0
 * as for IPv4: nothing here depends on them.
 */
#define S6		"20010db8000000000000000000000001"
#define D6		"20010db8000100000000000000000007"
#define R6		"20010db800ff00000000000000000005"
#define LL6		"fe800000000000000000000000000001"
#define IP6(plen, nxt, hlim)	"6000" "0000" plen nxt hlim S6 D6
#define IP6R(plen)		"6000" "0000" plen "3a" "40" R6 S6
#define ETH6		MACS "86dd"
/* ICMPv6 echo request (RFC 4443 4.1): id 0x1234, sequence 1, 4 data bytes. */
#define ECHO6		IP6("000c", "3a", "40") "8000" "0000" "1234" "0001" "deadbeef"
/* Probes as quoted: UDP 33333 to 33434, an echo of sequence 7, a TCP SYN's first 8. */
#define Q6_UDP		IP6("0010", "11", "01") "8235" "829a" "0010" "1234" "deadbeefcafef00d"
#define Q6_ECHO		IP6("0010", "3a", "01") "8000" "0000" "1234" "0007" "deadbeefcafef00d"
#define Q6_TCP8		IP6("0014", "06", "01") "a1b2" "0050" "01020304"
/*
 * Extension headers, RFC 8200 4.3-4.6 and RFC 4302: each names the next.
 *   HBH_RA: hop-by-hop with a Router Alert (RFC 2711) and a PadN
 *   DST8(n): destination options, 8 bytes, PadN
 *   RH2(n): routing type 2 (RFC 6275), 24 bytes, one segment left
 *   FRAG(n, offflags): fragment header, identification 0xabcd1234
 *   AH(n, len): authentication header of (len + 2) * 4 bytes, SPI 0x1000
 */
#define HBH_RA(n)	n "00" "05020000" "0100"
#define DST8(n)		n "00" "010400000000"
#define RH2(n)		n "02" "02" "01" "00000000" "20010db8000200000000000000000009"
#define FRAG(n, ofl)	n "00" ofl "abcd1234"
#define AH1(n)		n "01" "0000" "00001000" "00000001"
#define AH4(n)		n "04" "0000" "00001000" "00000001" "000000000000000000000000"
/* A UDP probe behind every kind: HBH, DST, RH, FRAG (atomic), AH, DST, UDP. */
#define CHAIN_ALL	IP6("005c", "00", "40") HBH_RA("3c") DST8("2b") RH2("2c") \
			FRAG("33", "0000") AH4("3c") "1100" "000000000000" \
			"8235" "829a" "000c" "1234" "deadbeef"
/* NDP, RFC 4861 4.3-4.4, hop limit 255; MAC_A 02:00:00:00:00:0a. */
#define MAC_A		"02000000000a"
#define IP6ND(plen, src, dst)	"6000" "0000" plen "3a" "ff" src dst
/* RFC 4884 length 16 (64-bit words): Q6_UDP (56 bytes) padded to 128. */
#define Q6_UDP128	Q6_UDP Z64 Z4 Z4

struct dcase {
	const char	*name;
	int		 lt;
	const char	*hex;
	uint32_t	 caplen;	/* 0: every byte of hex */
	uint32_t	 wirelen;	/* 0: the length of hex */
	enum dec_status	 st;
	const char	*why;		/* substring of p->why, or NULL */
	const char	*want;		/* "field=value ..." */
};

static struct dcase cases[] = {
	/* Link layers. */
	{ "ether: ICMP echo request", DLT_EN10MB, ETH ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "linktype=1 sll_dir=255 ip.src=192.0.2.1 ip.dst=198.51.100.7 ip.hlen=20 "
	  "ip.tot_len=32 ip.ttl=64 ip.proto=1 ip.id=0xbeef ip.df=0 ip.mf=0 ip.frag=0 "
	  "l4.have=0x30 l4.icmp_type=8 l4.icmp_code=0 l4.echo_id=0x1234 l4.echo_seq=1 "
	  "payload_len=4 payload.len=4 is_icmp_err=0 quote_ok=0" },
	{ "ether: 802.1Q tag", DLT_EN10MB, MACS "8100" "0064" "0800" ECHO_REQ, 0, 0, DEC_OK,
	  NULL, "ip.ttl=64 l4.echo_id=0x1234 l4.echo_seq=1 payload_len=4" },
	{ "ether: QinQ (802.1ad over 802.1Q)", DLT_EN10MB,
	  MACS "88a8" "00c8" "8100" "0064" "0800" ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "ip.src=192.0.2.1 l4.echo_id=0x1234 payload_len=4" },
	{ "ether: six tags is not IP", DLT_EN10MB,
	  MACS "81000001" "81000002" "81000003" "81000004" "81000005" "81000006" "0800"
	  ECHO_REQ, 0, 0, DEC_OTHER, NULL, "" },
	{ "ether: cut inside the VLAN tag", DLT_EN10MB, MACS "8100" "0064" "0800" ECHO_REQ,
	  15, 0, DEC_TRUNCATED, "Ethernet", "" },
	{ "ether: cut inside the MACs", DLT_EN10MB, ETH ECHO_REQ, 10, 0, DEC_TRUNCATED,
	  "Ethernet", "" },
	{ "ether: 13-byte frame, uncut", DLT_EN10MB, MACS "08", 0, 0, DEC_INVALID,
	  "Ethernet", "" },
	{ "ether: type IPv4, no IP bytes, uncut", DLT_EN10MB, ETH, 0, 0, DEC_INVALID, NULL,
	  "" },
	{ "ether: padded to 60 bytes (tot_len shorter than frame)", DLT_EN10MB,
	  ETH IP4("001c", "40", "01") "0000" "0000" "1234" "0002"
	  "ffffffffffffffffffffffffffffffffffff", 0, 0, DEC_OK, NULL,
	  "ip.tot_len=28 l4.icmp_type=0 l4.echo_seq=2 payload_len=0 payload.len=0" },
	{ "ether: padded, snap length inside the padding", DLT_EN10MB,
	  ETH IP4("001c", "40", "01") "0000" "0000" "1234" "0002"
	  "ffffffffffffffffffffffffffffffffffff", 50, 0, DEC_OK, NULL,
	  "ip.tot_len=28 l4.echo_seq=2 payload_len=0" },
	/* RFC 826: who-has 192.0.2.2 tell 192.0.2.1; not IP, but its fields are read. */
	{ "ether: ARP request", DLT_EN10MB, MACS "0806" "0001080006040001" "020000000001"
	  "c0000201" "000000000000" "c0000202", 0, 0, DEC_OTHER, "ARP",
	  "is_arp=1 arp_op=1 arp_spa=192.0.2.1 arp_tpa=192.0.2.2" },
	{ "ether: ARP reply", DLT_EN10MB, MACS "0806" "0001080006040002" "020000000002"
	  "c0000202" "020000000001" "c0000201", 0, 0, DEC_OTHER, "ARP",
	  "is_arp=1 arp_op=2 arp_spa=192.0.2.2 arp_tpa=192.0.2.1" },
	{ "ether: ARP cut before the addresses", DLT_EN10MB, MACS "0806" "0001080006040001"
	  "020000000001" "c000", 0, 0, DEC_OTHER, "ARP", "is_arp=0" },
	{ "ether: ARP for another protocol", DLT_EN10MB, MACS "0806" "000186dd06100001",
	  0, 0, DEC_OTHER, "ARP", "is_arp=0" },
	{ "ether: IPv6", DLT_EN10MB, MACS "86dd" "6000000000083a40"
	  "20010db8000000000000000000000001" "20010db8000000000000000000000002"
	  "8000000012340001", 0, 0, DEC_OTHER, "IPv6", "" },
	{ "ether: IPv6 behind a VLAN tag", DLT_EN10MB, MACS "8100" "0064" "86dd"
	  "6000000000083a40", 0, 0, DEC_OTHER, "IPv6", "" },
	{ "ether: 802.3 length field", DLT_EN10MB, MACS "002e" "aaaa03000000", 0, 0,
	  DEC_OTHER, "not IP", "" },
	{ "sll: incoming", DLT_LINUX_SLL, SLL_IN ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "linktype=113 sll_dir=0 ip.ttl=64 l4.echo_id=0x1234 payload_len=4" },
	{ "sll: outgoing", DLT_LINUX_SLL, SLL_OUT ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "sll_dir=4 ip.dst=198.51.100.7 l4.echo_seq=1" },
	{ "sll: IPv6", DLT_LINUX_SLL, "0000000100060200000000010000" "86dd"
	  "6000000000083a40", 0, 0, DEC_OTHER, "IPv6", "" },
	{ "sll: cut inside the cooked header", DLT_LINUX_SLL, SLL_IN ECHO_REQ, 12, 0,
	  DEC_TRUNCATED, "cooked", "" },
	{ "sll2: outgoing", DLT_LINUX_SLL2, SLL2_OUT ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "linktype=276 sll_dir=4 ip.ttl=64 l4.echo_id=0x1234 payload_len=4" },
	{ "sll2: incoming", DLT_LINUX_SLL2, SLL2_IN ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "sll_dir=0 l4.echo_seq=1" },
	{ "sll2: IPv6", DLT_LINUX_SLL2, "86dd" "0000" "00000002" "0001" "00" "06"
	  "020000000001" "0000" "6000000000083a40", 0, 0, DEC_OTHER, "IPv6", "" },
	{ "sll2: cut inside the cooked header", DLT_LINUX_SLL2, SLL2_IN ECHO_REQ, 18, 0,
	  DEC_TRUNCATED, "cooked v2", "" },
	{ "sll2: 19-byte frame, uncut", DLT_LINUX_SLL2, "0800" "0000" "00000002" "0001" "00"
	  "06" "02000000000100", 0, 0, DEC_INVALID, "cooked v2", "" },
	{ "raw: IPv4 (DLT_RAW)", DLT_RAW, ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "sll_dir=255 ip.ttl=64 l4.echo_id=0x1234 payload_len=4" },
	{ "raw: IPv4 (DLT_IPV4)", DLT_IPV4, ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "linktype=228 ip.ttl=64 l4.echo_id=0x1234" },
	{ "raw: IPv6", DLT_RAW, "6000000000083a40" "20010db8000000000000000000000001",
	  0, 0, DEC_OTHER, "IPv6", "" },
	{ "raw: empty frame", DLT_RAW, "", 0, 0, DEC_INVALID, "empty", "" },
	{ "raw: empty capture of a longer frame", DLT_RAW, "", 0, 40, DEC_TRUNCATED, "empty",
	  "" },
	{ "null: family 2 little-endian host", DLT_NULL, "02000000" ECHO_REQ, 0, 0, DEC_OK,
	  NULL, "linktype=0 ip.ttl=64 l4.echo_id=0x1234" },
	{ "null: family 2 big-endian host", DLT_NULL, "00000002" ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "ip.ttl=64 l4.echo_seq=1" },
	{ "null: family 24 (IPv6, NetBSD)", DLT_NULL, "18000000" "6000000000083a40", 0, 0,
	  DEC_OTHER, "IPv6", "" },
	{ "null: family 30 (IPv6, macOS) big-endian", DLT_NULL, "0000001e" "60000000", 0, 0,
	  DEC_OTHER, "IPv6", "" },
	{ "null: family 7", DLT_NULL, "07000000" ECHO_REQ, 0, 0, DEC_OTHER, "not IP", "" },
	{ "null: cut inside the family", DLT_NULL, "02000000" ECHO_REQ, 3, 0, DEC_TRUNCATED,
	  "loopback", "" },
	{ "null: 3-byte frame, uncut", DLT_NULL, "020000", 0, 0, DEC_INVALID, "loopback", "" },
	{ "loop: family 2, network order", DLT_LOOP, "00000002" ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "linktype=108 ip.ttl=64 l4.echo_id=0x1234" },
	{ "loop: little-endian family is not 2", DLT_LOOP, "02000000" ECHO_REQ, 0, 0,
	  DEC_OTHER, "not IP", "" },
	{ "unsupported link type (802.11)", 105, ETH ECHO_REQ, 0, 0, DEC_OTHER,
	  "unsupported", "" },
	/* PPP (RFC 1661/1662), Cisco HDLC, PPPoE (RFC 2516), MPLS (RFC 3032). */
	{ "ppp: address, control, protocol 0x0021", 9, "ff03" "0021" ECHO_REQ, 0, 0, DEC_OK,
	  NULL, "linktype=9 ip.ttl=64 l4.echo_id=0x1234 l4.echo_seq=1 payload_len=4" },
	{ "ppp: address and control compressed", 9, "0021" ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "ip.src=192.0.2.1 l4.echo_seq=1" },
	{ "ppp: protocol field compressed (0x21)", 9, "ff03" "21" ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "ip.dst=198.51.100.7 l4.echo_id=0x1234" },
	{ "ppp: IPv6 (0x0057)", 9, "ff03" "0057" "6000000000083a40", 0, 0, DEC_OTHER, "IPv6",
	  "" },
	{ "ppp: LCP is not IP", 9, "ff03" "c021" "0101000e", 0, 0, DEC_OTHER, "not IP", "" },
	{ "ppp: cut inside the protocol", 9, "ff03" "0021" ECHO_REQ, 3, 0, DEC_TRUNCATED,
	  "PPP", "" },
	{ "ppp serial: PPP in HDLC-like framing", 50, "ff03" "0021" ECHO_REQ, 0, 0, DEC_OK,
	  NULL, "linktype=50 l4.echo_seq=1" },
	{ "ppp serial: Cisco HDLC framing", 50, "0f00" "0800" ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "l4.echo_id=0x1234" },
	{ "ppp with direction byte", 204, "01" "ff03" "0021" ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "linktype=204 ip.ttl=64 l4.echo_seq=1" },
	{ "cisco hdlc: unicast, IPv4", 104, "0f00" "0800" ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "linktype=104 ip.src=192.0.2.1 l4.echo_seq=1" },
	{ "cisco hdlc: broadcast, IPv4", 104, "8f00" "0800" ECHO_REQ, 0, 0, DEC_OK, NULL,
	  "ip.ttl=64" },
	{ "cisco hdlc: SLARP is not IP", 104, "8f00" "8035" "00000000", 0, 0, DEC_OTHER,
	  "not IP", "" },
	{ "ether: PPPoE session, IPv4", DLT_EN10MB, MACS "8864" "1100" "0001" "0022" "0021"
	  ECHO_REQ, 0, 0, DEC_OK, NULL, "ip.ttl=64 l4.echo_id=0x1234 l4.echo_seq=1" },
	{ "ether: PPPoE behind a VLAN tag", DLT_EN10MB, MACS "8100" "0064" "8864" "1100"
	  "0001" "0022" "0021" ECHO_REQ, 0, 0, DEC_OK, NULL, "ip.dst=198.51.100.7" },
	{ "ether: PPPoE cut inside its header", DLT_EN10MB, MACS "8864" "1100" "0001"
	  "0022" "0021" ECHO_REQ, 18, 0, DEC_TRUNCATED, "PPPoE", "" },
	{ "pppoe without Ethernet (DLT_PPP_ETHER)", 51, "1100" "0001" "0022" "0021"
	  ECHO_REQ, 0, 0, DEC_OK, NULL, "linktype=51 l4.echo_seq=1" },
	{ "ether: MPLS, one label", DLT_EN10MB, MACS "8847" "0006413f" ECHO_REQ, 0, 0,
	  DEC_OK, NULL, "ip.ttl=64 l4.echo_id=0x1234" },
	{ "ether: MPLS, two labels", DLT_EN10MB, MACS "8847" "0006403f" "0007713f"
	  ECHO_REQ, 0, 0, DEC_OK, NULL, "ip.src=192.0.2.1 l4.echo_seq=1" },
	{ "ether: MPLS carrying IPv6", DLT_EN10MB, MACS "8847" "0000213f"
	  "6000000000083a40", 0, 0, DEC_OTHER, "IPv6", "" },
	{ "ether: MPLS without a bottom of stack", DLT_EN10MB, MACS "8847" "00064040"
	  "00064040", 0, 0, DEC_INVALID, "MPLS", "" },

	/* IPv4, RFC 791. */
	{ "ip: IHL 6 (router alert) with UDP", DLT_RAW,
	  "4600" "0024" "beef" "0000" "40" "11" "0000" "c0000201" "c6336407" "94040000"
	  "8235" "829a" "000c" "1234" "deadbeef", 0, 0, DEC_OK, NULL,
	  "ip.hlen=24 ip.tot_len=36 l4.have=0x03 l4.sport=33333 l4.dport=33434 "
	  "l4.udp_len=12 payload_len=4 payload.len=4 opt.has=1 opt.bad=0 rr.has=0 rr.bad=0" },
	{ "ip: IHL 15 (record route) with ICMP echo", DLT_EN10MB,
	  ETH "4f00" "0048" "beef" "0000" "40" "01" "0000" "c0000201" "c6336407"
	  "072704" Z16 Z16 Z4 "00" "0800" "0000" "1234" "0001" "deadbeef", 0, 0, DEC_OK, NULL,
	  "ip.hlen=60 ip.tot_len=72 l4.icmp_type=8 l4.echo_id=0x1234 l4.echo_seq=1 "
	  "payload_len=4" },
	{ "ip: IHL 15 cut inside the options", DLT_RAW,
	  "4f00" "0048" "beef" "0000" "40" "01" "0000" "c0000201" "c6336407"
	  "072704" Z16 Z16 Z4 "00" "0800" "0000" "1234" "0001" "deadbeef", 40, 0,
	  DEC_TRUNCATED, "IPv4 header cut short", "" },
	{ "ip: IHL 15 but the frame ends inside the options", DLT_RAW,
	  "4f00" "0048" "beef" "0000" "40" "01" "0000" "c0000201" "c6336407" "072704" Z16, 0, 0,
	  DEC_INVALID, "IPv4 header cut short", "" },
	/* Record Route, RFC 791 3.1: pointer and length must agree, or nothing is given out. */
	{ "rr: echo reply, 8 of 9 slots recorded", DLT_RAW, RR_IP "072724" RR_A8 Z4 "00" RR_ECHO,
	  0, 0, DEC_OK, NULL,
	  "ip.hlen=60 opt.has=1 opt.bad=0 rr.has=1 rr.bad=0 rr.len=39 rr.ptr=36 rr.slots=9 "
	  "rr.n=8 rr.full=0 rr0=198.18.1.1 rr3=198.18.3.2 rr7=198.18.0.2 l4.icmp_type=0 "
	  "l4.echo_seq=1 payload_len=4" },
	{ "rr: all 9 slots recorded (full)", DLT_RAW, RR_IP "072728" RR_A8 "c6120001" "00"
	  RR_ECHO, 0, 0, DEC_OK, NULL,
	  "rr.has=1 rr.bad=0 rr.ptr=40 rr.n=9 rr.full=1 rr8=198.18.0.1 l4.echo_id=0x1234" },
	{ "rr: empty request (pointer 4)", DLT_RAW, RR_IP "072704" Z16 Z16 Z4 "00" RR_ECHO, 0, 0,
	  DEC_OK, NULL, "rr.has=1 rr.bad=0 rr.slots=9 rr.n=0 rr.full=0" },
	{ "rr: after NOPs, 8 slots, 3 recorded", DLT_RAW,
	  RR_IP "0101" "072310" "c6120101" "c6120201" "c6120301" Z16 Z4 "000000" RR_ECHO, 0, 0,
	  DEC_OK, NULL,
	  "opt.bad=0 rr.has=1 rr.len=35 rr.ptr=16 rr.slots=8 rr.n=3 rr.full=0 rr2=198.18.3.1" },
	{ "rr: pointer 3 (below the first slot)", DLT_RAW, RR_IP "072703" Z16 Z16 Z4 "00"
	  RR_ECHO, 0, 0, DEC_OK, NULL,
	  "opt.has=1 opt.bad=0 rr.has=0 rr.bad=1 rr.n=0 l4.echo_seq=1" },
	{ "rr: pointer 6 (inside a slot)", DLT_RAW, RR_IP "072706" Z16 Z16 Z4 "00" RR_ECHO, 0, 0,
	  DEC_OK, NULL, "rr.has=0 rr.bad=1 rr.n=0" },
	{ "rr: pointer 44 (past the full mark)", DLT_RAW, RR_IP "07272c" RR_A8 "c6120001" "00"
	  RR_ECHO, 0, 0, DEC_OK, NULL, "rr.has=0 rr.bad=1 rr.n=0 rr.full=0" },
	{ "rr: pointer 255", DLT_RAW, RR_IP "0727ff" RR_A8 "c6120001" "00" RR_ECHO, 0, 0,
	  DEC_OK, NULL, "rr.has=0 rr.bad=1 rr.n=0" },
	{ "rr: length 2 (no pointer)", DLT_RAW, RR_IP "0702" Z16 Z16 "000000000000" RR_ECHO, 0,
	  0, DEC_OK, NULL, "opt.bad=0 rr.has=0 rr.bad=1 rr.n=0" },
	{ "rr: length 41 runs past the header", DLT_RAW, RR_IP "072904" Z16 Z16 Z4 "00" RR_ECHO,
	  0, 0, DEC_OK, NULL, "opt.has=1 opt.bad=1 rr.has=0 rr.bad=1 rr.n=0 l4.echo_seq=1" },
	{ "rr: a timestamp of length 0 ends the walk", DLT_RAW,
	  RR_IP "4400" Z16 Z16 "000000000000" RR_ECHO, 0, 0, DEC_OK, NULL,
	  "opt.has=1 opt.bad=1 rr.has=0 rr.bad=0" },
	{ "rr: two Record Routes", DLT_RAW,
	  RR_IP "070708" "c6120101" "070704" "00000000" Z16 "00000000000000000000" RR_ECHO, 0, 0,
	  DEC_OK, NULL, "rr.has=0 rr.bad=1 rr.n=0" },
	{ "rr: after the end of the list", DLT_RAW, RR_IP "00" "070708" "c6120101" Z16 Z16
	  RR_ECHO, 0, 0, DEC_OK, NULL, "opt.has=1 opt.bad=0 rr.has=0 rr.bad=0 rr.n=0" },
	{ "ip: IHL 4", DLT_RAW, "4400" "0020" "beef" "0000" "40" "01" "0000" "c0000201"
	  "c6336407" "0800000012340001", 0, 0, DEC_INVALID, "below 20", "" },
	{ "ip: IHL 0", DLT_EN10MB, ETH "4000" "0020" "beef" "0000" "40" "01" "0000" "c0000201"
	  "c6336407" "0800000012340001", 0, 0, DEC_INVALID, "below 20", "" },
	{ "ip: version 5", DLT_RAW, "5500" "0020" "beef" "0000" "40" "01" "0000" "c0000201"
	  "c6336407" "0800000012340001", 0, 0, DEC_INVALID, "neither", "" },
	{ "ip: total length below IHL", DLT_RAW, IP4("0010", "40", "01")
	  "0800000012340001deadbeef", 0, 0, DEC_INVALID, "total length below", "" },
	{ "ip: total length 100 in an uncut 32-byte frame", DLT_RAW, IP4("0064", "40", "01")
	  "0800000012340001deadbeef", 0, 0, DEC_INVALID, "beyond the frame", "" },
	{ "ip: total length 100, 32 bytes captured of 100", DLT_RAW, IP4("0064", "40", "01")
	  "0800000012340001deadbeef", 0, 100, DEC_OK, NULL,
	  "ip.tot_len=100 l4.echo_id=0x1234 payload_len=72 payload.len=4" },
	{ "ip: header cut by the snap length", DLT_EN10MB, ETH ECHO_REQ, 30, 0, DEC_TRUNCATED,
	  "IPv4 header cut short", "" },
	{ "ip: header ends the frame early, uncut", DLT_EN10MB,
	  ETH "4500" "0020" "beef" "0000" "40" "01", 0, 0, DEC_INVALID,
	  "IPv4 header cut short", "" },
	{ "ip: DF set", DLT_RAW, SYN_PROBE, 0, 0, DEC_OK, NULL, "ip.df=1 ip.mf=0 ip.frag=0" },
	{ "ip: later fragment (offset 185): no transport header read", DLT_RAW,
	  "4500" "0024" "beef" "00b9" "40" "11" "0000" "c0000201" "c6336407"
	  "8235829a000c1234deadbeefdeadbeef", 0, 0, DEC_OK, NULL,
	  "ip.frag=185 ip.mf=0 l4.have=0 payload_len=16 payload.len=16" },
	{ "ip: other protocol (GRE)", DLT_RAW, IP4("0020", "40", "2f") "0000080000000000"
	  "deadbeef", 0, 0, DEC_OK, NULL, "ip.proto=47 l4.have=0 payload_len=12" },
	{ "ip: payload cut by the snap length is still OK", DLT_EN10MB, ETH TCP_PSHACK,
	  56, 0, DEC_OK, NULL, "l4.have=0x0d payload_len=5 payload.len=2" },

	/* TCP, RFC 9293. */
	{ "tcp: SYN with MSS, SACK, timestamps, window scale", DLT_EN10MB, ETH SYN_PROBE, 0, 0,
	  DEC_OK, NULL,
	  "ip.proto=6 l4.have=0x0d l4.sport=0xa1b2 l4.dport=80 l4.seq=0x01020304 "
	  "l4.ack=0 l4.tcp_flags=0x02 l4.tcp_win=64240 l4.tcp_mss=1460 payload_len=0" },
	{ "tcp: MSS after NOPs and SACK permitted", DLT_RAW, IP4("0034", "40", "06")
	  "a1b20050" "01020304" "00000000" "8002" "faf0" "0000" "0000"
	  "0101" "0402" "020405b4" "00000000", 0, 0, DEC_OK, NULL,
	  "l4.tcp_mss=1460 l4.tcp_flags=2" },
	{ "tcp: MSS after end of option list is ignored", DLT_RAW, IP4("0030", "40", "06")
	  "a1b20050" "01020304" "00000000" "7002" "faf0" "0000" "0000"
	  "00000000" "020405b4", 0, 0, DEC_OK, NULL, "l4.tcp_mss=0 l4.have=0x0d" },
	{ "tcp: option length 0 stops the walk", DLT_RAW, IP4("002c", "40", "06")
	  "a1b20050" "01020304" "00000000" "6002" "faf0" "0000" "0000" "020005b4", 0, 0,
	  DEC_OK, NULL, "l4.tcp_mss=0 l4.have=0x0d" },
	{ "tcp: MSS option of length 3 is ignored", DLT_RAW, IP4("002c", "40", "06")
	  "a1b20050" "01020304" "00000000" "6002" "faf0" "0000" "0000" "02030501", 0, 0,
	  DEC_OK, NULL, "l4.tcp_mss=0 l4.have=0x0d" },
	{ "tcp: option running past the header", DLT_RAW, IP4("002c", "40", "06")
	  "a1b20050" "01020304" "00000000" "6002" "faf0" "0000" "0000" "0104" "05b4", 0, 0,
	  DEC_OK, NULL, "l4.tcp_mss=0" },
	{ "tcp: PSH+ACK with data", DLT_RAW, TCP_PSHACK, 0, 0, DEC_OK, NULL,
	  "l4.tcp_flags=0x18 l4.ack=0x0a0b0c0d l4.tcp_mss=0 payload_len=5 payload.len=5" },
	{ "tcp: data offset 4", DLT_RAW, IP4("0028", "40", "06") "a1b20050" "01020304"
	  "00000000" "4002" "faf0" "0000" "0000", 0, 0, DEC_INVALID, "below 5",
	  "l4.have=0x05" },
	{ "tcp: data offset 15 in a 20-byte segment", DLT_RAW, IP4("0028", "40", "06")
	  "a1b20050" "01020304" "00000000" "f002" "faf0" "0000" "0000", 0, 0, DEC_INVALID,
	  "longer than segment", "" },
	{ "tcp: options cut by the snap length", DLT_EN10MB, ETH SYN_PROBE, 14 + 20 + 30, 0,
	  DEC_TRUNCATED, "options cut short", "l4.have=0x05 l4.seq=0x01020304" },
	{ "tcp: header cut after the ports", DLT_RAW, SYN_PROBE, 20 + 6, 0, DEC_TRUNCATED,
	  "TCP header cut short", "l4.have=0x01 l4.sport=0xa1b2" },
	{ "tcp: header cut after the sequence", DLT_RAW, SYN_PROBE, 20 + 10, 0, DEC_TRUNCATED,
	  "TCP header cut short", "l4.have=0x05" },
	{ "tcp: segment of 12 bytes, uncut", DLT_RAW, IP4("0020", "40", "06") "a1b20050"
	  "01020304" "00000000", 0, 0, DEC_INVALID, "TCP header cut short", "" },

	/* UDP, RFC 768. */
	{ "udp: probe", DLT_RAW, UDP_PROBE, 0, 0, DEC_OK, NULL,
	  "ip.ttl=1 ip.proto=17 l4.have=0x03 l4.sport=33333 l4.dport=33434 l4.udp_len=12 "
	  "l4.udp_sum=0x1234 payload_len=4 payload.len=4" },
	{ "udp: length 7", DLT_RAW, IP4("0020", "40", "11") "8235829a" "0007" "1234"
	  "deadbeef", 0, 0, DEC_INVALID, "UDP length", "l4.have=0x03" },
	{ "udp: length beyond the datagram", DLT_RAW, IP4("0020", "40", "11") "8235829a"
	  "0010" "1234" "deadbeef", 0, 0, DEC_INVALID, "UDP length", "" },
	{ "udp: length shorter than the datagram", DLT_RAW, IP4("0020", "40", "11")
	  "8235829a" "000a" "1234" "deadbeef", 0, 0, DEC_OK, NULL,
	  "l4.udp_len=10 payload_len=2 payload.len=2" },
	{ "udp: first fragment (MF) of a longer datagram", DLT_RAW,
	  "4500" "0024" "beef" "2000" "40" "11" "0000" "c0000201" "c6336407"
	  "8235829a" "05dc" "1234" "deadbeefdeadbeef", 0, 0, DEC_OK, NULL,
	  "ip.mf=1 ip.frag=0 l4.udp_len=1500 l4.sport=33333 payload_len=8 payload.len=8" },
	{ "udp: header cut after the ports", DLT_RAW, UDP_PROBE, 20 + 6, 0, DEC_TRUNCATED,
	  "UDP header cut short", "l4.have=0x01 l4.dport=33434" },
	{ "udp: datagram of 6 bytes, uncut", DLT_RAW, IP4("001a", "40", "11") "8235829a0007",
	  0, 0, DEC_INVALID, "UDP header cut short", "l4.have=0x01" },

	/* ICMP, RFC 792. */
	{ "icmp: echo reply", DLT_RAW, IP4R("0020", "01") "0000" "0000" "1234" "0001"
	  "deadbeef", 0, 0, DEC_OK, NULL,
	  "ip.src=203.0.113.5 ip.ttl=254 l4.have=0x30 l4.icmp_type=0 l4.echo_id=0x1234 "
	  "l4.echo_seq=1 is_icmp_err=0 payload_len=4 opt.has=0 rr.has=0 rr.n=0" },
	{ "icmp: message of 6 bytes, uncut", DLT_RAW, IP4("001a", "40", "01") "0800" "0000"
	  "1234", 0, 0, DEC_INVALID, "shorter than 8", "l4.have=0x10" },
	{ "icmp: message of 3 bytes, uncut", DLT_RAW, IP4("0017", "40", "01") "080000", 0, 0,
	  DEC_INVALID, "ICMP header cut short", "l4.have=0" },
	{ "icmp: echo cut inside its identifier", DLT_RAW, ECHO_REQ, 20 + 6, 0,
	  DEC_TRUNCATED, "echo header cut short", "l4.have=0x10 l4.icmp_type=8" },
	{ "icmp: cut inside the type and code", DLT_RAW, ECHO_REQ, 20 + 1, 0, DEC_TRUNCATED,
	  "ICMP header cut short", "" },

	/* ICMP errors: RFC 792 quotes of 8 bytes. */
	{ "time exceeded quoting an ICMP echo (8 bytes)", DLT_RAW,
	  IP4R("0038", "01") TE_HDR Q_ICMP8, 0, 0, DEC_OK, NULL,
	  "ip.src=203.0.113.5 l4.icmp_type=11 l4.icmp_code=0 l4.have=0x10 is_icmp_err=1 "
	  "quote_ok=1 q.status=OK q.len=28 q.ip.src=192.0.2.1 q.ip.dst=198.51.100.7 "
	  "q.ip.ttl=1 q.ip.proto=1 q.ip.tot_len=32 q.l4.have=0x30 q.l4.icmp_type=8 "
	  "q.l4.echo_id=0x1234 q.l4.echo_seq=7 mtu=0 rfc4884_len=0 has_ext=0 n_mpls=0 "
	  "payload_len=28" },
	{ "time exceeded quoting a UDP probe (8 bytes)", DLT_EN10MB,
	  ETH IP4R("0038", "01") TE_HDR Q_UDP8, 0, 0, DEC_OK, NULL,
	  "is_icmp_err=1 quote_ok=1 q.status=OK q.len=28 q.ip.proto=17 q.l4.have=0x03 "
	  "q.l4.sport=33333 q.l4.dport=33434 q.l4.udp_len=12 q.l4.udp_sum=0x1234" },
	{ "time exceeded quoting a TCP SYN (8 bytes: no flags)", DLT_RAW,
	  IP4R("0038", "01") TE_HDR Q_TCP8, 0, 0, DEC_OK, NULL,
	  "quote_ok=1 q.status=OK q.ip.proto=6 q.ip.df=1 q.ip.tot_len=60 q.l4.have=0x05 "
	  "q.l4.sport=0xa1b2 q.l4.dport=80 q.l4.seq=0x01020304 q.l4.tcp_flags=0" },
	{ "port unreachable quoting the whole UDP probe (RFC 1812)", DLT_RAW,
	  IP4R("003c", "01") "0303" "0000" "00000000" UDP_PROBE, 0, 0, DEC_OK, NULL,
	  "l4.icmp_type=3 l4.icmp_code=3 quote_ok=1 q.status=OK q.len=32 q.l4.have=0x03 "
	  "q.l4.sport=33333 q.l4.udp_sum=0x1234 mtu=0" },
	{ "admin prohibited quoting the whole TCP SYN (RFC 1812)", DLT_RAW,
	  IP4R("0058", "01") "030d" "0000" "00000000" SYN_PROBE, 0, 0, DEC_OK, NULL,
	  "l4.icmp_code=13 quote_ok=1 q.len=60 q.l4.have=0x0d q.l4.seq=0x01020304 "
	  "q.l4.ack=0 q.l4.tcp_flags=0x02 q.l4.tcp_win=64240" },
	{ "time exceeded quoting TCP PSH+ACK (RFC 1812)", DLT_RAW,
	  IP4R("0049", "01") TE_HDR TCP_PSHACK, 0, 0, DEC_OK, NULL,
	  "quote_ok=1 q.len=45 q.l4.have=0x0d q.l4.tcp_flags=0x18 q.l4.ack=0x0a0b0c0d" },
	{ "time exceeded quoting 12 TCP bytes: flags absent", DLT_RAW,
	  IP4R("003c", "01") TE_HDR IP4DF("003c", "01", "06") "a1b20050" "01020304"
	  "00000000", 0, 0, DEC_OK, NULL, "quote_ok=1 q.l4.have=0x05 q.l4.tcp_flags=0" },
	{ "fragmentation needed, next-hop MTU 1400 (RFC 1191)", DLT_RAW,
	  IP4R("0038", "01") "0304" "0000" "0000" "0578" IP4DF("0020", "40", "11")
	  "8235829a000c1234", 0, 0, DEC_OK, NULL,
	  "l4.icmp_code=4 mtu=1400 rfc4884_len=0 quote_ok=1 q.ip.df=1 q.l4.sport=33333" },
	{ "fragmentation needed from an RFC 792 router (MTU 0)", DLT_RAW,
	  IP4R("0038", "01") "0304" "0000" "0000" "0000" Q_UDP8, 0, 0, DEC_OK, NULL,
	  "mtu=0 quote_ok=1" },
	{ "host unreachable: no MTU", DLT_RAW,
	  IP4R("0038", "01") "0301" "0000" "0000" "0578" Q_UDP8, 0, 0, DEC_OK, NULL, "mtu=0" },
	{ "options in the outer header (IHL 7) and the quote (IHL 6)", DLT_EN10MB,
	  ETH "4700" "0044" "0001" "0000" "fe" "01" "0000" "cb007105" "c0000201"
	  "0707040000000000" TE_HDR
	  "4600" "0024" "beef" "0000" "01" "11" "0000" "c0000201" "c6336407" "94040000"
	  "8235829a000c1234", 0, 0, DEC_OK, NULL,
	  "ip.hlen=28 is_icmp_err=1 quote_ok=1 q.len=32 q.ip.hlen=24 q.ip.ttl=1 "
	  "q.l4.sport=33333 q.l4.dport=33434 q.l4.udp_sum=0x1234" },
	{ "quote with IHL 15", DLT_RAW, IP4R("0060", "01") TE_HDR
	  "4f00" "0048" "beef" "0000" "01" "01" "0000" "c0000201" "c6336407"
	  "072704" Z16 Z16 Z4 "00" "0800" "0000" "1234" "0007", 0, 0, DEC_OK, NULL,
	  "quote_ok=1 q.len=68 q.ip.hlen=60 q.ip.tot_len=72 q.l4.echo_id=0x1234 "
	  "q.l4.echo_seq=7 opt.has=0 rr.has=0" },
	{ "parameter problem, pointer 12", DLT_RAW, IP4R("0038", "01") "0c00" "0000"
	  "0c000000" Q_UDP8, 0, 0, DEC_OK, NULL,
	  "l4.icmp_type=12 is_icmp_err=1 quote_ok=1 rfc4884_len=0 q.l4.sport=33333" },
	{ "source quench", DLT_RAW, IP4R("0038", "01") "0400" "0000" "00000000" Q_UDP8, 0, 0,
	  DEC_OK, NULL, "l4.icmp_type=4 is_icmp_err=1 quote_ok=1" },
	{ "redirect: the gateway is not a length", DLT_RAW, IP4R("0038", "01") "0501" "0000"
	  "cb207106" Q_UDP8, 0, 0, DEC_OK, NULL,
	  "l4.icmp_type=5 is_icmp_err=1 quote_ok=1 rfc4884_len=0 q.len=28" },
	{ "error with trailing bytes beyond the total length", DLT_EN10MB,
	  ETH IP4R("0038", "01") TE_HDR Q_UDP8 "4500003c0000", 0, 0, DEC_OK, NULL,
	  "q.len=28 quote_ok=1 q.l4.sport=33333" },
	{ "error with no quote at all", DLT_RAW, IP4R("001c", "01") TE_HDR, 0, 0, DEC_OK,
	  NULL, "is_icmp_err=1 quote_ok=0 q.status=INVALID q.len=0" },
	{ "quote of an IPv6 packet", DLT_RAW, IP4R("0038", "01") TE_HDR
	  "6000000000081101" "20010db8000000000000000000000001" "00000000", 0, 0, DEC_OK, NULL,
	  "is_icmp_err=1 quote_ok=0 q.status=INVALID" },
	{ "quote with IHL 4", DLT_RAW, IP4R("0038", "01") TE_HDR
	  "4400" "0020" "beef" "0000" "01" "11" "0000" "c0000201" "c6336407"
	  "8235829a000c1234", 0, 0, DEC_OK, NULL, "quote_ok=0 q.status=INVALID" },
	{ "quote with total length below IHL", DLT_RAW, IP4R("0038", "01") TE_HDR
	  IP4("000c", "01", "11") "8235829a000c1234", 0, 0, DEC_OK, NULL,
	  "quote_ok=0 q.status=INVALID" },
	{ "quoted datagram of 4 transport bytes", DLT_RAW, IP4R("0038", "01") TE_HDR
	  IP4("0018", "01", "11") "8235829a000c1234", 0, 0, DEC_OK, NULL,
	  "quote_ok=0 q.status=INVALID q.l4.have=0x01" },
	/* Regression: a snap cut does not excuse a datagram that was short. */
	{ "quoted datagram of 4 transport bytes, frame cut", DLT_RAW, IP4R("0038", "01")
	  TE_HDR IP4("0018", "01", "11") "8235829a000c1234", 20 + 8 + 26, 0, DEC_OK, NULL,
	  "quote_ok=0 q.status=INVALID q.len=26" },
	{ "quote of a later fragment", DLT_RAW, IP4R("0038", "01") TE_HDR
	  "4500" "0020" "beef" "00b9" "01" "11" "0000" "c0000201" "c6336407"
	  "8235829a000c1234", 0, 0, DEC_OK, NULL,
	  "quote_ok=1 q.status=OK q.ip.frag=185 q.l4.have=0" },
	{ "quote cut by the snap length", DLT_RAW, IP4R("0038", "01") TE_HDR Q_UDP8,
	  20 + 8 + 24, 0, DEC_OK, NULL,
	  "is_icmp_err=1 quote_ok=0 q.status=TRUNCATED q.len=24 q.l4.have=0x01" },
	{ "quote ends early in an uncut frame", DLT_RAW, IP4R("0034", "01") TE_HDR
	  IP4("0020", "01", "11") "8235829a", 0, 0, DEC_OK, NULL,
	  "quote_ok=0 q.status=INVALID q.len=24 q.l4.have=0x01" },

	/* RFC 4884 extensions with the length field set; RFC 4950 MPLS. */
	{ "RFC 4884 time exceeded, three MPLS labels", DLT_RAW,
	  IP4R("00b0", "01") "0b00" "0000" "0020" "0000" Q128_ICMP E1, 0, 0, DEC_OK, NULL,
	  "is_icmp_err=1 quote_ok=1 q.status=OK rfc4884_len=32 q.len=128 q.ip.tot_len=28 "
	  "q.l4.echo_id=0x1234 q.l4.echo_seq=9 has_ext=1 ext_bad=0 n_mpls=3 "
	  "mpls0.label=16 mpls0.tc=0 mpls0.s=0 mpls0.ttl=1 "
	  "mpls1.label=1048575 mpls1.tc=7 mpls1.s=0 mpls1.ttl=255 "
	  "mpls2.label=3 mpls2.tc=5 mpls2.s=1 mpls2.ttl=254" },
	{ "RFC 4884 port unreachable, one label", DLT_EN10MB,
	  ETH IP4R("00a8", "01") "0303" "0000" "0020" "0000" Q128_UDP E2, 0, 0, DEC_OK, NULL,
	  "l4.icmp_type=3 rfc4884_len=32 q.len=128 quote_ok=1 q.l4.sport=33333 has_ext=1 "
	  "ext_bad=0 n_mpls=1 mpls0.label=30 mpls0.tc=0 mpls0.s=1 mpls0.ttl=255" },
	{ "RFC 4884 fragmentation needed: length and MTU together", DLT_RAW,
	  IP4R("00a8", "01") "0304" "0000" "0020" "05dc" Q128_UDP E2, 0, 0, DEC_OK, NULL,
	  "mtu=1500 rfc4884_len=32 has_ext=1 n_mpls=1 mpls0.label=30 quote_ok=1" },
	{ "RFC 4884 parameter problem: length after the pointer", DLT_RAW,
	  IP4R("00a8", "01") "0c00" "0000" "1420" "0000" Q128_UDP E2, 0, 0, DEC_OK, NULL,
	  "rfc4884_len=32 has_ext=1 n_mpls=1 quote_ok=1" },
	{ "RFC 4884: interface object, then four labels", DLT_RAW,
	  IP4R("00c0", "01") "0b00" "0000" "0020" "0000" Q128_ICMP E3, 0, 0, DEC_OK, NULL,
	  "has_ext=1 ext_bad=0 n_mpls=4 mpls0.label=1 mpls0.s=0 mpls1.label=2 "
	  "mpls2.label=3 mpls3.label=4 mpls3.s=1 mpls3.ttl=0" },
	{ "RFC 4884: ten labels, eight kept", DLT_RAW,
	  IP4R("00cc", "01") "0b00" "0000" "0020" "0000" Q128_ICMP E4, 0, 0, DEC_OK, NULL,
	  "has_ext=1 ext_bad=0 n_mpls=8 mpls0.label=100 mpls0.tc=0 mpls0.ttl=1 "
	  "mpls7.label=107 mpls7.tc=7 mpls7.s=0 mpls7.ttl=8" },
	{ "RFC 4884: bad extension checksum", DLT_RAW,
	  IP4R("00b0", "01") "0b00" "0000" "0020" "0000" Q128_ICMP E1_BADSUM, 0, 0, DEC_OK,
	  NULL, "has_ext=1 ext_bad=1 n_mpls=0 quote_ok=1 q.l4.echo_seq=9" },
	{ "RFC 4884: no checksum sent (0)", DLT_RAW,
	  IP4R("00b0", "01") "0b00" "0000" "0020" "0000" Q128_ICMP E1_NOSUM, 0, 0, DEC_OK,
	  NULL, "has_ext=1 ext_bad=0 n_mpls=3 mpls2.label=3" },
	{ "RFC 4884: object length below 4", DLT_RAW,
	  IP4R("00a8", "01") "0b00" "0000" "0020" "0000" Q128_ICMP E_OBJ_SHORT, 0, 0, DEC_OK,
	  NULL, "has_ext=1 ext_bad=1 n_mpls=0" },
	{ "RFC 4884: object longer than the structure", DLT_RAW,
	  IP4R("00a8", "01") "0b00" "0000" "0020" "0000" Q128_ICMP E_OBJ_LONG, 0, 0, DEC_OK,
	  NULL, "has_ext=1 ext_bad=1 n_mpls=0" },
	{ "RFC 4884: extension version 1 is not one", DLT_RAW,
	  IP4R("00a8", "01") "0b00" "0000" "0020" "0000" Q128_ICMP E_VERSION1, 0, 0, DEC_OK,
	  NULL, "has_ext=0 ext_bad=0 n_mpls=0 quote_ok=1" },
	{ "RFC 4884: length set, nothing after the quote", DLT_RAW,
	  IP4R("009c", "01") "0b00" "0000" "0020" "0000" Q128_ICMP, 0, 0, DEC_OK, NULL,
	  "rfc4884_len=32 q.len=128 has_ext=0 quote_ok=1" },
	{ "RFC 4884: length beyond the message keeps the quote", DLT_RAW,
	  IP4R("0038", "01") "0b00" "0000" "0020" "0000" Q_UDP8, 0, 0, DEC_OK, NULL,
	  "rfc4884_len=32 q.len=28 has_ext=0 quote_ok=1 q.l4.sport=33333" },
	/* Regression: a whole message whose length field lies is INVALID. */
	{ "RFC 4884: length beyond an uncut message, quote short", DLT_RAW,
	  IP4R("0026", "01") "0b00" "0000" "0020" "0000" "45000020beef00000111", 0, 0,
	  DEC_OK, NULL, "rfc4884_len=32 q.len=10 quote_ok=0 q.status=INVALID" },
	{ "RFC 4884: 20-byte quote (header only), one label", DLT_RAW,
	  IP4R("003c", "01") "0b00" "0000" "0005" "0000" IP4("0020", "01", "11") E2, 0, 0,
	  DEC_OK, NULL,
	  "rfc4884_len=5 q.len=20 quote_ok=0 q.status=INVALID has_ext=1 n_mpls=1 "
	  "mpls0.label=30" },
	/* Regression: cut in the extension, the declared quote is whole. */
	{ "RFC 4884: 20-byte quote, frame cut inside the extension", DLT_RAW,
	  IP4R("003c", "01") "0b00" "0000" "0005" "0000" IP4("0020", "01", "11") E2,
	  20 + 8 + 20 + 6, 0, DEC_OK, NULL,
	  "rfc4884_len=5 q.len=20 quote_ok=0 q.status=INVALID has_ext=1 ext_bad=1" },
	{ "RFC 4884: length set, quote cut by the snap length", DLT_RAW,
	  IP4R("00b0", "01") "0b00" "0000" "0020" "0000" Q128_ICMP E1, 20 + 8 + 10, 0,
	  DEC_OK, NULL, "rfc4884_len=32 q.len=10 quote_ok=0 q.status=TRUNCATED has_ext=0" },

	/* RFC 4884 section 5: extensions after a 128-byte quote, length 0. */
	{ "compat: frame 41 of icmp-tracert-slow.pcap", DLT_EN10MB, FRAME41, 0, 0, DEC_OK,
	  NULL,
	  "ip.src=129.250.2.112 ip.dst=24.6.126.218 ip.ttl=246 ip.tot_len=168 ip.df=1 "
	  "l4.icmp_type=11 l4.icmp_code=0 is_icmp_err=1 quote_ok=1 q.status=OK "
	  "rfc4884_len=0 q.len=128 q.ip.src=24.6.126.218 q.ip.dst=198.173.244.32 "
	  "q.ip.ttl=1 q.ip.tot_len=92 q.ip.id=0xb612 q.l4.icmp_type=8 q.l4.echo_id=512 "
	  "q.l4.echo_seq=6144 has_ext=1 ext_bad=0 n_mpls=1 "
	  "mpls0.label=426930 mpls0.tc=0 mpls0.s=1 mpls0.ttl=1" },
	{ "compat: frame 41 with a captured FCS", DLT_EN10MB, FRAME41 "0badf00d", 0, 0, DEC_OK,
	  NULL, "has_ext=1 n_mpls=1 mpls0.label=426930 q.len=128" },
	{ "compat: frame 41 with the extension checksum broken", DLT_EN10MB,
	  FRAME41_HEAD FRAME41_PAD "200055bb" "00080101" "683b2101", 0, 0, DEC_OK, NULL,
	  "has_ext=0 ext_bad=0 n_mpls=0 q.len=140 quote_ok=1 q.l4.echo_seq=6144" },
	{ "compat: frame 41 cut inside the extension", DLT_EN10MB, FRAME41, 178, 0, DEC_OK,
	  NULL, "has_ext=0 n_mpls=0 quote_ok=1 q.l4.echo_id=512" },
	{ "compat: a 92-byte RFC 1812 quote has no extension", DLT_EN10MB,
	  "00d059aaaf8000015c2289c20800" "4500007800000000f8011c310c7a02fa18067eda"
	  "0b00f4ff00000000" "4500005cb6060000" "0101b1ec18067edac6adf420" "0800e6ff02000f00"
	  Z64, 0, 0, DEC_OK, NULL,
	  "ip.src=12.122.2.250 q.len=92 has_ext=0 quote_ok=1 q.l4.echo_seq=0x0f00" },
	/* IPv6, RFC 8200: decoded, but DEC_OTHER to the IPv4 readers. */
	{ "ip6: ICMPv6 echo request over Ethernet", DLT_EN10MB, ETH6 ECHO6, 0, 0, DEC_OTHER,
	  "IPv6", "is_ipv6=1 ip6.status=OK ip.src=2001:db8::1 ip.dst=2001:db8:1::7 ip.hlen=40 "
	  "ip.ttl=64 ip.proto=58 ip6.plen=12 ip6.nxt=58 ip6.l4_off=40 ip6.n_ext=0 "
	  "l4.have=0x30 l4.icmp_type=128 l4.echo_id=0x1234 l4.echo_seq=1 payload_len=4 "
	  "payload.len=4 is_icmp_err=0 is_ndp=0" },
	{ "ip6: echo reply, raw, traffic class and flow label", DLT_RAW,
	  "6b8abcde" "000c" "3a" "37" D6 S6 "8100" "0000" "1234" "0001" "deadbeef", 0, 0,
	  DEC_OTHER, "IPv6", "ip6.status=OK ip6.tclass=0xb8 ip.tos=0xb8 ip6.flow=0xabcde "
	  "ip.ttl=55 l4.icmp_type=129 l4.echo_seq=1 ip.src=2001:db8:1::7" },
	{ "ip6: UDP", DLT_RAW, Q6_UDP, 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ip.proto=17 l4.have=0x03 l4.sport=33333 l4.dport=33434 l4.udp_len=16 "
	  "payload_len=8 payload.len=8" },
	{ "ip6: TCP SYN with options", DLT_LINUX_SLL, "0000000100060200000000010000" "86dd"
	  IP6("0028", "06", "40") "a1b2" "0050" "01020304" "00000000" "a002" "faf0" "0000"
	  "0000" "020405a0" "0402" "080a" "00000001" "00000000" "01" "030307", 0, 0,
	  DEC_OTHER, "IPv6", "ip6.status=OK ip.proto=6 l4.have=0x0d l4.tcp_flags=0x02 "
	  "l4.tcp_mss=1440 l4.sport=41394 payload_len=0" },
	{ "ip6: padded Ethernet frame", DLT_EN10MB, ETH6 ECHO6 "ffffffffffff", 0, 0,
	  DEC_OTHER, "IPv6", "ip6.status=OK payload_len=4 payload.len=4" },
	{ "ip6: no next header", DLT_RAW, IP6("0000", "3b", "40"), 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ip.proto=59 payload_len=0 l4.have=0" },
	{ "ip6: every extension header kind", DLT_RAW, CHAIN_ALL, 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ip6.n_ext=6 ip6.ext0=0 ip6.ext1=60 ip6.ext2=43 ip6.ext3=44 "
	  "ip6.ext4=51 ip6.ext5=60 ip6.l4_off=120 ip.proto=17 ip6.ra=1 ip6.opt_bad=0 "
	  "ip6.rh=1 ip6.rh_type=2 ip6.rh_segleft=1 ip6.frag=1 ip6.frag_id=0xabcd1234 "
	  "ip.frag=0 ip.mf=0 ip6.ah=1 ip6.ah_spi=0x1000 ip6.esp=0 l4.sport=33333 "
	  "l4.dport=33434 payload_len=4" },
	{ "ip6: AH of length 1 is 12 bytes", DLT_RAW, IP6("0018", "33", "40") AH1("11")
	  "8235829a000c1234" "deadbeef", 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ip6.ah=1 ip6.l4_off=52 l4.sport=33333 payload_len=4" },
	{ "ip6: AH of length 4 is 24 bytes", DLT_RAW, IP6("0024", "33", "40") AH4("11")
	  "8235829a000c1234" "deadbeef", 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ip6.l4_off=64 l4.dport=33434 payload_len=4" },
	{ "ip6: AH of length 0 is below its fixed part", DLT_RAW, IP6("0010", "33", "40")
	  "1100" "0000" "00001000" "8235829a000c1234", 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=INVALID" },
	{ "ip6: AH read as 4-byte units plus 8 would fit, as RFC 4302's do not", DLT_RAW,
	  IP6("0014", "33", "40") "1103" "0000" "00001000" "00000001" "8235829a", 0, 0,
	  DEC_OTHER, "IPv6", "ip6.status=INVALID" },
	{ "ip6: ESP stops the walk", DLT_RAW, IP6("0014", "32", "40") "00002000" "00000001"
	  "8235829a000c1234" "deadbeef", 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ip6.esp=1 ip6.esp_spi=0x2000 ip.proto=50 l4.have=0 payload_len=20 "
	  "ip6.l4_off=40" },
	{ "ip6: ESP behind destination options", DLT_RAW, IP6("0012", "3c", "40") DST8("32")
	  "00002001" "00000001" "ffff", 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ip6.esp=1 ip6.esp_spi=0x2001 ip6.n_ext=1 ip6.l4_off=48 payload_len=10" },
	{ "ip6: ESP with its SPI cut", DLT_RAW, IP6("0008", "32", "40") "00002000" "00000001",
	  42, 48, DEC_OTHER, "IPv6", "ip6.status=OK ip6.esp=1 ip6.esp_spi=0 payload_len=8" },
	{ "ip6: later fragment carries no transport header", DLT_RAW, IP6("0010", "2c", "40")
	  FRAG("11", "05c9") "8235829a000c1234", 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ip6.frag=1 ip.frag=185 ip.mf=1 ip.proto=17 l4.have=0 payload_len=8 "
	  "payload.len=8 ip6.l4_off=48" },
	{ "ip6: last fragment", DLT_RAW, IP6("0010", "2c", "40") FRAG("11", "05c8")
	  "8235829a000c1234", 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ip.frag=185 ip.mf=0 l4.have=0" },
	{ "ip6: first fragment, UDP length beyond it", DLT_RAW, IP6("0014", "2c", "40")
	  FRAG("11", "0001") "8235" "829a" "05c8" "1234" "deadbeef", 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ip.frag=0 ip.mf=1 l4.have=0x03 l4.udp_len=1480 payload_len=4" },
	{ "ip6: two fragment headers", DLT_RAW, IP6("0018", "2c", "40") FRAG("2c", "0001")
	  FRAG("11", "0001") "8235829a000c1234", 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=INVALID" },
	{ "ip6: hop-by-hop options not first", DLT_RAW, IP6("0018", "3c", "40") DST8("00")
	  HBH_RA("11") "8235829a000c1234", 0, 0, DEC_OTHER, "IPv6", "ip6.status=INVALID" },
	{ "ip6: an option longer than its header", DLT_RAW, IP6("0010", "3c", "40")
	  "1100" "01c8" "00000000" "8235829a00081234", 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ip6.opt_bad=1 l4.sport=33333" },
	{ "ip6: zero-length PadN options fill a header", DLT_RAW, IP6("0020", "00", "40")
	  "3c01" "0100" "0100" "0100" "0100" "0100" "0100" "0100" "1100" "000000000000"
	  "8235829a00081234", 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ip6.opt_bad=0 ip6.n_ext=2 l4.sport=33333" },
	{ "ip6: header cut by the snap length", DLT_RAW, ECHO6, 30, 0, DEC_OTHER, "IPv6",
	  "is_ipv6=1 ip6.status=TRUNCATED" },
	{ "ip6: header ends the frame, uncut", DLT_RAW, "6000000000083a40" S6, 0, 0,
	  DEC_OTHER, "IPv6", "ip6.status=INVALID" },
	{ "ip6: Ethernet says IPv6, version 4", DLT_EN10MB, MACS "86dd" ECHO_REQ, 0, 0,
	  DEC_OTHER, "IPv6", "ip6.status=INVALID" },
	{ "ip6: payload length beyond the frame", DLT_RAW, IP6("0020", "3a", "40")
	  "8000" "0000" "1234" "0001", 0, 0, DEC_OTHER, "IPv6", "ip6.status=INVALID" },
	{ "ip6: extension header past the payload length", DLT_RAW, IP6("0008", "3c", "40")
	  "3c01" "000000000000" "0000000000000000", 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=INVALID" },
	{ "ip6: chain still going at the payload's end", DLT_RAW, IP6("0010", "3c", "40")
	  DST8("3c") DST8("3c"), 0, 0, DEC_OTHER, "IPv6", "ip6.status=INVALID ip6.n_ext=2" },
	{ "ip6: chain cut by the snap length", DLT_RAW, CHAIN_ALL, 70, 0, DEC_OTHER, "IPv6",
	  "ip6.status=TRUNCATED" },
	{ "ip6: ICMPv6 shorter than 8 bytes", DLT_RAW, IP6("0004", "3a", "40") "80000000",
	  0, 0, DEC_OTHER, "IPv6", "ip6.status=INVALID l4.have=0x10" },
	{ "ip6: link header cut", DLT_LINUX_SLL, "0000000100060200000000010000" "86", 0, 0,
	  DEC_INVALID, "cooked", "is_ipv6=0" },
	/* ICMPv6 errors, RFC 4443 3, quoting the probe. */
	{ "icmp6: hop limit exceeded quoting UDP", DLT_EN10MB, ETH6 IP6R("0040") "0300" "0000"
	  "00000000" Q6_UDP, 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ip.src=2001:db8:ff::5 l4.icmp_type=3 l4.icmp_code=0 is_icmp_err=1 "
	  "quote_ok=1 q.v6=1 q.status=OK q.len=56 q.ip.src=2001:db8::1 "
	  "q.ip.dst=2001:db8:1::7 q.ip.ttl=1 q.ip.proto=17 q.l4.have=0x03 q.l4.sport=33333 "
	  "q.l4.dport=33434 rfc4884_len=0 has_ext=0 mtu6=0" },
	{ "icmp6: port unreachable quoting an echo", DLT_RAW, IP6R("0040") "0104" "0000"
	  "00000000" Q6_ECHO, 0, 0, DEC_OTHER, "IPv6",
	  "l4.icmp_type=1 l4.icmp_code=4 quote_ok=1 q.ip.proto=58 q.l4.have=0x30 "
	  "q.l4.icmp_type=128 q.l4.echo_id=0x1234 q.l4.echo_seq=7" },
	{ "icmp6: admin prohibited quoting a TCP SYN's 8 bytes", DLT_RAW, IP6R("0038") "0101"
	  "0000" "00000000" Q6_TCP8, 0, 0, DEC_OTHER, "IPv6",
	  "l4.icmp_code=1 quote_ok=1 q.ip.proto=6 q.l4.have=0x05 q.l4.seq=0x01020304" },
	{ "icmp6: packet too big, MTU 1280", DLT_RAW, IP6R("0040") "0200" "0000" "00000500"
	  Q6_UDP, 0, 0, DEC_OTHER, "IPv6",
	  "l4.icmp_type=2 is_icmp_err=1 mtu6=1280 mtu=0 rfc4884_len=0 quote_ok=1 "
	  "q.l4.sport=33333" },
	{ "icmp6: packet too big, a first byte that is no length", DLT_RAW, IP6R("0040") "0200"
	  "0000" "01000000" Q6_UDP, 0, 0, DEC_OTHER, "IPv6",
	  "mtu6=16777216 rfc4884_len=0 q.len=56 quote_ok=1" },
	{ "icmp6: parameter problem, pointer 6", DLT_RAW, IP6R("0040") "0401" "0000" "00000006"
	  Q6_UDP, 0, 0, DEC_OTHER, "IPv6",
	  "l4.icmp_type=4 l4.icmp_code=1 pointer=6 rfc4884_len=0 quote_ok=1" },
	{ "icmp6: quote behind a fragment header and destination options", DLT_RAW,
	  IP6R("004c") "0300" "0000" "00000000" IP6("001c", "2c", "01") FRAG("3c", "0001")
	  DST8("11") "8235" "829a" "05c8" "1234" "deadbeef", 0, 0, DEC_OTHER, "IPv6",
	  "quote_ok=1 q.ip.proto=17 q.ip.mf=1 q.ip.frag=0 q.ip6.n_ext=2 q.ip6.l4_off=56 "
	  "q.ip6.frag_id=0xabcd1234 q.l4.sport=33333" },
	{ "icmp6: quote of a later fragment", DLT_RAW, IP6R("0038") "0300" "0000" "00000000"
	  IP6("0010", "2c", "01") FRAG("11", "05c8") "8235829a000c1234", 0, 0, DEC_OTHER,
	  "IPv6", "quote_ok=1 q.status=OK q.ip.frag=185 q.l4.have=0" },
	{ "icmp6: quote of ESP", DLT_RAW, IP6R("0038") "0300" "0000" "00000000"
	  IP6("0010", "32", "01") "0000abcd" "00000001" "0000000000000000", 0, 0, DEC_OTHER,
	  "IPv6", "quote_ok=1 q.ip6.esp=1 q.ip6.esp_spi=0xabcd q.l4.have=0" },
	{ "icmp6: quote of an IPv4 packet", DLT_RAW, IP6R("0024") "0300" "0000" "00000000"
	  Q_UDP8, 0, 0, DEC_OTHER, "IPv6", "is_icmp_err=1 quote_ok=0 q.status=INVALID" },
	{ "icmp6: quote with a transport header of 4 bytes", DLT_RAW, IP6R("0034") "0300"
	  "0000" "00000000" IP6("0004", "11", "01") "8235829a", 0, 0, DEC_OTHER, "IPv6",
	  "quote_ok=0 q.status=INVALID q.l4.have=0x01" },
	{ "icmp6: quote cut by the snap length", DLT_RAW, IP6R("0040") "0300" "0000"
	  "00000000" Q6_UDP, 40 + 8 + 44, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK quote_ok=0 q.status=TRUNCATED q.len=44 q.l4.have=0x01" },
	{ "icmp6: quoted chain cut by the snap length", DLT_RAW, IP6R("004c") "0300" "0000"
	  "00000000" IP6("001c", "2c", "01") FRAG("3c", "0001") DST8("11")
	  "8235829a05c81234" "deadbeef", 40 + 8 + 50, 0, DEC_OTHER, "IPv6",
	  "quote_ok=0 q.status=TRUNCATED" },
	{ "icmp6: quoted chain ended by the sender", DLT_RAW, IP6R("003a") "0300" "0000"
	  "00000000" IP6("0020", "2c", "01") FRAG("3c", "0001") "3c00", 0, 0, DEC_OTHER,
	  "IPv6", "quote_ok=0 q.status=INVALID" },
	{ "icmp6: error with no quote", DLT_RAW, IP6R("0008") "0300" "0000" "00000000", 0, 0,
	  DEC_OTHER, "IPv6", "ip6.status=OK is_icmp_err=1 quote_ok=0 q.status=INVALID q.len=0" },
	/* RFC 4884 4.5: ICMPv6's length counts 64-bit words. */
	{ "icmp6: RFC 4884 length 16 (128 bytes) and an MPLS label", DLT_RAW, IP6R("0094")
	  "0300" "0000" "10000000" Q6_UDP128 E2, 0, 0, DEC_OTHER, "IPv6",
	  "rfc4884_len=16 q.len=128 has_ext=1 ext_bad=0 n_mpls=1 mpls0.label=30 mpls0.s=1 "
	  "mpls0.ttl=255 quote_ok=1 q.l4.sport=33333" },
	{ "icmp6: RFC 4884 length, three labels, unreachable", DLT_RAW, IP6R("009c")
	  "0100" "0000" "10000000" Q6_UDP128 E1, 0, 0, DEC_OTHER, "IPv6",
	  "l4.icmp_type=1 rfc4884_len=16 has_ext=1 n_mpls=3 mpls0.label=16 "
	  "mpls1.label=1048575 mpls1.tc=7 mpls2.label=3 mpls2.s=1 quote_ok=1" },
	{ "icmp6: RFC 4884 length of 32-bit words is not ICMPv6's", DLT_RAW, IP6R("0094")
	  "0300" "0000" "20000000" Q6_UDP128 E2, 0, 0, DEC_OTHER, "IPv6",
	  "rfc4884_len=32 q.len=140 has_ext=0 n_mpls=0 quote_ok=1" },
	{ "icmp6: RFC 4884 extension with a bad checksum", DLT_RAW, IP6R("009c")
	  "0300" "0000" "10000000" Q6_UDP128 E1_BADSUM, 0, 0, DEC_OTHER, "IPv6",
	  "has_ext=1 ext_bad=1 n_mpls=0 quote_ok=1" },
	{ "icmp6: RFC 4884 object past the structure", DLT_RAW, IP6R("0094")
	  "0300" "0000" "10000000" Q6_UDP128 E_OBJ_LONG, 0, 0, DEC_OTHER, "IPv6",
	  "has_ext=1 ext_bad=1 quote_ok=1" },
	{ "icmp6: RFC 4884 length past the message", DLT_RAW, IP6R("0040")
	  "0300" "0000" "10000000" Q6_UDP, 0, 0, DEC_OTHER, "IPv6",
	  "rfc4884_len=16 q.len=56 has_ext=0 quote_ok=1" },
	{ "icmp6: compat, extension after 128 bytes, length 0", DLT_RAW, IP6R("0094")
	  "0300" "0000" "00000000" Q6_UDP128 E2, 0, 0, DEC_OTHER, "IPv6",
	  "rfc4884_len=0 q.len=128 has_ext=1 n_mpls=1 mpls0.label=30 quote_ok=1" },
	/* Neighbour Discovery, RFC 4861. */
	{ "ndp: neighbour solicitation with a source link-layer address", DLT_EN10MB,
	  ETH6 IP6ND("0020", S6, "ff0200000000000000000001ff000007") "8700" "0000" "00000000"
	  D6 "0101" MAC_A, 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK is_ndp=1 ndp.type=135 ndp.target=2001:db8:1::7 ndp.has_sll=1 "
	  "ndp.sll=02:00:00:00:00:0a ndp.has_tll=0 ndp.hlim_bad=0 l4.icmp_type=135" },
	{ "ndp: neighbour advertisement, solicited and override", DLT_EN10MB,
	  ETH6 IP6ND("0020", D6, S6) "8800" "0000" "60000000" D6 "0201" MAC_A, 0, 0,
	  DEC_OTHER, "IPv6", "ip6.status=OK ndp.type=136 ndp.flags=0x60 "
	  "ndp.target=2001:db8:1::7 ndp.has_tll=1 ndp.tll=02:00:00:00:00:0a" },
	{ "ndp: neighbour advertisement from a router, reserved bits ignored", DLT_RAW,
	  IP6ND("0018", LL6, S6) "8800" "0000" "ffffffff" LL6, 0, 0, DEC_OTHER, "IPv6",
	  "ndp.flags=0xe0 ndp.target=fe80::1 ndp.has_tll=0" },
	{ "ndp: router advertisement with MTU and prefix", DLT_EN10MB,
	  ETH6 IP6ND("0040", LL6, "ff020000000000000000000000000001") "8600" "0000" "40" "c0"
	  "0708" "00007530" "000003e8" "0101" MAC_A "0501" "0000" "000005dc"
	  "0304" "40" "c0" "00278d00" "00093a80" "00000000" "20010db8000100000000000000000000",
	  0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=OK ndp.type=134 ndp.cur_hlim=64 ndp.flags=0xc0 ndp.router_life=1800 "
	  "ndp.reachable=30000 ndp.retrans=1000 ndp.has_sll=1 ndp.sll=02:00:00:00:00:0a "
	  "ndp.has_mtu=1 ndp.mtu=1500 ndp.n_prefix=1 ndp.prefix0=2001:db8:1:: "
	  "ndp.prefix0.len=64 ndp.prefix0.flags=0xc0 ndp.prefix0.valid=2592000" },
	{ "ndp: router solicitation", DLT_RAW, IP6ND("0010", LL6,
	  "ff020000000000000000000000000002") "8500" "0000" "00000000" "0101" MAC_A, 0, 0,
	  DEC_OTHER, "IPv6", "ip6.status=OK ndp.type=133 ndp.has_sll=1" },
	{ "ndp: hop limit below 255 is noted", DLT_RAW,
	  "6000000000203a40" S6 D6 "8700" "0000" "00000000" D6 "0101" MAC_A, 0, 0,
	  DEC_OTHER, "IPv6", "ip6.status=OK ndp.hlim_bad=1" },
	{ "ndp: option of length 0", DLT_RAW, IP6ND("0020", S6, D6) "8700" "0000" "00000000"
	  D6 "0100" MAC_A, 0, 0, DEC_OTHER, "IPv6", "ip6.status=INVALID is_ndp=1" },
	{ "ndp: option past the message", DLT_RAW, IP6ND("0020", S6, D6) "8700" "0000"
	  "00000000" D6 "0102" MAC_A, 0, 0, DEC_OTHER, "IPv6", "ip6.status=INVALID" },
	{ "ndp: a byte left after the options", DLT_RAW, IP6ND("0021", S6, D6) "8700" "0000"
	  "00000000" D6 "0101" MAC_A "00", 0, 0, DEC_OTHER, "IPv6", "ip6.status=INVALID" },
	{ "ndp: solicitation shorter than its fixed part", DLT_RAW, IP6ND("0010", S6, D6)
	  "8700" "0000" "00000000" "20010db800010000", 0, 0, DEC_OTHER, "IPv6",
	  "ip6.status=INVALID" },
	{ "ndp: code 1", DLT_RAW, IP6ND("0018", S6, D6) "8701" "0000" "00000000" D6, 0, 0,
	  DEC_OTHER, "IPv6", "ip6.status=INVALID" },
	{ "ndp: options cut by the snap length", DLT_RAW, IP6ND("0020", S6, D6) "8700" "0000"
	  "00000000" D6 "0101" MAC_A, 66, 0, DEC_OTHER, "IPv6",
	  "ip6.status=TRUNCATED ndp.target=2001:db8:1::7" },
};

#define NCASES	(sizeof(cases) / sizeof(cases[0]))

/* The decoded packet flattened to named values. */
struct field {
	char			name[24];
	char			text[48];
	unsigned long long	v;
	bool			num;
};

struct snap {
	struct field	f[400];
	size_t		n;
};

static const char *
status_name(enum dec_status st)
{
	switch (st) {
	case DEC_OK:
		return "OK";
	case DEC_TRUNCATED:
		return "TRUNCATED";
	case DEC_INVALID:
		return "INVALID";
	case DEC_OTHER:
		return "OTHER";
	}
	return "?";
}

static struct field *
put(struct snap *s, const char *prefix, const char *name)
{
	struct field *f;

	assert_true(s->n < sizeof(s->f) / sizeof(s->f[0]));
	f = &s->f[s->n++];
	snprintf(f->name, sizeof(f->name), "%s%s", prefix, name);
	return f;
}

static void
put_num(struct snap *s, const char *prefix, const char *name, unsigned long long v)
{
	struct field *f = put(s, prefix, name);

	f->num = true;
	f->v = v;
	snprintf(f->text, sizeof(f->text), "%llu (0x%llx)", v, v);
}

static void
put_str(struct snap *s, const char *prefix, const char *name, const char *v)
{
	struct field *f = put(s, prefix, name);

	f->num = false;
	snprintf(f->text, sizeof(f->text), "%s", v);
}

static void
snap_ip(struct snap *s, const char *pf, const struct dec_ip *ip)
{
	char a[FL_ADDRSTRLEN];

	put_str(s, pf, "src", fl_addr_str(&ip->src, a, sizeof(a)));
	put_str(s, pf, "dst", fl_addr_str(&ip->dst, a, sizeof(a)));
	put_num(s, pf, "hlen", ip->hlen);
	put_num(s, pf, "tos", ip->tos);
	put_num(s, pf, "ttl", ip->ttl);
	put_num(s, pf, "proto", ip->proto);
	put_num(s, pf, "id", ip->id);
	put_num(s, pf, "tot_len", ip->tot_len);
	put_num(s, pf, "frag", ip->frag);
	put_num(s, pf, "df", ip->df);
	put_num(s, pf, "mf", ip->mf);
}

static void
snap_l4(struct snap *s, const char *pf, const struct dec_l4 *l4)
{
	put_num(s, pf, "have", l4->have);
	put_num(s, pf, "sport", l4->sport);
	put_num(s, pf, "dport", l4->dport);
	put_num(s, pf, "udp_len", l4->udp_len);
	put_num(s, pf, "udp_sum", l4->udp_sum);
	put_num(s, pf, "seq", l4->seq);
	put_num(s, pf, "ack", l4->ack);
	put_num(s, pf, "tcp_flags", l4->tcp_flags);
	put_num(s, pf, "tcp_win", l4->tcp_win);
	put_num(s, pf, "tcp_mss", l4->tcp_mss);
	put_num(s, pf, "icmp_type", l4->icmp_type);
	put_num(s, pf, "icmp_code", l4->icmp_code);
	put_num(s, pf, "icmp_sum", l4->icmp_sum);
	put_num(s, pf, "echo_id", l4->echo_id);
	put_num(s, pf, "echo_seq", l4->echo_seq);
}

static void
snap_ip6(struct snap *s, const char *pf, const struct dec_ip6 *x)
{
	char n[16];
	unsigned int i;

	put_num(s, pf, "tclass", x->tclass);
	put_num(s, pf, "flow", x->flow);
	put_num(s, pf, "plen", x->plen);
	put_num(s, pf, "nxt", x->nxt);
	put_num(s, pf, "l4_off", x->l4_off);
	put_num(s, pf, "n_ext", x->n_ext);
	for (i = 0; i < x->n_ext && i < DEC_MAX_EXT6; i++) {
		snprintf(n, sizeof(n), "ext%u", i);
		put_num(s, pf, n, x->ext[i]);
	}
	put_num(s, pf, "opt_bad", x->opt_bad);
	put_num(s, pf, "ra", x->router_alert);
	put_num(s, pf, "rh", x->has_rh);
	put_num(s, pf, "rh_type", x->rh_type);
	put_num(s, pf, "rh_segleft", x->rh_segleft);
	put_num(s, pf, "frag", x->has_frag);
	put_num(s, pf, "frag_id", x->frag_id);
	put_num(s, pf, "ah", x->has_ah);
	put_num(s, pf, "ah_spi", x->ah_spi);
	put_num(s, pf, "esp", x->esp);
	put_num(s, pf, "esp_spi", x->esp_spi);
}

static void
put_mac(struct snap *s, const char *name, const uint8_t *m)
{
	char t[18];

	snprintf(t, sizeof(t), "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4],
	    m[5]);
	put_str(s, "", name, t);
}

static void
snap_ndp(struct snap *s, const struct dec_ndp *n)
{
	char a[FL_ADDRSTRLEN], pf[24];
	unsigned int i;

	put_num(s, "ndp.", "type", n->type);
	put_str(s, "ndp.", "target", fl_addr_str(&n->target, a, sizeof(a)));
	put_num(s, "ndp.", "flags", n->flags);
	put_num(s, "ndp.", "cur_hlim", n->cur_hlim);
	put_num(s, "ndp.", "router_life", n->router_life);
	put_num(s, "ndp.", "reachable", n->reachable);
	put_num(s, "ndp.", "retrans", n->retrans);
	put_num(s, "ndp.", "hlim_bad", n->hlim_bad);
	put_num(s, "ndp.", "has_sll", n->has_sll);
	put_num(s, "ndp.", "has_tll", n->has_tll);
	put_mac(s, "ndp.sll", n->sll);
	put_mac(s, "ndp.tll", n->tll);
	put_num(s, "ndp.", "has_mtu", n->has_mtu);
	put_num(s, "ndp.", "mtu", n->mtu);
	put_num(s, "ndp.", "n_prefix", n->n_prefix);
	for (i = 0; i < n->n_prefix && i < DEC_MAX_PREFIX6; i++) {
		snprintf(pf, sizeof(pf), "ndp.prefix%u", i);
		put_str(s, "", pf, fl_addr_str(&n->prefix[i].prefix, a, sizeof(a)));
		snprintf(pf, sizeof(pf), "ndp.prefix%u.", i);
		put_num(s, pf, "len", n->prefix[i].len);
		put_num(s, pf, "flags", n->prefix[i].flags);
		put_num(s, pf, "valid", n->prefix[i].valid);
		put_num(s, pf, "preferred", n->prefix[i].preferred);
	}
}

static void
snap_take(const struct dec_pkt *p, struct snap *s)
{
	const struct dec_icmp_err *e = &p->err;
	char pf[16];
	unsigned int i;

	s->n = 0;
	put_str(s, "", "status", status_name(p->status));
	put_num(s, "", "linktype", (unsigned long long)p->linktype);
	put_num(s, "", "sll_dir", p->sll_dir);
	snap_ip(s, "ip.", &p->ip);
	snap_l4(s, "l4.", &p->l4);
	put_num(s, "", "payload_len", p->payload_len);
	put_num(s, "", "payload.len", p->payload.len);
	put_num(s, "", "is_icmp_err", p->is_icmp_err);
	put_num(s, "", "is_arp", p->is_arp);
	put_num(s, "", "arp_op", p->arp_op);
	{
		char a[FL_ADDRSTRLEN];

		put_str(s, "", "arp_spa", fl_addr_str(&p->arp_spa, a, sizeof(a)));
		put_str(s, "", "arp_tpa", fl_addr_str(&p->arp_tpa, a, sizeof(a)));
	}
	put_num(s, "", "opt.has", p->opt.has);
	put_num(s, "", "opt.bad", p->opt.bad);
	put_num(s, "", "rr.has", p->opt.has_rr);
	put_num(s, "", "rr.bad", p->opt.rr_bad);
	put_num(s, "", "rr.len", p->opt.rr_len);
	put_num(s, "", "rr.ptr", p->opt.rr_ptr);
	put_num(s, "", "rr.slots", p->opt.rr_slots);
	put_num(s, "", "rr.n", p->opt.rr_n);
	put_num(s, "", "rr.full", p->opt.rr_full);
	for (i = 0; i < p->opt.rr_n && i < DEC_MAX_RR; i++) {
		char a[FL_ADDRSTRLEN];

		snprintf(pf, sizeof(pf), "rr%u", i);
		put_str(s, "", pf, fl_addr_str(&p->opt.rr[i], a, sizeof(a)));
	}
	put_num(s, "", "quote_ok", p->quote_ok);
	put_str(s, "", "q.status", status_name(e->q_status));
	put_num(s, "", "q.len", e->q_len);
	snap_ip(s, "q.ip.", &e->q_ip);
	snap_l4(s, "q.l4.", &e->q_l4);
	put_num(s, "", "mtu", e->mtu);
	put_num(s, "", "rfc4884_len", e->rfc4884_len);
	put_num(s, "", "has_ext", e->has_ext);
	put_num(s, "", "ext_bad", e->ext_bad);
	put_num(s, "", "n_mpls", e->n_mpls);
	for (i = 0; i < e->n_mpls && i < DEC_MAX_MPLS; i++) {
		snprintf(pf, sizeof(pf), "mpls%u.", i);
		put_num(s, pf, "label", e->mpls[i].label);
		put_num(s, pf, "tc", e->mpls[i].tc);
		put_num(s, pf, "s", e->mpls[i].s);
		put_num(s, pf, "ttl", e->mpls[i].ttl);
	}
	put_num(s, "", "is_ipv6", p->is_ipv6);
	put_str(s, "", "ip6.status", status_name(p->ip6_status));
	snap_ip6(s, "ip6.", &p->ip6);
	put_num(s, "", "is_ndp", p->is_ndp);
	snap_ndp(s, &p->ndp);
	put_num(s, "", "q.v6", e->q_is_ipv6);
	snap_ip6(s, "q.ip6.", &e->q_ip6);
	put_num(s, "", "mtu6", e->mtu6);
	put_num(s, "", "pointer", e->pointer);
}

/* Check every "name=value" word of want against the decoded packet. */
static void
expect_fields(const char *cname, const struct dec_pkt *p, const char *want)
{
	struct snap s;
	char buf[2048], *tok, *save = NULL, *val, *end;
	unsigned long long v;
	size_t i;

	snap_take(p, &s);
	assert_true(strlen(want) < sizeof(buf));
	snprintf(buf, sizeof(buf), "%s", want);
	for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
		val = strchr(tok, '=');
		if (val == NULL)
			fail_msg("%s: expectation '%s' has no '='", cname, tok);
		*val++ = '\0';
		for (i = 0; i < s.n && strcmp(s.f[i].name, tok) != 0; i++)
			;
		if (i == s.n)
			fail_msg("%s: no field named '%s'", cname, tok);
		if (s.f[i].num) {
			v = strtoull(val, &end, 0);
			if (*val == '\0' || *end != '\0')
				fail_msg("%s: '%s' for %s is not a number", cname, val, tok);
			if (v != s.f[i].v)
				fail_msg("%s: %s is %s, expected %s (why: %s, ip6_why: %s, q_why: %s)",
				    cname, tok, s.f[i].text, val, p->why ? p->why : "-",
				    p->ip6_why ? p->ip6_why : "-", p->err.q_why ? p->err.q_why : "-");
		} else if (strcmp(val, s.f[i].text) != 0) {
			fail_msg("%s: %s is %s, expected %s (why: %s, ip6_why: %s, q_why: %s)",
			    cname, tok, s.f[i].text, val, p->why ? p->why : "-",
			    p->ip6_why ? p->ip6_why : "-", p->err.q_why ? p->err.q_why : "-");
		}
	}
}

/*
 * Decode a copy holding exactly caplen bytes, so that ASan sees any read
 * past the capture, and check the cursors the decoder hands back.
 */
static enum dec_status
decode_exact(const uint8_t *bytes, uint32_t caplen, uint32_t wirelen, int lt,
    struct dec_pkt *p)
{
	uint8_t *copy = malloc(caplen ? caplen : 1);
	enum dec_status st;

	assert_non_null(copy);
	memcpy(copy, bytes, caplen);
	st = dec_packet(copy, caplen, wirelen, lt, p);
	assert_int_equal(st, p->status);
	if (p->payload.len > 0) {
		assert_true(p->payload.p >= copy);
		assert_true(p->payload.p + p->payload.len <= copy + caplen);
	}
	if (st == DEC_OK && p->l4.have != 0)
		assert_true(p->payload.len <= p->payload_len);
	if (st != DEC_OK)
		assert_non_null(p->why);
	if (p->is_icmp_err && p->err.q_status != DEC_OK)
		assert_non_null(p->err.q_why);
	/* An IPv6 frame is left to the IPv4 readers as it always was. */
	if (p->is_ipv6) {
		assert_int_equal(st, DEC_OTHER);
		assert_string_equal(p->why, "IPv6");
		assert_true((p->ip6_status == DEC_OK) == (p->ip6_why == NULL));
		assert_true(p->ip6.l4_off <= 40u + p->ip6.plen);
	}
	assert_true(p->err.n_mpls <= DEC_MAX_MPLS);
	free(copy);
	return st;
}

static void
run_case(void **state)
{
	const struct dcase *c = *state;
	uint8_t bytes[MAXPKT];
	struct dec_pkt p, cut;
	size_t n;
	uint32_t cap, wire, k;

	n = hex_bytes(c->hex, bytes, sizeof(bytes));
	if (n == 0 && c->hex[0] != '\0')
		fail_msg("%s: bad hex", c->name);
	cap = c->caplen ? c->caplen : (uint32_t)n;
	wire = c->wirelen ? c->wirelen : (uint32_t)n;
	assert_true(cap <= n);

	decode_exact(bytes, cap, wire, c->lt, &p);
	if (p.status != c->st)
		fail_msg("%s: status %s (%s), expected %s", c->name, status_name(p.status),
		    p.why ? p.why : "-", status_name(c->st));
	if (c->why != NULL && (p.why == NULL || strstr(p.why, c->why) == NULL))
		fail_msg("%s: why is '%s', expected it to say '%s'", c->name,
		    p.why ? p.why : "(null)", c->why);
	expect_fields(c->name, &p, c->want);

	/* Cutting a sound frame may truncate it, never make it invalid. */
	for (k = 0; k < cap; k++) {
		decode_exact(bytes, k, wire, c->lt, &cut);
		if (p.status != DEC_INVALID && cut.status == DEC_INVALID)
			fail_msg("%s: cut to %u bytes it is INVALID (%s)", c->name, k, cut.why);
		if (p.is_ipv6 && p.ip6_status != DEC_INVALID && cut.is_ipv6 &&
		    cut.ip6_status == DEC_INVALID)
			fail_msg("%s: cut to %u bytes its IPv6 is INVALID (%s)", c->name, k,
			    cut.ip6_why);
		if (p.is_icmp_err && p.err.q_status != DEC_INVALID && cut.is_icmp_err &&
		    cut.err.q_status == DEC_INVALID)
			fail_msg("%s: cut to %u bytes its quote is INVALID (%s)", c->name, k,
			    cut.err.q_why);
	}
}

/*
 * ICMP time exceeded quoting each kind of probe, the quote cut at every
 * length two ways: by the snap length (the frame was longer on the wire:
 * TRUNCATED), and by the sender (the IP total length ends the message
 * there and the frame holds the rest as padding: INVALID).
 */
struct qbase {
	const char	*name;
	const char	*quote;
	uint8_t		 proto;
	unsigned int	 qhl;		/* quoted IP header length */
};

static const struct qbase qbases[] = {
	{ "ICMP echo", Q_ICMP8, 1, 20 },
	{ "UDP", Q_UDP8, 17, 20 },
	{ "TCP", Q_TCP8, 6, 20 },
	{ "TCP, whole SYN", SYN_PROBE, 6, 20 },
	{ "UDP, quote IHL 15", "4f00" "0048" "beef" "0000" "01" "11" "0000" "c0000201"
	  "c6336407" "072704" Z16 Z16 Z4 "00" "8235829a000c1234", 17, 60 },
};

static void
check_quote_have(const char *name, unsigned int k, const struct qbase *b,
    const struct dec_pkt *p)
{
	unsigned int l4 = k > b->qhl ? k - b->qhl : 0;
	uint8_t have = p->err.q_l4.have, want = 0;

	if (k < b->qhl)
		return;
	if (b->proto == 1)
		want = (l4 >= 4 ? L4_ICMP : 0) | (l4 >= 8 ? L4_ICMPID : 0);
	else if (b->proto == 17)
		want = (l4 >= 4 ? L4_PORTS : 0) | (l4 >= 8 ? L4_UDP : 0);
	else
		want = (l4 >= 4 ? L4_PORTS : 0) | (l4 >= 8 ? L4_TCPSEQ : 0) |
		    (l4 >= 16 ? L4_TCPHDR : 0);
	if (have != want)
		fail_msg("%s, %s quote of %u bytes: q_l4.have 0x%x, expected 0x%x", name,
		    b->name, k, have, want);
}

static void
test_quote_cuts(void **state)
{
	uint8_t q[MAXPKT], pkt[MAXPKT];
	struct dec_pkt p;
	size_t qn, i, k;
	enum dec_status want;

	(void)state;
	for (i = 0; i < sizeof(qbases) / sizeof(qbases[0]); i++) {
		const struct qbase *b = &qbases[i];
		uint8_t hdr[28];

		qn = hex_bytes(b->quote, q, sizeof(q));
		assert_true(qn >= b->qhl + 8);
		assert_int_equal(hex_bytes(IP4R("0000", "01") TE_HDR, hdr, sizeof(hdr)), 28);
		memcpy(pkt, hdr, 28);
		memcpy(pkt + 28, q, qn);
		for (k = 0; k <= qn; k++) {
			bool whole = k >= b->qhl + 8;

			/* Cut by the snap length. */
			pkt[2] = (uint8_t)((28 + qn) >> 8);
			pkt[3] = (uint8_t)(28 + qn);
			decode_exact(pkt, (uint32_t)(28 + k), (uint32_t)(28 + qn), DLT_RAW, &p);
			want = whole ? DEC_OK : DEC_TRUNCATED;
			if (p.status != DEC_OK || !p.is_icmp_err || p.err.q_status != want ||
			    p.err.q_len != k || p.quote_ok != whole)
				fail_msg("%s quote snapped at %zu: status %s, q_status %s (%s), "
				    "q_len %u, quote_ok %d", b->name, k, status_name(p.status),
				    status_name(p.err.q_status), p.err.q_why ? p.err.q_why : "-",
				    p.err.q_len, p.quote_ok);
			check_quote_have("snapped", (unsigned int)k, b, &p);

			/* Ended by the sender; the rest of the frame is padding. */
			pkt[2] = (uint8_t)((28 + k) >> 8);
			pkt[3] = (uint8_t)(28 + k);
			decode_exact(pkt, (uint32_t)(28 + qn), (uint32_t)(28 + qn), DLT_RAW, &p);
			want = whole ? DEC_OK : DEC_INVALID;
			if (p.status != DEC_OK || !p.is_icmp_err || p.err.q_status != want ||
			    p.err.q_len != k || p.quote_ok != whole)
				fail_msg("%s quote ended at %zu: status %s, q_status %s (%s), "
				    "q_len %u, quote_ok %d", b->name, k, status_name(p.status),
				    status_name(p.err.q_status), p.err.q_why ? p.err.q_why : "-",
				    p.err.q_len, p.quote_ok);
			check_quote_have("ended", (unsigned int)k, b, &p);
		}
		/* Cut inside the ICMP header itself: no quote to speak of. */
		pkt[2] = (uint8_t)((28 + qn) >> 8);
		pkt[3] = (uint8_t)(28 + qn);
		for (k = 20; k < 24; k++) {
			decode_exact(pkt, (uint32_t)k, (uint32_t)(28 + qn), DLT_RAW, &p);
			assert_int_equal(p.status, DEC_TRUNCATED);
			assert_false(p.quote_ok);
		}
	}
}

/* Write an IPv4 header of ihl words, options all NOP; returns its length. */
static size_t
put_ip(uint8_t *b, unsigned int ihl, uint16_t tot, uint8_t ttl, uint8_t proto,
    uint32_t src, uint32_t dst)
{
	size_t hl = ihl * 4;

	memset(b, 0, 20);
	memset(b + 20, 1, hl - 20);
	b[0] = (uint8_t)(0x40 | ihl);
	b[2] = (uint8_t)(tot >> 8);
	b[3] = (uint8_t)tot;
	b[8] = ttl;
	b[9] = proto;
	b[12] = (uint8_t)(src >> 24);
	b[13] = (uint8_t)(src >> 16);
	b[14] = (uint8_t)(src >> 8);
	b[15] = (uint8_t)src;
	b[16] = (uint8_t)(dst >> 24);
	b[17] = (uint8_t)(dst >> 16);
	b[18] = (uint8_t)(dst >> 8);
	b[19] = (uint8_t)dst;
	return hl;
}

/* Every IHL from 5 to 15, outside and in the quote, in every pairing. */
static void
test_ihl_every_length(void **state)
{
	static const uint8_t udp[8] = { 0x82, 0x35, 0x82, 0x9a, 0x00, 0x0c, 0x12, 0x34 };
	uint8_t b[256];
	struct dec_pkt p;
	unsigned int o, q;
	size_t off, qoff;

	(void)state;
	for (o = 5; o <= 15; o++) {
		for (q = 5; q <= 15; q++) {
			uint16_t tot = (uint16_t)(o * 4 + 8 + q * 4 + 8);

			off = put_ip(b, o, tot, 250, 1, 0xcb007105, 0xc0000201);
			memset(b + off, 0, 8);
			b[off] = 11;
			qoff = off + 8;
			qoff += put_ip(b + qoff, q, (uint16_t)(q * 4 + 12), 1, 17, 0xc0000201,
			    0xc6336407);
			memcpy(b + qoff, udp, 8);
			decode_exact(b, tot, tot, DLT_RAW, &p);
			if (p.status != DEC_OK || p.ip.hlen != o * 4 || !p.quote_ok ||
			    p.err.q_ip.hlen != q * 4 || p.err.q_l4.sport != 33333 ||
			    p.err.q_l4.dport != 33434 || p.err.q_l4.udp_sum != 0x1234 ||
			    p.err.q_ip.ttl != 1 || p.l4.icmp_type != 11)
				fail_msg("outer IHL %u, quoted IHL %u: status %s, hlen %u, quote_ok %d, "
				    "q hlen %u, q ports %u/%u", o, q, status_name(p.status),
				    p.ip.hlen, p.quote_ok, p.err.q_ip.hlen, p.err.q_l4.sport,
				    p.err.q_l4.dport);
		}
	}
}

static void
test_tcp_flags(void **state)
{
	static const struct {
		uint8_t		 f;
		const char	*s;
	} t[] = {
		{ 0x00, "" },
		{ TCP_SYN, "SYN" },
		{ TCP_SYN | TCP_ACK, "SYN,ACK" },
		{ TCP_RST | TCP_ACK, "RST,ACK" },
		{ TCP_FIN | TCP_PSH | TCP_ACK, "FIN,PSH,ACK" },
		{ 0x3f, "FIN,SYN,RST,PSH,ACK,URG" },
	};
	char buf[64], small[5];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(buf, 'x', sizeof(buf));
		assert_ptr_equal(dec_tcp_flags(t[i].f, buf, sizeof(buf)), buf);
		assert_string_equal(buf, t[i].s);
	}
	/* A short buffer holds a terminated prefix, never more. */
	for (i = 1; i <= sizeof(small); i++) {
		char full[64];

		memset(small, 'x', sizeof(small));
		dec_tcp_flags(0x3f, small, (unsigned int)i);
		assert_non_null(memchr(small, '\0', i));
		dec_tcp_flags(0x3f, full, sizeof(full));
		assert_memory_equal(small, full, strlen(small));
	}
	/* Length 0 writes nothing. */
	small[0] = 'x';
	dec_tcp_flags(TCP_SYN, small, 0);
	assert_int_equal(small[0], 'x');
}

static void
test_icmp_names(void **state)
{
	static const struct {
		uint8_t		 type, code;
		const char	*s;
	} t[] = {
		{ 0, 0, "echo reply" },
		{ 3, 0, "net unreachable" },
		{ 3, 1, "host unreachable" },
		{ 3, 3, "port unreachable" },
		{ 3, 4, "fragmentation needed" },
		{ 3, 9, "network administratively prohibited" },
		{ 3, 10, "host administratively prohibited" },
		{ 3, 13, "communication administratively prohibited" },
		{ 3, 15, "precedence cutoff in effect" },
		{ 3, 16, "destination unreachable" },
		{ 3, 255, "destination unreachable" },
		{ 4, 0, "source quench" },
		{ 5, 1, "redirect" },
		{ 8, 0, "echo request" },
		{ 11, 0, "time exceeded in transit" },
		{ 11, 1, "fragment reassembly time exceeded" },
		{ 12, 0, "parameter problem" },
		{ 13, 0, "ICMP" },
		{ 255, 255, "ICMP" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_string_equal(dec_icmp_name(t[i].type, t[i].code), t[i].s);
}

static void
test_linktypes(void **state)
{
	(void)state;
	assert_true(dec_linktype_supported(DLT_EN10MB));
	assert_true(dec_linktype_supported(DLT_LINUX_SLL));
	assert_true(dec_linktype_supported(DLT_LINUX_SLL2));
	assert_true(dec_linktype_supported(DLT_RAW));
	assert_true(dec_linktype_supported(DLT_IPV4));
	assert_true(dec_linktype_supported(DLT_NULL));
	assert_true(dec_linktype_supported(DLT_LOOP));
	assert_false(dec_linktype_supported(105));
	assert_false(dec_linktype_supported(-1));
}

/*
 * The whole of icmp-tracert-slow.pcap through dec_packet(): every frame
 * decodes, with the counts and fields tshark reports.  Frame 41 must be
 * byte for byte the FRAME41 of the table.
 */
static void
test_tracert_capture(void **state)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	const char *path = SHARED_CAPTURES "/icmp-tracert-slow.pcap";
	struct pcap_pkthdr *h;
	const u_char *data;
	uint8_t f41[MAXPKT];
	unsigned int frame = 0, req = 0, rep = 0, te = 0, unr = 0, ext = 0;
	uint16_t last_seq = 0;
	struct dec_pkt p;
	pcap_t *pc;
	size_t n41;

	(void)state;
	pc = pcap_open_offline(path, errbuf);
	if (pc == NULL) {
		print_message("skipping: %s\n", errbuf);
		skip();
	}
	assert_int_equal(pcap_datalink(pc), DLT_EN10MB);
	n41 = hex_bytes(FRAME41, f41, sizeof(f41));
	assert_int_equal(n41, 182);
	while (pcap_next_ex(pc, &h, &data) == 1) {
		frame++;
		decode_exact(data, h->caplen, h->len, DLT_EN10MB, &p);
		if (p.status != DEC_OK)
			fail_msg("frame %u: %s (%s)", frame, status_name(p.status), p.why);
		assert_int_equal(p.ip.proto, 1);
		switch (p.l4.icmp_type) {
		case 8:
			req++;
			last_seq = p.l4.echo_seq;
			assert_int_equal(p.l4.echo_id, 512);
			break;
		case 0:
			rep++;
			assert_int_equal(p.ip.ttl, 51);
			break;
		case 11:
			te++;
			if (!p.quote_ok || p.err.q_l4.echo_id != 512 ||
			    p.err.q_l4.echo_seq != last_seq)
				fail_msg("frame %u: quote_ok %d, quoted seq %u, last sent %u", frame,
				    p.quote_ok, p.err.q_l4.echo_seq, last_seq);
			assert_int_equal(p.err.q_ip.ttl, 1);
			break;
		case 3:
			unr++;
			assert_int_equal(frame, 64);
			assert_int_equal(p.l4.icmp_code, 3);
			assert_true(p.quote_ok);
			assert_int_equal(p.err.q_ip.proto, 17);
			assert_int_equal(p.err.q_l4.sport, 53);
			assert_int_equal(p.err.q_l4.dport, 3637);
			break;
		default:
			fail_msg("frame %u: ICMP type %u", frame, p.l4.icmp_type);
		}
		if (p.err.has_ext) {
			ext++;
			assert_false(p.err.ext_bad);
			assert_int_equal(p.err.n_mpls, 1);
			assert_int_equal(p.err.mpls[0].label, frame <= 45 ? 426930 : 603760);
			assert_int_equal(p.err.mpls[0].s, 1);
			assert_int_equal(p.err.mpls[0].ttl, 1);
			assert_int_equal(p.err.q_len, 128);
		}
		if (frame == 41) {
			assert_int_equal(h->caplen, n41);
			assert_memory_equal(data, f41, n41);
		}
	}
	pcap_close(pc);
	assert_int_equal(frame, 76);
	assert_int_equal(req, 39);
	assert_int_equal(rep, 3);
	assert_int_equal(te, 33);
	assert_int_equal(unr, 1);
	assert_int_equal(ext, 6);
}

/*
 * Every ICMPv6 error type and code RFC 4443 (and RFCs 6550, 7112, 8883)
 * defines, from builders with real checksums, each quoting a UDP probe
 * and an echo: the quote is read, the name is the RFC's.
 */
static void
test_icmp6_errors(void **state)
{
	static const struct {
		uint8_t		 type, code;
		uint32_t	 word;
		const char	*name;
	} t[] = {
		{ 1, 0, 0, "no route to destination" },
		{ 1, 1, 0, "communication administratively prohibited" },
		{ 1, 2, 0, "beyond scope of source address" },
		{ 1, 3, 0, "address unreachable" },
		{ 1, 4, 0, "port unreachable" },
		{ 1, 5, 0, "source address failed ingress/egress policy" },
		{ 1, 6, 0, "reject route to destination" },
		{ 1, 7, 0, "error in source routing header" },
		{ 1, 8, 0, "headers too long" },
		{ 1, 9, 0, "destination unreachable" },
		{ 2, 0, 1280, "packet too big" },
		{ 2, 0, 9000, "packet too big" },
		{ 3, 0, 0, "hop limit exceeded in transit" },
		{ 3, 1, 0, "fragment reassembly time exceeded" },
		{ 4, 0, 40, "erroneous header field" },
		{ 4, 1, 6, "unrecognized next header type" },
		{ 4, 2, 42, "unrecognized IPv6 option" },
		{ 4, 3, 0, "first fragment has incomplete header chain" },
		{ 4, 4, 0, "parameter problem" },
	};
	uint8_t src[16], dst[16], rtr[16], probe[64], b[256];
	struct dec_pkt p;
	size_t i, n, pn;
	int k;

	(void)state;
	pb_a6(src, 0, 1);
	pb_a6(dst, 1, 7);
	pb_a6(rtr, 0xff, 5);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		for (k = 0; k < 2; k++) {
			pn = k == 0 ? pb_udp6(probe, src, dst, 3, 33333, 33434) :
			    pb_echo6(probe, 128, src, dst, 3, 0x4242, 9);
			n = pb_icmp6_err(b, t[i].type, t[i].code, t[i].word, rtr, 61, probe, pn, 1);
			decode_exact(b, (uint32_t)n, (uint32_t)n, DLT_RAW, &p);
			if (p.status != DEC_OTHER || p.ip6_status != DEC_OK || !p.is_icmp_err ||
			    !p.quote_ok || !p.err.q_is_ipv6 || p.err.q_ip.ttl != 1 ||
			    p.l4.icmp_type != t[i].type || p.l4.icmp_code != t[i].code)
				fail_msg("ICMPv6 %u/%u: ip6_status %s (%s), quote_ok %d (%s)", t[i].type,
				    t[i].code, status_name(p.ip6_status), p.ip6_why ? p.ip6_why : "-",
				    p.quote_ok, p.err.q_why ? p.err.q_why : "-");
			if (k == 0)
				assert_true(p.err.q_ip.proto == 17 && p.err.q_l4.sport == 33333 &&
				    p.err.q_l4.dport == 33434 && (p.err.q_l4.have & L4_UDP));
			else
				assert_true(p.err.q_ip.proto == 58 && p.err.q_l4.icmp_type == 128 &&
				    p.err.q_l4.echo_id == 0x4242 && p.err.q_l4.echo_seq == 9);
			assert_int_equal(p.err.mtu6, t[i].type == 2 ? t[i].word : 0);
			assert_int_equal(p.err.pointer, t[i].type == 4 ? t[i].word : 0);
			assert_int_equal(p.err.mtu, 0);
			assert_string_equal(dec_icmp6_name(t[i].type, t[i].code), t[i].name);
			/* The readers that know IPv4 only see what they always saw. */
			assert_string_equal(p.why, "IPv6");
		}
	}
	/* The informational messages. */
	assert_string_equal(dec_icmp6_name(128, 0), "echo request");
	assert_string_equal(dec_icmp6_name(129, 0), "echo reply");
	assert_string_equal(dec_icmp6_name(133, 0), "router solicitation");
	assert_string_equal(dec_icmp6_name(134, 0), "router advertisement");
	assert_string_equal(dec_icmp6_name(135, 0), "neighbour solicitation");
	assert_string_equal(dec_icmp6_name(136, 0), "neighbour advertisement");
	assert_string_equal(dec_icmp6_name(137, 0), "redirect");
	assert_string_equal(dec_icmp6_name(3, 2), "time exceeded");
	assert_string_equal(dec_icmp6_name(200, 0), "ICMPv6");
}

/*
 * A time exceeded quoting each kind of IPv6 probe, cut at every length
 * by the snap length (TRUNCATED) and by the sender, its payload length
 * ending there and padding after (INVALID), as test_quote_cuts does for
 * IPv4.  q6ext: the quote carries a fragment header and destination
 * options before the transport header.
 */
static void
test_quote6_cuts(void **state)
{
	static const struct {
		const char	*name;
		const char	*hex;
		unsigned int	 l4off;
	} qb[] = {
		{ "UDP", Q6_UDP, 40 },
		{ "echo", Q6_ECHO, 40 },
		{ "TCP", Q6_TCP8, 40 },
		{ "UDP behind a chain", IP6("001c", "2c", "01") FRAG("3c", "0001") DST8("11")
		  "8235829a05c81234" "deadbeef", 56 },
	};
	uint8_t q[MAXPKT], pkt[MAXPKT], hdr[48];
	struct dec_pkt p;
	size_t i, k, qn;
	enum dec_status want;

	(void)state;
	assert_int_equal(hex_bytes(IP6R("0000") "0300" "0000" "00000000", hdr, sizeof(hdr)), 48);
	for (i = 0; i < sizeof(qb) / sizeof(qb[0]); i++) {
		qn = hex_bytes(qb[i].hex, q, sizeof(q));
		assert_true(qn >= qb[i].l4off + 8);
		memcpy(pkt, hdr, 48);
		memcpy(pkt + 48, q, qn);
		for (k = 0; k <= qn; k++) {
			bool whole = k >= qb[i].l4off + 8;

			pkt[4] = (uint8_t)((8 + qn) >> 8);
			pkt[5] = (uint8_t)(8 + qn);
			decode_exact(pkt, (uint32_t)(48 + k), (uint32_t)(48 + qn), DLT_RAW, &p);
			want = whole ? DEC_OK : DEC_TRUNCATED;
			if (p.ip6_status != DEC_OK || !p.is_icmp_err || p.err.q_status != want ||
			    p.err.q_len != k || p.quote_ok != whole)
				fail_msg("%s quote snapped at %zu: ip6_status %s (%s), q_status %s (%s), "
				    "q_len %u", qb[i].name, k, status_name(p.ip6_status),
				    p.ip6_why ? p.ip6_why : "-", status_name(p.err.q_status),
				    p.err.q_why ? p.err.q_why : "-", p.err.q_len);

			pkt[4] = (uint8_t)((8 + k) >> 8);
			pkt[5] = (uint8_t)(8 + k);
			decode_exact(pkt, (uint32_t)(48 + qn), (uint32_t)(48 + qn), DLT_RAW, &p);
			want = whole ? DEC_OK : DEC_INVALID;
			if (p.ip6_status != DEC_OK || !p.is_icmp_err || p.err.q_status != want ||
			    p.err.q_len != k || p.quote_ok != whole)
				fail_msg("%s quote ended at %zu: ip6_status %s (%s), q_status %s (%s), "
				    "q_len %u", qb[i].name, k, status_name(p.ip6_status),
				    p.ip6_why ? p.ip6_why : "-", status_name(p.err.q_status),
				    p.err.q_why ? p.err.q_why : "-", p.err.q_len);
		}
		/* Cut inside the ICMPv6 header: the message itself is truncated. */
		pkt[4] = (uint8_t)((8 + qn) >> 8);
		pkt[5] = (uint8_t)(8 + qn);
		for (k = 40; k < 44; k++) {
			decode_exact(pkt, (uint32_t)k, (uint32_t)(48 + qn), DLT_RAW, &p);
			assert_int_equal(p.ip6_status, DEC_TRUNCATED);
			assert_false(p.quote_ok);
		}
	}
}

/* Destination options headers, n of them, from b + 40 on, then UDP; returns the frame's length. */
static size_t
put_dst_chain(uint8_t *b, size_t n, uint16_t plen_extra)
{
	uint8_t s6[16], d6[16];
	size_t i, off = 40;

	pb_a6(s6, 0, 1);
	pb_a6(d6, 1, 7);
	pb_ip6(b, s6, d6, n ? 60 : 17, 64, (uint16_t)(n * 8 + 8 + plen_extra), 0);
	for (i = 0; i < n; i++, off += 8) {
		memset(b + off, 0, 8);
		b[off] = i + 1 < n ? 60 : 17;
		b[off + 2] = 1;		/* PadN of 4: a zero-length loop cannot form */
		b[off + 3] = 4;
	}
	pb_put16(b + off, 33333);
	pb_put16(b + off + 2, 33434);
	pb_put16(b + off + 4, 8);
	pb_put16(b + off + 6, 0);
	return off + 8;
}

/*
 * Hostile chains: the longest the payload length allows (8190 headers,
 * walked to the end in linear time), one whose payload length claims
 * more than the frame (invalid uncut, truncated when the snap cut it
 * inside the chain),
 * and an ICMPv6 error as long as the minimum MTU quoting a packet whose
 * chain outruns it (cut by its sender: truncated, not invalid).
 */
static void
test_ip6_hostile_chains(void **state)
{
	static uint8_t b[70000];
	uint8_t r6[16];
	struct dec_pkt p;
	size_t n, qn;

	(void)state;
	n = put_dst_chain(b, 8190, 0);
	assert_int_equal(n, 40 + 8190 * 8 + 8);
	decode_exact(b, (uint32_t)n, (uint32_t)n, DLT_RAW, &p);
	assert_int_equal(p.ip6_status, DEC_OK);
	assert_int_equal(p.ip6.n_ext, 8190);
	assert_int_equal(p.ip6.ext[DEC_MAX_EXT6 - 1], 60);
	assert_int_equal(p.ip.proto, 17);
	assert_int_equal(p.l4.sport, 33333);
	assert_int_equal(p.ip6.l4_off, 40 + 8190 * 8);

	n = put_dst_chain(b, 100, 4000);
	decode_exact(b, (uint32_t)n, (uint32_t)n, DLT_RAW, &p);
	assert_int_equal(p.ip6_status, DEC_INVALID);
	/* Cut by the snap length after its transport header: all that matters was read. */
	decode_exact(b, (uint32_t)n, (uint32_t)n + 4000, DLT_RAW, &p);
	assert_int_equal(p.ip6_status, DEC_OK);
	assert_int_equal(p.l4.dport, 33434);
	decode_exact(b, 400, (uint32_t)n, DLT_RAW, &p);
	assert_int_equal(p.ip6_status, DEC_TRUNCATED);

	/* 1232 bytes of a 2000-byte chain quoted in a 1280-byte error. */
	pb_a6(r6, 0xff, 5);
	qn = put_dst_chain(b + 48, 250, 0);
	assert_true(qn > 1232);
	pb_ip6(b, r6, b + 48 + 8, 58, 64, 1240, 0);
	memset(b + 40, 0, 8);
	b[40] = 3;
	decode_exact(b, 1280, 1280, DLT_RAW, &p);
	assert_int_equal(p.ip6_status, DEC_OK);
	assert_true(p.is_icmp_err);
	assert_int_equal(p.err.q_len, 1232);
	assert_int_equal(p.err.q_status, DEC_TRUNCATED);
	/* The same quote in a shorter error was ended by its sender. */
	pb_put16(b + 4, 1000);
	decode_exact(b, 1040, 1040, DLT_RAW, &p);
	assert_int_equal(p.err.q_status, DEC_INVALID);
}

int
main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_quote_cuts),
		cmocka_unit_test(test_ihl_every_length),
		cmocka_unit_test(test_tcp_flags),
		cmocka_unit_test(test_icmp_names),
		cmocka_unit_test(test_linktypes),
		cmocka_unit_test(test_tracert_capture),
		cmocka_unit_test(test_icmp6_errors),
		cmocka_unit_test(test_quote6_cuts),
		cmocka_unit_test(test_ip6_hostile_chains),
	};
	struct CMUnitTest tests[NCASES + sizeof(fixed) / sizeof(fixed[0])];
	size_t i, n = 0;

	for (i = 0; i < NCASES; i++) {
		memset(&tests[n], 0, sizeof(tests[n]));
		tests[n].name = cases[i].name;
		tests[n].test_func = run_case;
		tests[n].initial_state = &cases[i];
		n++;
	}
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		tests[n++] = fixed[i];
	return _cmocka_run_group_tests("decode", tests, n, NULL, NULL);
}
