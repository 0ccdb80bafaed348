/*
 * Who must act on a finding: the one vocabulary the report's model and
 * the --owners file's roles share (the table is in man/probe-report.1).
 */
#ifndef FL_REPORT_ACTOR_H
#define FL_REPORT_ACTOR_H

enum rp_actor {
	RA_NOBODY,	/* nothing is wrong */
	RA_OURS,	/* our network team */
	RA_ISP,		/* our ISP or upstream provider */
	RA_SERVER,	/* the server's owner */
	RA_USER,	/* the user's own machine */
	RA_UNKNOWN	/* the evidence does not say yet */
};

#endif
