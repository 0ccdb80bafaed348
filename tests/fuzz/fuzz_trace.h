/*
 * What fuzz_baseline and fuzz_locations share: one fixed synthetic
 * trace (four routers 198.18.0.2 to 198.18.3.2, a 5 ms step into the
 * third, the destination 198.18.9.2, ICMP identifier 77; the seeds'
 * addresses), inferred with the user's evidence under test, its reports
 * written, and every sentence checked to be whole JSON text.
 */
#ifndef FL_FUZZ_TRACE_H
#define FL_FUZZ_TRACE_H

#include "analyze/ptrace_slow/baseline.h"
#include "analyze/ptrace_slow/infer.h"
#include "analyze/ptrace_slow/locations.h"

/*
 * infer_path() on the trace with bl and locs (either may be NULL), then
 * the JSON and text reports; aborts on a broken invariant.  When
 * round_trip, the JSON written must read back as a baseline.
 */
void	fuzz_trace_infer(const struct path_baseline *bl, const struct path_locations *locs,
	    bool round_trip);

#endif
