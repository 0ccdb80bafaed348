/*
 * Bounds-checked reads from captured packet bytes.
 *
 * Every byte of wire data is read through these accessors, in the
 * manner of tcpdump's GET_BE_U_2: a read that would cross the end of
 * what was captured fails instead of reading past it.  A cursor never
 * exposes a raw pointer for arithmetic; sub-ranges are taken with
 * cur_sub(), which is checked the same way.
 */
#ifndef FL_CURSOR_H
#define FL_CURSOR_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

struct cur {
	const uint8_t	*p;	/* first byte */
	size_t		 len;	/* bytes available from p */
};

static inline struct cur
cur_make(const uint8_t *p, size_t len)
{
	struct cur c;

	c.p = (p != NULL) ? p : (const uint8_t *)"";
	c.len = (p != NULL) ? len : 0;
	return c;
}

static inline bool
cur_has(const struct cur *c, size_t off, size_t n)
{
	return off <= c->len && n <= c->len - off;
}

static inline bool
cur_u8(const struct cur *c, size_t off, uint8_t *v)
{
	if (!cur_has(c, off, 1))
		return false;
	*v = c->p[off];
	return true;
}

static inline bool
cur_be16(const struct cur *c, size_t off, uint16_t *v)
{
	if (!cur_has(c, off, 2))
		return false;
	*v = (uint16_t)((c->p[off] << 8) | c->p[off + 1]);
	return true;
}

static inline bool
cur_le16(const struct cur *c, size_t off, uint16_t *v)
{
	if (!cur_has(c, off, 2))
		return false;
	*v = (uint16_t)((c->p[off + 1] << 8) | c->p[off]);
	return true;
}

static inline bool
cur_be32(const struct cur *c, size_t off, uint32_t *v)
{
	if (!cur_has(c, off, 4))
		return false;
	*v = ((uint32_t)c->p[off] << 24) | ((uint32_t)c->p[off + 1] << 16) |
	    ((uint32_t)c->p[off + 2] << 8) | (uint32_t)c->p[off + 3];
	return true;
}

static inline bool
cur_le32(const struct cur *c, size_t off, uint32_t *v)
{
	if (!cur_has(c, off, 4))
		return false;
	*v = ((uint32_t)c->p[off + 3] << 24) | ((uint32_t)c->p[off + 2] << 16) |
	    ((uint32_t)c->p[off + 1] << 8) | (uint32_t)c->p[off];
	return true;
}

/* Copy n bytes out; fails without writing if they were not captured. */
static inline bool
cur_copy(const struct cur *c, size_t off, void *dst, size_t n)
{
	size_t i;
	uint8_t *d = dst;

	if (!cur_has(c, off, n))
		return false;
	for (i = 0; i < n; i++)
		d[i] = c->p[off + i];
	return true;
}

/* The sub-range [off, off+n); fails if any of it was not captured. */
static inline bool
cur_sub(const struct cur *c, size_t off, size_t n, struct cur *out)
{
	if (!cur_has(c, off, n))
		return false;
	out->p = c->p + off;
	out->len = n;
	return true;
}

/* Everything from off to the end (possibly empty). */
static inline bool
cur_tail(const struct cur *c, size_t off, struct cur *out)
{
	if (off > c->len)
		return false;
	out->p = c->p + off;
	out->len = c->len - off;
	return true;
}

/* At most n bytes from off: for captures cut short by the snap length. */
static inline struct cur
cur_clip(const struct cur *c, size_t off, size_t n)
{
	struct cur out;

	if (off > c->len) {
		out.p = c->p;
		out.len = 0;
		return out;
	}
	out.p = c->p + off;
	out.len = (c->len - off < n) ? c->len - off : n;
	return out;
}

/* One's complement sum (RFC 1071) of a range, folded to 16 bits. */
uint16_t cur_cksum(const struct cur *c, uint32_t initial);

#endif
