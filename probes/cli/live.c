/*
 * A live run's privileged start and its end (see live.h).
 */
#include <errno.h>

#include "probes/cli/cli.h"
#include "probes/cli/files.h"
#include "probes/cli/live.h"
#include "probes/cli/opts.h"
#include "probes/cli/outfile.h"
#include "probes/priv.h"

void
live_start(struct fl_envelope *env, struct report_file *rf, const char *tool,
    const char *report, const char *owners, const char **wfile)
{
	char err[512];
	int rc;

	if (wfile != NULL)
		cli_file_out("-w", *wfile);
	rc = report_file_setup(rf, report, owners, wfile, err, sizeof(err));
	if (rc != 0)
		cli_die(rc, "%s", err);
	memset(env, 0, sizeof(*env));
	env->tool = tool;
	env->started_at = cli_now_ns();
}

void
live_open(struct live *lv, const struct live_cfg *cfg)
{
	pcap_t *pc;
	char err[512];
	int wfd = -1;

	memset(lv, 0, sizeof(*lv));
	if (!priv_have_raw())
		cli_die(FL_EXIT_NOPERM, "raw sockets need root or cap_net_raw (try sudo, or "
		    "make install to set the capability)");
	lv->ln = priv_open_raw4(cfg->iface, err, sizeof(err));
	if (lv->ln == NULL)
		cli_die(errno == EPERM || errno == EACCES ? FL_EXIT_NOPERM : FL_EXIT_OSERR, "%s", err);
	lv->ln6 = priv_open_raw6(cfg->iface, lv->ln6_err, sizeof(lv->ln6_err));
	pc = priv_open_capture(cfg->iface, cfg->snaplen, cfg->immediate, cfg->ring_mb,
	    err, sizeof(err));
	if (pc == NULL)
		cli_die(FL_EXIT_NOPERM, "%s", err);
	if (cfg->wfile != NULL && (wfd = outfile_open(cfg->wfile, err, sizeof(err))) < 0)
		cli_die(FL_EXIT_CANTCREAT, "%s", err);
	if (cfg->rf != NULL && report_file_open(cfg->rf, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_CANTCREAT, "%s", err);
	capture_init(&lv->cap);
	if (capture_live(&lv->cap, pc, err, sizeof(err)) != 0 ||
	    (cfg->filter != NULL && capture_filter(&lv->cap, cfg->filter, err, sizeof(err)) != 0))
		cli_die(FL_EXIT_OSERR, "%s", err);
	if (wfd >= 0) {
		/* An error exit writes nothing more: the file goes whole. */
		lv->wfile = cfg->wfile;
		cli_on_die(capture_abort_hook, &lv->cap);
		if (capture_write_to(&lv->cap, wfd, err, sizeof(err)) != 0)
			cli_die(FL_EXIT_CANTCREAT, "%s: %s", cfg->wfile, err);
	}
	if (outfile_drop_privileges(err, sizeof(err)) != 0)
		cli_die(FL_EXIT_NOPERM, "%s", err);
}

void
live_finish(struct live *lv, struct fl_envelope *env)
{
	char err[256];

	env->have_drops = capture_drops(&lv->cap, &env->pcap_recv, &env->pcap_drop,
	    &env->pcap_ifdrop) == 0;
	if (lv->wfile != NULL && capture_finish_write(&lv->cap, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_IOERR, "%s: %s", lv->wfile, err);
	if (lv->wfile != NULL) {
		cli_off_die(capture_abort_hook, &lv->cap);
		outfile_done(lv->wfile);
	}
	env->capture_file = lv->wfile;
	env->capture_mode = "written";
	env->capture_sha256 = lv->cap.sha256;
	env->frames = lv->cap.frames;
}

void
live_close(struct live *lv)
{
	capture_close(&lv->cap);
	if (lv->ln != NULL)
		libnet_destroy(lv->ln);
	if (lv->ln6 != NULL)
		libnet_destroy(lv->ln6);
	lv->ln = lv->ln6 = NULL;
}
