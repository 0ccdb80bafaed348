/*
 * --report FILE (reportfile.h): the probe commands' report page.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "probes/cli/cli.h"
#include "probes/cli/files.h"
#include "probes/cli/opts.h"
#include "probes/cli/outfile.h"
#include "probes/cli/reportfile.h"
#include "probes/priv.h"


/* The report's name and format, and the capture beside it when -w names none. */
static int
beside(struct report_file *rf, const char *path, const char **wfile, char *err, size_t errlen)
{
	const char *slash, *dot;
	size_t stem;

	cli_file_out("--report", path);
	rf->fmt = report_format_for(path);
	if (wfile == NULL || *wfile != NULL)
		return 0;
	slash = strrchr(path, '/');
	dot = strrchr(path, '.');
	stem = dot != NULL && (slash == NULL || dot > slash + 1) ? (size_t)(dot - path) : strlen(path);
	if (snprintf(rf->pcap, sizeof(rf->pcap), "%.*s.pcap", (int)stem, path) >= (int)sizeof(rf->pcap)) {
		snprintf(err, errlen, "--report: file name too long");
		return FL_EXIT_USAGE;
	}
	if (strcmp(rf->pcap, path) == 0) {
		snprintf(err, errlen, "--report %s would overwrite its own capture", path);
		return FL_EXIT_USAGE;
	}
	cli_file_out("--report's capture", rf->pcap);
	*wfile = rf->pcap;
	return 0;
}

int
report_file_setup(struct report_file *rf, const char *path, const char *owners_path,
    const char **wfile, char *err, size_t errlen)
{
	FILE *in;
	int rc;

	memset(rf, 0, sizeof(*rf));
	rf->fd = -1;
	rf->path = path;
	rf->owners_path = owners_path;
	/* Every name first (files.h), then the owners file is opened. */
	cli_file_in("--owners", owners_path);
	if (path != NULL && (*path == '\0' || strcmp(path, "-") == 0)) {
		snprintf(err, errlen, "--report needs a file name");
		return FL_EXIT_USAGE;
	}
	if (path != NULL && (rc = beside(rf, path, wfile, err, errlen)) != 0)
		return rc;
	if (owners_path != NULL) {
		if ((in = fopen(owners_path, "r")) == NULL) {
			snprintf(err, errlen, "cannot open %s: %s", owners_path, strerror(errno));
			return FL_EXIT_NOINPUT;
		}
		rc = rp_owners_load(&rf->owners, in, owners_path, err, errlen);
		fclose(in);
		if (rc != 0)
			return FL_EXIT_DATAERR;
	}
	return 0;
}

int
report_file_open(struct report_file *rf, char *err, size_t errlen)
{
	if (rf->path == NULL)
		return 0;
	rf->fd = outfile_open(rf->path, err, errlen);
	return rf->fd < 0 ? -1 : 0;
}

void
report_file_abort(struct report_file *rf)
{
	if (rf->fd < 0)
		return;
	close(rf->fd);
	rf->fd = -1;
}

int
report_file_write(struct report_file *rf, const json_t *root, const char *generator, char *err,
    size_t errlen)
{
	struct rp_meta m = { NULL, cli_now_ns(), generator };
	struct rp_item it;
	FILE *out;
	int rc;

	if (rf->path == NULL)
		return 0;
	if (rp_item_read(root, NULL, &rf->owners, &it, err, errlen) != 0) {
		report_file_abort(rf);
		return -1;
	}
	out = fdopen(rf->fd, "w");
	if (out == NULL) {
		snprintf(err, errlen, "%s: %s", rf->path, strerror(errno));
		report_file_abort(rf);
		return -1;
	}
	rf->fd = -1;
	rc = report_write(out, rf->fmt, &it, 1, &m);
	if (fflush(out) != 0 || ferror(out))
		rc = -1;
	if (fclose(out) != 0)
		rc = -1;
	if (rc != 0) {
		snprintf(err, errlen, "%s: write error", rf->path);
		return -1;
	}
	/* Written whole: it replaces the old one when the run ends well. */
	outfile_done(rf->path);
	rp_owners_free(&rf->owners);
	return 0;
}
