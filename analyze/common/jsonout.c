/*
 * The JSON values shared by every renderer (see jsonout.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/common/jsonout.h"

json_t *
jo_addr(const struct fl_addr *a)
{
	char b[FL_ADDRSTRLEN];

	return fl_addr_is_set(a) ? json_string(fl_addr_str(a, b, sizeof(b))) : json_null();
}

/*
 * s, which is not UTF-8, as a JSON string all the same: each byte outside
 * a valid sequence as the four characters \xNN and, in such a string,
 * each backslash doubled, so that the bytes can be read back from it.
 * jansson judges each sequence (json_stringn() refuses a bad one), so
 * what counts as UTF-8 here is what it writes elsewhere.
 */
static json_t *
str_escaped(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, o = 0, n;
	json_t *ok, *j;
	char *buf;

	buf = malloc(len * 4 + 1);
	if (buf == NULL)
		return NULL;
	while (i < len) {
		n = p[i] < 0x80 ? 1 : p[i] >= 0xc2 && p[i] <= 0xdf ? 2 :
		    p[i] >= 0xe0 && p[i] <= 0xef ? 3 : p[i] >= 0xf0 && p[i] <= 0xf4 ? 4 : 0;
		if (n == 1) {
			if (p[i] == '\\')
				buf[o++] = '\\';
			buf[o++] = (char)p[i++];
			continue;
		}
		if (n > 1 && n <= len - i && (ok = json_stringn(s + i, n)) != NULL) {
			json_decref(ok);
			memcpy(buf + o, s + i, n);
			o += n;
			i += n;
			continue;
		}
		o += (size_t)snprintf(buf + o, 5, "\\x%02x", p[i++]);
	}
	buf[o] = '\0';
	j = json_string(buf);
	free(buf);
	return j;
}

json_t *
jo_str(const char *s)
{
	return (s != NULL && *s != '\0') ? jo_name(s) : json_null();
}

json_t *
jo_name(const char *s)
{
	json_t *j;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	j = str_escaped(s);
	return j != NULL ? j : json_null();
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
