/*
 * The JSON values shared by every renderer (see jsonout.h).
 */
#include <math.h>

#include "analyze/common/jsonout.h"

json_t *
jo_addr(const struct fl_addr *a)
{
	char b[FL_ADDRSTRLEN];

	return fl_addr_is_set(a) ? json_string(fl_addr_str(a, b, sizeof(b))) : json_null();
}

json_t *
jo_str(const char *s)
{
	return (s != NULL && *s != '\0') ? json_string(s) : json_null();
}

json_t *
jo_num(double v)
{
	if (isnan(v) || isinf(v))
		return json_null();
	return json_real(round(v * 1000) / 1000);
}

json_t *
jo_ms_known(double v)
{
	return v < 0 ? json_null() : jo_num(v);
}

json_t *
jo_end(const struct link_end *e)
{
	json_t *o = json_object();

	json_object_set_new(o, "ttl", json_integer(e->ttl));
	json_object_set_new(o, "address", jo_addr(&e->addr));
	return o;
}

json_t *
jo_link(bool has, const struct link_end *from, const struct link_end *to)
{
	json_t *o;

	if (!has)
		return json_null();
	o = json_object();
	json_object_set_new(o, "from", jo_end(from));
	json_object_set_new(o, "to", jo_end(to));
	return o;
}

json_t *
jo_verdict(const struct verdict *v)
{
	json_t *o = json_object();

	json_object_set_new(o, "fault", json_string(fault_name(v->fault)));
	json_object_set_new(o, "kind", json_string(v->kind ? v->kind : "unknown"));
	json_object_set_new(o, "hop", v->hop > 0 ? json_integer(v->hop) : json_null());
	json_object_set_new(o, "address", jo_addr(&v->addr));
	json_object_set_new(o, "link", jo_link(v->has_link, &v->from, &v->to));
	json_object_set_new(o, "confidence", json_string(confidence_name(v->confidence)));
	json_object_set_new(o, "confidence_reason", jo_str(v->confidence_reason));
	json_object_set_new(o, "summary", json_string(v->summary));
	return o;
}

json_t *
jo_evidence(const struct evidence_list *l)
{
	json_t *ev = json_array();
	size_t i;

	for (i = 0; i < l->n; i++) {
		json_t *o = json_object();
		uint32_t f = l->v[i].frame;

		if (f >= EVIDENCE_SERVER_FRAME) {
			json_object_set_new(o, "frame", json_integer(f - EVIDENCE_SERVER_FRAME));
			json_object_set_new(o, "capture", json_string("server"));
		} else {
			json_object_set_new(o, "frame", json_integer(f));
		}
		json_object_set_new(o, "summary", json_string(l->v[i].summary));
		json_array_append_new(ev, o);
	}
	return ev;
}
