/*
 * The JSON envelope every command writes (tool, version, when, source,
 * options, the capture and its counters), so that probe-report can read
 * any of them, and the writing of a finished document.
 */
#include <string.h>
#include <time.h>

#include "analyze/common/envelope.h"
#include "analyze/common/jsonout.h"

void
render_time_iso(int64_t ns, char *buf, size_t len)
{
	time_t t = (time_t)(ns / 1000000000);
	struct tm tm;
	char base[32];

	if (gmtime_r(&t, &tm) == NULL || strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm) == 0) {
		snprintf(buf, len, "1970-01-01T00:00:00Z");
		return;
	}
	snprintf(buf, len, "%s.%03dZ", base, (int)((ns / 1000000) % 1000));
}

/*
 * The capture's own defects: frames that copy others (left out of the
 * reading; "duplicates" above are further replies to a probe already
 * answered), and its timestamps.
 */
static void
render_json_frame_defects(json_t *cap, const struct fdef_stats *fd, uint64_t rtt_bad)
{
	json_t *ts = json_object();

	json_object_set_new(cap, "copies", json_integer((json_int_t)(fd->exact_dups + fd->router_dups)));
	json_object_set_new(cap, "copies_exact", json_integer((json_int_t)fd->exact_dups));
	json_object_set_new(cap, "copies_after_router", json_integer((json_int_t)fd->router_dups));
	if (ts == NULL)
		return;
	json_object_set_new(ts, "trusted", json_boolean(!fd->ts_defective && rtt_bad == 0));
	json_object_set_new(ts, "not_advancing", json_integer((json_int_t)fd->ts_still));
	json_object_set_new(ts, "backwards", json_integer((json_int_t)fd->ts_back));
	json_object_set_new(ts, "backwards_max_ms", jo_num((double)fd->ts_back_ns / 1e6));
	json_object_set_new(ts, "out_of_range", json_integer((json_int_t)fd->ts_range));
	json_object_set_new(ts, "round_trips_unusable", json_integer((json_int_t)rtt_bad));
	json_object_set_new(cap, "timestamps", ts);
}

json_t *
render_json_envelope(const struct fl_envelope *e)
{
	char when[40];
	json_t *root, *src, *cap;

	render_time_iso(e->started_at, when, sizeof(when));
	root = json_object();
	src = json_object();
	cap = json_object();
	if (root == NULL || src == NULL || cap == NULL) {
		json_decref(root);
		json_decref(src);
		json_decref(cap);
		return NULL;
	}
	json_object_set_new(root, "tool", json_string(e->tool));
	json_object_set_new(root, "version", json_string(FL_VERSION));
	json_object_set_new(root, "started_at", json_string(when));
	json_object_set_new(src, "address", jo_addr(&e->src));
	json_object_set_new(src, "interface", jo_str(e->iface));
	json_object_set_new(src, "gateway", jo_addr(&e->gateway));
	json_object_set_new(root, "source", src);
	json_object_set_new(root, "options", e->options ? json_incref(e->options) : json_object());

	json_object_set_new(cap, "file", jo_str(e->capture_file));
	json_object_set_new(cap, "sha256", jo_str(e->capture_file ? e->capture_sha256 : NULL));
	json_object_set_new(cap, "mode", jo_str(e->capture_file ? e->capture_mode : NULL));
	json_object_set_new(cap, "frames", json_integer(e->frames));
	if (e->file_cut) {
		json_object_set_new(cap, "file_cut_short", json_true());
		json_object_set_new(cap, "file_error", jo_str(e->file_err));
	}
	if (e->have_drops) {
		json_object_set_new(cap, "kernel_received", json_integer(e->pcap_recv));
		json_object_set_new(cap, "kernel_dropped", json_integer(e->pcap_drop));
		json_object_set_new(cap, "interface_dropped", json_integer(e->pcap_ifdrop));
	}
	if (e->sent > 0) {
		json_object_set_new(cap, "probes_sent", json_integer(e->sent));
		json_object_set_new(cap, "probes_not_captured", json_integer(e->sent_unseen));
	}
	if (e->cnt != NULL) {
		json_object_set_new(cap, "truncated", json_integer((json_int_t)e->cnt->truncated));
		json_object_set_new(cap, "invalid", json_integer((json_int_t)e->cnt->invalid));
		json_object_set_new(cap, "not_ipv4", json_integer((json_int_t)e->cnt->not_ipv4));
		json_object_set_new(cap, "ipv6", json_integer((json_int_t)e->cnt->ipv6));
		json_object_set_new(cap, "foreign_probes", json_integer((json_int_t)e->cnt->foreign_probes));
		json_object_set_new(cap, "foreign_replies", json_integer((json_int_t)e->cnt->foreign_replies));
		json_object_set_new(cap, "quote_truncated", json_integer((json_int_t)e->cnt->quote_truncated));
		json_object_set_new(cap, "quote_invalid", json_integer((json_int_t)e->cnt->quote_invalid));
		json_object_set_new(cap, "duplicates", json_integer((json_int_t)e->cnt->duplicates));
		json_object_set_new(cap, "late", json_integer((json_int_t)e->cnt->late));
		if (e->cnt->fd != NULL)
			render_json_frame_defects(cap, e->cnt->fd, e->cnt->rtt_bad);
	}
	json_object_set_new(root, "capture", cap);
	if (e->duration_s > 0)
		json_object_set_new(root, "duration_s", jo_num(e->duration_s));
	return root;
}

int
render_json_write(json_t *root, FILE *out)
{
	if (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
		return -1;
	if (fputc('\n', out) == EOF || fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}
