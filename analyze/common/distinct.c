#include <math.h>

#include "analyze/common/distinct.h"

uint32_t
distinct_mix(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

bool
distinct_has(const uint8_t *bits, uint32_t nbits, uint32_t h)
{
	h = distinct_mix(h) % nbits;
	return (bits[h / 8] & (1u << (h % 8))) != 0;
}

bool
distinct_add(uint8_t *bits, uint32_t nbits, uint32_t h)
{
	bool was;

	h = distinct_mix(h) % nbits;
	was = (bits[h / 8] & (1u << (h % 8))) != 0;
	bits[h / 8] |= (uint8_t)(1u << (h % 8));
	return was;
}

double
distinct_estimate(uint32_t set, uint32_t nbits)
{
	uint32_t zero = set >= nbits ? 1 : nbits - set;

	return -(double)nbits * log((double)zero / nbits);
}

double
distinct_count(const uint8_t *bits, uint32_t nbits)
{
	uint32_t i, zero = 0;

	for (i = 0; i < nbits; i++)
		if (!(bits[i / 8] & (1u << (i % 8))))
			zero++;
	return distinct_estimate(nbits - zero, nbits);
}
