/*
 * --report FILE on the probe commands: the report page written straight
 * from the run's JSON result, with the capture kept beside it (FILE's
 * name with .pcap) when -w does not name one, so that the evidence the
 * page cites can be opened.  The file is created before the privilege
 * drop, like -w's, as a temporary file beside it (probes/cli/outfile.h):
 * a run that fails, however, leaves the old report as it was.
 */
#ifndef FL_REPORTFILE_H
#define FL_REPORTFILE_H

#include <jansson.h>
#include <limits.h>
#include <stddef.h>

#include "analyze/report/report.h"

struct report_file {
	const char	*path;		/* NULL: no report asked for */
	enum rp_format	 fmt;
	int		 fd;
	char		 pcap[PATH_MAX];	/* the capture beside it */
	struct rp_owners owners;
	const char	*owners_path;
};

/*
 * After option parsing: remember path and owners_path (either may be
 * NULL), name them to the checks of probes/cli/files.h (which exit on a
 * report that is an input, or a link), load the owners file, and when
 * wfile is not NULL and *wfile is NULL point it at the capture beside
 * the report.  Returns 0, or the
 * exit status with err: FL_EXIT_USAGE for a bad name, FL_EXIT_NOINPUT
 * when the owners file cannot be opened, FL_EXIT_DATAERR when it is bad.
 */
int	report_file_setup(struct report_file *, const char *path, const char *owners_path,
	    const char **wfile, char *err, size_t errlen);

/* Before the drop: create the file (its temporary file).  -1 with err. */
int	report_file_open(struct report_file *, char *err, size_t errlen);

/*
 * The page for root (a finished JSON result), which replaces the old one
 * when the run ends well.  -1 with err: the run must fail, and nothing
 * is replaced.
 */
int	report_file_write(struct report_file *, const json_t *root, const char *generator,
	    char *err, size_t errlen);

/* Stop writing: the run fails, and its temporary file goes. */
void	report_file_abort(struct report_file *);

#endif
