/*
 * The two calls of outfile.h that need probes/priv.c, apart so that
 * probe-report, which drops nothing, links no privileged code.
 */
#include <sys/stat.h>

#include <stddef.h>
#include <unistd.h>

#include "probes/cli/outfile.h"
#include "probes/priv.h"

int
outfile_open(const char *path, char *err, size_t errlen)
{
	struct stat old;
	int fd;

	fd = outfile_create(path, &old, priv_lower_guardian, err, errlen);
	/*
	 * Root replacing a file keeps its owner, as writing it in place did:
	 * a user's capture stays the user's to open.
	 */
	if (fd >= 0 && old.st_nlink > 0 && geteuid() == 0 &&
	    fchown(fd, old.st_uid, old.st_gid) != 0) {
		/* Then it is root's, with the old file's permissions. */
	}
	return fd;
}

int
outfile_drop_privileges(char *err, size_t errlen)
{
	if (outfile_guard(err, errlen) != 0)
		return -1;
	return priv_drop(err, errlen);
}
