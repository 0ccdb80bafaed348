/*
 * Checked reads from a result file (json_read.h): the file is untrusted,
 * so a key that is missing or of another type reads as "", a fallback or
 * NULL, and a number out of range or not finite as the fallback; the
 * report's code never has to test a type itself.
 */
#include <math.h>

#include "analyze/report/json_read.h"

const char *
rp_str(const json_t *o, const char *key)
{
	const json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;

	return json_is_string(v) ? json_string_value(v) : "";
}

double
rp_num(const json_t *o, const char *key, double fallback)
{
	const json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
	double d;

	if (!json_is_number(v))
		return fallback;
	d = json_number_value(v);
	return isfinite(d) ? d : fallback;
}

long long
rp_int(const json_t *o, const char *key, long long lo, long long hi, long long fallback)
{
	const json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
	long long i;

	if (!json_is_integer(v))
		return fallback;
	i = json_integer_value(v);
	return i < lo || i > hi ? fallback : i;
}

const json_t *
rp_obj(const json_t *o, const char *key)
{
	const json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;

	return json_is_object(v) ? v : NULL;
}

const json_t *
rp_arr(const json_t *o, const char *key)
{
	const json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;

	return json_is_array(v) ? v : NULL;
}
