/*
 * Checked reads from an untrusted JSON object (a result file): each
 * gives "" / NULL / the fallback when the object or the key is absent,
 * or the value is of another type or out of range.
 */
#ifndef FL_REPORT_JSON_READ_H
#define FL_REPORT_JSON_READ_H

#include <jansson.h>

const char *rp_str(const json_t *o, const char *key);
double	rp_num(const json_t *o, const char *key, double fallback);
long long rp_int(const json_t *o, const char *key, long long lo, long long hi, long long fallback);
const json_t *rp_obj(const json_t *o, const char *key);
const json_t *rp_arr(const json_t *o, const char *key);

#endif
