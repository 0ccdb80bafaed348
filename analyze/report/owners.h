/*
 * probe-report's --owners FILE: one "PREFIX [ROLE] NAME" a line, ROLE
 * one of ours, isp (or upstream), server, user; '#' starts a comment.
 * The only source of an owner's name that the report does not infer.
 */
#ifndef FL_REPORT_OWNERS_H
#define FL_REPORT_OWNERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "analyze/packet/addr.h"
#include "analyze/report/actor.h"

struct rp_owner {
	struct fl_addr	net;
	int		plen;
	bool		has_role;
	enum rp_actor	role;
	char		name[96];
};

struct rp_owners {
	struct rp_owner	*v;
	size_t		 n, cap;
};

/* 0, or -1 with the file's line and the problem in err. */
int	rp_owners_load(struct rp_owners *, FILE *, const char *fname, char *err, size_t errlen);
void	rp_owners_free(struct rp_owners *);
/* The longest prefix holding a, or NULL. */
const struct rp_owner *rp_owners_find(const struct rp_owners *, const struct fl_addr *);

#endif
