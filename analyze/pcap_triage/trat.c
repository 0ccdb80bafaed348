/*
 * What limits a bulk transfer's rate, in the classes of T-RAT (Zhang,
 * Breslau, Paxson and Shenker, "On the characteristics and origins of
 * internet flow rates", SIGCOMM 2002): opportunity (too little data to
 * leave slow start), congestion (losses), transport (the congestion
 * window still growing, no loss), receiver window (the data in flight is
 * the receiver's advertised window), sender window (a constant flight
 * below it), application (the sender has nothing to send for whole
 * round trips) and bandwidth (the flow keeps a bottleneck busy: its
 * segments come evenly spaced, not in flights).
 *
 * The data a direction sends is cut into bins one round trip wide (the
 * handshake's, so a capture that starts mid-stream has none: its class
 * is unknown), as T-RAT groups packets into flights; each bin records
 * its bytes, whether it saw a retransmission, and the most data in flight
 * against the receiver's window (known only when both SYNs gave the
 * window scale).  These are heuristics over bins, documented in
 * pcap-triage(1), not T-RAT's full flight-by-flight analysis.
 */
#include <math.h>
#include <string.h>

#include "analyze/pcap_triage/tcp_int.h"

#define MIN_BULK	((uint64_t)256 << 10)
#define MIN_TINY	((uint64_t)16 << 10)
#define GAP_BINS	64

static void
close_bin(struct tdir *d, const struct tdir *peer)
{
	double b = (double)d->bin_bytes;

	d->nbins++;
	d->bin_sum += b;
	d->bin_sumsq += b * b;
	if (d->bin_bytes == 0)
		d->bins_idle++;
	if (d->bin_rexmits > 0)
		d->bins_loss++;
	if (peer->win > 0 && (d->bin_out_max * 10 >= peer->win * 8 || d->bin_bytes * 10 >= peer->win * 8))
		d->bins_rwnd++;
	if (d->bin_bytes > 0) {
		if (d->early_n < 4) {
			d->early_sum += b;
			d->early_n++;
		}
		d->late_ema = d->late_ema == 0 ? b : 0.8 * d->late_ema + 0.2 * b;
	}
	d->bin_bytes = 0;
	d->bin_rexmits = 0;
	d->bin_out_max = 0;
}

static void
throughput(struct tdir *d, int64_t ts, uint32_t len)
{
	int64_t idx;
	int i;

	if (d->tp_width == 0) {
		d->tp_start = ts;
		d->tp_width = 100 * 1000000LL;
	}
	if (ts < d->tp_start)
		ts = d->tp_start;
	idx = (ts - d->tp_start) / d->tp_width;
	while (idx >= TRI_TP_POINTS) {
		for (i = 0; i < TRI_TP_POINTS / 2; i++)
			d->tp[i] = d->tp[2 * i] + d->tp[2 * i + 1];
		memset(d->tp + TRI_TP_POINTS / 2, 0, sizeof(d->tp[0]) * (TRI_TP_POINTS / 2));
		d->tp_width *= 2;
		d->ntp = (d->ntp + 1) / 2;
		idx = (ts - d->tp_start) / d->tp_width;
	}
	d->tp[idx] += len;
	if (idx + 1 > d->ntp)
		d->ntp = (int)idx + 1;
}

void
trat_data(struct tdir *d, const struct tdir *peer, int64_t ts, uint32_t len, double rtt_ms,
    uint64_t outstanding)
{
	int64_t width, n;

	throughput(d, ts, len);
	if (isnan(rtt_ms) || rtt_ms <= 0)
		return;
	width = (int64_t)(rtt_ms * 1e6);
	if (width < 1000000)
		width = 1000000;
	if (d->bin_start == 0)
		d->bin_start = ts;
	if (ts >= d->bin_start + width) {
		close_bin(d, peer);
		d->bin_start += width;
		n = (ts - d->bin_start) / width;
		if (n > GAP_BINS) {
			/* A long pause: its empty bins counted at once. */
			d->nbins += (uint32_t)n;
			d->bins_idle += (uint32_t)n;
			d->bin_start += n * width;
		}
		while (ts >= d->bin_start + width) {
			close_bin(d, peer);
			d->bin_start += width;
		}
		d->last_seg_ts = 0;
	}
	if (d->last_seg_ts != 0) {
		double g = (double)(ts - d->last_seg_ts);

		d->ngap++;
		d->gap_sum += g;
		d->gap_sumsq += g * g;
	}
	d->last_seg_ts = ts;
	d->bin_bytes += len;
	if (outstanding > d->bin_out_max)
		d->bin_out_max = outstanding;
}

void
trat_rexmit(struct tdir *d)
{
	d->bin_rexmits++;
}

const char *
trat_class(const struct tdir *d, bool window_known, double *rate_bps)
{
	double span = (double)(d->last_data_ts - d->first_data_ts) / 1e9;
	double active, mean, var, cv, gmean, gcv, early;

	*rate_bps = span > 0 ? (double)d->bytes * 8 / span : NAN;
	if (d->bytes < MIN_TINY)
		return NULL;
	if (d->bytes < MIN_BULK || d->nbins < 8)
		return d->nbins == 0 && d->bytes >= MIN_BULK ? "unknown" : "opportunity";
	active = (double)(d->nbins - d->bins_idle);
	if (active < 1)
		return "unknown";
	if ((double)d->bins_loss / active >= 0.1 ||
	    (d->data_segs > 0 && (double)(d->rexmits + d->fills) / d->data_segs >= 0.01))
		return "congestion";
	if ((double)d->bins_rwnd / active >= 0.5)
		return window_known ? "receiver-window" : "unknown";
	if ((double)d->bins_idle / d->nbins >= 0.3)
		return "application";
	mean = d->bin_sum / d->nbins;
	var = d->bin_sumsq / d->nbins - mean * mean;
	cv = mean > 0 && var > 0 ? sqrt(var) / mean : 0;
	early = d->early_n > 0 ? d->early_sum / d->early_n : 0;
	if (early > 0 && d->late_ema > 1.5 * early && cv > 0.2)
		return "transport";
	gmean = d->ngap > 0 ? d->gap_sum / d->ngap : 0;
	var = d->ngap > 0 ? d->gap_sumsq / d->ngap - gmean * gmean : 0;
	gcv = gmean > 0 && var > 0 ? sqrt(var) / gmean : 0;
	if (gcv < 1.0)
		return "bandwidth";
	return "sender-window";
}
