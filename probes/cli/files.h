/*
 * The files a run names, checked against each other before any is
 * opened: an output that is one of the inputs (the same file by device
 * and inode, symbolic links followed; "-" is standard input) would
 * destroy what the run reads, and two outputs that are one file would
 * hold only one of them, so either is refused with one line, exit 64.
 * Only regular files count: writing /dev/null loses nothing.
 * An output that is a symbolic link is refused (exit 73) by every
 * command alike: nothing is written through a link.
 */
#ifndef FL_FILES_H
#define FL_FILES_H

#include <stdbool.h>

/* An input (opt names it in messages: "-r", "--owners"; "" for an operand).  NULL: none. */
void	cli_file_in(const char *opt, const char *path);

/* An output.  NULL: none. */
void	cli_file_out(const char *opt, const char *path);

/* a and b are one file (both exist; symbolic links followed; "-" is standard input). */
bool	cli_same_file(const char *a, const char *b);

#endif
