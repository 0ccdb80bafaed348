/*
 * probe-report: turn probe results (the JSON any faultline command
 * writes with --json) into one report a manager reads in a minute:
 * what is wrong, who must act, how sure, with pictures and the packets
 * as proof.  It sends nothing and needs no privilege.
 *
 * The output is written to a temporary file beside the target and
 * renamed into place only when complete (probes/cli/outfile.h): a failed
 * or killed run leaves the old report as it was, and no temporary file.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "probes/cli/cli.h"
#include "probes/cli/files.h"
#include "analyze/report/report.h"
#include "probes/cli/opts.h"
#include "probes/cli/outfile.h"
#include "probes/cli/reportfile.h"

#define PROG		"probe-report"
#define MAX_RESULTS	64
#define MAX_RESULT_SIZE	(64 << 20)

/* The parsed command line: the only global state (see STYLE.md). */
static struct {
	const char	*out;		/* NULL: standard output */
	const char	*format;	/* NULL: from the output's name */
	const char	*owners;
	const char	*title;
	const char	*files[MAX_RESULTS];
	int		 nfiles;
} opt;

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: probe-report [-o file] [--format html|md|txt] [--owners file]\n"
	    "                    [--title text] result.json...\n"
	    "\n"
	    "  result.json          a result of ptrace-slow, synprobe, postprobe or\n"
	    "                       pcap-triage (--json); several make one report;\n"
	    "                       - reads standard input\n"
	    "  -o, --output file    write the report here (default: standard output)\n"
	    "  -f, --format fmt     html (default), md or txt; by default from -o's name\n"
	    "  --owners file        who runs which addresses: lines of 'prefix [role] name',\n"
	    "                       role one of ours, isp, server, user\n"
	    "  --title text         the report's title\n"
	    "\n"
	    "Exit status: 0 written, 64 usage, 65 a file is not a faultline result,\n"
	    "66 cannot open a file, 73 cannot create the output, 74 write error.\n"
	    "See probe-report(1).\n");
}

static void
parse_args(int argc, char **argv)
{
	enum { O_OWNERS = 256, O_TITLE };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "owners", required_argument, NULL, O_OWNERS },
		{ "title", required_argument, NULL, O_TITLE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch, i;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":o:f:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			if (*optarg == '\0')
				cli_die(FL_EXIT_USAGE, "-o: empty file name");
			opt.out = strcmp(optarg, "-") == 0 ? NULL : optarg;
			break;
		case 'f':
			if (strcmp(optarg, "html") != 0 && strcmp(optarg, "md") != 0 &&
			    strcmp(optarg, "txt") != 0)
				cli_die(FL_EXIT_USAGE, "--format: '%s' is not html, md or txt", optarg);
			opt.format = optarg;
			break;
		case O_OWNERS:
			opt.owners = optarg;
			break;
		case O_TITLE:
			if (strlen(optarg) > 200)
				cli_die(FL_EXIT_USAGE, "--title: longer than 200 characters");
			opt.title = optarg;
			break;
		default:
			cli_option_end(ch, argv, PROG, usage);
		}
	}
	for (; optind < argc; optind++) {
		if (opt.nfiles == MAX_RESULTS)
			cli_die(FL_EXIT_USAGE, "more than %d results", MAX_RESULTS);
		opt.files[opt.nfiles++] = argv[optind];
	}
	if (opt.nfiles == 0)
		cli_die(FL_EXIT_USAGE, "no result file given (see --help)");
	/* Before anything is opened: -o must not be one of the files read. */
	for (i = 0; i < opt.nfiles; i++)
		cli_file_in("", opt.files[i]);
	cli_file_in("--owners", opt.owners);
	cli_file_out("-o", opt.out);
}

/* One result file, whole, as JSON; dies with a line naming the problem. */
static json_t *
load(const char *path)
{
	json_error_t je;
	struct stat st;
	json_t *root;
	FILE *in;

	in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (in == NULL)
		cli_die(FL_EXIT_NOINPUT, "cannot open %s: %s", path, strerror(errno));
	if (fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode))
		cli_die(FL_EXIT_NOINPUT, "cannot read %s: it is a directory", path);
	if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > MAX_RESULT_SIZE)
		cli_die(FL_EXIT_DATAERR, "%s: larger than %d MB: not a probe result", path,
		    MAX_RESULT_SIZE >> 20);
	root = json_loadf(in, JSON_REJECT_DUPLICATES, &je);
	if (in != stdin)
		fclose(in);
	if (root == NULL)
		cli_die(FL_EXIT_DATAERR, "%s: not JSON (line %d: %s)", path, je.line, je.text);
	return root;
}

/*
 * Where the report goes: a temporary file beside it, which a guardian
 * process renames over it when the run ends well or removes when it
 * does not, even when this one is killed (probes/cli/outfile.h).
 */
static FILE *
open_out(void)
{
	char err[PATH_MAX + 128];
	struct stat old;
	FILE *out;
	int fd;

	if (opt.out == NULL)
		return stdout;
	fd = outfile_create(opt.out, &old, NULL, err, sizeof(err));
	if (fd < 0)
		cli_die(FL_EXIT_CANTCREAT, "%s", err);
	if (outfile_guard(err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	if ((out = fdopen(fd, "w")) == NULL)
		cli_die(FL_EXIT_CANTCREAT, "cannot create %s: %s", opt.out, strerror(errno));
	return out;
}

int
main(int argc, char **argv)
{
	static struct rp_item items[MAX_RESULTS];
	json_t *roots[MAX_RESULTS];
	struct rp_owners owners = { NULL, 0, 0 };
	struct rp_meta m = { NULL, 0, PROG " " FL_VERSION };
	enum rp_format fmt;
	char err[512];
	FILE *out, *in;
	int i;

	parse_args(argc, argv);
	if (opt.owners != NULL) {
		if ((in = fopen(opt.owners, "r")) == NULL)
			cli_die(FL_EXIT_NOINPUT, "cannot open %s: %s", opt.owners, strerror(errno));
		if (rp_owners_load(&owners, in, opt.owners, err, sizeof(err)) != 0)
			cli_die(FL_EXIT_DATAERR, "%s", err);
		fclose(in);
	}
	for (i = 0; i < opt.nfiles; i++) {
		roots[i] = load(opt.files[i]);
		if (rp_item_read(roots[i], opt.files[i], &owners, &items[i], err, sizeof(err)) != 0)
			cli_die(FL_EXIT_DATAERR, "%s: %s", opt.files[i], err);
	}
	if (opt.format != NULL)
		fmt = strcmp(opt.format, "md") == 0 ? RF_MD : strcmp(opt.format, "txt") == 0 ? RF_TXT : RF_HTML;
	else
		fmt = opt.out != NULL ? report_format_for(opt.out) : RF_HTML;
	m.title = opt.title;
	m.generated_ns = cli_now_ns();
	out = open_out();
	if (report_write(out, fmt, items, (size_t)opt.nfiles, &m) != 0 || fflush(out) != 0)
		cli_die(FL_EXIT_IOERR, "%s: write error", opt.out ? opt.out : "standard output");
	if (out != stdout) {
		if (fclose(out) != 0)
			cli_die(FL_EXIT_IOERR, "%s: write error", opt.out);
		/* Renamed over the target as this run exits 0. */
		outfile_done(opt.out);
	}
	for (i = 0; i < opt.nfiles; i++)
		json_decref(roots[i]);
	rp_owners_free(&owners);
	return FL_EXIT_OK;
}
