/*
 * The places of a result's verdict (place.c), for the report's model:
 * internal to analyze/report/.
 */
#ifndef FL_REPORT_PLACE_H
#define FL_REPORT_PLACE_H

#include "analyze/report/report.h"

/*
 * it->place, the verdict's hop (the device responsible, or the last one
 * known to pass the probe), and for a link it->place_from, its other
 * end; each with who runs it and the evidence for that claim.
 */
void	rp_place_read(const json_t *root, const struct rp_owners *, const json_t *verdict,
	    struct rp_item *it);

#endif
