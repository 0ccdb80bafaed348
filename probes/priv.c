/*
 * The privileged calls, and the drop that ends them (see priv.h).
 * Modelled on OpenBSD traceroute: open what needs privilege, revoke,
 * verify the revocation, and only then look at a packet.
 */
#include <sys/prctl.h>
#include <sys/capability.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "probes/priv.h"

/* The account root drops to; never taken from the environment. */
#define PRIV_USER	"nobody"

/* libnet's raw socket of this injection type; what names it in the error. */
static libnet_t *
open_raw(int injection, const char *what, const char *dev, char *err, size_t errlen)
{
	char lerr[LIBNET_ERRBUF_SIZE] = "";
	libnet_t *l;

	l = libnet_init(injection, dev, lerr);
	if (l == NULL)
		snprintf(err, errlen, "cannot open %s: %s", what, lerr);
	return l;
}

libnet_t *
priv_open_raw4(const char *dev, char *err, size_t errlen)
{
	return open_raw(LIBNET_RAW4, "a raw socket", dev, err, errlen);
}

libnet_t *
priv_open_raw6(const char *dev, char *err, size_t errlen)
{
	return open_raw(LIBNET_RAW6, "an IPv6 raw socket", dev, err, errlen);
}

pcap_t *
priv_open_capture(const char *dev, int snaplen, bool immediate, int ring_mb, char *err,
    size_t errlen)
{
	char perr[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p;
	int rc;

	p = pcap_create(dev != NULL ? dev : "any", perr);
	if (p == NULL) {
		snprintf(err, errlen, "cannot capture on %s: %s", dev ? dev : "any", perr);
		return NULL;
	}
	if (pcap_set_snaplen(p, snaplen) != 0 || pcap_set_promisc(p, 0) != 0 ||
	    pcap_set_immediate_mode(p, immediate) != 0 ||
	    pcap_set_buffer_size(p, ring_mb << 20) != 0 ||
	    pcap_set_timeout(p, immediate ? 10 : 2) != 0) {
		snprintf(err, errlen, "cannot configure capture on %s", dev ? dev : "any");
		pcap_close(p);
		return NULL;
	}
	/* Kernel timestamps at the tap, both directions, in nanoseconds. */
	(void)pcap_set_tstamp_type(p, PCAP_TSTAMP_HOST);
	(void)pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO);
	rc = pcap_activate(p);
	if (rc < 0) {
		snprintf(err, errlen, "cannot capture on %s: %s", dev ? dev : "any",
		    rc == PCAP_ERROR_PERM_DENIED ? "permission denied (needs root or cap_net_raw)" :
		    pcap_geterr(p));
		pcap_close(p);
		return NULL;
	}
	return p;
}

FILE *
priv_open_input(const char *path, char *err, size_t errlen)
{
	struct stat st;
	FILE *f;

	if (strcmp(path, "-") == 0)
		return stdin;
	f = fopen(path, "rb");
	if (f == NULL) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "cannot read %s: it is a directory", path);
		fclose(f);
		return NULL;
	}
	return f;
}

bool
priv_have_raw(void)
{
	cap_flag_value_t v = CAP_CLEAR;
	cap_t caps;

	if (geteuid() == 0)
		return true;
	caps = cap_get_proc();
	if (caps == NULL)
		return false;
	(void)cap_get_flag(caps, CAP_NET_RAW, CAP_EFFECTIVE, &v);
	cap_free(caps);
	return v == CAP_SET;
}

static bool
any_capability_left(void)
{
	cap_flag_value_t v;
	cap_value_t c;
	cap_t caps;
	bool left = false;

	caps = cap_get_proc();
	if (caps == NULL)
		return true;
	for (c = 0; c <= CAP_LAST_CAP && !left; c++) {
		if (cap_get_flag(caps, c, CAP_PERMITTED, &v) == 0 && v == CAP_SET)
			left = true;
		if (cap_get_flag(caps, c, CAP_EFFECTIVE, &v) == 0 && v == CAP_SET)
			left = true;
	}
	cap_free(caps);
	return left;
}

/*
 * What the output files' guardian (probes/cli/outfile.h) keeps: of
 * root's powers only those that renaming and removing its own files in
 * someone else's directory need, CAP_DAC_OVERRIDE (to write and search
 * it) and CAP_FOWNER (a sticky directory's files), with the bounding set
 * and no_new_privs so that no other comes back; a user's run keeps no
 * capability at all.  Runs in the guardian, which then only renames and
 * removes.
 */
int
priv_lower_guardian(void)
{
	static const cap_value_t keep[] = { CAP_DAC_OVERRIDE, CAP_FOWNER };
	cap_value_t c;
	cap_t caps;
	int rc = -1;

	caps = cap_init();
	if (caps == NULL)
		return -1;
	if (geteuid() == 0) {
		/* Without CAP_SETPCAP (some containers) the set cannot shrink: nothing is executed here. */
		for (c = 0; c <= CAP_LAST_CAP; c++)
			if (c != CAP_DAC_OVERRIDE && c != CAP_FOWNER &&
			    prctl(PR_CAPBSET_DROP, c, 0, 0, 0) != 0 && errno != EINVAL && errno != EPERM)
				goto out;
		if (cap_set_flag(caps, CAP_PERMITTED, 2, keep, CAP_SET) != 0 ||
		    cap_set_flag(caps, CAP_EFFECTIVE, 2, keep, CAP_SET) != 0)
			goto out;
	}
	if (cap_set_proc(caps) != 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		goto out;
	rc = 0;
out:
	cap_free(caps);
	return rc;
}

int
priv_drop(char *err, size_t errlen)
{
	uid_t uid = getuid(), ruid, euid, suid;
	gid_t gid = getgid(), rgid, egid, sgid;
	struct passwd *pw;
	cap_t none;

	if (uid == 0 || geteuid() == 0) {
		pw = getpwnam(PRIV_USER);
		if (pw == NULL) {
			snprintf(err, errlen, "unable to revoke privileges: no user %s", PRIV_USER);
			return -1;
		}
		uid = pw->pw_uid;
		gid = pw->pw_gid;
		if (setgroups(1, &gid) != 0) {
			snprintf(err, errlen, "unable to revoke privileges: setgroups: %s",
			    strerror(errno));
			return -1;
		}
	}
	if (setresgid(gid, gid, gid) != 0 || setresuid(uid, uid, uid) != 0) {
		snprintf(err, errlen, "unable to revoke privileges: %s", strerror(errno));
		return -1;
	}
	none = cap_init();
	if (none == NULL || cap_set_proc(none) != 0) {
		snprintf(err, errlen, "unable to revoke capabilities: %s", strerror(errno));
		if (none != NULL)
			cap_free(none);
		return -1;
	}
	cap_free(none);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		snprintf(err, errlen, "unable to set no_new_privs: %s", strerror(errno));
		return -1;
	}

	/* Check: ids all dropped, no way back to root, no capability left. */
	if (getresuid(&ruid, &euid, &suid) != 0 || getresgid(&rgid, &egid, &sgid) != 0 ||
	    ruid != uid || euid != uid || suid != uid ||
	    rgid != gid || egid != gid || sgid != gid) {
		snprintf(err, errlen, "unable to revoke privileges: ids did not change");
		return -1;
	}
	if (uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) {
		snprintf(err, errlen, "unable to revoke privileges: root could be regained");
		return -1;
	}
	if (any_capability_left()) {
		snprintf(err, errlen, "unable to revoke capabilities: some remain");
		return -1;
	}
	return 0;
}
