/*
 * JSON values every renderer writes the same way (jansson): addresses,
 * optional strings, milliseconds, a link's ends, a verdict and its
 * evidence.  Each returns a new reference, json_null() for what is
 * unknown.
 */
#ifndef FL_JSONOUT_H
#define FL_JSONOUT_H

#include <stdbool.h>

#include <jansson.h>

#include "analyze/packet/addr.h"
#include "analyze/common/verdict.h"

json_t	*jo_addr(const struct fl_addr *);	/* null when unset */
json_t	*jo_str(const char *);			/* null when NULL or empty */
/*
 * A name (a file's, an option's value): null when NULL, else the string,
 * kept even when it is not UTF-8 (each stray byte as \xNN, and then each
 * backslash doubled) where jansson would refuse it and the field be lost.
 * jo_str() writes its strings the same way.
 */
json_t	*jo_name(const char *);
/* A figure rounded to 3 decimals; null when NaN or infinite. */
json_t	*jo_num(double);
/* Milliseconds where a negative value means "not measured": null then. */
json_t	*jo_ms_known(double);
json_t	*jo_end(const struct link_end *);	/* {"ttl", "address"} */
json_t	*jo_link(bool has, const struct link_end *from, const struct link_end *to);
/* {"fault", "kind", "hop", "address", "link", "confidence", "confidence_reason", "summary"} */
json_t	*jo_verdict(const struct verdict *);
/* [{"frame", "summary"}], frames of the server's capture marked "capture": "server". */
json_t	*jo_evidence(const struct evidence_list *);

#endif
